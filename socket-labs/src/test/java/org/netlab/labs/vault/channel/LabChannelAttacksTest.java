package org.netlab.labs.vault.channel;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.vault.channel.ChannelBreachException.Breach;
import org.netlab.labs.vault.channel.LabChannelProtocol.FrameType;

/**
 * Someone in the middle changes the frames of a real exchange ({@link TamperingProxy}); each change
 * is detected, named, and ends the connection, and the server goes on serving the next client.
 * {@code /data/big.bin} is answered in six frames: status (number 1), four data frames (2 to 5) and
 * the end frame (6); in the list the proxy sees, they are at indexes 0 to 5.
 */
@Timeout(60)
class LabChannelAttacksTest {
  @TempDir Path dir;

  private static ChannelBreachException fetchThrough(
      LabChannelFixture lab, UnaryOperator<List<byte[]>> change) throws IOException {
    try (TamperingProxy proxy = TamperingProxy.onServerFrames(lab.port(), change)) {
      return fetchExpectingBreach(lab, proxy.port(), lab.key());
    }
  }

  private static ChannelBreachException fetchExpectingBreach(
      LabChannelFixture lab, int port, String key) {
    return assertThrows(
        ChannelBreachException.class,
        () ->
            LabChannelClient.fetch(
                "127.0.0.1",
                port,
                key,
                LabChannelFixture.BIG,
                new ByteArrayOutputStream(),
                Duration.ofSeconds(10)));
  }

  private static List<byte[]> edit(
      List<byte[]> frames, java.util.function.Consumer<List<byte[]>> how) {
    assertEquals(6, frames.size(), "status, four data frames, end");
    List<byte[]> copy = new ArrayList<>(frames);
    how.accept(copy);
    return copy;
  }

