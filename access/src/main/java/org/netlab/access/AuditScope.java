package org.netlab.access;

import java.time.Clock;
import org.netlab.domain.ErrorCode;

/**
 * The audit event of the call this thread is running, offered to the store so that it writes the
 * event in the transaction of the call's own write: one commit then makes both durable, where the
 * event written after the call took a second commit, waited for in turn.
 *
 * <p>A transport opens the scope around the service's work ({@link CallAudit#open}) and, once the
 * call has ended, records the event itself ({@link CallAudit#record(AuditScope, ErrorCode)}) unless
 * the store has {@link #written() written} it. A store that writes it calls {@link #markWritten()}
 * only once its transaction has committed, so an event is never both lost and taken as written.
 */
public final class AuditScope implements AutoCloseable {
  /** The scope of a call that is not recorded: nothing is bound to the thread. */
  static final AuditScope NOT_RECORDED = new AuditScope(null, null, null, null, null);

  private static final ThreadLocal<AuditScope> CURRENT = new ThreadLocal<>();

  private final Caller caller;
  private final Operation operation;
  private final String method;
  private final String subject;
  private final Clock clock;
  private final AuditScope enclosing;
  private volatile boolean written;

  private AuditScope(
      Caller caller, Operation operation, String method, String subject, Clock clock) {
    this.caller = caller;
    this.operation = operation;
    this.method = method;
    this.subject = subject == null ? "" : subject;
    this.clock = clock;
    this.enclosing = caller == null ? null : CURRENT.get();
  }

  /** Binds a scope for a call that is recorded to this thread until it is closed. */
  static AuditScope bind(
      Caller caller, Operation operation, String method, String subject, Clock clock) {
    AuditScope scope = new AuditScope(caller, operation, method, subject, clock);
    CURRENT.set(scope);
    return scope;
  }

  /**
   * The open scope of the call this thread runs whose event no write has taken yet; null when there
   * is none (no recorded call, or its event is already written).
   */
  public static AuditScope pending() {
    AuditScope scope = CURRENT.get();
    return scope == null || scope.written ? null : scope;
  }

  /**
   * The call's event, ended with {@code failure}; its time is now.
   *
   * @param failure the refusal the write ends the call with, or null when it succeeds
   */
  public AuditEvent event(ErrorCode failure) {
    return new AuditEvent(
        clock.instant(),
        caller.label(),
        method,
        subject,
        failure == null ? CallAudit.OK : failure.name());
  }

  /** Called by a store once the transaction holding {@link #event} has committed. */
  public void markWritten() {
    written = true;
  }

  /** Whether a store has written the event with the call's write. */
  public boolean written() {
    return written;
  }

  /** Whether the call is recorded at all: an audited operation by a known caller. */
  boolean recorded() {
    return caller != null;
  }

  Caller caller() {
    return caller;
  }

  Operation operation() {
    return operation;
  }

  String method() {
    return method;
  }

  String subject() {
    return subject;
  }

  /** Unbinds the scope from the thread: writes made after it no longer carry its event. */
  @Override
  public void close() {
    if (recorded() && CURRENT.get() == this) {
      if (enclosing == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(enclosing);
      }
    }
  }
}
