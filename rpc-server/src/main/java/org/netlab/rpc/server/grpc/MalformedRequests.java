package org.netlab.rpc.server.grpc;

import com.google.protobuf.Message;
import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Refuses a request whose bytes are not a valid message with {@code INVALID_ARGUMENT}, in one log
 * line, before any interceptor or service sees it.
 *
 * <p>gRPC parses a request inside the call's listener, so a parse failure escapes as an exception:
 * the client gets {@code UNKNOWN: Application error processing RPC} and the server logs a SEVERE
 * stack trace per call. Here each method's request marshaller is wrapped in one that hands the
 * listener a {@link Parsed} outcome instead of throwing, and the handler closes the call when the
 * outcome is a failure.
 */
final class MalformedRequests {
  private MalformedRequests() {}

  /** {@code service} with every method's malformed requests refused as INVALID_ARGUMENT. */
  static ServerServiceDefinition refused(ServerServiceDefinition service) {
    ServiceDescriptor original = service.getServiceDescriptor();
    List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
    ServiceDescriptor.Builder descriptor =
        ServiceDescriptor.newBuilder(original.getName())
            .setSchemaDescriptor(original.getSchemaDescriptor());
    for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
      ServerMethodDefinition<?, ?> wrapped = refusing(method);
      methods.add(wrapped);
      descriptor.addMethod(wrapped.getMethodDescriptor());
    }
    ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor.build());
    methods.forEach(builder::addMethod);
    return builder.build();
  }

  private static <Q, R> ServerMethodDefinition<Parsed<Q>, R> refusing(
      ServerMethodDefinition<Q, R> definition) {
    MethodDescriptor<Q, R> method = definition.getMethodDescriptor();
    MethodDescriptor<Parsed<Q>, R> parsing =
        method.toBuilder(
                new ParsingMarshaller<>(method.getRequestMarshaller()),
                method.getResponseMarshaller())
            .build();
    String refusal = "the request is not a valid " + messageName(method);
    ServerCallHandler<Q, R> handler = definition.getServerCallHandler();
    return ServerMethodDefinition.create(
        parsing,
        (call, headers) -> {
          ServerCall.Listener<Q> listener =
              handler.startCall(new UnwrappedCall<>(call, method), headers);
          return new ServerCall.Listener<>() {
            private boolean refused;

            @Override
            public void onMessage(Parsed<Q> parsed) {
              if (refused) {
                return;
              }
              if (parsed.failure() != null) {
                refused = true;
                ClientEventLog.malformedRequest(
                    refusal
                        + " ("
                        + method.getFullMethodName()
                        + " from "
                        + call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)
                        + "): "
                        + detail(parsed.failure()));
                call.close(Status.INVALID_ARGUMENT.withDescription(refusal), new Metadata());
                return;
              }
              listener.onMessage(parsed.message());
            }

            @Override
            public void onHalfClose() {
              if (!refused) {
                listener.onHalfClose();
              }
            }

            @Override
            public void onReady() {
              if (!refused) {
                listener.onReady();
              }
            }

            @Override
            public void onCancel() {
              listener.onCancel();
            }

            @Override
            public void onComplete() {
              listener.onComplete();
            }
          };
        });
  }

  /** The parser's own words, on one line: the first sentence of the innermost cause's message. */
  private static String detail(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage()).replaceAll("[\\r\\n]+", " ");
    int sentence = message.indexOf(". ");
    return sentence < 0 ? message : message.substring(0, sentence + 1);
  }

  /** The protobuf message's full name, as the .proto file spells it; else the Java type. */
  private static String messageName(MethodDescriptor<?, ?> method) {
    if (method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> proto) {
      Object prototype = proto.getMessagePrototype();
      if (prototype instanceof Message message) {
        return message.getDescriptorForType().getFullName();
      }
      if (prototype != null) {
        return prototype.getClass().getSimpleName();
      }
    }
    return "request for " + method.getFullMethodName();
  }

  /** A request as parsed: the message, or why the bytes are not one. */
  record Parsed<Q>(Q message, RuntimeException failure) {}

  /** Parses with the method's own marshaller, returning a failure instead of throwing it. */
  record ParsingMarshaller<Q>(MethodDescriptor.Marshaller<Q> marshaller)
      implements MethodDescriptor.Marshaller<Parsed<Q>> {
    @Override
    public InputStream stream(Parsed<Q> value) {
      return marshaller.stream(value.message());
    }

    @Override
    public Parsed<Q> parse(InputStream stream) {
      try {
        return new Parsed<>(marshaller.parse(stream), null);
      } catch (RuntimeException e) {
        return new Parsed<>(null, e);
      }
    }
  }

  /** The call as the service sees it: requests of the method's own type. */
  private static final class UnwrappedCall<Q, R> extends ServerCall<Q, R> {
    private final ServerCall<Parsed<Q>, R> call;
    private final MethodDescriptor<Q, R> method;

    UnwrappedCall(ServerCall<Parsed<Q>, R> call, MethodDescriptor<Q, R> method) {
      this.call = call;
      this.method = method;
    }

    @Override
    public void request(int count) {
      call.request(count);
    }

    @Override
    public void sendHeaders(Metadata headers) {
      call.sendHeaders(headers);
    }

    @Override
    public void sendMessage(R message) {
      call.sendMessage(message);
    }

    @Override
    public boolean isReady() {
      return call.isReady();
    }

    @Override
    public void close(Status status, Metadata trailers) {
      call.close(status, trailers);
    }

    @Override
    public boolean isCancelled() {
      return call.isCancelled();
    }

    @Override
    public void setMessageCompression(boolean enabled) {
      call.setMessageCompression(enabled);
    }

    @Override
    public void setCompression(String compressor) {
      call.setCompression(compressor);
    }

    @Override
    public void setOnReadyThreshold(int bytes) {
      call.setOnReadyThreshold(bytes);
    }

    @Override
    public SecurityLevel getSecurityLevel() {
      return call.getSecurityLevel();
    }

    @Override
    public Attributes getAttributes() {
      return call.getAttributes();
    }

    @Override
    public String getAuthority() {
      return call.getAuthority();
    }

    @Override
    public void triggerEvent(Object event) {
      call.triggerEvent(event);
    }

    @Override
    public MethodDescriptor<Q, R> getMethodDescriptor() {
      return method;
    }
  }
}
