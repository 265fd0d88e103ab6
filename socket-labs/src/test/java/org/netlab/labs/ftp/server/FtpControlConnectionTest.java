package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.ftp.FtpTestServer;
import org.netlab.labs.ftp.RawDataFtpClient;
import org.netlab.labs.net.TricklingClient;

/** Hostile or idle input on the control connection, seen byte by byte. */
@Timeout(20)
class FtpControlConnectionTest {
  @TempDir Path dir;

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
  }

  @Test
  void idleControlConnectionGets421AndIsClosed() throws IOException {
    try (FtpTestServer server =
            FtpTestServer.start(dir, b -> b.idleTimeout(Duration.ofMillis(300)));
        Socket socket = new Socket(server.host(), server.port())) {
      BufferedReader in = reader(socket);
      assertTrue(in.readLine().startsWith("220 "));
      assertTrue(in.readLine().startsWith("421 Idle"));
      assertNull(in.readLine());
    }
  }

  @Test
  void tricklersFillingTheSessionCapAreCutAtTheLineDeadlineAndANewcomerIsServed()
      throws IOException {
    try (FtpTestServer server =
            FtpTestServer.start(dir, b -> b.maxSessions(2, 2).lineTimeout(Duration.ofSeconds(1)));
        TricklingClient first =
            TricklingClient.connect(
                new InetSocketAddress(server.host(), server.port()), Duration.ofMillis(300));
        TricklingClient second =
            TricklingClient.connect(
                new InetSocketAddress(server.host(), server.port()), Duration.ofMillis(300))) {
      for (TricklingClient slow : List.of(first, second)) {
        String seen = slow.awaitClose(Duration.ofSeconds(5));
        assertTrue(seen.startsWith("220 "), seen);
        assertTrue(seen.contains("421 Command line not complete within 1 s"), seen);
        assertTrue(slow.closedAfterMillis() < 2500, slow.closedAfterMillis() + " ms");
      }
      // The server reads what they still send for a moment before it frees their slots.
      long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
      while (true) {
        try {
          RawDataFtpClient newcomer = server.login("anonymous", "guest@");
          newcomer.disconnect();
          break;
        } catch (AssertionError | IOException refused) {
          if (System.nanoTime() > deadline) {
            throw refused;
          }
        }
      }
    }
  }

  @Test
  void overlongCommandLineGets421AndIsClosed() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir);
        Socket socket = new Socket(server.host(), server.port())) {
      BufferedReader in = reader(socket);
      in.readLine();
      OutputStream out = socket.getOutputStream();
      out.write(("USER " + "x".repeat(20_000) + "\r\n").getBytes(UTF_8));
      assertTrue(in.readLine().startsWith("421 "));
      assertNull(in.readLine());
    }
  }

  @Test
  void invalidUtf8Gets501AndTheSessionGoesOn() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir);
        Socket socket = new Socket(server.host(), server.port())) {
      BufferedReader in = reader(socket);
      in.readLine();
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {'C', 'W', 'D', ' ', (byte) 0xC0, (byte) 0xAF, '\r', '\n'});
      assertTrue(in.readLine().startsWith("501 "));
      out.write("NOOP\r\n".getBytes(UTF_8));
      assertEquals("200 OK", in.readLine());
    }
  }

  @Test
  void telnetInterruptBytesBeforeAborAreIgnored() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir);
        Socket socket = new Socket(server.host(), server.port())) {
      BufferedReader in = reader(socket);
      in.readLine();
      OutputStream out = socket.getOutputStream();
      out.write(new byte[] {(byte) 0xFF, (byte) 0xF4, (byte) 0xFF, (byte) 0xF2});
      out.write("ABOR\r\n".getBytes(UTF_8));
      assertTrue(in.readLine().startsWith("225 "));
    }
  }

  @Test
  void sessionsBeyondTheTotalCapGet421() throws IOException {
    try (FtpTestServer server = FtpTestServer.start(dir, b -> b.maxSessions(1, 1));
        Socket first = new Socket(server.host(), server.port());
        Socket second = new Socket(server.host(), server.port())) {
      assertTrue(reader(first).readLine().startsWith("220 "));
      BufferedReader in = reader(second);
      assertTrue(in.readLine().startsWith("421 "));
      assertNull(in.readLine());
    }
  }
}
