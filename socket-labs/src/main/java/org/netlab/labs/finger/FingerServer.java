package org.netlab.labs.finger;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.netlab.labs.net.ConnectionHandler;
import org.netlab.labs.net.TcpServer;

/**
 * The finger daemon (RFC 1288) on the shared socket lifecycle: one query per connection, up to a
 * cap. A query that has come whole by the time its connection is accepted is answered at once on
 * the accepting thread when its answer is local and short; any other connection gets its own
 * virtual thread. Besides the idle budget for the query, each connection has a lifetime bound, so a
 * client that never reads its answer cannot hold a slot either.
 */
public final class FingerServer implements AutoCloseable {
  private final TcpServer tcp;
  private final ScheduledThreadPoolExecutor reaper;

  /**
   * How a daemon behaves.
   *
   * @param bind address and port to listen on
   * @param maxConnections connections served at once; more get a "busy" line
   * @param idleTimeout time a client has to send its whole query line
   * @param listAllowed whether an empty query lists the users logged in
   * @param forwardingAllowed whether {@code user@host} is forwarded (one hop)
   * @param forwardTimeout bound on a forwarded query
   * @param maxReplyBytes cap on an answer; longer ones are cut and marked
   */
  public record Config(
      InetSocketAddress bind,
      int maxConnections,
      Duration idleTimeout,
      boolean listAllowed,
      boolean forwardingAllowed,
      Duration forwardTimeout,
      int maxReplyBytes) {
    public Config {
      Objects.requireNonNull(bind, "bind");
      requirePositive(idleTimeout, "idleTimeout");
      requirePositive(forwardTimeout, "forwardTimeout");
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1");
      }
      if (maxReplyBytes < 256) {
        throw new IllegalArgumentException("maxReplyBytes must be at least 256");
      }
    }

    /** Secure defaults: list allowed, forwarding refused, 256 connections, 10 s idle. */
    public static Config defaults(InetSocketAddress bind) {
      return new Config(
          bind, 256, Duration.ofSeconds(10), true, false, Duration.ofSeconds(5), 64 * 1024);
    }

    public Config withMaxConnections(int value) {
      return new Config(
          bind, value, idleTimeout, listAllowed, forwardingAllowed, forwardTimeout, maxReplyBytes);
    }

    public Config withIdleTimeout(Duration value) {
      return new Config(
          bind,
          maxConnections,
          value,
          listAllowed,
          forwardingAllowed,
          forwardTimeout,
          maxReplyBytes);
    }

    public Config withListAllowed(boolean value) {
      return new Config(
          bind,
          maxConnections,
          idleTimeout,
          value,
          forwardingAllowed,
          forwardTimeout,
          maxReplyBytes);
    }

    public Config withForwarding(boolean allowed, Duration timeout) {
      return new Config(
          bind, maxConnections, idleTimeout, listAllowed, allowed, timeout, maxReplyBytes);
    }

    public Config withMaxReplyBytes(int value) {
      return new Config(
          bind, maxConnections, idleTimeout, listAllowed, forwardingAllowed, forwardTimeout, value);
    }

    /** Longest a connection may live: reading the query, forwarding, then writing. */
    Duration lifetime() {
      return idleTimeout.multipliedBy(2).plus(forwardTimeout);
    }

    private static void requirePositive(Duration duration, String name) {
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
    }
  }

  public FingerServer(Config config, UserDirectory directory, RequestLog requestLog) {
    FingerClient forwarder =
        config.forwardingAllowed()
            ? new FingerClient(config.forwardTimeout(), config.maxReplyBytes())
            : null;
    FingerConnectionHandler handler =
        new FingerConnectionHandler(
            config, new FingerService(directory, config.listAllowed()), forwarder, requestLog);
    this.reaper =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "fingerd-reaper");
              thread.setDaemon(true);
              return thread;
            });
    reaper.setRemoveOnCancelPolicy(true);
    this.tcp =
        new TcpServer(
            "fingerd",
            new TcpServer.Options(config.bind(), config.maxConnections(), config.idleTimeout()),
            bounded(handler, reaper, config.lifetime()));
  }

  /** Closes a connection that outlives its bound, whatever it is blocked on. */
  private static ConnectionHandler bounded(
      ConnectionHandler handler, ScheduledExecutorService reaper, Duration lifetime) {
    return new ConnectionHandler() {
      @Override
      public void handle(Socket socket) throws IOException {
        ScheduledFuture<?> reaping =
            reaper.schedule(() -> closeQuietly(socket), lifetime.toMillis(), TimeUnit.MILLISECONDS);
        try {
          handler.handle(socket);
        } finally {
          reaping.cancel(false);
        }
      }

      @Override
      public void refuse(Socket socket) throws IOException {
        handler.refuse(socket);
      }

      // Served at once, a connection cannot outlive its bound: nothing there blocks.
      @Override
      public ConnectionHandler serveAtOnce(Socket socket) throws IOException {
        ConnectionHandler rest = handler.serveAtOnce(socket);
        if (rest == null) {
          return null;
        }
        return rest == handler ? this : bounded(rest, reaper, lifetime);
      }
    };
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already closing: nothing more to do.
    }
  }

  /** Binds and starts serving; returns once the port is bound. */
  public FingerServer start() throws IOException {
    tcp.start();
    return this;
  }

  public InetSocketAddress address() {
    return tcp.address();
  }

  public int port() {
    return tcp.port();
  }

  /** Stops accepting, closes open connections and waits briefly for them. */
  @Override
  public void close() {
    tcp.close();
    reaper.shutdownNow();
  }
}
