package org.netlab.phonebook.store;

/**
 * What differs between the databases the store speaks to. Everything else is portable SQL (SQLite
 * 3.35+, PostgreSQL 10+).
 */
enum Dialect {
  SQLITE("INTEGER PRIMARY KEY AUTOINCREMENT"),
  /** Also any other JDBC URL: the SQL standard's identity column, as PostgreSQL 10+ spells it. */
  POSTGRESQL("BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY");

  private final String generatedKey;

  Dialect(String generatedKey) {
    this.generatedKey = generatedKey;
  }

  static Dialect of(String jdbcUrl) {
    return jdbcUrl.startsWith("jdbc:sqlite:") ? SQLITE : POSTGRESQL;
  }

  /** The column type of a key the database numbers itself, in insertion order. */
  String generatedKey() {
    return generatedKey;
  }
}
