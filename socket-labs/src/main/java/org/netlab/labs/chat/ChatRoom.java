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
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One room: the members by name, and the broadcast of each message to all of them. Every change
 * happens under the room's lock, so all members see the same messages in the same order; delivering
 * only queues, so the lock is never held on a slow socket. Senders are held back while a member is
 * behind ({@link #awaitCaughtUp()}): the room goes at the pace of its slowest reader, and a reader
 * that stops is dropped after its allowance rather than anyone who keeps up.
 */
public final class ChatRoom {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final Clock clock;
  private final Map<String, ChatMember> members = new LinkedHashMap<>();
  private long guests;
  // Not the room's monitor: waiting senders must not pin their carrier threads.
  private final ReentrantLock progressLock = new ReentrantLock();
  private final Condition progress = progressLock.newCondition();
  private long caughtUpCount;

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
    } while (holderOfALookAlike(nick, member) != null);
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
    ChatMember holder = holderOfALookAlike(nick, member);
    if (holder != null) {
      return holder.nick().sameIgnoringCase(nick)
          ? "the name " + nick + " is taken"
          : "the name " + nick + " looks like " + holder.nick() + ", which is taken";
    }
    Nick old = member.nick();
    members.remove(old.key());
    members.put(nick.key(), member);
    member.nick(nick);
    broadcast("* " + old + " is now " + nick);
    return null;
  }

  /** Another member whose name looks like {@code nick}, or null. */
  private ChatMember holderOfALookAlike(Nick nick, ChatMember asking) {
    ChatMember holder = members.get(nick.key());
    if (holder != null) {
      return holder == asking ? null : holder;
    }
    for (ChatMember other : members.values()) {
      if (other != asking && other.nick().looksLike(nick)) {
        return other;
      }
    }
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

  /** Broadcasts a message as {@link ChatText#shown shown}. */
  synchronized void say(ChatMember from, String text) {
    broadcast("<" + from.nick() + "> " + ChatText.shown(text));
  }

  /** Called by a member's writer when it is no longer behind; wakes the senders held back. */
  void caughtUp() {
    progressLock.lock();
    try {
      caughtUpCount++;
      progress.signalAll();
    } finally {
      progressLock.unlock();
    }
  }

  /**
   * Holds the calling sender back until no member is behind, dropping members that stay behind
   * longer than their allowance. Called by a member's reading thread after it spoke, without the
   * room's lock: while it waits, that member's socket is not read, so a fast sender is slowed to
   * the pace of the room rather than pushing the readers out of it.
   */
  void awaitCaughtUp() throws InterruptedException {
    while (true) {
      long seen;
      progressLock.lock();
      try {
        seen = caughtUpCount;
      } finally {
        progressLock.unlock();
      }
      long now = System.nanoTime();
      long wait = Long.MAX_VALUE;
      for (ChatMember member : membersBehind()) {
        long left = member.graceLeftNanos(now);
        if (left <= 0) {
          member.dropAsTooSlow();
        } else {
          wait = Math.min(wait, left);
        }
      }
      if (wait == Long.MAX_VALUE) {
        return;
      }
      progressLock.lock();
      try {
        if (caughtUpCount == seen) {
          progress.awaitNanos(wait);
        }
      } finally {
        progressLock.unlock();
      }
    }
  }

  private synchronized List<ChatMember> membersBehind() {
    List<ChatMember> behind = new ArrayList<>();
    for (ChatMember member : members.values()) {
      if (member.isBehind()) {
        behind.add(member);
      }
    }
    return behind;
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
}
