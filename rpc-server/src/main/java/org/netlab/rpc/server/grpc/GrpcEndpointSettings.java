package org.netlab.rpc.server.grpc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.netlab.rpc.contract.ServedBy;
import org.netlab.rpc.server.ServerName;
import org.netlab.tls.TlsFiles;

/**
 * How a {@link GrpcEndpoint} listens.
 *
 * @param address where to bind; port 0 picks a free port
 * @param tls the server's certificate and key, and the client CA for mutual TLS; null means
 *     plaintext
 * @param maxInboundMessageBytes the largest request message accepted
 * @param shutdownGrace how long in-flight calls may run on after shutdown begins
 * @param connectionLimits what one client connection may use
 * @param servedBy the server's name, sent in every call's {@code x-served-by} trailer
 */
public record GrpcEndpointSettings(
    InetSocketAddress address,
    TlsFiles tls,
    int maxInboundMessageBytes,
    Duration shutdownGrace,
    ConnectionLimits connectionLimits,
    String servedBy) {
  /** Far above any valid request (a name is at most 100 characters), far below gRPC's 4 MiB. */
  public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 64 * 1024;

  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  /**
   * Calls open at once on one connection (HTTP/2 SETTINGS_MAX_CONCURRENT_STREAMS). gRPC clients
   * queue calls past it; a client that opens streams past it anyway has them refused.
   */
  public static final int DEFAULT_MAX_CONCURRENT_CALLS_PER_CONNECTION = 1_000;

  /**
   * Request headers, decoded (SETTINGS_MAX_HEADER_LIST_SIZE): gRPC's own default, stated here; a
   * netlab call sends well under 1 KiB.
   */
  public static final int DEFAULT_MAX_HEADER_LIST_BYTES = 8 * 1024;

  /**
   * Request bytes a client may send ahead of the server, per call and per connection (HTTP/2 flow
   * control). Fixed, not tuned upwards from measured bandwidth, so what a connection can make the
   * server buffer is bounded; sixteen times the largest request.
   */
  public static final int DEFAULT_FLOW_CONTROL_WINDOW_BYTES = 1024 * 1024;

  /**
   * RST_STREAM frames per connection in {@link #DEFAULT_RESET_WINDOW}, counting those the client
   * sends and those it provokes (a stream refused for breaking the rules); one more and the
   * connection is closed with GOAWAY(ENHANCE_YOUR_CALM). This stops HTTP/2 rapid reset
   * (CVE-2023-44487), where a client opens and cancels streams as fast as it can, never exceeding
   * the stream limit. gRPC clients reset a stream per cancelled call or missed deadline; twenty a
   * second, in bursts of 200, is far above what a working client does. Off unless set.
   */
  public static final int DEFAULT_MAX_RESETS_PER_WINDOW = 200;

  public static final Duration DEFAULT_RESET_WINDOW = Duration.ofSeconds(10);

  /** Clients may ping this often; ours ping every 30 s at most (too_many_pings below that). */
  public static final Duration DEFAULT_PERMIT_KEEPALIVE_TIME = Duration.ofSeconds(20);

  /** The server pings connections this quiet this often, to find dead peers. */
  public static final Duration DEFAULT_KEEPALIVE_TIME = Duration.ofMinutes(2);

  public static final Duration DEFAULT_KEEPALIVE_TIMEOUT = Duration.ofSeconds(20);

  /** A TLS handshake (or the HTTP/2 preface on plaintext) must finish within this. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  /** A connection with no call for this long is closed (GOAWAY; clients reconnect on demand). */
  public static final Duration DEFAULT_MAX_CONNECTION_IDLE = Duration.ofMinutes(30);

  /**
   * A connection this old is asked to go (GOAWAY, with ±10% jitter), so none holds its state
   * forever and clients of several servers spread again: a client reconnects, and a client that
   * resolves a name (DNS) resolves it again, finding servers added since.
   */
  public static final Duration DEFAULT_MAX_CONNECTION_AGE = Duration.ofMinutes(5);

  /** How long calls still open on a connection past its age may run on. */
  public static final Duration DEFAULT_MAX_CONNECTION_AGE_GRACE = Duration.ofMinutes(1);

  public GrpcEndpointSettings {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(connectionLimits, "connectionLimits");
    ServedBy.checked(servedBy);
    if (maxInboundMessageBytes <= 0) {
      throw new IllegalArgumentException("maxInboundMessageBytes must be positive");
    }
  }

  /**
   * Default limits, TLS given by {@code tls} (null for plaintext), named {@link
   * ServerName#ofProcess()}.
   */
  public GrpcEndpointSettings(InetSocketAddress address, TlsFiles tls) {
    this(
        address,
        tls,
        DEFAULT_MAX_INBOUND_MESSAGE_BYTES,
        DEFAULT_SHUTDOWN_GRACE,
        ConnectionLimits.defaults(),
        ServerName.ofProcess());
  }

  public boolean plaintext() {
    return tls == null;
  }

  public GrpcEndpointSettings withShutdownGrace(Duration grace) {
    return new GrpcEndpointSettings(
        address, tls, maxInboundMessageBytes, grace, connectionLimits, servedBy);
  }

  public GrpcEndpointSettings withConnectionLimits(ConnectionLimits limits) {
    return new GrpcEndpointSettings(
        address, tls, maxInboundMessageBytes, shutdownGrace, limits, servedBy);
  }

  public GrpcEndpointSettings withServedBy(String name) {
    return new GrpcEndpointSettings(
        address, tls, maxInboundMessageBytes, shutdownGrace, connectionLimits, name);
  }

  /**
   * What one client connection may use of the endpoint: the HTTP/2 limits against abuse (RFC 9113
   * section 10.5), keepalive rules and the connection's lifetime. Each default is a constant of
   * {@link GrpcEndpointSettings} that says why.
   */
  public record ConnectionLimits(
      int maxConcurrentCalls,
      int maxHeaderListBytes,
      int flowControlWindowBytes,
      int maxResetsPerWindow,
      Duration resetWindow,
      Duration permitKeepAliveTime,
      Duration keepAliveTime,
      Duration keepAliveTimeout,
      Duration handshakeTimeout,
      Duration maxConnectionIdle,
      Duration maxConnectionAge,
      Duration maxConnectionAgeGrace) {
    public ConnectionLimits {
      positive("maxConcurrentCalls", maxConcurrentCalls);
      positive("maxHeaderListBytes", maxHeaderListBytes);
      positive("flowControlWindowBytes", flowControlWindowBytes);
      positive("maxResetsPerWindow", maxResetsPerWindow);
      for (Duration duration :
          new Duration[] {
            resetWindow,
            permitKeepAliveTime,
            keepAliveTime,
            keepAliveTimeout,
            handshakeTimeout,
            maxConnectionIdle,
            maxConnectionAge,
            maxConnectionAgeGrace
          }) {
        Objects.requireNonNull(duration, "a connection limit's duration");
        if (duration.isNegative() || duration.isZero()) {
          throw new IllegalArgumentException("connection limit durations must be positive");
        }
      }
      if (resetWindow.toSeconds() < 1) {
        throw new IllegalArgumentException("resetWindow must be at least 1 s");
      }
    }

    public static ConnectionLimits defaults() {
      return new ConnectionLimits(
          DEFAULT_MAX_CONCURRENT_CALLS_PER_CONNECTION,
          DEFAULT_MAX_HEADER_LIST_BYTES,
          DEFAULT_FLOW_CONTROL_WINDOW_BYTES,
          DEFAULT_MAX_RESETS_PER_WINDOW,
          DEFAULT_RESET_WINDOW,
          DEFAULT_PERMIT_KEEPALIVE_TIME,
          DEFAULT_KEEPALIVE_TIME,
          DEFAULT_KEEPALIVE_TIMEOUT,
          DEFAULT_HANDSHAKE_TIMEOUT,
          DEFAULT_MAX_CONNECTION_IDLE,
          DEFAULT_MAX_CONNECTION_AGE,
          DEFAULT_MAX_CONNECTION_AGE_GRACE);
    }

    /** The same limits, connections asked to go after {@code age}. */
    public ConnectionLimits withMaxConnectionAge(Duration age) {
      return new ConnectionLimits(
          maxConcurrentCalls,
          maxHeaderListBytes,
          flowControlWindowBytes,
          maxResetsPerWindow,
          resetWindow,
          permitKeepAliveTime,
          keepAliveTime,
          keepAliveTimeout,
          handshakeTimeout,
          maxConnectionIdle,
          age,
          maxConnectionAgeGrace);
    }

    private static void positive(String name, int value) {
      if (value <= 0) {
        throw new IllegalArgumentException(name + " must be positive");
      }
    }
  }
}
