package org.netlab.labs.vault.channel;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.netlab.labs.vault.channel.ChannelBreachException.Breach;
import org.netlab.labs.vault.channel.Handshake.Session;
import org.netlab.labs.vault.channel.LabChannelProtocol.FrameType;

/**
 * Fetches one file over the lab channel: connect, handshake against the pinned server key, send
 * {@code GET /path}, then read the status, the data and the end frame. Every check of the channel
 * fails with a {@link ChannelBreachException} whose {@link ChannelBreachException#breach()} and
 * message say which.
 */
public final class LabChannelClient {
  /** Connecting, and each read, wait at most this long unless told otherwise. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private LabChannelClient() {}

  /**
   * The answer to a fetch.
   *
   * @param status the lab's status
   * @param reason the server's words for it ({@code OK} for 200)
   * @param bytes how many file bytes were written to the output (0 unless 200)
   */
  public record Reply(LabStatus status, String reason, long bytes) {}

  /**
   * {@link #fetch(String, int, String, String, OutputStream, Duration)} with the default timeout.
   */
  public static Reply fetch(
      String host, int port, String pinnedServerKey, String path, OutputStream out)
      throws IOException {
    return fetch(host, port, pinnedServerKey, path, out, DEFAULT_TIMEOUT);
  }

  /**
   * Fetches {@code path} and writes the file's bytes to {@code out} as they arrive (nothing for a
   * status other than 200). The bytes are written before the end frame proves the file whole: on an
   * exception, discard what {@code out} received.
   *
   * @param pinnedServerKey the server's public key in base64, as the server prints it
   * @param path the path in the vault, starting with {@code /}
   * @throws IllegalArgumentException when the pinned key is not base64 of 32 bytes
   * @throws ChannelBreachException HANDSHAKE_FAILED for a server that does not hold the pinned key;
   *     TAMPERED, REPLAYED, REORDERED, TRUNCATED, OVERSIZED or MALFORMED for an answer that is not
   *     what the server sent; the connection is closed
   * @throws IOException when the server cannot be reached or stops answering in time
   */
  public static Reply fetch(
      String host,
      int port,
      String pinnedServerKey,
      String path,
      OutputStream out,
      Duration timeout)
      throws IOException {
    byte[] pinned = LabChannelKey.parsePinned(pinnedServerKey);
    byte[] request = (LabChannelProtocol.GET + path).getBytes(UTF_8);
    if (request.length > LabChannelProtocol.MAX_BODY) {
      throw new IllegalArgumentException("path longer than a frame can carry");
    }
    int millis = Math.toIntExact(timeout.toMillis());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), millis);
      socket.setSoTimeout(millis);
      socket.setTcpNoDelay(true);
      BufferedInputStream in =
          new BufferedInputStream(socket.getInputStream(), 4 + LabChannelProtocol.MAX_FRAME_LENGTH);
      Session session =
          Handshake.initiate(in, new BufferedOutputStream(socket.getOutputStream()), pinned);
      session.writer().write(FrameType.REQUEST, request);
      session.writer().flush();
      return receive(session.reader(), out);
    }
  }

  private static Reply receive(FrameReader reader, OutputStream out) throws IOException {
    Frame status = reader.readRequired("the status frame");
    if (status.type() != FrameType.STATUS || status.body().length < 2) {
      throw new ChannelBreachException(
          Breach.MALFORMED, "a " + status.type() + " frame where the status was due");
    }
    int code = ((status.body()[0] & 0xff) << 8) | (status.body()[1] & 0xff);
    LabStatus labStatus;
    try {
      labStatus = LabStatus.of(code);
    } catch (IllegalArgumentException e) {
      throw new ChannelBreachException(Breach.MALFORMED, e.getMessage(), e);
    }
    String reason = new String(status.body(), 2, status.body().length - 2, UTF_8);
    long bytes = 0;
    while (true) {
      Frame frame = reader.readRequired("the end frame");
      switch (frame.type()) {
        case END -> {
          return new Reply(labStatus, reason, bytes);
        }
        case DATA -> {
          if (labStatus != LabStatus.OK) {
            throw new ChannelBreachException(
                Breach.MALFORMED, "data after status " + labStatus.code());
          }
          out.write(frame.body());
          bytes += frame.body().length;
        }
        case REQUEST, STATUS ->
            throw new ChannelBreachException(
                Breach.MALFORMED, "a " + frame.type() + " frame inside the answer");
      }
    }
  }
}
