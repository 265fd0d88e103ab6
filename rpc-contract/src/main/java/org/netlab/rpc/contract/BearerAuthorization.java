package org.netlab.rpc.contract;

import io.grpc.Metadata;

/**
 * How a caller's token travels, for the client that sends it and the server that reads it: in the
 * {@code authorization} header, gRPC metadata or HTTP, as {@code Bearer TOKEN} (RFC 6750). An
 * XML-RPC server also takes HTTP Basic with the token as password (RFC 7617), which is what a URL
 * with a password makes other clients send.
 */
public final class BearerAuthorization {
  /** The HTTP/1.1 header (RFC 9110, section 11.6.2). */
  public static final String HTTP_HEADER = "Authorization";

  /** The same header as gRPC metadata, whose keys are lower case. */
  public static final Metadata.Key<String> GRPC_KEY =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final String SCHEME = "Bearer ";

  private BearerAuthorization() {}

  /** The header value that carries {@code token}. */
  public static String value(String token) {
    return SCHEME + token;
  }
}
