package org.netlab.rpc.client.grpc;

import java.io.IOException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.client.TransportException;

/**
 * Opens {@link RpcConnection}s over gRPC: one channel per connection, shared by both services'
 * calls. Use {@link RpcConnection#open}, which picks the transport by the URL.
 */
public final class GrpcTransport {
  private GrpcTransport() {}

  /**
   * @throws TransportException of kind {@code UNTRUSTED} when a TLS file cannot be used
   */
  public static RpcConnection open(ClientSettings settings) {
    GrpcConnection connection;
    try {
      connection = GrpcConnection.open(settings);
    } catch (IOException e) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED, "cannot use the TLS files: " + e.getMessage(), e);
    }
    return RpcConnection.of(
        new GrpcCalculatorClient(connection),
        new GrpcPhonebookClient(connection),
        new GrpcAsyncCalculator(connection),
        new GrpcAsyncPhonebook(connection),
        connection::close,
        connection.servedBy());
  }
}
