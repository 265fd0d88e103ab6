package org.netlab.labs.ftp.client;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Our client against an old-style server that knows PASV but not EPSV (RFC 2428 is optional): the
 * client falls back once and remembers it.
 */
@Timeout(20)
class FtpClientPassiveFallbackTest {
  /** Answers a fixed script on one connection and records the commands it got. */
  private static final class PasvOnlyServer implements AutoCloseable {
    final ServerSocket control = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    final List<String> commands = new CopyOnWriteArrayList<>();
    final Thread thread = Thread.ofVirtual().start(this::serve);

    PasvOnlyServer() throws IOException {}

    private void serve() {
      try (Socket socket = control.accept();
          ServerSocket data = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        BufferedReader in =
            new BufferedReader(new InputStreamReader(socket.getInputStream(), US_ASCII));
        OutputStream out = socket.getOutputStream();
        send(out, "220 old server");
        for (String line; (line = in.readLine()) != null; ) {
          commands.add(line);
          String verb = line.split(" ")[0];
          switch (verb) {
            case "USER" -> send(out, "331 password");
            case "PASS" -> send(out, "230 in");
            case "TYPE" -> send(out, "200 ok");
            case "EPSV" -> send(out, "502 EPSV not implemented");
            case "PASV" -> {
              int port = data.getLocalPort();
              // A bogus address: the client must connect back to the control host anyway.
              send(
                  out,
                  "227 Entering Passive Mode (10,9,8,7," + (port >> 8) + "," + (port & 255) + ")");
            }
            case "NLST" -> {
              send(out, "150 here it comes");
              try (Socket d = data.accept()) {
                d.getOutputStream().write("a.txt\r\nb.txt\r\n".getBytes(US_ASCII));
              }
              send(out, "226 done");
            }
            case "QUIT" -> {
              send(out, "221 bye");
              return;
            }
            default -> send(out, "502 no");
          }
        }
      } catch (IOException e) {
        // The test sees the failure through the client.
      }
    }

    private static void send(OutputStream out, String line) throws IOException {
      out.write((line + "\r\n").getBytes(US_ASCII));
      out.flush();
    }

    @Override
    public void close() throws IOException {
      control.close();
    }
  }

  @Test
  void refusedEpsvFallsBackToPasvOnceAndConnectsBackToTheServer() throws Exception {
    try (PasvOnlyServer server = new PasvOnlyServer()) {
      try (FtpClient client =
          FtpClient.connect("127.0.0.1", server.control.getLocalPort(), Duration.ofSeconds(5))) {
        client.login("anonymous", "x".toCharArray());
        assertEquals(List.of("a.txt", "b.txt"), client.names(""));
        assertEquals(List.of("a.txt", "b.txt"), client.names(""));
      }
      server.thread.join();
      assertEquals(
          List.of(
              "USER anonymous", "PASS x", "TYPE I", "EPSV", "PASV", "NLST", "PASV", "NLST", "QUIT"),
          server.commands);
    }
  }
}
