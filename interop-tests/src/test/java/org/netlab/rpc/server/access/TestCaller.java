package org.netlab.rpc.server.access;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.netlab.access.Role;
import org.netlab.rpc.server.LoopbackServer;

/** The callers the access tests play: one without identity, and a token holder of each role. */
enum TestCaller {
  ANONYMOUS(null),
  READER(Role.READER),
  WRITER(Role.WRITER),
  ADMIN(Role.ADMIN);

  private static final AtomicInteger TOKENS_MADE = new AtomicInteger();

  private final Role role;

  TestCaller(Role role) {
    this.role = role;
  }

  /** The caller's role; null for the anonymous caller. */
  Role role() {
    return role;
  }

  /** How scripts and messages name the caller: {@code anonymous}, {@code reader}... */
  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * A token for this caller on {@code server}: the admin token for the admin, a new token of the
   * role for the others, none (null) for the anonymous caller.
   */
  String tokenOn(LoopbackServer server) {
    return switch (this) {
      case ANONYMOUS -> null;
      case ADMIN -> server.adminToken();
      case READER, WRITER ->
          server
              .access()
              .tokens()
              .create(label() + "-" + TOKENS_MADE.incrementAndGet(), role, null)
              .token();
    };
  }
}
