package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.netlab.cli.SocketAddresses;
import org.netlab.labs.integrity.IntegrityException;
import org.netlab.labs.integrity.MessageCodec;
import org.netlab.labs.net.ConnectionHandler;
import org.netlab.labs.net.InputDrain;
import org.netlab.labs.net.LineReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one chat connection: reads the person's lines on the connection's thread and sends the
 * room's lines from a writer thread of its own (see {@link ChatMember}). A line is a message for
 * the room, or one of the commands {@value #COMMANDS}.
 */
public final class ChatConnectionHandler implements ConnectionHandler {
  static final String COMMANDS = "/nick NAME, /who, /quit";
  static final String ROOM_FULL = "! the room is full, try again later";
  private static final int MAX_COMMAND_BYTES = 64;
  private static final Duration WRITER_GRACE = Duration.ofSeconds(2);
  private static final Duration DRAIN_BOUND = Duration.ofSeconds(1);
  private static final int DRAIN_BYTES = 64 * 1024;
  private static final Logger log = LoggerFactory.getLogger(ChatConnectionHandler.class);

  private final ChatRoom room;
  private final Limits limits;
  private final Supplier<MessageCodec> codecs;

  /**
   * @param maxLineBytes longest line accepted from a client, terminator excluded (a frame when
   *     integrity is on)
   * @param lineTimeout time a line may take to come whole once its first byte has
   * @param queueBytes bytes waiting for one member above which it is behind: senders are held back
   *     until it is down to half of that
   * @param tooSlowAfter how long a member may stay behind before it is dropped as too slow
   */
  public record Limits(
      int maxLineBytes, Duration lineTimeout, int queueBytes, Duration tooSlowAfter) {
    public Limits {
      if (maxLineBytes < 1) {
        throw new IllegalArgumentException("maxLineBytes must be at least 1");
      }
      if (queueBytes < 1024) {
        throw new IllegalArgumentException("queueBytes must be at least 1024");
      }
      requirePositive(lineTimeout, "lineTimeout");
      requirePositive(tooSlowAfter, "tooSlowAfter");
    }

    /** 30 s for a line, 64 KiB queued for 5 s before a member is too slow. */
    public static Limits defaults(int maxLineBytes) {
      return new Limits(maxLineBytes, Duration.ofSeconds(30), 64 * 1024, Duration.ofSeconds(5));
    }

    private static void requirePositive(Duration duration, String name) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
    }
  }

  /**
   * @param codecs gives a fresh codec for each connection
   */
  public ChatConnectionHandler(ChatRoom room, Limits limits, Supplier<MessageCodec> codecs) {
    this.room = Objects.requireNonNull(room, "room");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.codecs = Objects.requireNonNull(codecs, "codecs");
  }

  @Override
  public void handle(Socket socket) throws IOException {
    MessageCodec codec = codecs.get();
    ChatMember member =
        new ChatMember(socket, limits.queueBytes(), limits.tooSlowAfter(), room::caughtUp);
    Thread writer = Thread.ofVirtual().name("chat-writer").start(() -> drain(member, codec));
    room.join(member);
    member.deliver("* welcome, " + member.nick() + "; commands: " + COMMANDS);
    String why = "";
    boolean unreadInput = false;
    try {
      why = converse(socket, member, codec);
    } catch (LineReader.LineTooLongException e) {
      member.deliver("! " + e.getMessage());
      why = "line too long";
      unreadInput = true;
    } catch (LineReader.LineTimeoutException e) {
      member.deliver("! " + e.getMessage());
      why = "line too slow";
      unreadInput = true;
    } catch (SocketTimeoutException e) {
      member.deliver("! idle for too long, bye");
      why = "idle";
    } catch (IOException e) {
      if (!member.tooSlow()) {
        throw e;
      }
    } finally {
      room.leave(member, member.tooSlow() ? "too slow" : why);
      member.finish();
      awaitWriter(writer);
      if (unreadInput) {
        // So that closing does not reset the connection before the person has read why.
        InputDrain.discard(socket, DRAIN_BOUND, DRAIN_BYTES);
      }
    }
  }

  /** Says why before the server closes a connection over its cap. */
  @Override
  public void refuse(Socket socket) throws IOException {
    String line = codecs.get().seal(ROOM_FULL) + LineReader.CRLF;
    socket.getOutputStream().write(line.getBytes(UTF_8));
  }

  /** Reads lines until the person quits or the connection ends; returns why they left. */
  private String converse(Socket socket, ChatMember member, MessageCodec codec) throws IOException {
    LineReader lines = LineReader.forSocket(socket, limits.maxLineBytes(), limits.lineTimeout());
    for (byte[] bytes = lines.readLine(); bytes != null; bytes = lines.readLine()) {
      String text;
      try {
        text = codec.open(new String(bytes, UTF_8));
      } catch (IntegrityException e) {
        log.warn(
            "{} ({}): {}",
            member.nick(),
            SocketAddresses.text(socket.getRemoteSocketAddress()),
            e.getMessage());
        member.deliver("! " + IntegrityException.USER_MESSAGE);
        continue;
      }
      if (text.isBlank()) {
        continue;
      }
      if (!text.startsWith("/")) {
        // Shown and cut here, so no line the room sends outgrows the line limit.
        room.say(member, ChatText.shown(text, limits.maxLineBytes()));
      } else if (!command(member, text.strip())) {
        member.deliver("* bye");
        return "quit";
      }
      try {
        // Not another line from this member while the room is behind.
        room.awaitCaughtUp();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "";
      }
    }
    return "";
  }

  /** Runs a command; false when the person quits. */
  private boolean command(ChatMember member, String line) {
    String[] words = line.split("\\s+", 2);
    switch (words[0]) {
      case "/quit" -> {
        return false;
      }
      case "/who" -> member.deliver("* in the room: " + String.join(", ", room.names()));
      case "/nick" -> {
        String error = words.length < 2 ? "usage: /nick NAME" : room.rename(member, words[1]);
        if (error != null) {
          member.deliver("! " + error);
        }
      }
      default ->
          member.deliver(
              "! unknown command "
                  + ChatText.shown(words[0], MAX_COMMAND_BYTES)
                  + "; commands: "
                  + COMMANDS);
    }
    return true;
  }

  private static void drain(ChatMember member, MessageCodec codec) {
    try {
      member.drain(codec);
    } catch (IOException e) {
      // The reader notices the closed connection and leaves the room.
      member.closeSocket();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitWriter(Thread writer) {
    try {
      if (!writer.join(WRITER_GRACE)) {
        writer.interrupt();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
