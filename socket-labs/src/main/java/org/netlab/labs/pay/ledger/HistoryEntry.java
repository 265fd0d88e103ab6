package org.netlab.labs.pay.ledger;

import java.time.Instant;

/**
 * One side of a transfer, as its account sees it.
 *
 * @param orderId the settled order's id; {@code open:NAME} for an opening balance
 * @param counterparty the other account
 * @param amount minor units: positive when credited, negative when debited
 * @param balanceAfter the account's balance once this entry was applied
 */
public record HistoryEntry(
    long transferId,
    Instant at,
    String orderId,
    String counterparty,
    long amount,
    long balanceAfter) {}
