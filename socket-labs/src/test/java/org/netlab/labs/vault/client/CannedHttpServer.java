package org.netlab.labs.vault.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A loopback server that answers every connection with the same bytes, then closes it, and keeps
 * the request heads it read: for answers no real server sends on purpose (malformed, cut, a status
 * the vault server gives that nginx does not), and to see what the client sent.
 */
final class CannedHttpServer implements AutoCloseable {
  private final ServerSocket listener;
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());

  CannedHttpServer(String answer) throws IOException {
    this(answer.getBytes(ISO_8859_1));
  }

  CannedHttpServer(byte[] answer) throws IOException {
    listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              while (!listener.isClosed()) {
                try (Socket socket = listener.accept()) {
                  requests.add(readHead(socket.getInputStream()));
                  socket.getOutputStream().write(answer);
                  socket.getOutputStream().flush();
                } catch (IOException e) {
                  // Closed: stop serving.
                }
              }
            });
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.write(b);
      matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(ISO_8859_1);
  }

  String url(String path) {
    return "http://127.0.0.1:" + listener.getLocalPort() + path;
  }

  int port() {
    return listener.getLocalPort();
  }

  /** The request heads received so far, in order. */
  List<String> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }
}
