package org.netlab.access;

import java.util.List;
import java.util.Optional;

/** Where tokens are kept, by hash. Implementations make every change durable before returning. */
public interface TokenStore {
  /**
   * Keeps a new token.
   *
   * @throws org.netlab.domain.ServiceException ALREADY_EXISTS when a token has that name
   */
  void create(TokenRecord token);

  /** The token whose hash is {@code hash}, expired or not. */
  Optional<TokenRecord> findByHash(String hash);

  /** Every token, by name. */
  List<TokenRecord> list();

  /** Deletes the token named {@code name}; false when there is none. */
  boolean revoke(String name);
}
