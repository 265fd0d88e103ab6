package org.netlab.phonebook.store;

import static org.netlab.phonebook.store.StoreStatements.allRows;
import static org.netlab.phonebook.store.StoreStatements.firstRow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.netlab.access.Role;
import org.netlab.access.TokenNames;
import org.netlab.access.TokenRecord;
import org.netlab.access.TokenStore;
import org.netlab.domain.ServiceException;

/**
 * The {@link TokenStore} in a {@link JdbcStore}'s database: one row per token, holding its hash and
 * never the token. Times are ISO-8601 UTC text ({@link Instant#toString()}), readable in {@code
 * sqlite3} and {@code psql}.
 */
final class JdbcTokenStore implements TokenStore {
  private static final int HASH_LENGTH = 64;

  static final String TABLE =
      "CREATE TABLE IF NOT EXISTS access_tokens ("
          + " name VARCHAR(64) NOT NULL PRIMARY KEY,"
          + " role VARCHAR(16) NOT NULL,"
          + " token_hash CHAR("
          + HASH_LENGTH
          + ") NOT NULL UNIQUE,"
          + " created_at VARCHAR(40) NOT NULL,"
          + " expires_at VARCHAR(40) NULL)";
  private static final String INSERT =
      "INSERT INTO access_tokens (name, role, token_hash, created_at, expires_at)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING";
  private static final String COLUMNS = "name, role, token_hash, created_at, expires_at";
  private static final String FIND_BY_HASH =
      "SELECT " + COLUMNS + " FROM access_tokens WHERE token_hash = ?";
  private static final String LIST = "SELECT " + COLUMNS + " FROM access_tokens";
  private static final String DELETE = "DELETE FROM access_tokens WHERE name = ?";

  private final StoreStatements statements;

  JdbcTokenStore(Database database) {
    this.statements = new StoreStatements(database, "the token store", "tokens");
  }

  /**
   * {@inheritDoc}
   *
   * @throws ServiceException INVALID_ARGUMENT for a name {@link TokenNames} refuses
   * @throws IllegalArgumentException when the hash is not a {@link org.netlab.access.Tokens#hash}
   */
  @Override
  public void create(TokenRecord token) {
    TokenNames.check(token.name());
    checkHash(token.hash());
    int inserted =
        statements.write(
            INSERT,
            statement -> {
              statement.setString(1, token.name());
              statement.setString(2, token.role().label());
              statement.setString(3, token.hash());
              statement.setString(4, token.created().toString());
              statement.setString(5, token.expires() == null ? null : token.expires().toString());
              return statement.executeUpdate();
            });
    if (inserted == 0) {
      throw ServiceException.alreadyExists(
          "a token named '" + token.name() + "' exists; revoke it first");
    }
  }

  @Override
  public Optional<TokenRecord> findByHash(String hash) {
    return Optional.ofNullable(
        statements.read(
            FIND_BY_HASH,
            statement -> {
              statement.setString(1, hash);
              return firstRow(statement, JdbcTokenStore::token);
            }));
  }

  @Override
  public List<TokenRecord> list() {
    List<TokenRecord> tokens =
        statements.read(LIST, statement -> allRows(statement, JdbcTokenStore::token));
    // Sorted here, not in SQL: PostgreSQL's ORDER BY follows the database's collation, which may
    // ignore punctuation, and the order should not depend on the database.
    tokens.sort(Comparator.comparing(TokenRecord::name));
    return tokens;
  }

  @Override
  public boolean revoke(String name) {
    int deleted =
        statements.write(
            DELETE,
            statement -> {
              statement.setString(1, name);
              return statement.executeUpdate();
            });
    return deleted > 0;
  }

  private static TokenRecord token(ResultSet row) throws SQLException {
    String expires = row.getString(5);
    return new TokenRecord(
        row.getString(1),
        Role.parse(row.getString(2)),
        row.getString(3),
        Instant.parse(row.getString(4)),
        expires == null ? null : Instant.parse(expires));
  }

  /**
   * Tokens are looked up by their hash as text, so it must be spelt as {@code Tokens.hash} spells
   * it; one of another length would be padded or refused by the CHAR column.
   */
  private static void checkHash(String hash) {
    if (hash.length() != HASH_LENGTH
        || !hash.equals(hash.toLowerCase(Locale.ROOT))
        || !hash.chars().allMatch(HexFormat::isHexDigit)) {
      throw new IllegalArgumentException(
          "a token hash is " + HASH_LENGTH + " lower-case hex digits, as Tokens.hash makes it");
    }
  }
}
