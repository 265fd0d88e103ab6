package org.netlab.labs.cli;

import java.io.IOException;

/**
 * A server cannot start serving: its port is taken or not allowed, or another instance holds what
 * it needs. Exit code {@link org.netlab.cli.ExitCodes#CANNOT_SERVE}.
 */
public class CannotServeException extends IOException {
  private static final long serialVersionUID = 1L;

  public CannotServeException(String message, Throwable cause) {
    super(message, cause);
  }

  public CannotServeException(String message) {
    super(message);
  }
}
