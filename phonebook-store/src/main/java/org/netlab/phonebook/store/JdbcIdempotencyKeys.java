package org.netlab.phonebook.store;

import static org.netlab.phonebook.store.StoreStatements.firstRow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.netlab.access.AuditScope;
import org.netlab.access.IdempotencyScope;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;

/**
 * The idempotency keys of writes, each with the outcome its write gave, kept for {@link #RETENTION}
 * in the store of the writes: a key is recorded in its write's transaction, so a write is durable
 * exactly when its key is, and a call that comes again with a recorded key is answered with the
 * first outcome instead of being applied twice.
 *
 * <p>A key is its caller's: the same key from two callers is two keys. A key sent again with
 * another request (another method or other arguments) is refused: it is a client's mistake that
 * retrying would not mend.
 */
final class JdbcIdempotencyKeys {
  /** How long a key is remembered; a retry comes seconds after its first attempt, not days. */
  static final Duration RETENTION = Duration.ofHours(24);

  /** How often keys past their retention are deleted, at most. */
  private static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

  static final String TABLE =
      "CREATE TABLE IF NOT EXISTS idempotency_keys ("
          + " caller VARCHAR(200) NOT NULL,"
          + " request_key VARCHAR(160) NOT NULL,"
          + " request_hash VARCHAR(64) NOT NULL,"
          + " outcome VARCHAR(32) NOT NULL,"
          + " answer VARCHAR(400) NOT NULL,"
          + " created_millis BIGINT NOT NULL,"
          + " PRIMARY KEY (caller, request_key))";
  private static final String FIND =
      "SELECT request_hash, outcome, answer, created_millis FROM idempotency_keys"
          + " WHERE caller = ? AND request_key = ?";
  private static final String INSERT =
      "INSERT INTO idempotency_keys"
          + " (caller, request_key, request_hash, outcome, answer, created_millis)"
          + " VALUES (?, ?, ?, ?, ?, ?)";
  private static final String DELETE_EXPIRED_ONE =
      "DELETE FROM idempotency_keys WHERE caller = ? AND request_key = ? AND created_millis < ?";
  private static final String PURGE = "DELETE FROM idempotency_keys WHERE created_millis < ?";

  private static final String PART = "idempotency";

  private final StoreStatements statements;
  private final Clock clock;
  private final AtomicLong lastPurge = new AtomicLong();

  JdbcIdempotencyKeys(Database database, Clock clock) {
    this.statements = new StoreStatements(database, "the phonebook store", PART);
    this.clock = clock;
  }

  /**
   * The write this thread's call is about to make, described by its method and arguments; {@link
   * KeyedWrite#NONE} when the call carries no key.
   */
  KeyedWrite keyed(String method, String... arguments) {
    IdempotencyScope scope = IdempotencyScope.current();
    return scope == null ? KeyedWrite.NONE : new KeyedWrite(this, scope, hash(method, arguments));
  }

  /** What a write gave its caller, as recorded with its key. */
  record Outcome(ErrorCode refusal, String answer) {
    static Outcome ok(String answer) {
      return new Outcome(null, answer);
    }

    static Outcome refused(ErrorCode refusal) {
      return new Outcome(refusal, "");
    }

    boolean refused() {
      return refusal != null;
    }

    private String code() {
      return refusal == null ? "OK" : refusal.name();
    }

    private static Outcome of(String code, String answer) {
      return code.equals("OK") ? ok(answer) : new Outcome(ErrorCode.valueOf(code), answer);
    }
  }

  /** One keyed write: its earlier outcome, if any, and the record of its outcome. */
  static final class KeyedWrite {
    static final KeyedWrite NONE = new KeyedWrite(null, null, null);

    private final JdbcIdempotencyKeys keys;
    private final IdempotencyScope scope;
    private final String hash;

    private KeyedWrite(JdbcIdempotencyKeys keys, IdempotencyScope scope, String hash) {
      this.keys = keys;
      this.scope = scope;
      this.hash = hash;
    }

    /**
     * The outcome the key's first call gave, or null when the write is to be made now. A call
     * answered from its key writes no audit event: its first call's event is in the trail.
     *
     * @throws ServiceException INVALID_ARGUMENT when the key was used for another request
     */
    Outcome earlier() {
      if (scope == null) {
        return null;
      }
      Outcome earlier = keys.find(scope, hash);
      AuditScope audit = AuditScope.pending();
      if (earlier != null && audit != null) {
        audit.markWritten();
      }
      return earlier;
    }

    /** The statement that records the key with the outcome {@code outcome} makes of the result. */
    <T> FollowUp<T> record(Function<T, Outcome> outcome) {
      if (scope == null) {
        return null;
      }
      long now = keys.clock.millis();
      keys.purgeExpiredNowAndThen(now);
      return new FollowUp<>(
          PART,
          INSERT,
          (statement, result) -> {
            Outcome given = outcome.apply(result);
            statement.setString(1, scope.caller());
            statement.setString(2, scope.key());
            statement.setString(3, hash);
            statement.setString(4, given.code());
            statement.setString(5, given.answer());
            statement.setLong(6, now);
          },
          () -> {});
    }
  }

  private Outcome find(IdempotencyScope scope, String hash) {
    Recorded recorded =
        statements.read(
            FIND,
            statement -> {
              statement.setString(1, scope.caller());
              statement.setString(2, scope.key());
              return firstRow(
                  statement,
                  row ->
                      new Recorded(
                          row.getString(1),
                          Outcome.of(row.getString(2), row.getString(3)),
                          row.getLong(4)));
            });
    if (recorded == null) {
      return null;
    }
    long oldestKept = clock.millis() - RETENTION.toMillis();
    if (recorded.createdMillis < oldestKept) {
      // Forgotten: the key may be used afresh once its old row is gone.
      statements.write(
          DELETE_EXPIRED_ONE,
          statement -> {
            statement.setString(1, scope.caller());
            statement.setString(2, scope.key());
            statement.setLong(3, oldestKept);
            return statement.executeUpdate();
          });
      return null;
    }
    if (!recorded.hash.equals(hash)) {
      throw ServiceException.invalidArgument(
          "the idempotency key "
              + scope.key()
              + " was first sent with another request; use a new key for each call");
    }
    return recorded.outcome;
  }

  /** Deletes the keys past their retention, at most once per {@link #PURGE_INTERVAL}, aside. */
  private void purgeExpiredNowAndThen(long now) {
    long last = lastPurge.get();
    if (now - last < PURGE_INTERVAL.toMillis() || !lastPurge.compareAndSet(last, now)) {
      return;
    }
    long oldestKept = now - RETENTION.toMillis();
    Thread.startVirtualThread(
        () -> {
          try {
            statements.write(
                PURGE,
                statement -> {
                  statement.setLong(1, oldestKept);
                  return statement.executeUpdate();
                });
          } catch (RuntimeException e) {
            lastPurge.set(last); // the store is down: try again with a later write
          }
        });
  }

  private record Recorded(String hash, Outcome outcome, long createdMillis) {}

  /** SHA-256 of the method and its arguments, each ended by a NUL, in hex. */
  private static String hash(String method, String... arguments) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
    digest.update(method.getBytes(StandardCharsets.UTF_8));
    for (String argument : arguments) {
      digest.update((byte) 0);
      digest.update(String.valueOf(argument).getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
