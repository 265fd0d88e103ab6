package org.netlab.access;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * An audit trail in memory that keeps the last {@code capacity} events: for servers whose writes
 * are not kept either (tests, an in-memory phonebook).
 */
public final class InMemoryAuditTrail implements AuditTrail {
  private final int capacity;
  private final Deque<AuditEvent> events = new ArrayDeque<>();

  public InMemoryAuditTrail(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  @Override
  public synchronized void record(AuditEvent event) {
    if (events.size() == capacity) {
      events.removeFirst();
    }
    events.addLast(event);
  }

  @Override
  public synchronized List<AuditEvent> recent(int limit) {
    List<AuditEvent> all = new ArrayList<>(events);
    return List.copyOf(all.subList(Math.max(0, all.size() - limit), all.size()));
  }
}
