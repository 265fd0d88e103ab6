package org.netlab.access;

import java.util.List;

/** Where audit events are kept. {@link #record} is durable when it returns. */
public interface AuditTrail {
  void record(AuditEvent event);

  /** The last {@code limit} events, oldest first. */
  List<AuditEvent> recent(int limit);
}
