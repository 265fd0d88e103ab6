package org.netlab.rpc.contract;

/** Where the RPC server listens unless told otherwise, and so where clients look first. */
public final class DefaultAddresses {
  /** gRPC, with or without TLS. */
  public static final int GRPC_PORT = 50051;

  /** XML-RPC over HTTPS. */
  public static final int XML_RPC_TLS_PORT = 8443;

  /** XML-RPC over plain HTTP, only when plaintext is asked for. */
  public static final int XML_RPC_PLAINTEXT_PORT = 8080;

  /** The one path that serves XML-RPC calls, as in the original lab. */
  public static final String XML_RPC_PATH = "/RPC2";

  private DefaultAddresses() {}

  /** The XML-RPC port of a server with or without TLS. */
  public static int xmlRpcPort(boolean tls) {
    return tls ? XML_RPC_TLS_PORT : XML_RPC_PLAINTEXT_PORT;
  }
}
