package org.netlab.rpc.server.grpc;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.netlab.tls.TlsFiles;

/**
 * How a {@link GrpcEndpoint} listens.
 *
 * @param address where to bind; port 0 picks a free port
 * @param tls the server's certificate and key, and the client CA for mutual TLS; null means
 *     plaintext
 * @param maxInboundMessageBytes the largest request message accepted
 * @param shutdownGrace how long in-flight calls may run on after shutdown begins
 */
public record GrpcEndpointSettings(
    InetSocketAddress address, TlsFiles tls, int maxInboundMessageBytes, Duration shutdownGrace) {
  /** Far above any valid request (a name is at most 100 characters), far below gRPC's 4 MiB. */
  public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 64 * 1024;

  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);

  public GrpcEndpointSettings {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (maxInboundMessageBytes <= 0) {
      throw new IllegalArgumentException("maxInboundMessageBytes must be positive");
    }
  }

  /** Default limits, TLS given by {@code tls} (null for plaintext). */
  public GrpcEndpointSettings(InetSocketAddress address, TlsFiles tls) {
    this(address, tls, DEFAULT_MAX_INBOUND_MESSAGE_BYTES, DEFAULT_SHUTDOWN_GRACE);
  }

  public boolean plaintext() {
    return tls == null;
  }

  public GrpcEndpointSettings withShutdownGrace(Duration grace) {
    return new GrpcEndpointSettings(address, tls, maxInboundMessageBytes, grace);
  }
}
