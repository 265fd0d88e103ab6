package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A bare RFC 1288 server written from the RFC alone, independent of our daemon: it reads one line,
 * records it, sends a fixed answer as raw bytes and closes. Or, when told to stall, accepts and
 * never answers.
 */
final class MinimalFingerPeer implements AutoCloseable {
  private final ServerSocket listener;
  private final byte[] answer;
  private final boolean stall;
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  MinimalFingerPeer(byte[] answer, boolean stall) throws IOException {
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.answer = answer;
    this.stall = stall;
    this.acceptor = Thread.ofVirtual().start(this::serve);
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The query lines received, as received, without CRLF. */
  List<String> queries() {
    return queries;
  }

  private void serve() {
    while (!listener.isClosed()) {
      try (Socket socket = listener.accept()) {
        socket.setSoTimeout(5000);
        String line =
            new BufferedReader(new InputStreamReader(socket.getInputStream(), ISO_8859_1))
                .readLine();
        queries.add(line);
        if (stall) {
          socket.getInputStream().read();
          continue;
        }
        socket.getOutputStream().write(answer);
      } catch (IOException e) {
        // Closed listener or a client gone: nothing to serve.
      }
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    acceptor.interrupt();
  }
}
