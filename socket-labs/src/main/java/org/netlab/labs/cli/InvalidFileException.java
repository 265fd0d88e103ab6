package org.netlab.labs.cli;

import java.io.IOException;

/**
 * A file named on the command line holds something wrong; the message names the file and the line.
 * Exit code {@link org.netlab.cli.ExitCodes#USAGE}, as for a wrong option.
 */
public class InvalidFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public InvalidFileException(String message) {
    super(message);
  }

  public InvalidFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
