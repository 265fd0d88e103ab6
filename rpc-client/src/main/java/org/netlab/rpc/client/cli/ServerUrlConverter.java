package org.netlab.rpc.client.cli;

import org.netlab.rpc.client.ServerUrl;
import picocli.CommandLine;

/** Lets picocli report a bad {@code --server} as a usage error with the parser's reason. */
final class ServerUrlConverter implements CommandLine.ITypeConverter<ServerUrl> {
  @Override
  public ServerUrl convert(String text) {
    try {
      return ServerUrl.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(e.getMessage());
    }
  }
}
