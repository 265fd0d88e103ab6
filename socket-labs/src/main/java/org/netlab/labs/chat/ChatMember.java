package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.netlab.labs.integrity.MessageCodec;
import org.netlab.labs.net.LineReader;

/**
 * One connected person: a name and a queue of lines to send, drained by the member's own writer
 * thread. Delivering never blocks. The queue is bounded in bytes and time: a member whose queue
 * holds more than {@code queueBytes} is <em>behind</em> until it is down to half that; a member
 * behind for longer than {@code tooSlowAfter}, or holding {@value #HARD_LIMIT_FACTOR} times {@code
 * queueBytes}, is too slow: its socket is closed and the room goes on without it. While anyone is
 * behind the room holds its senders back (see {@link ChatRoom#awaitCaughtUp()}), so a member that
 * keeps reading is never dropped because someone else writes fast.
 */
final class ChatMember {
  /** A member holding this many times its queue bound is dropped at once. */
  static final int HARD_LIMIT_FACTOR = 8;

  /** Marks the end of the queue; compared by identity. */
  private static final Outgoing END = new Outgoing("", 0);

  private record Outgoing(String line, int bytes) {}

  private final Socket socket;
  private final long queueBytes;
  private final long tooSlowAfterNanos;
  private final Runnable caughtUp;
  private final BlockingQueue<Outgoing> outbox = new LinkedBlockingQueue<>();
  private volatile Nick nick;
  private volatile boolean tooSlow;
  // Guarded by this: bytes queued, and since when (System.nanoTime) the member is behind.
  private long queued;
  private boolean behind;
  private long behindSince;

  /**
   * @param queueBytes bytes queued above which the member is behind
   * @param tooSlowAfter how long a member may stay behind before it is dropped
   * @param caughtUp called when the member is no longer behind, on its writer thread
   */
  ChatMember(Socket socket, int queueBytes, Duration tooSlowAfter, Runnable caughtUp) {
    this.socket = socket;
    this.queueBytes = queueBytes;
    this.tooSlowAfterNanos = tooSlowAfter.toNanos();
    this.caughtUp = caughtUp;
  }

  Nick nick() {
    return nick;
  }

  void nick(Nick nick) {
    this.nick = nick;
  }

  /** Whether the member was dropped for not reading. */
  boolean tooSlow() {
    return tooSlow;
  }

  /** Queues a line for this member; drops the member if it is too slow. Never blocks. */
  void deliver(String line) {
    if (tooSlow) {
      return;
    }
    Outgoing outgoing = new Outgoing(line, utf8Length(line) + LineReader.CRLF.length());
    outbox.add(outgoing);
    boolean drop;
    synchronized (this) {
      queued += outgoing.bytes();
      long now = System.nanoTime();
      if (!behind && queued > queueBytes) {
        behind = true;
        behindSince = now;
      }
      drop =
          queued > HARD_LIMIT_FACTOR * queueBytes
              || (behind && now - behindSince > tooSlowAfterNanos);
    }
    if (drop) {
      dropAsTooSlow();
    }
  }

  /** Whether the member is behind and not dropped yet. */
  synchronized boolean isBehind() {
    return behind && !tooSlow;
  }

  /**
   * How long the member may still stay behind; zero or less when it has been behind too long, the
   * full allowance when it is not behind.
   */
  synchronized long graceLeftNanos(long now) {
    return behind ? tooSlowAfterNanos - (now - behindSince) : tooSlowAfterNanos;
  }

  /** Closes the member's socket and forgets its queue; its connection then leaves the room. */
  void dropAsTooSlow() {
    tooSlow = true;
    outbox.clear();
    closeSocket();
  }

  /**
   * Sends queued lines until {@link #finish()}; run on the member's writer thread. Lines are sealed
   * here, in the order they go out, so sequence numbers follow the wire.
   */
  void drain(MessageCodec codec) throws IOException, InterruptedException {
    OutputStream out = new BufferedOutputStream(socket.getOutputStream());
    for (Outgoing next = outbox.take(); next != END; next = outbox.take()) {
      out.write((codec.seal(next.line()) + LineReader.CRLF).getBytes(UTF_8));
      // Write what is queued in one go; flush when the queue runs dry.
      if (outbox.isEmpty()) {
        out.flush();
      }
      sent(next.bytes());
    }
    out.flush();
    // End of stream right behind the last line, so the person reads it even if unread
    // input makes the final close a reset.
    socket.shutdownOutput();
  }

  private void sent(int bytes) {
    boolean nowCaughtUp;
    synchronized (this) {
      queued -= bytes;
      nowCaughtUp = behind && queued <= queueBytes / 2;
      if (nowCaughtUp) {
        behind = false;
      }
    }
    if (nowCaughtUp) {
      caughtUp.run();
    }
  }

  /** Lets the writer send what is queued, then stop. */
  void finish() {
    outbox.add(END);
  }

  void closeSocket() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing only ends the member's threads; nothing else to do.
    }
  }

  /** The UTF-8 length of a text; a surrogate pair counts four bytes. */
  private static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }
}
