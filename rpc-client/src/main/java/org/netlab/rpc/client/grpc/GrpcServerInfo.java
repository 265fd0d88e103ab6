package org.netlab.rpc.client.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
import com.google.protobuf.DescriptorProtos.ServiceDescriptorProto;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.ServerInfo;
import org.netlab.rpc.client.TransportException;

/**
 * {@link ServerInfo} over gRPC: the services through server reflection ({@code
 * grpc.reflection.v1}), health through {@code grpc.health.v1.Health} for the whole server ({@code
 * ""}). Use {@link ServerInfo#open}, which picks the transport by the URL.
 */
public final class GrpcServerInfo implements ServerInfo {
  private final GrpcConnection connection;

  private GrpcServerInfo(GrpcConnection connection) {
    this.connection = connection;
  }

  /**
   * @throws TransportException of kind {@code UNTRUSTED} when a TLS file cannot be used
   */
  public static ServerInfo open(ClientSettings settings) {
    try {
      return new GrpcServerInfo(GrpcConnection.open(settings));
    } catch (IOException e) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED, "cannot use the TLS files: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Service> services() {
    ServerReflectionResponse listed =
        ask(ServerReflectionRequest.newBuilder().setListServices("*").build());
    List<Service> services = new ArrayList<>();
    for (ServiceResponse service : listed.getListServicesResponse().getServiceList()) {
      services.add(describe(service.getName()));
    }
    return services;
  }

  @Override
  public Health health() {
    ServingStatus status =
        connection.call(
            () ->
                connection
                    .withDeadline(HealthGrpc.newBlockingStub(connection.channel()))
                    .check(HealthCheckRequest.newBuilder().setService("").build())
                    .getStatus());
    return status == ServingStatus.SERVING ? Health.SERVING : Health.NOT_SERVING;
  }

  @Override
  public void close() {
    connection.close();
  }

  private Service describe(String serviceName) {
    ServerReflectionResponse files =
        ask(ServerReflectionRequest.newBuilder().setFileContainingSymbol(serviceName).build());
    for (ByteString bytes : files.getFileDescriptorResponse().getFileDescriptorProtoList()) {
      FileDescriptorProto file;
      try {
        file = FileDescriptorProto.parseFrom(bytes);
      } catch (InvalidProtocolBufferException e) {
        throw new TransportException(
            TransportException.Kind.PROTOCOL,
            "the server's reflection sent a file descriptor that does not parse",
            e);
      }
      String prefix = file.getPackage().isEmpty() ? "" : file.getPackage() + ".";
      for (ServiceDescriptorProto service : file.getServiceList()) {
        if ((prefix + service.getName()).equals(serviceName)) {
          List<Method> methods = new ArrayList<>();
          for (MethodDescriptorProto method : service.getMethodList()) {
            methods.add(
                new Method(
                    method.getName(),
                    List.of(type(method.getInputType(), method.getClientStreaming())),
                    type(method.getOutputType(), method.getServerStreaming()),
                    ""));
          }
          return new Service(serviceName, methods);
        }
      }
    }
    return new Service(serviceName, List.of());
  }

  /** {@code .netlab.phonebook.v1.Entry} as {@code netlab.phonebook.v1.Entry}, streams marked. */
  private static String type(String name, boolean stream) {
    String plain = name.startsWith(".") ? name.substring(1) : name;
    return stream ? "stream " + plain : plain;
  }

  /** One question on its own reflection stream, which is closed once answered. */
  private ServerReflectionResponse ask(ServerReflectionRequest request) {
    return connection.call(
        () -> {
          CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
          StreamObserver<ServerReflectionRequest> requests =
              connection
                  .withDeadline(ServerReflectionGrpc.newStub(connection.channel()))
                  .serverReflectionInfo(
                      new StreamObserver<>() {
                        @Override
                        public void onNext(ServerReflectionResponse response) {
                          answer.complete(response);
                        }

                        @Override
                        public void onError(Throwable failure) {
                          answer.completeExceptionally(failure);
                        }

                        @Override
                        public void onCompleted() {
                          answer.completeExceptionally(
                              new IllegalStateException("reflection ended without an answer"));
                        }
                      });
          requests.onNext(request);
          requests.onCompleted();
          return await(answer);
        });
  }

  private ServerReflectionResponse await(CompletableFuture<ServerReflectionResponse> answer) {
    try {
      // The stub's deadline ends the call first; this bound only guards against a lost callback.
      ServerReflectionResponse response = answer.get(1, TimeUnit.HOURS);
      if (response.hasErrorResponse()) {
        throw new TransportException(
            TransportException.Kind.PROTOCOL,
            "the server's reflection refused: " + response.getErrorResponse().getErrorMessage(),
            null);
      }
      return response;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof StatusRuntimeException status) {
        throw status;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for reflection", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("reflection answered nothing, not even its deadline", e);
    }
  }
}
