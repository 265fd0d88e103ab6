package org.netlab.rpc.server.grpc;

import io.grpc.Attributes;
import io.grpc.ServerTransportFilter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts a server's connections from the moment their transport is ready until it ends. gRPC also
 * reports the end of transports that never became ready (a failed TLS handshake); those were not
 * counted, so they are recognised by the mark a counted one carries.
 */
final class OpenConnections extends ServerTransportFilter {
  private static final Attributes.Key<Boolean> COUNTED =
      Attributes.Key.create("netlab-connection-counted");

  private final AtomicInteger open = new AtomicInteger();

  @Override
  public Attributes transportReady(Attributes transport) {
    open.incrementAndGet();
    return transport.toBuilder().set(COUNTED, Boolean.TRUE).build();
  }

  @Override
  public void transportTerminated(Attributes transport) {
    if (transport != null && transport.get(COUNTED) != null) {
      open.decrementAndGet();
    }
  }

  int count() {
    return open.get();
  }
}
