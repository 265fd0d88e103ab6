package org.netlab.labs.echo;

import java.io.IOException;
import java.net.InetSocketAddress;

/** No datagram came back from a UDP server after every try. */
public final class NoReplyException extends IOException {
  private static final long serialVersionUID = 1L;

  public NoReplyException(InetSocketAddress server, int tries) {
    super(
        "no reply from "
            + server.getHostString()
            + ":"
            + server.getPort()
            + " after "
            + tries
            + (tries == 1 ? " try" : " tries"));
  }
}