  @Test
  void theProxyUnchangedPassesTheFileWhole() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir);
        TamperingProxy proxy = TamperingProxy.onServerFrames(lab.port(), f -> edit(f, x -> {}))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      LabChannelClient.fetch("127.0.0.1", proxy.port(), lab.key(), LabChannelFixture.BIG, out);
      assertEquals(
          lab.sha256Of(LabChannelFixture.BIG), LabChannelFixture.sha256(out.toByteArray()));
    }
  }

  @Test
  void aFlippedBitIsTampering() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      ChannelBreachException e =
          fetchThrough(
              lab,
              frames ->
                  edit(
                      frames,
                      f -> {
                        byte[] changed = f.get(2).clone();
                        changed[100] ^= 0x01;
                        f.set(2, changed);
                      }));
      assertEquals(Breach.TAMPERED, e.breach());
      assertEquals(
          "frame 3 does not authenticate: changed in transit, or not of this connection",
          e.getMessage());
      lab.assertServes(LabChannelFixture.BIG);
    }
  }

  @Test
  void aFrameSentAgainIsAReplay() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      ChannelBreachException e = fetchThrough(lab, frames -> edit(frames, f -> f.add(2, f.get(1))));
      assertEquals(Breach.REPLAYED, e.breach());
      assertEquals("frame 3 is a replay of frame 2, received already", e.getMessage());
      lab.assertServes(LabChannelFixture.BIG);
    }
  }

  @Test
  void twoFramesSwappedAreAReordering() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      ChannelBreachException e =
          fetchThrough(
              lab,
              frames ->
                  edit(
                      frames,
                      f -> {
                        byte[] third = f.get(2);
                        f.set(2, f.get(3));
                        f.set(3, third);
                      }));
      assertEquals(Breach.REORDERED, e.breach());
      assertEquals(
          "frame 4 arrived where frame 3 was due: frames reordered or dropped", e.getMessage());
      lab.assertServes(LabChannelFixture.BIG);
    }
  }

  @Test
  void aDataFrameDroppedIsNoticedAtTheNext() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      ChannelBreachException e = fetchThrough(lab, frames -> edit(frames, f -> f.remove(3)));
      assertEquals(Breach.REORDERED, e.breach());
      assertEquals(
          "frame 5 arrived where frame 4 was due: frames reordered or dropped", e.getMessage());
      lab.assertServes(LabChannelFixture.BIG);
    }
  }

  @Test
  void theEndFrameDroppedIsATruncation() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      ChannelBreachException e = fetchThrough(lab, frames -> edit(frames, f -> f.remove(5)));
      assertEquals(Breach.TRUNCATED, e.breach());
      assertEquals("the connection ended before the end frame: truncated", e.getMessage());
      lab.assertServes(LabChannelFixture.BIG);
    }
  }

  @Test
  void aFrameCutShortIsATruncation() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      ChannelBreachException e =
          fetchThrough(
              lab,
              frames ->
                  edit(
                      frames,
                      f -> {
                        f.set(4, java.util.Arrays.copyOf(f.get(4), 1000));
                        f.subList(5, f.size()).clear();
                      }));
      assertEquals(Breach.TRUNCATED, e.breach());
      assertEquals("the connection ended inside frame 5: truncated", e.getMessage());
      lab.assertServes(LabChannelFixture.BIG);
    }
  }

  @Test
  void anOversizedLengthPrefixIsRefusedUnread() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      ChannelBreachException e =
          fetchThrough(
              lab,
              frames ->
                  edit(
                      frames,
                      f -> {
                        byte[] changed = f.get(1).clone();
                        changed[0] = 0x7f; // 2 GiB and more
                        f.set(1, changed);
                      }));
      assertEquals(Breach.OVERSIZED, e.breach());
      assertEquals(
          "frame 2 announces 2130771984 bytes, outside 17 to 65552: refused unread",
          e.getMessage());
      lab.assertServes(LabChannelFixture.BIG);
    }
  }

  @Test
  void aWrongPinnedKeyFailsTheHandshake() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      String other = LabChannelKey.generate().publicKeyBase64();
      ChannelBreachException e = fetchExpectingBreach(lab, lab.port(), other);
      assertEquals(Breach.HANDSHAKE_FAILED, e.breach());
      assertEquals(
          "handshake failed: the server did not prove it holds the pinned key"
              + " (a wrong key pinned, or someone in the middle)",
          e.getMessage());
      lab.assertServes(LabChannelFixture.BIG);
    }
  }

  @Test
  void aPinThatIsNotAKeyIsRefusedBeforeConnecting() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      String shortKey = Base64.getEncoder().encodeToString(new byte[31]);
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () ->
                  LabChannelClient.fetch(
                      "127.0.0.1",
                      lab.port(),
                      shortKey,
                      "/notes.txt",
                      OutputStream.nullOutputStream()));
      assertEquals(
          "the server key to pin is 32 bytes in base64 (44 characters), got 31 bytes",
          e.getMessage());
    }
  }

  @Test
  void aTamperedRequestIsRefusedByTheServerWhichClosesUnanswered() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir);
        TamperingProxy proxy =
            new TamperingProxy(
                lab.port(),
                request -> {
                  byte[] changed = request.clone();
                  changed[changed.length - 1] ^= (byte) 0x80;
                  return changed;
                },
                UnaryOperator.identity())) {
      ChannelBreachException e = fetchExpectingBreach(lab, proxy.port(), lab.key());
      assertEquals(Breach.TRUNCATED, e.breach());
      assertEquals("the connection ended before the status frame: truncated", e.getMessage());
      lab.assertServes(LabChannelFixture.BIG);
    }
  }

  @Test
  void anOversizedLengthPrefixSentToTheServerClosesTheConnection() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), lab.port())) {
      socket.setSoTimeout(10_000);
      InputStream in = socket.getInputStream();
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      Handshake.initiate(in, out, LabChannelKey.parsePinned(lab.key()));
      out.write(new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff});
      out.flush();
      assertClosedByServer(in);
      lab.assertServes(LabChannelFixture.BIG);
    }
  }

  @Test
  void aRecordedSessionReplayedToTheServerGetsNoAnswer() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir)) {
      byte[] recorded;
      try (TamperingProxy proxy = TamperingProxy.onServerFrames(lab.port(), f -> f)) {
        LabChannelClient.fetch(
            "127.0.0.1",
            proxy.port(),
            lab.key(),
            LabChannelFixture.NOTES,
            new ByteArrayOutputStream());
        recorded = proxy.recordedClientBytes();
      }
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), lab.port())) {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(recorded);
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        // A fresh server hello (new ephemeral key, so new keys), then nothing: the replayed
        // request does not open under them.
        assertEquals(
            LabChannelProtocol.SERVER_HELLO_LENGTH,
            in.readNBytes(LabChannelProtocol.SERVER_HELLO_LENGTH).length);
        assertClosedByServer(in);
      }
      lab.assertServes(LabChannelFixture.NOTES);
    }
  }

  @Test
  void aClientThatSaysNothingIsClosedAtTheHandshakeDeadline() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir, Duration.ofMillis(500));
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), lab.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(LabChannelProtocol.VERSION); // and nothing more
      socket.getOutputStream().flush();
      long start = System.nanoTime();
      assertClosedByServer(socket.getInputStream());
      Duration waited = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(true, waited.compareTo(Duration.ofSeconds(5)) < 0, "closed after " + waited);
      lab.assertServes(LabChannelFixture.NOTES);
    }
  }

  @Test
  void aClientThatStopsReadingIsClosedAfterTheIdleTimeout() throws Exception {
    try (LabChannelFixture lab =
            LabChannelFixture.start(dir, Duration.ofSeconds(5), Duration.ofMillis(800));
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), lab.port())) {
      // Larger than what loopback's socket buffers hold, so the server's writes block.
      Files.write(lab.root.resolve("data/huge.bin"), LabChannelFixture.random(32 << 20, 3));
      socket.setSoTimeout(10_000);
      InputStream in = new BufferedInputStream(socket.getInputStream());
      OutputStream out = new BufferedOutputStream(socket.getOutputStream());
      Handshake.Session session = Handshake.initiate(in, out, LabChannelKey.parsePinned(lab.key()));
      session.writer().write(FrameType.REQUEST, "GET /data/huge.bin".getBytes(UTF_8));
      session.writer().flush();
      Thread.sleep(3_000); // reading nothing meanwhile
      ChannelBreachException e =
          assertThrows(
              ChannelBreachException.class,
              () -> {
                while (session.reader().readRequired("the end frame").type() != FrameType.END) {
                  // what was buffered before the server closed
                }
              },
              "the whole file arrived: the stalled connection was not closed");
      assertEquals(Breach.TRUNCATED, e.breach());
      lab.assertServes(LabChannelFixture.NOTES);
    }
  }

  @Test
  void anotherVersionIsClosedWithoutAnAnswer() throws Exception {
    try (LabChannelFixture lab = LabChannelFixture.start(dir);
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), lab.port())) {
      socket.setSoTimeout(10_000);
      byte[] hello = new byte[LabChannelProtocol.CLIENT_HELLO_LENGTH];
      hello[0] = 2;
      System.arraycopy(X25519.encode(X25519.generate().getPublic()), 0, hello, 1, 32);
      socket.getOutputStream().write(hello);
      assertArrayEquals(new byte[0], socket.getInputStream().readAllBytes());
    }
  }

  /** The server closed: end of stream, or a reset if it closed with our bytes unread. */
  private static void assertClosedByServer(InputStream in) throws IOException {
    try {
      assertEquals(-1, in.read());
    } catch (SocketException reset) {
      // Connection reset: closed all the same.
    }
  }
}
