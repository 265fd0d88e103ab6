package org.netlab.labs.pay.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.netlab.labs.pay.SignedOrder;

/**
 * The money: an account per registered user and one issuer account, moved only by double-entry
 * transfers (a debit and a credit that sum to zero). A user's balance is never negative: each
 * settlement checks it in its own transaction, and the database refuses a negative balance as a
 * backstop. Every change is one transaction, durable before the method returns.
 *
 * <p>Every method may throw {@link LedgerUnavailableException} when the database cannot be reached
 * or fails; nothing is then changed, or the change is whole.
 */
public interface Ledger extends AutoCloseable {
  /** The account that issues opening balances; the only one whose balance goes below zero. */
  String ISSUER = "@issuer";

  /**
   * Opens the account of a newly registered user, with their certificate, and moves {@code
   * openingBalance} to it from the issuer: one transaction.
   *
   * @param certificate the user's certificate, DER
   * @param fingerprint its SHA-256, lower-case hex
   * @param openingBalance minor units, zero or more
   * @throws NameTakenException when the name has an account already
   */
  Account register(String name, byte[] certificate, String fingerprint, long openingBalance)
      throws NameTakenException;

  Optional<Account> account(String name);

  /**
   * Moves {@code amount} from the issuer to a user's account: how an operator funds accounts when
   * registration grants nothing. One transaction, under the order id {@code grant:} and a random
   * suffix, which no signed order can have.
   *
   * @param amount minor units, 1 or more
   * @return the transfer's id
   * @throws IllegalArgumentException for a name with no user account, or an amount below 1
   */
  long grant(String name, long amount);

  /**
   * Settles a verified order once. The order id is the idempotency key: the first decision about an
   * id is recorded with the order's digest, and a later call with the same order gets that decision
   * again ({@link Decision.Outcome#ALREADY_SETTLED} for a settled one) and moves nothing; another
   * order under a used id gets {@link Decision.Outcome#REPLAYED}. An order expired at {@code now}
   * and never decided gets {@link Decision.Outcome#EXPIRED}, which is not recorded. Signatures must
   * be verified by the caller; both accounts must exist.
   */
  Decision settle(SignedOrder order, Instant now);

  /**
   * Records that the payer gave up an order, so it can never settle; answers the recorded decision
   * instead when the id was decided already ({@link Decision.Outcome#ALREADY_SETTLED} for one that
   * settled), and {@link Decision.Outcome#REPLAYED} when the id is another payer's.
   */
  Decision cancel(String orderId, String payer);

  /**
   * The user's latest ledger entries, newest first.
   *
   * @param limit at most this many
   */
  List<HistoryEntry> history(String name, int limit);

  /** Every balance, read at one instant, the issuer's included. */
  Snapshot snapshot();

  /** The JDBC URL without credentials, for banners and logs. */
  String description();

  @Override
  void close();
}
