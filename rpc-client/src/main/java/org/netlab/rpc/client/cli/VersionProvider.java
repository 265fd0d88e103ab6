package org.netlab.rpc.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** The version Maven built, read from a resource it filters, and the Java running it. */
final class VersionProvider implements CommandLine.IVersionProvider {
  static final String RESOURCE = "/org/netlab/rpc/client/cli/version.properties";

  @Override
  public String[] getVersion() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = VersionProvider.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    }
    return new String[] {
      "rpc-client " + properties.getProperty("version", "(unknown version)"),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
    };
  }
}
