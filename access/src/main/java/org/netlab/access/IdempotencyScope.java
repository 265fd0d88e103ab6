package org.netlab.access;

/**
 * The idempotency key of the call this thread is running, offered to the store so that it records
 * the key with the call's write in the write's own transaction, and answers a call that comes again
 * with the same key with the first outcome instead of applying it twice. Keys belong to their
 * caller: two callers' equal keys are two keys.
 *
 * <p>A transport binds the scope around the service's work when the call carries a key; a call
 * without one binds nothing, and its writes are applied as sent.
 */
public final class IdempotencyScope implements AutoCloseable {
  private static final IdempotencyScope NONE = new IdempotencyScope(null, null, null);

  private static final ThreadLocal<IdempotencyScope> CURRENT = new ThreadLocal<>();

  private final String caller;
  private final String key;
  private final IdempotencyScope enclosing;

  private IdempotencyScope(String caller, String key, IdempotencyScope enclosing) {
    this.caller = caller;
    this.key = key;
    this.enclosing = enclosing;
  }

  /**
   * Binds {@code key}, sent by {@code caller}, to this thread until the scope is closed; binds
   * nothing when {@code key} is null. The transport has checked the key's form.
   */
  public static IdempotencyScope bind(Caller caller, String key) {
    if (key == null) {
      return NONE;
    }
    IdempotencyScope scope = new IdempotencyScope(caller.label(), key, CURRENT.get());
    CURRENT.set(scope);
    return scope;
  }

  /** The key of the call this thread runs, or null when it carries none. */
  public static IdempotencyScope current() {
    return CURRENT.get();
  }

  /** Who sent the key, as the audit trail names callers. */
  public String caller() {
    return caller;
  }

  public String key() {
    return key;
  }

  /** Unbinds the key from the thread: writes made after it are applied as sent. */
  @Override
  public void close() {
    if (key != null && CURRENT.get() == this) {
      if (enclosing == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(enclosing);
      }
    }
  }
}
