package org.netlab.labs.cli;

import java.io.IOException;

/** The other side answered, and said no: exit code {@link org.netlab.cli.ExitCodes#REFUSED}. */
public class RefusedException extends IOException {
  private static final long serialVersionUID = 1L;

  public RefusedException(String message) {
    super(message);
  }
}
