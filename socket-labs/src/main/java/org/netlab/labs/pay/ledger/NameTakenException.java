package org.netlab.labs.pay.ledger;

/** Thrown when a name to register has an account already. */
public final class NameTakenException extends Exception {
  private static final long serialVersionUID = 1L;

  public NameTakenException(String name) {
    super("the name " + name + " is taken");
  }
}
