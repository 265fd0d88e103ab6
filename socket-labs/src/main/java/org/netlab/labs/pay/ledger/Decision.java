package org.netlab.labs.pay.ledger;

import java.util.Objects;

/**
 * What the ledger decided about an order.
 *
 * @param transferId the transfer that moved the money, for a settled order; else 0
 * @param payerBalance the payer's balance after the transfer, or at refusal; -1 when not read
 */
public record Decision(Outcome outcome, String orderId, long transferId, long payerBalance) {
  public enum Outcome {
    /** Moved now. */
    SETTLED,
    /** Moved by an earlier call with the same order; nothing moved now. */
    ALREADY_SETTLED,
    /** The payer's balance is below the amount; recorded, so the order never settles later. */
    INSUFFICIENT_FUNDS,
    /** Past its expiry, never settled; not recorded. */
    EXPIRED,
    /** Given up by the payer; recorded. */
    CANCELLED,
    /** The id belongs to another order. */
    REPLAYED
  }

  public Decision {
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(orderId, "orderId");
  }

  /** Whether money moved for this order, now or before. */
  public boolean settled() {
    return outcome == Outcome.SETTLED || outcome == Outcome.ALREADY_SETTLED;
  }
}
