package org.netlab.phonebook.store;

import static org.netlab.phonebook.store.StoreStatements.allRows;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.netlab.access.AuditEvent;
import org.netlab.access.AuditScope;
import org.netlab.access.AuditTrail;
import org.netlab.domain.ErrorCode;

/**
 * The {@link AuditTrail} in a {@link JdbcStore}'s database: one row per event, numbered by the
 * database in the order they were recorded. Times are ISO-8601 UTC text ({@link
 * Instant#toString()}), readable in {@code sqlite3} and {@code psql}.
 *
 * <p>A value longer than its column is cut to fit rather than refused: an audit line that cannot be
 * written would fail the call it records, and SQLite and PostgreSQL should keep the same text.
 */
final class JdbcAuditTrail implements AuditTrail {
  /** How the {@link CommitListener} is told the audit trail wrote. */
  private static final String PART = "audit";

  private static final int CALLER_LENGTH = 200;
  private static final int METHOD_LENGTH = 100;
  private static final int SUBJECT_LENGTH = 400;
  private static final int OUTCOME_LENGTH = 40;

  private static final String INSERT =
      "INSERT INTO audit_events (occurred_at, caller, method, subject, outcome)"
          + " VALUES (?, ?, ?, ?, ?)";
  // The newest rows, put back in the order they were recorded.
  private static final String RECENT =
      "SELECT occurred_at, caller, method, subject, outcome FROM"
          + " (SELECT id, occurred_at, caller, method, subject, outcome FROM audit_events"
          + " ORDER BY id DESC LIMIT ?) AS latest"
          + " ORDER BY id";

  private final StoreStatements statements;

  JdbcAuditTrail(Database database) {
    this.statements = new StoreStatements(database, "the audit trail", PART);
  }

  /** The table; its key is numbered by the database, which each dialect spells its own way. */
  static String table(Dialect dialect) {
    return "CREATE TABLE IF NOT EXISTS audit_events ("
        + " id "
        + dialect.generatedKey()
        + ","
        + " occurred_at VARCHAR(40) NOT NULL,"
        + " caller VARCHAR("
        + CALLER_LENGTH
        + ") NOT NULL,"
        + " method VARCHAR("
        + METHOD_LENGTH
        + ") NOT NULL,"
        + " subject VARCHAR("
        + SUBJECT_LENGTH
        + ") NOT NULL,"
        + " outcome VARCHAR("
        + OUTCOME_LENGTH
        + ") NOT NULL)";
  }

  /** Keeps {@code event}; durable when this returns. */
  @Override
  public void record(AuditEvent event) {
    statements.writeCounted(INSERT, statement -> bind(statement, event));
  }

  /**
   * The event of the call this thread runs ({@link AuditScope#pending()}), as the follow-up of that
   * call's write: in its transaction, so that one commit makes both durable. Null when the thread
   * runs no recorded call, or its event is written already.
   *
   * @param refusal the refusal the write's result ends the call with; null for success
   */
  <T> FollowUp<T> eventOfWrite(Function<T, ErrorCode> refusal) {
    AuditScope scope = AuditScope.pending();
    if (scope == null) {
      return null;
    }
    return new FollowUp<>(
        PART,
        INSERT,
        (statement, result) -> bind(statement, scope.event(refusal.apply(result))),
        scope::markWritten);
  }

  private static void bind(PreparedStatement statement, AuditEvent event) throws SQLException {
    statement.setString(1, event.at().toString());
    statement.setString(2, cut(event.caller(), CALLER_LENGTH));
    statement.setString(3, cut(event.method(), METHOD_LENGTH));
    statement.setString(4, cut(event.subject(), SUBJECT_LENGTH));
    statement.setString(5, cut(event.outcome(), OUTCOME_LENGTH));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code limit} is negative
   */
  @Override
  public List<AuditEvent> recent(int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("limit must not be negative: " + limit);
    }
    return statements.read(
        RECENT,
        statement -> {
          statement.setInt(1, limit);
          return allRows(statement, JdbcAuditTrail::event);
        });
  }

  private static AuditEvent event(ResultSet row) throws SQLException {
    return new AuditEvent(
        Instant.parse(row.getString(1)),
        row.getString(2),
        row.getString(3),
        row.getString(4),
        row.getString(5));
  }

  /**
   * The first {@code maxCharacters} characters of {@code value}. Counted in code points, as
   * PostgreSQL counts a VARCHAR's length, so a character outside the BMP is never split.
   */
  private static String cut(String value, int maxCharacters) {
    if (value.codePointCount(0, value.length()) <= maxCharacters) {
      return value;
    }
    return value.substring(0, value.offsetByCodePoints(0, maxCharacters));
  }
}
