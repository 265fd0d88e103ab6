package org.netlab.labs.vault.http;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import javax.net.ssl.SSLContext;
import org.netlab.cli.SocketAddresses;
import org.netlab.labs.cli.CannotServeException;
import org.netlab.labs.net.AcceptFailures;
import org.netlab.labs.vault.VaultPorts;
import org.netlab.labs.vault.VaultRoot;
import org.netlab.tls.SslContexts;
import org.netlab.tls.TlsFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vault's HTTP/1.1 file server, written over sockets: GET and HEAD of the files under one root
 * ({@link VaultRoot}), with validators, single byte ranges, keep-alive and pipelining, TLS or
 * plaintext, allow-lists of client addresses and certificates, and bounds on every wait. One
 * virtual thread per connection, up to {@link Settings#maxConnections()}; more are answered 503.
 *
 * <p>It accepts through a {@link ServerSocketChannel} rather than the shared {@code TcpServer}:
 * plaintext file bodies go out with {@code FileChannel.transferTo} (sendfile), which needs each
 * connection's {@link SocketChannel}.
 *
 * <pre>{@code
 * try (VaultServer server = new VaultServer(VaultServer.Settings.plaintext(dir)).start()) {
 *   URI base = URI.create("http://127.0.0.1:" + server.port() + "/");
 * }
 * }</pre>
 */
public final class VaultServer implements AutoCloseable {
  /**
   * The default port: 8443, the usual HTTPS alternative, is taken by the RPC server's XML-RPC
   * endpoint, so the vault listens next to it.
   */
  public static final int DEFAULT_PORT = VaultPorts.DEFAULT;

  private static final Logger log = LoggerFactory.getLogger(VaultServer.class);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  /** 503 answers in progress at most: beyond, an excess connection is just closed. */
  private static final int MAX_REFUSALS = 64;

  /**
   * TLS for the server.
   *
   * @param context presents the server's certificate; trusts client certificates' CA when {@code
   *     clients} is set
   * @param clients the certificates allowed under mutual TLS, which is then required; null for
   *     server-only TLS
   */
  public record Tls(SSLContext context, ClientCertificates clients) {
    public Tls {
      Objects.requireNonNull(context, "context");
    }

    /** Server-only TLS presenting {@code files}. */
    public static Tls of(TlsFiles files) throws IOException {
      if (files.mutual()) {
        throw new IllegalArgumentException("mutual TLS needs the allowed client certificates");
      }
      return new Tls(SslContexts.forServer(files), null);
    }

    /** Mutual TLS: clients present a certificate of {@code files.clientCa()} that is listed. */
    public static Tls mutual(TlsFiles files, ClientCertificates clients) throws IOException {
      if (!files.mutual()) {
        throw new IllegalArgumentException("mutual TLS needs the client CA");
      }
      return new Tls(SslContexts.forServer(files), Objects.requireNonNull(clients, "clients"));
    }

    public boolean mutual() {
      return clients != null;
    }
  }

  /**
   * How a server serves.
   *
   * @param root the directory served
   * @param extensions lower-case extensions served, without the dot; others are 400
   * @param bind address and port to listen on (port 0 picks a free one)
   * @param tls TLS settings, or null for plaintext
   * @param allowedAddresses client addresses served; others get 403
   * @param maxConnections connections served at once; more get 503
   * @param headTimeout time a request head has to come whole (408 after it); a connection's first
   *     request, and its TLS handshake, count from the connection
   * @param idleTimeout time a kept-alive connection may wait for its next request
   * @param writeTimeout time a response may make no progress before the connection is dropped
   * @param accessLog where each request is recorded
   */
  public record Settings(
      Path root,
      Set<String> extensions,
      InetSocketAddress bind,
      Tls tls,
      List<AddressRange> allowedAddresses,
      int maxConnections,
      Duration headTimeout,
      Duration idleTimeout,
      Duration writeTimeout,
      AccessLog accessLog) {
    public Settings {
      Objects.requireNonNull(root, "root");
      extensions = Set.copyOf(extensions);
      Objects.requireNonNull(bind, "bind");
      allowedAddresses = List.copyOf(allowedAddresses);
      Objects.requireNonNull(accessLog, "accessLog");
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1");
      }
      for (Duration duration : List.of(headTimeout, idleTimeout, writeTimeout)) {
        if (duration.isNegative() || duration.isZero()) {
          throw new IllegalArgumentException("timeouts must be positive");
        }
      }
    }

    /**
     * Plaintext on 127.0.0.1 with a port picked by the system, the lab's extensions, loopback
     * clients only, 256 connections, 10 s for a request head, 30 s idle, 30 s for a stalled write,
     * requests logged at debug: what tests start.
     */
    public static Settings plaintext(Path root) {
      return new Settings(
          root,
          VaultRoot.DEFAULT_EXTENSIONS,
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
          null,
          AddressRange.LOOPBACK,
          256,
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofSeconds(30),
          AccessLog.toLogger());
    }

    public Settings withTls(Tls value) {
      return new Settings(
          root,
          extensions,
          bind,
          value,
          allowedAddresses,
          maxConnections,
          headTimeout,
          idleTimeout,
          writeTimeout,
          accessLog);
    }

    public Settings withBind(InetSocketAddress value) {
      return new Settings(
          root,
          extensions,
          value,
          tls,
          allowedAddresses,
          maxConnections,
          headTimeout,
          idleTimeout,
          writeTimeout,
          accessLog);
    }

    public Settings withExtensions(Set<String> value) {
      return new Settings(
          root,
          value,
          bind,
          tls,
          allowedAddresses,
          maxConnections,
          headTimeout,
          idleTimeout,
          writeTimeout,
          accessLog);
    }

    public Settings withAllowedAddresses(List<AddressRange> value) {
      return new Settings(
          root,
          extensions,
          bind,
          tls,
          value,
          maxConnections,
          headTimeout,
          idleTimeout,
          writeTimeout,
          accessLog);
    }

    public Settings withMaxConnections(int value) {
      return new Settings(
          root,
          extensions,
          bind,
          tls,
          allowedAddresses,
          value,
          headTimeout,
          idleTimeout,
          writeTimeout,
          accessLog);
    }

    public Settings withTimeouts(Duration head, Duration idle, Duration write) {
      return new Settings(
          root,
          extensions,
          bind,
          tls,
          allowedAddresses,
          maxConnections,
          head,
          idle,
          write,
          accessLog);
    }

    public Settings withAccessLog(AccessLog value) {
      return new Settings(
          root,
          extensions,
          bind,
          tls,
          allowedAddresses,
          maxConnections,
          headTimeout,
          idleTimeout,
          writeTimeout,
          value);
    }

    /** Whether a client at {@code address} is on the address allow-list. */
    boolean allows(InetAddress address) {
      for (AddressRange range : allowedAddresses) {
        if (range.contains(address)) {
          return true;
        }
      }
      return false;
    }
  }

  private final Settings settings;
  private final VaultResponder responder;
  private final Clock clock;
  private final Semaphore slots;
  private final Semaphore refusals = new Semaphore(MAX_REFUSALS);
  private final Set<ConnectionWatch> watches = ConcurrentHashMap.newKeySet();
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
  private ServerSocketChannel listener;
  private Thread acceptor;
  private Thread reaper;
  private volatile boolean closed;

  /**
   * Checks the root; does not listen yet.
   *
   * @throws IOException when the root is not a directory
   */
  public VaultServer(Settings settings) throws IOException {
    this(settings, Clock.systemUTC());
  }

  VaultServer(Settings settings, Clock clock) throws IOException {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.responder = new VaultResponder(new VaultRoot(settings.root(), settings.extensions()));
    this.clock = clock;
    this.slots = new Semaphore(settings.maxConnections());
  }

  /**
   * Binds and starts serving; returns once the port is bound.
   *
   * @throws CannotServeException when the port is taken or not allowed
   */
  public synchronized VaultServer start() throws IOException {
    if (listener != null) {
      throw new IllegalStateException("already started");
    }
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      channel.socket().setReuseAddress(true);
      channel.bind(settings.bind(), 1024);
    } catch (IOException e) {
      channel.close();
      throw new CannotServeException(
          "cannot listen on " + SocketAddresses.text(settings.bind()) + ": " + e.getMessage(), e);
    }
    listener = channel;
    reaper = Thread.ofPlatform().name("vault-reaper").daemon().start(this::reap);
    acceptor = Thread.ofPlatform().name("vault-acceptor").daemon().start(this::acceptLoop);
    return this;
  }

  /** The bound address; after {@link #start()}. */
  public InetSocketAddress address() {
    return (InetSocketAddress) listener.socket().getLocalSocketAddress();
  }

  public int port() {
    return listener.socket().getLocalPort();
  }

  public Settings settings() {
    return settings;
  }

  /** Connections being served now (not counting those refused with 503). */
  public int activeConnections() {
    return settings.maxConnections() - slots.availablePermits();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        SocketChannel channel = listener.accept();
        socket = channel.socket();
      } catch (IOException e) {
        if (!closed) {
          AcceptFailures.pauseAfter(log, "vault", e);
        }
        continue;
      }
      boolean admitted = slots.tryAcquire();
      if (!admitted && !refusals.tryAcquire()) {
        closeQuietly(socket);
        continue;
      }
      open.add(socket);
      if (closed) {
        open.remove(socket);
        closeQuietly(socket);
        (admitted ? slots : refusals).release();
        continue;
      }
      Thread worker =
          Thread.ofVirtual()
              .name(admitted ? "vault-conn" : "vault-refuse")
              .unstarted(() -> serve(socket, admitted));
      workers.add(worker);
      worker.start();
    }
  }

  private void serve(Socket socket, boolean admitted) {
    ConnectionWatch watch = new ConnectionWatch(socket, settings.writeTimeout());
    watches.add(watch);
    try (socket) {
      VaultConnection connection = new VaultConnection(settings, responder, clock, socket, watch);
      if (admitted) {
        connection.serve();
      } else {
        connection.refuseBusy();
      }
    } catch (IOException | RuntimeException e) {
      if (!closed && !watch.expired()) {
        log.debug(
            "vault: {} connection ended: {}",
            SocketAddresses.text(socket.getRemoteSocketAddress()),
            e.toString());
      }
    } finally {
      if (watch.expired()) {
        log.debug(
            "vault: {} made no progress in time, dropped",
            SocketAddresses.text(socket.getRemoteSocketAddress()));
      }
      watches.remove(watch);
      open.remove(socket);
      workers.remove(Thread.currentThread());
      (admitted ? slots : refusals).release();
    }
  }

  private void reap() {
    long shortest =
        List.of(settings.headTimeout(), settings.writeTimeout()).stream()
            .mapToLong(Duration::toMillis)
            .min()
            .orElseThrow();
    long tick = Math.max(10, Math.min(250, shortest / 4));
    while (!closed) {
      try {
        Thread.sleep(tick);
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (ConnectionWatch watch : watches) {
        watch.check(now);
      }
    }
  }

  /** Stops accepting, closes every open connection and waits briefly for their threads. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      if (listener != null) {
        listener.close();
      }
    } catch (IOException e) {
      log.debug("vault: closing listener: {}", e.toString());
    }
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
    for (Thread worker : workers) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      try {
        worker.join(Duration.ofNanos(left));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (reaper != null) {
      reaper.interrupt();
    }
    if (acceptor != null) {
      try {
        acceptor.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Closing anyway.
    }
  }
}
