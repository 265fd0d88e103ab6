package org.netlab.rpc.server.grpc;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.contract.BearerAuthorization;

/**
 * A plain gRPC channel to a test server, for what our client library does not expose: the standard
 * health and reflection services, and raw stubs that send what our clients never would. It sends
 * the settings' token, if any, as {@code authorization} metadata.
 */
public record TestChannel(ManagedChannel channel) implements AutoCloseable {
  public static TestChannel open(ClientSettings settings) throws IOException {
    ChannelCredentials credentials =
        settings.url().tls()
            ? TlsChannelCredentials.newBuilder().trustManager(settings.caFile().toFile()).build()
            : InsecureChannelCredentials.create();
    ManagedChannelBuilder<?> builder =
        Grpc.newChannelBuilderForAddress(settings.url().host(), settings.url().port(), credentials);
    if (settings.token() != null) {
      Metadata headers = new Metadata();
      headers.put(BearerAuthorization.GRPC_KEY, BearerAuthorization.value(settings.token()));
      builder.intercept(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
    return new TestChannel(builder.build());
  }

  @Override
  public void close() {
    channel.shutdownNow();
  }
}
