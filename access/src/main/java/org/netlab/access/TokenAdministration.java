package org.netlab.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import org.netlab.domain.ServiceException;

/**
 * Creating, listing and revoking tokens, offline from the command line or remotely by an admin;
 * what the caller is allowed to do is checked before, by the {@link Gatekeeper}.
 */
public final class TokenAdministration {
  private final TokenStore store;
  private final Clock clock;
  private final Runnable onRevoke;

  /**
   * @param onRevoke told after each revocation, so that a server forgets the token at once
   */
  public TokenAdministration(TokenStore store, Clock clock, Runnable onRevoke) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.onRevoke = Objects.requireNonNull(onRevoke, "onRevoke");
  }

  /** A token just made: the only time the token itself is known. */
  public record IssuedToken(String token, TokenRecord record) {
    @Override
    public String toString() {
      return "IssuedToken[token=(hidden), record=" + record + "]";
    }
  }

  /**
   * Makes a token for {@code name} with {@code role}, working for {@code lifetime} (null: until
   * revoked).
   *
   * @throws ServiceException INVALID_ARGUMENT for a bad name or lifetime, ALREADY_EXISTS when the
   *     name has a token
   */
  public IssuedToken create(String name, Role role, Duration lifetime) {
    TokenNames.check(name);
    Objects.requireNonNull(role, "role");
    if (lifetime != null && (lifetime.isNegative() || lifetime.isZero())) {
      throw ServiceException.invalidArgument("a token's lifetime must be positive");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String token = Tokens.generate();
    TokenRecord record =
        new TokenRecord(
            name, role, Tokens.hash(token), now, lifetime == null ? null : now.plus(lifetime));
    store.create(record);
    return new IssuedToken(token, record);
  }

  /** Every token, by name; the tokens themselves are not kept, so never shown. */
  public List<TokenRecord> list() {
    return store.list();
  }

  /**
   * Deletes {@code name}'s token; it stops working at once on this server.
   *
   * @throws ServiceException NOT_FOUND when the name has no token
   */
  public void revoke(String name) {
    TokenNames.check(name);
    if (!store.revoke(name)) {
      throw ServiceException.notFound("no token is named '" + name + "'");
    }
    onRevoke.run();
  }
}
