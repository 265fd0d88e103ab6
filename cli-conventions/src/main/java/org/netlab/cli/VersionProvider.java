package org.netlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code --version} of every tool: its name, the one project version Maven built, and the Java
 * running it.
 */
public final class VersionProvider implements CommandLine.IVersionProvider {
  private static final String RESOURCE = "/org/netlab/cli/version.properties";

  @Spec private CommandSpec spec;

  @Override
  public String[] getVersion() {
    return new String[] {
      spec.root().name() + " " + projectVersion(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }

  /** The version of the netlab build this class came from. */
  public static String projectVersion() {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version");
  }
}
