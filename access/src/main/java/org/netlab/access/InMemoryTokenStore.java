package org.netlab.access;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.netlab.domain.ServiceException;

/** Tokens in memory, gone with the process: for servers and tests that keep nothing on disk. */
public final class InMemoryTokenStore implements TokenStore {
  private final Map<String, TokenRecord> byName = new ConcurrentHashMap<>();

  @Override
  public void create(TokenRecord token) {
    if (byName.putIfAbsent(token.name(), token) != null) {
      throw ServiceException.alreadyExists(
          "a token named '" + token.name() + "' exists; revoke it first");
    }
  }

  @Override
  public Optional<TokenRecord> findByHash(String hash) {
    return byName.values().stream().filter(token -> token.hash().equals(hash)).findFirst();
  }

  @Override
  public List<TokenRecord> list() {
    return byName.values().stream().sorted(Comparator.comparing(TokenRecord::name)).toList();
  }

  @Override
  public boolean revoke(String name) {
    return byName.remove(name) != null;
  }
}
