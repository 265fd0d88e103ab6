package org.netlab.labs.vault.client;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/**
 * A response being read: its head, and its body as a stream that ends where the body ends. Closing
 * it closes the connection.
 *
 * @param url where it came from, after a redirect that was followed
 */
public record Response(VaultUrl url, ResponseHead head, InputStream body, Socket socket)
    implements AutoCloseable {
  public int status() {
    return head.status();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
