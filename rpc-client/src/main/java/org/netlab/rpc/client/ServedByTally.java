package org.netlab.rpc.client;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many answers each server gave, by the name it sends in {@code x-served-by}: what shows a
 * client of several servers how its calls were spread. Thread-safe.
 */
public final class ServedByTally {
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

  /** Counts one answer from the server named {@code name}; a null name (none sent) is skipped. */
  public void count(String name) {
    if (name != null) {
      counts.computeIfAbsent(name, n -> new LongAdder()).increment();
    }
  }

  /** The answers counted so far, by server name, in name order. */
  public Map<String, Long> counts() {
    Map<String, Long> snapshot = new TreeMap<>();
    counts.forEach((name, count) -> snapshot.put(name, count.sum()));
    return snapshot;
  }
}
