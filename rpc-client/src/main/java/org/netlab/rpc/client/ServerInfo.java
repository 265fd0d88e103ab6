package org.netlab.rpc.client;

import java.util.List;
import java.util.Objects;
import org.netlab.rpc.client.grpc.GrpcServerInfo;
import org.netlab.rpc.client.xmlrpc.XmlRpcServerInfo;

/**
 * What a server says about itself, whatever the protocol: its services and methods (gRPC server
 * reflection, XML-RPC introspection) and whether it serves (the gRPC health service; over XML-RPC a
 * cheap call that reaches the phonebook store). Failures are those of {@link RpcConnection}: a
 * {@link TransportException} when no answer came.
 */
public interface ServerInfo extends AutoCloseable {
  /** What a health check found. */
  enum Health {
    /** The server answers and serves. */
    SERVING,
    /** The server answered that it does not serve now (shutting down, or its store is down). */
    NOT_SERVING
  }

  /**
   * One way to call a method: its parameter types and its result type, as the protocol names them
   * ({@code netlab.calculator.v1.AddRequest}, {@code double}); a gRPC stream is {@code stream T}.
   *
   * @param help what the method does, or empty when the protocol does not say
   */
  record Method(String name, List<String> parameters, String result, String help) {
    public Method {
      Objects.requireNonNull(name, "name");
      parameters = List.copyOf(parameters);
      Objects.requireNonNull(result, "result");
      Objects.requireNonNull(help, "help");
    }
  }

  /** A service and its methods, in the order the server lists them. */
  record Service(String name, List<Method> methods) {
    public Service {
      Objects.requireNonNull(name, "name");
      methods = List.copyOf(methods);
    }
  }

  /** The services the server lists, each with its methods. */
  List<Service> services();

  /** Whether the server serves. */
  Health health();

  @Override
  void close();

  /**
   * Opens a connection for these questions over the protocol the URL names.
   *
   * @throws TransportException of kind {@code UNTRUSTED} when a TLS file cannot be read
   */
  static ServerInfo open(ClientSettings settings) {
    RpcConnection.requireTlsFiles(settings);
    return switch (settings.url().protocol()) {
      case GRPC -> GrpcServerInfo.open(settings);
      case XML_RPC -> XmlRpcServerInfo.open(settings);
    };
  }
}
