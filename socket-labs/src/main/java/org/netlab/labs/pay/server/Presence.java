package org.netlab.labs.pay.server;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is online: a user is from LOGIN until LOGOUT, the end of that connection, or a silence longer
 * than the presence timeout, whichever comes first. A second LOGIN of the same user (from another
 * connection) replaces the first, so a peer that reconnects is not locked out by its own stale
 * session.
 */
final class Presence {
  /**
   * One logged-in user.
   *
   * @param host the address the user's connection came from: where its own server listens
   * @param port the port of its own server, as announced
   * @param session the connection that logged in; only it can renew or end this presence
   */
  record Online(String name, String host, int port, String fingerprint, Object session) {}

  private record Entry(Online online, Instant lastSeen) {}

  private final Map<String, Entry> online = new ConcurrentHashMap<>();
  private final Duration timeout;
  private final Clock clock;

  Presence(Duration timeout, Clock clock) {
    this.timeout = timeout;
    this.clock = clock;
  }

  void login(Online user) {
    online.put(user.name(), new Entry(user, clock.instant()));
  }

  /** Renews the user's presence, if {@code session} is the one that logged in. */
  void seen(String name, Object session) {
    online.computeIfPresent(
        name,
        (key, entry) ->
            entry.online().session() == session
                ? new Entry(entry.online(), clock.instant())
                : entry);
  }

  /** Ends the user's presence, if {@code session} is the one that logged in. */
  void logout(String name, Object session) {
    online.computeIfPresent(
        name, (key, entry) -> entry.online().session() == session ? null : entry);
  }

  /** Whether {@code session} holds the user's presence now. */
  boolean holds(String name, Object session) {
    Entry entry = online.get(name);
    return entry != null && entry.online().session() == session && fresh(entry);
  }

  /** Everyone online, by name; entries gone silent are dropped on the way. */
  List<Online> list() {
    online.values().removeIf(entry -> !fresh(entry));
    return online.values().stream()
        .map(Entry::online)
        .sorted(Comparator.comparing(Online::name))
        .toList();
  }

  Optional<Online> find(String name) {
    Entry entry = online.get(name);
    return entry != null && fresh(entry) ? Optional.of(entry.online()) : Optional.empty();
  }

  private boolean fresh(Entry entry) {
    return !clock.instant().isAfter(entry.lastSeen().plus(timeout));
  }
}
