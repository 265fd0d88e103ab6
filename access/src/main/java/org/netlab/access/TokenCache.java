package org.netlab.access;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.Optional;

/**
 * Token lookups, remembered for {@link #FRESHNESS}, so that a call does not cost a trip to the
 * store. A token revoked through this server is forgotten at once; one revoked by another process
 * sharing the store (the offline {@code token revoke}, another server) stops working within {@link
 * #FRESHNESS}. Expiry is checked on every call, not cached.
 */
final class TokenCache {
  static final Duration FRESHNESS = Duration.ofSeconds(1);

  private final TokenStore store;
  private final Cache<String, Optional<TokenRecord>> byHash =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(FRESHNESS).build();

  TokenCache(TokenStore store) {
    this.store = store;
  }

  /** The record of {@code token}, if the store knows it (expired or not). */
  Optional<TokenRecord> lookup(String token) {
    if (!token.startsWith(Tokens.PREFIX)) {
      return Optional.empty();
    }
    String hash = Tokens.hash(token);
    // The lookup by hash is an index search; the constant-time comparison is the proof.
    return byHash.get(hash, store::findByHash).filter(found -> Tokens.matches(token, found.hash()));
  }

  /** Forgets every lookup, as after a token was revoked. */
  void forgetAll() {
    byHash.invalidateAll();
  }
}
