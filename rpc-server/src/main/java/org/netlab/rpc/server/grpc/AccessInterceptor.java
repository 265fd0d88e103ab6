package org.netlab.rpc.server.grpc;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.netlab.access.AuditScope;
import org.netlab.access.AuthorizationHeader;
import org.netlab.access.CallAudit;
import org.netlab.access.Caller;
import org.netlab.access.CertificateNames;
import org.netlab.access.Credentials;
import org.netlab.access.Gatekeeper;
import org.netlab.access.IdempotencyScope;
import org.netlab.access.Operation;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.contract.BearerAuthorization;
import org.netlab.rpc.contract.GrpcErrors;
import org.netlab.rpc.contract.IdempotencyKeys;
import org.netlab.rpc.server.access.ServerAccess;

/**
 * Lets a gRPC call reach its service only when the {@link Gatekeeper} admits its caller for what
 * the method does ({@link GrpcOperations}); records audited calls with their outcome. The caller
 * shows itself with {@code authorization: Bearer TOKEN} metadata or a verified client certificate.
 * A call's {@code idempotency-key}, checked here, is bound for the store while its service runs.
 */
final class AccessInterceptor implements ServerInterceptor {
  private final Gatekeeper gatekeeper;
  private final CallAudit audit;

  AccessInterceptor(ServerAccess access) {
    this.gatekeeper = access.gatekeeper();
    this.audit = access.audit();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    Operation operation = GrpcOperations.of(method).orElse(null);
    if (operation == null) {
      return refuse(
          call, ServiceException.permissionDenied("no access rule lets anyone call " + method));
    }
    String idempotencyKey = headers.get(IdempotencyKeys.GRPC_KEY);
    if (idempotencyKey != null && !IdempotencyKeys.wellFormed(idempotencyKey)) {
      return refuse(call, ServiceException.invalidArgument(IdempotencyKeys.formRule()));
    }
    Caller caller;
    try {
      Credentials credentials = credentials(call, headers);
      caller = gatekeeper.identify(credentials);
      try {
        gatekeeper.authorize(caller, operation, credentials.source());
      } catch (ServiceException refused) {
        audit.record(caller, operation, method, null, refused.code());
        throw refused;
      }
    } catch (ServiceException refused) {
      return refuse(call, refused);
    }
    if (!operation.audited()) {
      return idempotencyKey == null
          ? next.startCall(call, headers)
          : keyed(next.startCall(call, headers), caller, idempotencyKey);
    }
    AuditedCall<Q, R> audited = new AuditedCall<>(call, caller, operation);
    return new SimpleForwardingServerCallListener<>(next.startCall(audited, headers)) {
      @Override
      public void onMessage(Q message) {
        audited.subject = subject(message);
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        // A unary service runs here: its write may take the call's event into its transaction.
        try (AuditScope scope = audit.open(caller, operation, method, audited.subject);
            IdempotencyScope key = IdempotencyScope.bind(caller, idempotencyKey)) {
          audited.scope = scope;
          super.onHalfClose();
        }
      }
    };
  }

  /** The call's service runs with its idempotency key bound, for the store to record. */
  private static <Q> ServerCall.Listener<Q> keyed(
      ServerCall.Listener<Q> listener, Caller caller, String idempotencyKey) {
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onHalfClose() {
        try (IdempotencyScope key = IdempotencyScope.bind(caller, idempotencyKey)) {
          super.onHalfClose();
        }
      }
    };
  }

  private static Credentials credentials(ServerCall<?, ?> call, Metadata headers) {
    Credentials handedOver = GatewayCallers.CREDENTIALS.get();
    if (handedOver != null) {
      return handedOver; // a gateway call: its connection and token are the gateway's caller's
    }
    Credentials credentials =
        Credentials.ofConnection(
            CertificateNames.ofPeer(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION)),
            call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
    String authorization = headers.get(BearerAuthorization.GRPC_KEY);
    return authorization == null
        ? credentials
        : credentials.withToken(AuthorizationHeader.token(authorization));
  }

  /** The entry a phonebook request names, for the audit trail; empty when it names none. */
  private static String subject(Object message) {
    // The services reach this interceptor through MalformedRequests: their messages come parsed.
    Object parsed =
        message instanceof MalformedRequests.Parsed<?> wrapped ? wrapped.message() : message;
    if (parsed instanceof Message request) {
      FieldDescriptor name = request.getDescriptorForType().findFieldByName("name");
      if (name != null && name.getType() == FieldDescriptor.Type.STRING) {
        return (String) request.getField(name);
      }
    }
    return null;
  }

  private static <Q, R> ServerCall.Listener<Q> refuse(
      ServerCall<Q, R> call, ServiceException refusal) {
    Status status = ErrorStatuses.statusOf(refusal.code()).withDescription(refusal.getMessage());
    call.close(status, ErrorStatuses.trailersFor(status));
    return new ServerCall.Listener<>() {};
  }

  /**
   * Records the call's outcome in the audit trail before its status leaves, unless the store wrote
   * it with the call's write.
   */
  private final class AuditedCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private final Caller caller;
    private final Operation operation;
    private volatile String subject;
    private volatile AuditScope scope;

    AuditedCall(ServerCall<Q, R> delegate, Caller caller, Operation operation) {
      super(delegate);
      this.caller = caller;
      this.operation = operation;
    }

    @Override
    public void close(Status status, Metadata trailers) {
      ErrorCode failure =
          status.isOk() ? null : GrpcErrors.taggedCode(trailers).orElse(ErrorCode.INTERNAL);
      if (scope == null) { // closed before the service ran
        audit.record(
            caller, operation, getMethodDescriptor().getFullMethodName(), subject, failure);
      } else {
        audit.record(scope, failure);
      }
      super.close(status, trailers);
    }
  }
}
