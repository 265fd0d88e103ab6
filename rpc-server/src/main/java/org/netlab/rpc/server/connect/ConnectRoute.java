package org.netlab.rpc.server.connect;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.netlab.access.Credentials;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.contract.IdempotencyKeys;
import org.netlab.rpc.server.access.ServerAccess;
import org.netlab.rpc.server.grpc.InProcessServices;
import org.netlab.rpc.server.grpc.ServedMethod;
import org.netlab.rpc.server.http.HttpExchange;
import org.netlab.rpc.server.http.HttpRoute;
import org.netlab.rpc.server.http.Refusal;
import org.netlab.rpc.server.metrics.CallMeters;

/**
 * The gRPC services as JSON over HTTP, in the Connect protocol: {@code POST
 * /netlab.calculator.v1.CalculatorService/Add} with {@code {"x": 2, "y": 3}} answers {@code
 * {"value":5}}; {@code ListEntries} answers as a Connect stream. Each call is handed to the very
 * services the gRPC port serves, in process, so access control, the audit trail, rate limits,
 * limits and error mapping are gRPC's own.
 *
 * <p>Unary calls take {@code application/json} or {@code application/proto}; streaming calls {@code
 * application/connect+json} or {@code +proto}; {@code Connect-Timeout-Ms} sets the deadline.
 * Compressed bodies and Connect's GET form are not taken.
 */
public final class ConnectRoute implements HttpRoute {
  /** Calls through the gateway at once; beyond it a call is answered {@code unavailable}. */
  static final int MAX_CALLS_IN_FLIGHT = 256;

  private static final String PROTOCOL_VERSION = "connect-protocol-version";
  private static final String TIMEOUT = "connect-timeout-ms";
  private static final String STREAM_ENCODING = "connect-content-encoding";

  private final InProcessServices services;
  private final Semaphore inFlight = new Semaphore(MAX_CALLS_IN_FLIGHT);

  private ConnectRoute(InProcessServices services) {
    this.services = services;
  }

  /**
   * Starts the services in process, checked by {@code access} and counted by {@code calls}, and
   * serves them as Connect.
   */
  public static ConnectRoute start(
      Calculator calculator, Phonebook phonebook, ServerAccess access, CallMeters calls)
      throws IOException {
    return new ConnectRoute(InProcessServices.start(calculator, phonebook, access, calls));
  }

  /**
   * The paths of methods that take one request. Streams from the client (reflection's) need a
   * full-duplex connection that HTTP/1.1 does not give.
   */
  @Override
  public boolean serves(String path) {
    return path.length() > 1
        && path.charAt(0) == '/'
        && services.method(path.substring(1)).filter(ServedMethod::takesOneRequest).isPresent();
  }

  @Override
  public Set<HttpMethod> methods() {
    return Set.of(HttpMethod.POST);
  }

  @Override
  public boolean acceptsChunkedBodies() {
    return true; // Connect clients in Node stream their bodies
  }

  @Override
  public void handle(HttpExchange exchange, FullHttpRequest request) {
    String path = new QueryStringDecoder(request.uri()).path();
    ServedMethod method = services.method(path.substring(1)).orElseThrow();
    ContentType type =
        ContentType.of(request.headers().get(HttpHeaderNames.CONTENT_TYPE)).orElse(null);
    if (type == null || type.streaming() != method.serverStreaming()) {
      FullHttpResponse refusal =
          Refusal.response(
              HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE,
              method.serverStreaming()
                  ? "this method streams: send application/connect+json or application/connect+proto"
                  : "send application/json or application/proto");
      refusal.headers().set("Accept-Post", ContentType.ACCEPTED);
      exchange.respond(refusal);
      return;
    }
    Message message;
    CallOptions options;
    Credentials credentials;
    try {
      checkProtocol(request.headers(), type);
      options = callOptions(request.headers());
      credentials = credentials(exchange, request);
      message = message(request.content(), type, method);
    } catch (StatusException refused) {
      answerFailure(exchange, type, refused.getStatus());
      return;
    }
    if (!inFlight.tryAcquire()) {
      answerFailure(
          exchange,
          type,
          Status.UNAVAILABLE.withDescription("the server is busy; try again shortly"));
      return;
    }
    call(exchange, type, method, options, credentials, forwarded(request.headers()), message);
  }

