package org.netlab.labs.echo;

import java.io.IOException;

/** Sends one text to an echo server and returns its reply. */
public interface EchoClient extends AutoCloseable {
  /**
   * Blocks until the reply arrives, within the client's timeout.
   *
   * @throws org.netlab.labs.integrity.IntegrityException when the reply fails the integrity check;
   *     the client stays usable
   * @throws IOException when no reply can be had
   */
  String echo(String text) throws IOException;

  @Override
  void close() throws IOException;
}
