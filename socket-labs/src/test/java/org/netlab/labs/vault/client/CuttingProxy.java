package org.netlab.labs.vault.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay on loopback that passes one connection to a server and cuts it after the server has
 * sent {@code limit} bytes, as a dropped network would: the client sees a real server's answer end
 * early.
 */
final class CuttingProxy implements AutoCloseable {
  private final ServerSocket listener;
  private final Thread thread;

  CuttingProxy(int serverPort, long limit) throws IOException {
    listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    thread =
        Thread.ofVirtual()
            .start(
                () -> {
                  try (Socket client = listener.accept();
                      Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort)) {
                    Thread.ofVirtual().start(() -> relay(client, server, Long.MAX_VALUE));
                    relay(server, client, limit);
                  } catch (IOException e) {
                    // The listener closed, or a side went away: the relay ends either way.
                  }
                });
  }

  private static void relay(Socket from, Socket to, long limit) {
    try {
      InputStream in = from.getInputStream();
      OutputStream out = to.getOutputStream();
      byte[] buffer = new byte[8192];
      long left = limit;
      while (left > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
        if (n < 0) {
          break;
        }
        out.write(buffer, 0, n);
        out.flush();
        left -= n;
      }
    } catch (IOException e) {
      // The other direction closed the sockets.
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    listener.close();
    thread.join(5000);
  }
}
