package org.netlab.phonebook.store;

import static org.netlab.phonebook.store.JdbcIdempotencyKeys.Outcome.ok;
import static org.netlab.phonebook.store.JdbcIdempotencyKeys.Outcome.refused;
import static org.netlab.phonebook.store.StoreStatements.allRows;
import static org.netlab.phonebook.store.StoreStatements.firstRow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.EntryRules;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.domain.phonebook.PhonebookRefusals;
import org.netlab.phonebook.store.JdbcIdempotencyKeys.KeyedWrite;
import org.netlab.phonebook.store.JdbcIdempotencyKeys.Outcome;

/**
 * The {@link Phonebook} in a {@link JdbcStore}'s database, one row per entry.
 *
 * <p>Every write is one statement, committed by the store's one writer ({@link GroupCommit}) with
 * the writes queued beside it; it is atomic and durable when the method returns. When the thread
 * runs a call that is audited, the call's audit event is written in the same transaction, with the
 * outcome the write gives it, and so is its idempotency key ({@link JdbcIdempotencyKeys}): a write
 * whose key is recorded already answers as it first did, without writing. Uniqueness ignoring case
 * is the database's own unique key, so racing adds of one name leave exactly one entry.
 */
final class JdbcPhonebook implements Phonebook {
  static final String TABLE =
      "CREATE TABLE IF NOT EXISTS phonebook_entries ("
          + " name_key VARCHAR(400) NOT NULL PRIMARY KEY,"
          + " name VARCHAR(400) NOT NULL,"
          + " number VARCHAR("
          + EntryRules.MAX_NUMBER_LENGTH
          + ") NOT NULL)";
  private static final String INSERT =
      "INSERT INTO phonebook_entries (name_key, name, number) VALUES (?, ?, ?)"
          + " ON CONFLICT (name_key) DO NOTHING";
  private static final String UPDATE =
      "UPDATE phonebook_entries SET number = ? WHERE name_key = ? RETURNING name, number";
  private static final String FIND =
      "SELECT name, number FROM phonebook_entries WHERE name_key = ?";
  private static final String COUNT = "SELECT COUNT(*) FROM phonebook_entries";
  private static final String DELETE = "DELETE FROM phonebook_entries WHERE name_key = ?";
  private static final String DELETE_ALL = "DELETE FROM phonebook_entries";
  private static final String LIST =
      "SELECT name, number FROM phonebook_entries WHERE name_key LIKE ? ESCAPE '!'"
          + " ORDER BY name_key, name";

  private final StoreStatements statements;
  private final JdbcAuditTrail audit;
  private final JdbcIdempotencyKeys keys;

  /**
   * @param audit writes the event of the call that makes a write in that write's transaction
   * @param keys records the call's idempotency key, if it has one, in that transaction too
   */
  JdbcPhonebook(Database database, JdbcAuditTrail audit, JdbcIdempotencyKeys keys) {
    this.statements = new StoreStatements(database, "the phonebook store", "phonebook");
    this.audit = audit;
    this.keys = keys;
  }

  @Override
  public Entry add(String name, String number) {
    Entry entry = new Entry(name, number);
    KeyedWrite keyed = keys.keyed("add", entry.name(), entry.number());
    Outcome earlier = keyed.earlier();
    int inserted;
    if (earlier != null) {
      inserted = earlier.refused() ? 0 : 1;
    } else {
      inserted =
          statements.writeCounted(
              INSERT,
              statement -> {
                statement.setString(1, EntryRules.key(entry.name()));
                statement.setString(2, entry.name());
                statement.setString(3, entry.number());
              },
              audit.eventOfWrite(count -> count == 0 ? ErrorCode.ALREADY_EXISTS : null),
              keyed.record(count -> count == 0 ? refused(ErrorCode.ALREADY_EXISTS) : ok("")));
    }
    if (inserted == 0) {
      throw PhonebookRefusals.nameTaken(entry.name());
    }
    return entry;
  }

  @Override
  public Entry update(String name, String number) {
    String validName = EntryRules.name(name);
    String validNumber = EntryRules.number(number);
    KeyedWrite keyed = keys.keyed("update", validName, validNumber);
    Outcome earlier = keyed.earlier();
    Entry updated;
    if (earlier != null) {
      updated = earlier.refused() ? null : new Entry(earlier.answer(), validNumber);
    } else {
      updated =
          statements.write(
              UPDATE,
              statement -> {
                statement.setString(1, validNumber);
                statement.setString(2, EntryRules.key(validName));
                return firstRow(statement, JdbcPhonebook::entry);
              },
              audit.eventOfWrite(entry -> entry == null ? ErrorCode.NOT_FOUND : null),
              keyed.record(
                  entry -> entry == null ? refused(ErrorCode.NOT_FOUND) : ok(entry.name())));
    }
    if (updated == null) {
      throw PhonebookRefusals.noEntryNamed(validName);
    }
    return updated;
  }

  @Override
  public Entry find(String name) {
    String validName = EntryRules.name(name);
    Entry found =
        statements.read(
            FIND,
            statement -> {
              statement.setString(1, EntryRules.key(validName));
              return firstRow(statement, JdbcPhonebook::entry);
            });
    if (found == null) {
      throw PhonebookRefusals.noEntryNamed(validName);
    }
    return found;
  }

  @Override
  public long count() {
    return statements.read(COUNT, statement -> firstRow(statement, rows -> rows.getLong(1)));
  }

  @Override
  public void remove(String name) {
    String validName = EntryRules.name(name);
    KeyedWrite keyed = keys.keyed("remove", validName);
    Outcome earlier = keyed.earlier();
    int removed;
    if (earlier != null) {
      removed = earlier.refused() ? 0 : 1;
    } else {
      removed =
          statements.writeCounted(
              DELETE,
              statement -> statement.setString(1, EntryRules.key(validName)),
              audit.eventOfWrite(count -> count == 0 ? ErrorCode.NOT_FOUND : null),
              keyed.record(count -> count == 0 ? refused(ErrorCode.NOT_FOUND) : ok("")));
    }
    if (removed == 0) {
      throw PhonebookRefusals.noEntryNamed(validName);
    }
  }

  @Override
  public long removeAll() {
    KeyedWrite keyed = keys.keyed("removeAll");
    Outcome earlier = keyed.earlier();
    if (earlier != null) {
      return Long.parseLong(earlier.answer());
    }
    return statements.write(
        DELETE_ALL,
        statement -> (long) statement.executeUpdate(),
        audit.eventOfWrite(count -> null),
        keyed.record(count -> ok(Long.toString(count))));
  }

  @Override
  public List<Entry> list(String namePrefix) {
    String pattern = escapeLike(EntryRules.key(EntryRules.prefix(namePrefix))) + "%";
    return statements.read(
        LIST,
        statement -> {
          statement.setString(1, pattern);
          return allRows(statement, JdbcPhonebook::entry);
        });
  }

  private static Entry entry(ResultSet row) throws SQLException {
    return new Entry(row.getString(1), row.getString(2));
  }

  private static String escapeLike(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
