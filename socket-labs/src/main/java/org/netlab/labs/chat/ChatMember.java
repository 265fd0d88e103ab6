package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.netlab.labs.integrity.MessageCodec;
import org.netlab.labs.net.LineReader;

/**
 * One connected person: a name and a bounded queue of lines to send, drained by the member's own
 * writer thread. Delivering never blocks: when the queue is full the member is too slow, its socket
 * is closed, and the room goes on without it.
 */
final class ChatMember {
  /** Marks the end of the queue; compared by identity. */
  private static final Outgoing END = new Outgoing("");

  private record Outgoing(String line) {}

  private final Socket socket;
  private final BlockingQueue<Outgoing> outbox;
  private volatile Nick nick;
  private volatile boolean tooSlow;

  ChatMember(Socket socket, int queueLines) {
    this.socket = socket;
    this.outbox = new ArrayBlockingQueue<>(queueLines);
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

  /** Queues a line for this member; drops the member if its queue is full. Never blocks. */
  void deliver(String line) {
    if (!outbox.offer(new Outgoing(line))) {
      tooSlow = true;
      closeSocket();
    }
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
    }
    out.flush();
    // End of stream right behind the last line, so the person reads it even if unread
    // input makes the final close a reset.
    socket.shutdownOutput();
  }

  /** Lets the writer send what is queued, then stop. */
  void finish() {
    if (!outbox.offer(END)) {
      closeSocket();
    }
  }

  void closeSocket() {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing only ends the member's threads; nothing else to do.
    }
  }
}
