package org.netlab.rpc.server.access;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.netlab.access.AccessSettings;
import org.netlab.access.AuditTrail;
import org.netlab.access.CallAudit;
import org.netlab.access.Gatekeeper;
import org.netlab.access.TokenAdministration;
import org.netlab.access.TokenStore;
import org.netlab.rpc.server.RateLimitedLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every endpoint of one server checks its callers with: the one {@link Gatekeeper} (so that
 * rate limits count a caller's calls over both protocols together) and where audited calls are
 * recorded.
 */
public final class ServerAccess {
  private static final Logger log = LoggerFactory.getLogger(ServerAccess.class);

  private final Gatekeeper gatekeeper;
  private final CallAudit audit;
  private final TokenAdministration tokens;

  private ServerAccess(Gatekeeper gatekeeper, CallAudit audit, TokenStore tokens) {
    this.gatekeeper = Objects.requireNonNull(gatekeeper, "gatekeeper");
    this.audit = Objects.requireNonNull(audit, "audit");
    // A token revoked through this server stops working at its next call.
    this.tokens = new TokenAdministration(tokens, Clock.systemUTC(), gatekeeper::tokensChanged);
  }

  /** Callers checked against {@code tokens}; failed authentications logged a few a second. */
  public static ServerAccess checking(
      AccessSettings settings, TokenStore tokens, AuditTrail trail) {
    RateLimitedLog failures =
        new RateLimitedLog(log, "failed authentications", 5, Duration.ofSeconds(1));
    return new ServerAccess(
        new Gatekeeper(settings, tokens, Clock.systemUTC(), failures::warn), audit(trail), tokens);
  }

  /**
   * No caller checked ({@code --auth none}): anyone may do anything, token management included;
   * audited calls are still recorded.
   */
  public static ServerAccess unchecked(TokenStore tokens, AuditTrail trail) {
    return new ServerAccess(Gatekeeper.unchecked(), audit(trail), tokens);
  }

  private static CallAudit audit(AuditTrail trail) {
    RateLimitedLog lost = new RateLimitedLog(log, "audit events lost", 5, Duration.ofSeconds(1));
    return new CallAudit(trail, Clock.systemUTC(), lost::error);
  }

  public Gatekeeper gatekeeper() {
    return gatekeeper;
  }

  public CallAudit audit() {
    return audit;
  }

  /** Token management, for the admin services of every protocol. */
  public TokenAdministration tokens() {
    return tokens;
  }
}
