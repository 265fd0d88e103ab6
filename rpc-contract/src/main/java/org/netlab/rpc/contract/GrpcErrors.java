package org.netlab.rpc.contract;

import io.grpc.Metadata;
import io.grpc.Status;
import java.util.Optional;
import org.netlab.domain.ErrorCode;

/**
 * How a domain {@link ErrorCode} travels over gRPC, for the server that sends it and the client
 * that reads it: the status code it closes the call with, and the {@link #ERROR_CODE} trailer that
 * names the domain code exactly.
 *
 * <p>The trailer is what tells a store outage ({@code UNAVAILABLE} sent by the service) from an
 * unreachable server ({@code UNAVAILABLE} made up by the client's channel).
 */
public final class GrpcErrors {
  /** Trailer naming the domain {@link ErrorCode} of a refused call, e.g. {@code NOT_FOUND}. */
  public static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("netlab-error-code", Metadata.ASCII_STRING_MARSHALLER);

  private GrpcErrors() {}

  /** The gRPC status code a refusal with {@code code} closes its call with. */
  public static Status.Code statusCode(ErrorCode code) {
    return switch (code) {
      case INVALID_ARGUMENT -> Status.Code.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.Code.NOT_FOUND;
      case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
      case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
      case PERMISSION_DENIED -> Status.Code.PERMISSION_DENIED;
      case RESOURCE_EXHAUSTED -> Status.Code.RESOURCE_EXHAUSTED;
      case UNAVAILABLE -> Status.Code.UNAVAILABLE;
      case INTERNAL -> Status.Code.INTERNAL;
    };
  }

  /**
   * The domain code named by a call's trailers: present only when the service itself refused the
   * call. An unknown name (a newer server) reads as {@link ErrorCode#INTERNAL}.
   */
  public static Optional<ErrorCode> taggedCode(Metadata trailers) {
    String name = trailers == null ? null : trailers.get(ERROR_CODE);
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ErrorCode.valueOf(name));
    } catch (IllegalArgumentException unknown) {
      return Optional.of(ErrorCode.INTERNAL);
    }
  }

  /**
   * The domain code of an untagged status (another gRPC server, or a proxy that dropped the
   * trailer), when only a service can mean it. {@code UNAVAILABLE} and {@code INTERNAL} are also
   * what a broken connection looks like, so they never read as a service's refusal here.
   */
  public static Optional<ErrorCode> untaggedCode(Status.Code status) {
    for (ErrorCode code : ErrorCode.values()) {
      if (onlyAServiceSends(code) && statusCode(code) == status) {
        return Optional.of(code);
      }
    }
    return Optional.empty();
  }

  private static boolean onlyAServiceSends(ErrorCode code) {
    return switch (code) {
      case INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, UNAUTHENTICATED, PERMISSION_DENIED -> true;
      // Also what grpc-java itself answers for an oversized message.
      case RESOURCE_EXHAUSTED, UNAVAILABLE, INTERNAL -> false;
    };
  }

  /** Trailers naming {@code code}, to send with the status of {@link #statusCode}. */
  public static Metadata trailersFor(ErrorCode code) {
    Metadata trailers = new Metadata();
    trailers.put(ERROR_CODE, code.name());
    return trailers;
  }
}
