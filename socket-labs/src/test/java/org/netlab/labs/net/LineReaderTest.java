package org.netlab.labs.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class LineReaderTest {
  private static LineReader reader(String text, int limit) {
    return new LineReader(new ByteArrayInputStream(text.getBytes(US_ASCII)), limit);
  }

  @Test
  void splitsOnCrlfAndOnBareLf() throws IOException {
    LineReader lines = reader("one\r\ntwo\nthree", 10);
    assertArrayEquals("one".getBytes(US_ASCII), lines.readLine());
    assertArrayEquals("two".getBytes(US_ASCII), lines.readLine());
    assertArrayEquals("three".getBytes(US_ASCII), lines.readLine());
    assertNull(lines.readLine());
  }

  @Test
  void lineOfExactlyTheLimitWithCrlfIsAccepted() throws IOException {
    assertArrayEquals("abcd".getBytes(US_ASCII), reader("abcd\r\n", 4).readLine());
  }

  @Test
  void lineOverTheLimitIsRefused() {
    assertThrows(LineReader.LineTooLongException.class, () -> reader("abcde\r\n", 4).readLine());
    assertThrows(LineReader.LineTooLongException.class, () -> reader("abcd\rx", 4).readLine());
  }

  @Test
  void emptyLineIsEmptyNotEnd() throws IOException {
    assertArrayEquals(new byte[0], reader("\r\n", 4).readLine());
  }

  /** The two ends of one loopback connection; the server end has the idle timeout set. */
  private record Connection(Socket client, Socket server) implements AutoCloseable {
    static Connection open(Duration idle) throws IOException {
      try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        Socket client = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
        Socket server = listener.accept();
        server.setSoTimeout(Math.toIntExact(idle.toMillis()));
        return new Connection(client, server);
      }
    }

    void send(String text) throws IOException {
      OutputStream out = client.getOutputStream();
      out.write(text.getBytes(US_ASCII));
      out.flush();
    }

    /** Sends one byte every {@code interval} from a thread of its own, until the socket closes. */
    Thread trickle(Duration interval) {
      return Thread.ofVirtual()
          .start(
              () -> {
                try {
                  for (int i = 0; i < 200; i++) {
                    send("a");
                    Thread.sleep(interval);
                  }
                } catch (IOException | InterruptedException e) {
                  // Closed: the trickle ends.
                }
              });
    }

    @Override
    public void close() throws IOException {
      client.close();
      server.close();
    }
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  @Test
  @Timeout(10)
  void lineTrickledAByteAtATimeIsCutAtItsDeadline() throws Exception {
    try (Connection connection = Connection.open(Duration.ofSeconds(5))) {
      LineReader lines = LineReader.forSocket(connection.server(), 100, Duration.ofMillis(600));
      long start = System.nanoTime();
      Thread trickler = connection.trickle(Duration.ofMillis(100));
      LineReader.LineTimeoutException late =
          assertThrows(LineReader.LineTimeoutException.class, lines::readLine);
      long elapsed = millisSince(start);
      assertTrue(elapsed >= 550 && elapsed < 1500, elapsed + " ms");
      assertEquals("line not complete within 600ms", late.getMessage());
      // The rest of that line cannot be told from the next: the reader stays timed out.
      assertThrows(LineReader.LineTimeoutException.class, lines::readLine);
      connection.close();
      trickler.join();
    }
  }

  @Test
  @Timeout(10)
  void eachLineHasADeadlineOfItsOwn() throws Exception {
    try (Connection connection = Connection.open(Duration.ofSeconds(5))) {
      LineReader lines = LineReader.forSocket(connection.server(), 100, Duration.ofMillis(300));
      for (int i = 0; i < 4; i++) {
        // Pauses between lines longer than the line timeout are the idle timeout's business.
        Thread.sleep(400);
        connection.send("line " + i + "\r\n");
        assertArrayEquals(("line " + i).getBytes(US_ASCII), lines.readLine());
      }
    }
  }

  @Test
  @Timeout(10)
  void silenceBeforeALineIsBoundByTheIdleTimeoutAndTheReaderGoesOn() throws Exception {
    try (Connection connection = Connection.open(Duration.ofMillis(300))) {
      LineReader lines = LineReader.forSocket(connection.server(), 100, Duration.ofSeconds(5));
      assertThrows(SocketTimeoutException.class, lines::readLine);
      connection.send("late\n");
      assertArrayEquals("late".getBytes(US_ASCII), lines.readLine());
    }
  }

  @Test
  @Timeout(10)
  void startedClockHoldsTheFirstLineToTheTimeoutFromNow() throws Exception {
    try (Connection connection = Connection.open(Duration.ofSeconds(5))) {
      LineReader lines =
          LineReader.forSocket(connection.server(), 100, Duration.ofMillis(400)).startClock();
      long start = System.nanoTime();
      Thread.sleep(200);
      Thread trickler = connection.trickle(Duration.ofMillis(50));
      assertThrows(LineReader.LineTimeoutException.class, lines::readLine);
      long elapsed = millisSince(start);
      assertTrue(elapsed >= 350 && elapsed < 1500, elapsed + " ms");
      connection.close();
      trickler.join();
    }
  }

  @Test
  @Timeout(10)
  void startedClockEndsSilenceAsAnIdleTimeout() throws Exception {
    try (Connection connection = Connection.open(Duration.ofSeconds(5))) {
      LineReader lines =
          LineReader.forSocket(connection.server(), 100, Duration.ofMillis(400)).startClock();
      long start = System.nanoTime();
      assertThrows(SocketTimeoutException.class, lines::readLine);
      long elapsed = millisSince(start);
      assertTrue(elapsed >= 350 && elapsed < 1500, elapsed + " ms");
    }
  }
}
