package org.netlab.rpc.server.cli;

/** A failure of the machine, not of the command line: exit 4 with its one line. */
final class CannotServe extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CannotServe(String message, Throwable cause) {
    super(message, cause);
  }
}
