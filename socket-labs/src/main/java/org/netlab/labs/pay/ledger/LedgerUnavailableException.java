package org.netlab.labs.pay.ledger;

/** The ledger's database cannot be reached or failed; nothing was changed by the failed call. */
public final class LedgerUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LedgerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
