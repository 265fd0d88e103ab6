package org.netlab.access;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit trail.
 *
 * @param at when the call ended
 * @param caller {@link Caller#label()} of who made it
 * @param method the method as the protocol named it, e.g. {@code phonebook.addEntry}
 * @param subject what it acted on (an entry's or a token's name), or empty
 * @param outcome {@code OK}, or the error code it ended with
 */
public record AuditEvent(Instant at, String caller, String method, String subject, String outcome) {
  public AuditEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(outcome, "outcome");
  }
}
