package org.netlab.access;

import java.time.Instant;
import java.util.Objects;

/**
 * A token as the store keeps it: never the token itself, only its hash.
 *
 * @param name who the token identifies; unique
 * @param role what it may do
 * @param hash {@link Tokens#hash} of the token
 * @param created when it was made
 * @param expires when it stops working, or null for never
 */
public record TokenRecord(String name, Role role, String hash, Instant created, Instant expires) {
  public TokenRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(hash, "hash");
    Objects.requireNonNull(created, "created");
  }

  /** Whether the token no longer works at {@code now}. */
  public boolean expiredAt(Instant now) {
    return expires != null && !now.isBefore(expires);
  }
}
