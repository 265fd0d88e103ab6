package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RetryPolicy;
import org.netlab.rpc.client.ServedByTally;
import org.netlab.rpc.client.ServerUrl;

/**
 * The servers of a URL, one or several, called as one: each call goes to the next server in turn
 * (round robin) that is not left out by its {@link ServerHealth}, and a failed attempt is made
 * again, on another server when there is one, as {@link XmlRpcRetryRule} allows and {@link
 * RetryPolicy}'s numbers say, as long as the settings' timeout has not passed since the call began.
 * When every server is left out, the one whose back-off ends first is tried rather than none. A
 * phonebook write carries an idempotency key, the same on each of its attempts. A call that fails
 * throws the last attempt's error unchanged, which names the server it came from. Thread-safe.
 */
final class XmlRpcServers implements XmlRpcCalls, AutoCloseable {
  private record Server(XmlRpcConnection connection, ServerHealth health) {}

  private final ServerUrl url;
  private final Duration timeout;
  private final List<Server> servers;
  private final ServedByTally servedBy;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicBoolean closed = new AtomicBoolean();

  private XmlRpcServers(ClientSettings settings, List<Server> servers, ServedByTally servedBy) {
    this.url = settings.url();
    this.timeout = settings.timeout();
    this.servers = List.copyOf(servers);
    this.servedBy = servedBy;
  }

  /**
   * A connection to each server of the settings' URL, counting in one tally which server answered.
   * Nothing is sent yet.
   *
   * @throws IOException when the CA file or the client certificate cannot be read
   */
  static XmlRpcServers open(ClientSettings settings) throws IOException {
    SSLContext tls = XmlRpcConnection.tls(settings);
    ServedByTally servedBy = new ServedByTally();
    List<Server> servers = new ArrayList<>();
    for (ServerUrl one : settings.url().each()) {
      ClientSettings oneServer =
          new ClientSettings(
              one,
              settings.caFile(),
              settings.clientCertificate(),
              settings.clientKey(),
              settings.timeout(),
              settings.token());
      servers.add(new Server(new XmlRpcConnection(oneServer, tls, servedBy), new ServerHealth()));
    }
    return new XmlRpcServers(settings, servers, servedBy);
  }

  /** How many answers each server gave, by the name it sends. */
  ServedByTally servedBy() {
    return servedBy;
  }

  @Override
  public String where() {
    return url.toString();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Blocks for the attempts and the waits between them, never past the settings' timeout after
   * the call began (an attempt's connect and reads wait at most what is left of it). An interrupt
   * ends the waits: the last error is thrown with the thread's interrupt flag set.
   */
  @Override
  public <T> T call(Class<T> type, String method, Object... params) {
    if (closed.get()) {
      throw new IllegalStateException("this XML-RPC connection is closed");
    }
    String key = XmlRpcRetryRule.carriesKey(method) ? UUID.randomUUID().toString() : null;
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Server> failed = new ArrayList<>(RetryPolicy.MAX_ATTEMPTS);
    for (int attempt = 1; ; attempt++) {
      Server server = choose(failed);
      // The first attempt has the whole timeout, so a connection's read timeout seldom changes.
      Duration left =
          attempt == 1 ? timeout : Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
      try {
        T result = server.connection().attempt(type, method, key, left, params);
        server.health().markUp();
        return result;
      } catch (FailedAttempt e) {
        if (Thread.currentThread().isInterrupted()) {
          // The interrupt closed the socket: the caller gave up, the server did not fail.
          throw e.error();
        }
        if (XmlRpcRetryRule.marksServerDown(e.failure())) {
          server.health().markDown(System.nanoTime());
        }
        failed.add(server);
        if (attempt == RetryPolicy.MAX_ATTEMPTS
            || !XmlRpcRetryRule.mayRetry(method, e.failure())
            || !waitBeforeRetry(attempt, deadline)) {
          throw e.error();
        }
      }
    }
  }

  /**
   * Waits before retry number {@code retry}; false, without waiting, when the wait would end past
   * the deadline, or when the thread is interrupted while waiting.
   */
  private static boolean waitBeforeRetry(int retry, long deadline) {
    long wait = RetryPolicy.backoff(retry, ThreadLocalRandom.current().nextDouble()).toNanos();
    if (System.nanoTime() + wait - deadline >= 0) {
      return false;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * The next server in turn that is in the rotation and has not failed this call; else one in the
   * rotation that has; else, every server being left out, the one whose back-off ends first.
   */
  private Server choose(List<Server> failedThisCall) {
    int count = servers.size();
    int first = Math.floorMod(next.getAndIncrement(), count);
    long now = System.nanoTime();
    Server upButFailed = null;
    Server soonestBack = null;
    for (int i = 0; i < count; i++) {
      Server server = servers.get((first + i) % count);
      if (!server.health().isDown(now)) {
        if (!failedThisCall.contains(server)) {
          return server;
        }
        if (upButFailed == null) {
          upButFailed = server;
        }
      } else if (soonestBack == null
          || server.health().downUntil() - soonestBack.health().downUntil() < 0) {
        soonestBack = server;
      }
    }
    return upButFailed != null ? upButFailed : soonestBack;
  }

  /** Closes every server's connection. Closing twice is safe. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      servers.forEach(server -> server.connection().close());
    }
  }
}
