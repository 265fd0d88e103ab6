package org.netlab.access;

/**
 * What a call does, whatever protocol carried it and whatever the method is called there. Every
 * method a transport serves is declared as one of these, and {@link AccessPolicy} says who may do
 * each.
 */
public enum Operation {
  /** Arithmetic: harmless compute. */
  CALCULATE("calculate"),
  /** Listing the methods and their help ({@code system.listMethods}, reflection). */
  DESCRIBE("list the methods"),
  /** Finding, counting and listing phonebook entries. */
  READ_PHONEBOOK("read the phonebook"),
  /** Adding, updating and removing one phonebook entry. */
  WRITE_PHONEBOOK("change phonebook entries"),
  /** Removing every phonebook entry at once. */
  CLEAR_PHONEBOOK("empty the phonebook"),
  /** Creating, listing and revoking tokens. */
  MANAGE_TOKENS("manage tokens"),
  /** Reading the server's metrics ({@code GET /metrics}): counts and times, no personal data. */
  READ_METRICS("read the metrics");

  private final String description;

  Operation(String description) {
    this.description = description;
  }

  /** What it does, to complete "may not ...". */
  public String description() {
    return description;
  }

  /** Whether every call of this kind leaves a row in the audit trail. */
  public boolean audited() {
    return this == WRITE_PHONEBOOK || this == CLEAR_PHONEBOOK || this == MANAGE_TOKENS;
  }
}
