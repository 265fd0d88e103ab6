package org.netlab.labs.echo;

import java.util.Locale;

/** What an echo server does to the text before sending it back. */
public enum EchoTransform {
  /** Sends the text back unchanged. */
  AS_IS,
  /** Sends it back upper-cased, in the root locale so the result does not depend on the host. */
  UPPER;

  public String apply(String text) {
    return this == UPPER ? text.toUpperCase(Locale.ROOT) : text;
  }
}
