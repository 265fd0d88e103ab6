package org.netlab.rpc.server.grpc;

import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;

/**
 * A method of the in-process services as a caller sees it: its descriptor with the protobuf
 * marshallers of its messages, and an empty request to build one from.
 */
public record ServedMethod(MethodDescriptor<Message, Message> descriptor, Message emptyRequest) {

  /** Whether the method takes one request: unary or server-streaming, not client or bidi. */
  public boolean takesOneRequest() {
    return descriptor.getType() == MethodDescriptor.MethodType.UNARY || serverStreaming();
  }

  /** Whether the method answers a stream of messages rather than one. */
  public boolean serverStreaming() {
    return descriptor.getType() == MethodDescriptor.MethodType.SERVER_STREAMING;
  }

  /**
   * The caller's view of a served method: the marshallers the service was generated with, not the
   * ones {@link MalformedRequests} wraps around them on the server's side.
   */
  @SuppressWarnings("unchecked") // every service here is generated from .proto files
  static ServedMethod of(ServerMethodDefinition<?, ?> definition) {
    MethodDescriptor<?, ?> served = definition.getMethodDescriptor();
    MethodDescriptor.Marshaller<?> request = served.getRequestMarshaller();
    if (request instanceof MalformedRequests.ParsingMarshaller<?> parsing) {
      request = parsing.marshaller();
    }
    MethodDescriptor.PrototypeMarshaller<Message> requests =
        (MethodDescriptor.PrototypeMarshaller<Message>) request;
    MethodDescriptor<Message, Message> descriptor =
        ((MethodDescriptor<Object, Object>) served)
            .toBuilder(
                    requests, (MethodDescriptor.Marshaller<Message>) served.getResponseMarshaller())
                .build();
    return new ServedMethod(descriptor, requests.getMessagePrototype());
  }
}
