package org.netlab.labs.pay.ledger;

import java.util.Map;

/**
 * Every balance at one instant.
 *
 * @param balances by account name, the issuer's included
 */
public record Snapshot(Map<String, Long> balances) {
  public Snapshot {
    balances = Map.copyOf(balances);
  }

  /** The sum of every balance, the issuer's included: zero in a sound ledger. */
  public long total() {
    return balances.values().stream().mapToLong(Long::longValue).sum();
  }
}
