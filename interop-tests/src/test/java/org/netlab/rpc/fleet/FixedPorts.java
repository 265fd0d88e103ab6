package org.netlab.rpc.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Loopback ports that are free now and stay this test run's: for processes that must come back on
 * the same port after a restart (a killed server, PostgreSQL). They come from 42000-42999, the
 * range these tests may use on shared machines. That range lies within Linux's default ephemeral
 * range (32768-60999): while a server is down, an outgoing connection may take its port as a local
 * port, and the restart then fails saying the address is in use. The window is a few seconds; a
 * port 0 server would not come back where a proxy expects it at all.
 */
final class FixedPorts {
  static final int FIRST = 42000;
  static final int LAST = 42999;

  /** Ports already handed out in this JVM, free or not: two fleets never share one. */
  private static final Set<Integer> handedOut = new HashSet<>();

  private FixedPorts() {}

  /**
   * One free port; each call gives another.
   *
   * @throws IllegalStateException when the whole range is taken
   */
  static synchronized int next() {
    int size = LAST - FIRST + 1;
    // A random start, so that two JVMs testing at once seldom try the same ports.
    int start = ThreadLocalRandom.current().nextInt(size);
    for (int i = 0; i < size; i++) {
      int port = FIRST + (start + i) % size;
      if (!handedOut.contains(port) && free(port)) {
        handedOut.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + FIRST + "-" + LAST + " on 127.0.0.1");
  }

  private static boolean free(int port) {
    try (ServerSocket probe = new ServerSocket()) {
      // Without SO_REUSEADDR, so that a port a closed connection still holds (TIME_WAIT) counts
      // as taken: a server that binds without that option could not have it.
      probe.setReuseAddress(false);
      probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }
}
