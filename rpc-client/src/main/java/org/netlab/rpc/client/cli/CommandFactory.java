package org.netlab.rpc.client.cli;

import java.lang.reflect.Constructor;
import java.util.Objects;
import picocli.CommandLine;

/**
 * Creates commands for picocli, handing the {@link CommandContext} to every command whose
 * constructor takes one; other classes (converters, mixins) come from picocli's default factory.
 */
final class CommandFactory implements CommandLine.IFactory {
  private final CommandContext context;
  private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

  CommandFactory(CommandContext context) {
    this.context = Objects.requireNonNull(context, "context");
  }

  @Override
  public <K> K create(Class<K> type) throws Exception {
    Constructor<K> withContext;
    try {
      withContext = type.getDeclaredConstructor(CommandContext.class);
    } catch (NoSuchMethodException e) {
      return fallback.create(type);
    }
    return withContext.newInstance(context);
  }
}
