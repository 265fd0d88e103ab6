package org.netlab.labs.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.netlab.cli.Durations;
import org.netlab.cli.SocketAddresses;
import org.netlab.labs.cli.CannotServeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifecycle shared by the socket-lab servers: bind, accept on one thread, serve each connection
 * on its own virtual thread up to a cap (or, when its handler can without blocking, at once on the
 * accepting thread: {@link ConnectionHandler#serveAtOnce}), time out idle reads, and on {@link
 * #close()} stop accepting, close open connections and wait a bounded time for them. Handlers read
 * lines with {@link LineReader#forSocket}, which adds a deadline for each whole line.
 */
public final class TcpServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TcpServer.class);
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

  private final String name;
  private final String workerName;
  private final Options options;
  private final ConnectionHandler handler;
  private final Semaphore slots;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
  private ServerSocket serverSocket;
  private Thread acceptor;
  private volatile boolean closed;

  /**
   * Limits of a server.
   *
   * @param bind address and port to listen on (port 0 picks a free one)
   * @param maxConnections connections served at once; more are refused
   * @param idleTimeout how long a read may wait for the client
   */
  public record Options(InetSocketAddress bind, int maxConnections, Duration idleTimeout) {
    public Options {
      Objects.requireNonNull(bind, "bind");
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1");
      }
      if (idleTimeout.isNegative() || idleTimeout.isZero()) {
        throw new IllegalArgumentException("idleTimeout must be positive");
      }
    }
  }

  public TcpServer(String name, Options options, ConnectionHandler handler) {
    this.name = Objects.requireNonNull(name, "name");
    this.workerName = name + "-conn";
    this.options = Objects.requireNonNull(options, "options");
    this.handler = Objects.requireNonNull(handler, "handler");
    this.slots = new Semaphore(options.maxConnections());
  }

  /**
   * Binds and starts accepting; returns once the port is bound.
   *
   * @throws CannotServeException when the port is taken or not allowed
   */
  public synchronized TcpServer start() throws IOException {
    if (serverSocket != null) {
      throw new IllegalStateException(name + " already started");
    }
    ServerSocket socket = new ServerSocket();
    socket.setReuseAddress(true);
    try {
      socket.bind(options.bind(), 1024);
    } catch (IOException e) {
      socket.close();
      throw new CannotServeException(
          "cannot listen on " + SocketAddresses.text(options.bind()) + ": " + e.getMessage(), e);
    }
    serverSocket = socket;
    acceptor = Thread.ofPlatform().name(name + "-acceptor").daemon().start(this::acceptLoop);
    return this;
  }

  /** The bound address; after {@link #start()}. */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverSocket.getLocalSocketAddress();
  }

  public int port() {
    return serverSocket.getLocalPort();
  }

  /** How many connections are being served now. */
  public int activeConnections() {
    return options.maxConnections() - slots.availablePermits();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = serverSocket.accept();
      } catch (IOException e) {
        if (!closed) {
          AcceptFailures.pauseAfter(log, name, e);
        }
        continue;
      }
      if (!slots.tryAcquire()) {
        Thread.ofVirtual().name(name + "-refuse").start(() -> refuse(socket));
        continue;
      }
      open.add(socket);
      if (closed) {
        // close() may have swept the open set before this socket joined it.
        open.remove(socket);
        closeQuietly(socket);
        slots.release();
        continue;
      }
      ConnectionHandler rest = serveAtOnce(socket);
      if (rest == null) {
        open.remove(socket);
        closeQuietly(socket);
        slots.release();
        continue;
      }
      Thread worker = Thread.ofVirtual().name(workerName).unstarted(() -> serve(socket, rest));
      workers.add(worker);
      worker.start();
    }
  }

  /** The handler's {@link ConnectionHandler#serveAtOnce}: null once served, or what is left. */
  private ConnectionHandler serveAtOnce(Socket socket) {
    try {
      return handler.serveAtOnce(socket);
    } catch (IOException | RuntimeException e) {
      log.debug(
          "{}: connection from {} ended: {}",
          name,
          SocketAddresses.text(socket.getRemoteSocketAddress()),
          e.toString());
      return null;
    }
  }

  private void serve(Socket socket, ConnectionHandler handler) {
    try (socket) {
      socket.setSoTimeout(Math.toIntExact(options.idleTimeout().toMillis()));
      socket.setTcpNoDelay(true);
      handler.handle(socket);
    } catch (SocketTimeoutException e) {
      log.debug(
          "{}: {} idle for {}, closed",
          name,
          SocketAddresses.text(socket.getRemoteSocketAddress()),
          Durations.text(options.idleTimeout()));
    } catch (LineReader.LineTimeoutException e) {
      log.debug(
          "{}: {} {}, closed",
          name,
          SocketAddresses.text(socket.getRemoteSocketAddress()),
          e.getMessage());
    } catch (SocketException e) {
      log.debug(
          "{}: {} connection ended: {}",
          name,
          SocketAddresses.text(socket.getRemoteSocketAddress()),
          e.getMessage());
    } catch (IOException | RuntimeException e) {
      if (!closed) {
        log.warn(
            "{}: connection from {} failed: {}",
            name,
            SocketAddresses.text(socket.getRemoteSocketAddress()),
            e.toString());
      }
    } finally {
      open.remove(socket);
      workers.remove(Thread.currentThread());
      slots.release();
    }
  }

  private void refuse(Socket socket) {
    try (socket) {
      socket.setSoTimeout(1000);
      handler.refuse(socket);
    } catch (IOException | RuntimeException e) {
      log.debug(
          "{}: refusing {} failed: {}",
          name,
          SocketAddresses.text(socket.getRemoteSocketAddress()),
          e.toString());
    }
  }

  /** Stops accepting, closes every open connection and waits briefly for handlers. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      if (serverSocket != null) {
        serverSocket.close();
      }
    } catch (IOException e) {
      log.debug("{}: closing listener: {}", name, e.toString());
    }
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    long deadline = System.nanoTime() + CLOSE_GRACE.toNanos();
    for (Thread worker : workers) {
      try {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          worker.join(Duration.ofNanos(left));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (acceptor != null) {
      try {
        acceptor.join(TimeUnit.SECONDS.toMillis(1));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      log.debug("{}: closing connection: {}", name, e.toString());
    }
  }
}
