package org.netlab.access;

import java.time.Clock;
import java.util.Objects;
import java.util.function.Consumer;
import org.netlab.domain.ErrorCode;

/**
 * What transports tell the audit trail: how each call of an {@link Operation#audited() audited}
 * operation ended, and which calls of those were refused to a known caller. Calls refused for
 * having no identity are not recorded: anyone could fill the trail with them.
 */
public final class CallAudit {
  /** The outcome of a call that succeeded. */
  public static final String OK = "OK";

  private final AuditTrail trail;
  private final Clock clock;
  private final Consumer<String> lostLog;

  /**
   * @param lostLog where a line goes when an event cannot be recorded (the store is down); the
   *     call's own outcome stands, since its write is already durable
   */
  public CallAudit(AuditTrail trail, Clock clock, Consumer<String> lostLog) {
    this.trail = Objects.requireNonNull(trail, "trail");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.lostLog = Objects.requireNonNull(lostLog, "lostLog");
  }

  /**
   * Opens the scope of a call about to run, bound to this thread until closed, so that the store
   * may write its event with the call's write ({@link AuditScope}); a scope that binds nothing when
   * the call is not recorded.
   *
   * @param method the method's name on its protocol
   * @param subject what it acts on, or null
   */
  public AuditScope open(Caller caller, Operation operation, String method, String subject) {
    if (!operation.audited() || caller.anonymous()) {
      return AuditScope.NOT_RECORDED;
    }
    return AuditScope.bind(caller, operation, method, subject, clock);
  }

  /**
   * Records how the call of {@code scope} ended, unless the store wrote its event with its write.
   *
   * @param failure the error it ended with, or null when it succeeded
   */
  public void record(AuditScope scope, ErrorCode failure) {
    if (scope.recorded() && !scope.written()) {
      record(scope.caller(), scope.operation(), scope.method(), scope.subject(), failure);
    }
  }

  /**
   * Records a call if its operation is audited.
   *
   * @param method the method's name on its protocol
   * @param subject what it acted on, or null
   * @param failure the error it ended with, or null when it succeeded
   */
  public void record(
      Caller caller, Operation operation, String method, String subject, ErrorCode failure) {
    if (!operation.audited() || caller.anonymous() || failure == ErrorCode.UNAUTHENTICATED) {
      return;
    }
    AuditEvent event =
        new AuditEvent(
            clock.instant(),
            caller.label(),
            method,
            subject == null ? "" : subject,
            failure == null ? OK : failure.name());
    try {
      trail.record(event);
    } catch (RuntimeException e) {
      lostLog.accept(
          "audit event not recorded ("
              + e.getMessage()
              + "): "
              + event.caller()
              + " "
              + event.method()
              + " "
              + event.outcome());
    }
  }
}
