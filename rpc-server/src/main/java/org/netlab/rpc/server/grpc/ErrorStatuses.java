package org.netlab.rpc.server.grpc;

import io.grpc.Metadata;
import io.grpc.Status;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.contract.GrpcErrors;
import org.netlab.rpc.server.OutageLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure of a service call becomes a gRPC status. A {@link ServiceException}
 * keeps its code and message; anything else is a bug or an outage of ours, so it is logged here and
 * leaves as a generic {@code INTERNAL}: no exception text, class name or stack trace reaches a
 * client.
 *
 * <p>Every status made here also carries the domain code in the {@link GrpcErrors#ERROR_CODE}
 * trailer, so our client can tell a refusal by the service from a transport failure that happens to
 * use the same gRPC code (both may be {@code UNAVAILABLE}).
 */
public final class ErrorStatuses {
  static final String INTERNAL_DESCRIPTION = "internal server error";

  private static final Logger log = LoggerFactory.getLogger(ErrorStatuses.class);

  private ErrorStatuses() {}

  /** The gRPC status of a domain error code. */
  public static Status statusOf(ErrorCode code) {
    return Status.fromCode(GrpcErrors.statusCode(code));
  }

  /**
   * The status to close a call with after {@code failure}, with a description a person can act on
   * (or a generic one for unexpected failures, which are logged).
   */
  public static Status toStatus(String method, Throwable failure) {
    if (failure instanceof ServiceException refusal && refusal.code() != ErrorCode.INTERNAL) {
      OutageLog.refused(refusal);
      return statusOf(refusal.code()).withDescription(refusal.getMessage());
    }
    log.error("{} failed unexpectedly", method, failure);
    return Status.INTERNAL.withDescription(INTERNAL_DESCRIPTION);
  }

  /** The trailers to send with {@code status}: the domain code it stands for. */
  public static Metadata trailersFor(Status status) {
    for (ErrorCode code : ErrorCode.values()) {
      if (GrpcErrors.statusCode(code) == status.getCode()) {
        return GrpcErrors.trailersFor(code);
      }
    }
    return new Metadata();
  }
}
