package org.netlab.labs.chat;

import java.time.Clock;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One room: the members by name, and the broadcast of each message to all of them. Every change
 * happens under the room's lock, so all members see the same messages in the same order; delivering
 * only queues, so the lock is never held on a slow socket.
 */
public final class ChatRoom {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Clock clock;
  private final Map<String, ChatMember> members = new LinkedHashMap<>();
  private long guests;

  /**
   * @param clock gives the time stamped on each line, in its zone
   */
  public ChatRoom(Clock clock) {
    this.clock = clock;
  }

  /** Adds a member under a free guest name and tells the room. */
  synchronized void join(ChatMember member) {
    Nick nick;
    do {
      nick = new Nick("guest-" + ++guests);
    } while (members.containsKey(nick.key()));
    member.nick(nick);
    members.put(nick.key(), member);
    broadcast("* " + nick + " joined");
  }

  /**
   * Renames a member and tells the room.
   *
   * @return null when done, else why not, for the member alone
   */
  synchronized String rename(ChatMember member, String wanted) {
    Nick nick;
    try {
      nick = new Nick(wanted);
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    ChatMember holder = members.get(nick.key());
    if (holder != null && holder != member) {
      return "the name " + nick + " is taken";
    }
    Nick old = member.nick();
    members.remove(old.key());
    members.put(nick.key(), member);
    member.nick(nick);
    broadcast("* " + old + " is now " + nick);
    return null;
  }

  /** The names in the room, sorted ignoring case. */
  synchronized List<String> names() {
    List<String> names = new ArrayList<>();
    for (ChatMember member : members.values()) {
      names.add(member.nick().value());
    }
    names.sort(Comparator.comparing(String::toLowerCase));
    return names;
  }

  /** Broadcasts a message, its control characters made harmless. */
  synchronized void say(ChatMember from, String text) {
    broadcast("<" + from.nick() + "> " + harmless(text));
  }

  /** Removes a member and tells the others; leaving twice is harmless. */
  synchronized void leave(ChatMember member, String why) {
    if (members.remove(member.nick().key(), member)) {
      broadcast("* " + member.nick() + " left" + (why.isEmpty() ? "" : " (" + why + ")"));
    }
  }

  private void broadcast(String text) {
    String line = LocalTime.now(clock).truncatedTo(ChronoUnit.SECONDS).format(TIME) + " " + text;
    for (ChatMember member : members.values()) {
      member.deliver(line);
    }
  }

  /** Control characters (terminal escapes among them) become U+FFFD; tabs stay. */
  static String harmless(String text) {
    StringBuilder clean = new StringBuilder(text.length());
    text.codePoints()
        .map(c -> c != '\t' && Character.getType(c) == Character.CONTROL ? 0xFFFD : c)
        .forEach(clean::appendCodePoint);
    return clean.toString();
  }
}