  /** The request headers passed on to the service as metadata: its idempotency key. */
  private static Metadata forwarded(HttpHeaders headers) {
    Metadata metadata = new Metadata();
    String key = headers.get(IdempotencyKeys.HTTP_HEADER);
    if (key != null) {
      metadata.put(IdempotencyKeys.GRPC_KEY, key);
    }
    return metadata;
  }

  private void call(
      HttpExchange exchange,
      ContentType type,
      ServedMethod method,
      CallOptions options,
      Credentials credentials,
      Metadata headers,
      Message message) {
    if (!method.serverStreaming()) {
      UnaryAnswer answer = new UnaryAnswer(exchange, type, inFlight::release);
      start(
          services.newCall(method.descriptor(), options, credentials, answer, headers), 2, message);
      return;
    }
    StreamAnswer answer = new StreamAnswer(exchange, type, inFlight::release);
    ClientCall<Message, Message> call =
        services.newCall(method.descriptor(), options, credentials, answer, headers);
    answer.answering(call);
    start(call, 1, message);
  }

  /** Asks for the first {@code answers} messages, sends the request and ends the sending side. */
  private static void start(ClientCall<Message, Message> call, int answers, Message request) {
    call.request(answers);
    call.sendMessage(request);
    call.halfClose();
  }

  private static void checkProtocol(HttpHeaders headers, ContentType type) throws StatusException {
    String version = headers.get(PROTOCOL_VERSION);
    if (version != null && !version.strip().equals("1")) {
      throw invalid("Connect-Protocol-Version " + version + " is not 1");
    }
    String encoding =
        headers.get(
            type.streaming() ? STREAM_ENCODING : HttpHeaderNames.CONTENT_ENCODING.toString());
    if (encoding != null && !encoding.strip().equalsIgnoreCase("identity")) {
      throw Status.UNIMPLEMENTED
          .withDescription(
              "compression " + encoding + " is not accepted; send the body uncompressed")
          .asException();
    }
  }

  /** The deadline of {@code Connect-Timeout-Ms}: at most ten digits, as Connect says. */
  private static CallOptions callOptions(HttpHeaders headers) throws StatusException {
    String timeout = headers.get(TIMEOUT);
    if (timeout == null) {
      return CallOptions.DEFAULT;
    }
    String digits = timeout.strip();
    if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit)) {
      throw invalid("Connect-Timeout-Ms must be a positive number of milliseconds, not " + timeout);
    }
    return CallOptions.DEFAULT.withDeadlineAfter(Long.parseLong(digits), TimeUnit.MILLISECONDS);
  }

  private static Credentials credentials(HttpExchange exchange, FullHttpRequest request)
      throws StatusException {
    try {
      return exchange.credentials(request);
    } catch (ServiceException malformed) {
      throw Status.UNAUTHENTICATED.withDescription(malformed.getMessage()).asException();
    }
  }

  private static Message message(ByteBuf body, ContentType type, ServedMethod method)
      throws StatusException {
    ByteBuf bytes = type.streaming() ? Envelopes.onlyMessage(body) : body;
    try {
      return type.format().parse(bytes, method.emptyRequest());
    } catch (InvalidProtocolBufferException e) {
      throw invalid(
          "the request is not a valid "
              + method.emptyRequest().getDescriptorForType().getFullName()
              + ": "
              + e.getMessage());
    }
  }

  private static void answerFailure(HttpExchange exchange, ContentType type, Status status) {
    if (type.streaming()) {
      StreamAnswer refusal = new StreamAnswer(exchange, type, () -> {});
      refusal.onClose(status, new Metadata());
    } else {
      exchange.respond(ConnectErrors.unary(status, null, null));
    }
  }

  private static StatusException invalid(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asException();
  }

  @Override
  public void beginDrain() {
    services.beginDrain();
  }

  @Override
  public void close() {
    services.close();
  }
}
