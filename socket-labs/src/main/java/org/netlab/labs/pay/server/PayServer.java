package org.netlab.labs.pay.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.netlab.labs.net.TcpServer;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.ledger.Ledger;
import org.netlab.tls.LocalCertificateAuthority;

/**
 * The central server of the payment lab: registers users (certificates from its CA), keeps the
 * directory of who is online, and settles signed orders in its {@link Ledger}. Raw TLS 1.3 sockets;
 * a virtual thread per connection reads and writes lines, a bounded pool runs the requests.
 *
 * <pre>
 * try (PayServer server = new PayServer(PayServer.Settings.local(ca, tls, ledger)).start()) {
 *   int port = server.port();
 * }
 * </pre>
 */
public final class PayServer implements AutoCloseable {
  private final Settings settings;
  private final WorkerPool workers;
  private final TcpServer listener;

  /**
   * What a server needs.
   *
   * @param tls presents the server's certificate and trusts client certificates from {@code
   *     authority}
   * @param openingBalance minor units each new account gets from the issuer
   * @param workers threads that run requests
   * @param queue requests that may wait for a worker; more get BUSY
   * @param maxConnections connections at once; more get BUSY and are closed
   * @param presenceTimeout a logged-in peer silent this long goes offline; also the idle timeout
   */
  public record Settings(
      InetSocketAddress bind,
      SSLContext tls,
      LocalCertificateAuthority authority,
      Ledger ledger,
      long openingBalance,
      int workers,
      int queue,
      int maxConnections,
      Duration presenceTimeout,
      Duration lineTimeout,
      Clock clock) {
    public static final long DEFAULT_OPENING_BALANCE = 100_00;
    public static final int DEFAULT_WORKERS = 16;
    public static final int DEFAULT_QUEUE = 64;
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;

    public Settings {
      Objects.requireNonNull(bind, "bind");
      Objects.requireNonNull(tls, "tls");
      Objects.requireNonNull(authority, "authority");
      Objects.requireNonNull(ledger, "ledger");
      Objects.requireNonNull(clock, "clock");
      if (openingBalance < 0) {
        throw new IllegalArgumentException("the opening balance cannot be negative");
      }
    }

    /** Loopback on a free port, the defaults for the rest. */
    public static Settings local(
        LocalCertificateAuthority authority, SSLContext tls, Ledger ledger) {
      return new Settings(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          tls,
          authority,
          ledger,
          DEFAULT_OPENING_BALANCE,
          DEFAULT_WORKERS,
          DEFAULT_QUEUE,
          DEFAULT_MAX_CONNECTIONS,
          PayProtocol.PRESENCE_TIMEOUT,
          Duration.ofSeconds(10),
          Clock.systemUTC());
    }

    public Settings withBind(InetSocketAddress bind) {
      return new Settings(
          bind,
          tls,
          authority,
          ledger,
          openingBalance,
          workers,
          queue,
          maxConnections,
          presenceTimeout,
          lineTimeout,
          clock);
    }

    public Settings withOpeningBalance(long openingBalance) {
      return new Settings(
          bind,
          tls,
          authority,
          ledger,
          openingBalance,
          workers,
          queue,
          maxConnections,
          presenceTimeout,
          lineTimeout,
          clock);
    }

    public Settings withPool(int workers, int queue) {
      return new Settings(
          bind,
          tls,
          authority,
          ledger,
          openingBalance,
          workers,
          queue,
          maxConnections,
          presenceTimeout,
          lineTimeout,
          clock);
    }

    public Settings withMaxConnections(int maxConnections) {
      return new Settings(
          bind,
          tls,
          authority,
          ledger,
          openingBalance,
          workers,
          queue,
          maxConnections,
          presenceTimeout,
          lineTimeout,
          clock);
    }

    public Settings withPresenceTimeout(Duration presenceTimeout) {
      return new Settings(
          bind,
          tls,
          authority,
          ledger,
          openingBalance,
          workers,
          queue,
          maxConnections,
          presenceTimeout,
          lineTimeout,
          clock);
    }

    public Settings withLineTimeout(Duration lineTimeout) {
      return new Settings(
          bind,
          tls,
          authority,
          ledger,
          openingBalance,
          workers,
          queue,
          maxConnections,
          presenceTimeout,
          lineTimeout,
          clock);
    }

    public Settings withClock(Clock clock) {
      return new Settings(
          bind,
          tls,
          authority,
          ledger,
          openingBalance,
          workers,
          queue,
          maxConnections,
          presenceTimeout,
          lineTimeout,
          clock);
    }
  }

  public PayServer(Settings settings) {
    this.settings = settings;
    this.workers = new WorkerPool(settings.workers(), settings.queue());
    Presence presence = new Presence(settings.presenceTimeout(), settings.clock());
    PayCommands commands =
        new PayCommands(
            settings.ledger(),
            new Registrar(settings.authority(), settings.ledger(), settings.openingBalance()),
            presence,
            settings.clock());
    this.listener =
        new TcpServer(
            "pay-server",
            new TcpServer.Options(
                settings.bind(), settings.maxConnections(), settings.presenceTimeout()),
            new PaySession(
                settings.tls(),
                Duration.ofSeconds(10),
                settings.lineTimeout(),
                commands,
                workers,
                presence));
  }

  /** Binds and starts serving; returns once the port is bound. */
  public PayServer start() throws IOException {
    listener.start();
    return this;
  }

  public int port() {
    return listener.port();
  }

  public InetSocketAddress address() {
    return listener.address();
  }

  /** Stops accepting, closes connections, lets running requests finish; the ledger stays open. */
  @Override
  public void close() {
    listener.close();
    workers.close();
  }

  Settings settings() {
    return settings;
  }
}
