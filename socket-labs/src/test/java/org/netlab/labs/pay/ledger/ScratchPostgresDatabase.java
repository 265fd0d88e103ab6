package org.netlab.labs.pay.ledger;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh PostgreSQL database for one test class, made on the server that {@code
 * NETLAB_TEST_POSTGRES_URL} names (as {@code .ci/postgres start} prints it) and dropped after.
 */
public final class ScratchPostgresDatabase implements AutoCloseable {
  /** The variable, for {@code @EnabledIfEnvironmentVariable}. */
  public static final String URL_VARIABLE = "NETLAB_TEST_POSTGRES_URL";

  /** What the variable must hold for the PostgreSQL tests to run. */
  public static final String URL_PATTERN = "jdbc:postgresql://.+";

  /** Why the PostgreSQL tests are skipped when it does not. */
  public static final String SKIPPED =
      "NETLAB_TEST_POSTGRES_URL is not set to a jdbc:postgresql:// URL of a user who may create"
          + " databases (.ci/postgres start prints one)";

  /** Host part, database, parameters. */
  private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]+/)([^?]*)(.*)");

  private final String adminUrl;
  private final String name;
  private final String url;

  private ScratchPostgresDatabase(String adminUrl, String name, String url) {
    this.adminUrl = adminUrl;
    this.name = name;
    this.url = url;
  }

  /** Creates {@code pay_ledger_RANDOM} on the server the variable names. */
  public static ScratchPostgresDatabase create() throws SQLException {
    String adminUrl = System.getenv(URL_VARIABLE);
    Matcher matcher = URL.matcher(adminUrl);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(URL_VARIABLE + " is not a jdbc:postgresql://HOST/DB URL");
    }
    byte[] random = new byte[6];
    new SecureRandom().nextBytes(random);
    String name = "pay_ledger_" + HexFormat.of().formatHex(random);
    execute(adminUrl, "CREATE DATABASE " + name);
    return new ScratchPostgresDatabase(adminUrl, name, matcher.group(1) + name + matcher.group(3));
  }

  /** The database's JDBC URL, with the variable's user and parameters. */
  public String url() {
    return url;
  }

  /** Drops the database, ending the sessions still on it. */
  @Override
  public void close() throws SQLException {
    execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static void execute(String url, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
