package org.netlab.labs.echo;

import picocli.CommandLine.Option;

/** The required {@code --udp | --tcp} choice of the echo commands. */
final class Transport {
  @Option(names = "--udp", required = true, description = "Echo datagrams over UDP.")
  boolean udp;

  @Option(names = "--tcp", required = true, description = "Echo lines over TCP.")
  boolean tcp;
}
