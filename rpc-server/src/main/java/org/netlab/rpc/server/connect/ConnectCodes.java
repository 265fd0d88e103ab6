package org.netlab.rpc.server.connect;

import io.grpc.Status;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Locale;

/**
 * Connect's names for gRPC status codes ({@code invalid_argument}, {@code not_found}...) and the
 * HTTP status a unary error answers with, as the Connect protocol specifies them.
 */
final class ConnectCodes {
  private ConnectCodes() {}

  /**
   * The code's name in Connect's error bodies: gRPC's name in lower case, but for {@code canceled},
   * which Connect spells the American way.
   */
  static String name(Status.Code code) {
    return code == Status.Code.CANCELLED ? "canceled" : code.name().toLowerCase(Locale.ROOT);
  }

  /** The HTTP status of a unary answer that failed with {@code code}. */
  static HttpResponseStatus httpStatus(Status.Code code) {
    return switch (code) {
      case OK -> HttpResponseStatus.OK;
      case CANCELLED -> HttpResponseStatus.valueOf(499, "Client Closed Request");
      case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> HttpResponseStatus.BAD_REQUEST;
      case DEADLINE_EXCEEDED -> HttpResponseStatus.GATEWAY_TIMEOUT;
      case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
      case ALREADY_EXISTS, ABORTED -> HttpResponseStatus.CONFLICT;
      case PERMISSION_DENIED -> HttpResponseStatus.FORBIDDEN;
      case RESOURCE_EXHAUSTED -> HttpResponseStatus.TOO_MANY_REQUESTS;
      case UNIMPLEMENTED -> HttpResponseStatus.NOT_IMPLEMENTED;
      case UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
      case UNAUTHENTICATED -> HttpResponseStatus.UNAUTHORIZED;
      case UNKNOWN, INTERNAL, DATA_LOSS -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
    };
  }
}
