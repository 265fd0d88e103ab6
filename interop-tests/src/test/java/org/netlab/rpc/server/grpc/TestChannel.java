package org.netlab.rpc.server.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import org.netlab.rpc.client.ClientSettings;

/**
 * A plain gRPC channel to a test server, for what our client library does not expose: the standard
 * health and reflection services, and raw stubs that send what our clients never would.
 */
record TestChannel(ManagedChannel channel) implements AutoCloseable {
  static TestChannel open(ClientSettings settings) throws IOException {
    ChannelCredentials credentials =
        settings.url().tls()
            ? TlsChannelCredentials.newBuilder().trustManager(settings.caFile().toFile()).build()
            : InsecureChannelCredentials.create();
    return new TestChannel(
        Grpc.newChannelBuilderForAddress(settings.url().host(), settings.url().port(), credentials)
            .build());
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
