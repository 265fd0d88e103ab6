package org.netlab.phonebook.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The PostgreSQL database named by {@code NETLAB_TEST_POSTGRES_URL} (a scratch one, as {@code
 * .ci/postgres start} makes), whose tables the store's tests may empty.
 */
final class ScratchPostgres {
  /** The variable, for {@code @EnabledIfEnvironmentVariable}. */
  static final String URL_VARIABLE = "NETLAB_TEST_POSTGRES_URL";

  /** What the variable must hold for the PostgreSQL tests to run. */
  static final String URL_PATTERN = "jdbc:postgresql:.+";

  private static final List<String> TABLES =
      List.of("phonebook_entries", "access_tokens", "audit_events", "idempotency_keys");

  private ScratchPostgres() {}

  /** The store on the scratch database, every table it owns emptied. */
  static JdbcStore openEmpty() throws SQLException {
    String url = System.getenv(URL_VARIABLE);
    JdbcStore store = JdbcStore.open(url); // creates the tables that are missing
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      for (String table : TABLES) {
        statement.execute("DELETE FROM " + table);
      }
    } catch (SQLException e) {
      store.close();
      throw e;
    }
    return store;
  }
}
