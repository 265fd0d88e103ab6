package org.netlab.domain;

import java.util.Objects;

/**
 * The one error model of the services: a code and a message a person can act on. Messages never
 * hold stack traces or class names, since transports send them on.
 */
public final class ServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public ServiceException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public ServiceException(ErrorCode code, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  public static ServiceException invalidArgument(String message) {
    return new ServiceException(ErrorCode.INVALID_ARGUMENT, message);
  }

  public static ServiceException notFound(String message) {
    return new ServiceException(ErrorCode.NOT_FOUND, message);
  }

  public static ServiceException alreadyExists(String message) {
    return new ServiceException(ErrorCode.ALREADY_EXISTS, message);
  }

  public static ServiceException unauthenticated(String message) {
    return new ServiceException(ErrorCode.UNAUTHENTICATED, message);
  }

  public static ServiceException permissionDenied(String message) {
    return new ServiceException(ErrorCode.PERMISSION_DENIED, message);
  }

  public static ServiceException resourceExhausted(String message) {
    return new ServiceException(ErrorCode.RESOURCE_EXHAUSTED, message);
  }

  public static ServiceException unavailable(String message, Throwable cause) {
    return new ServiceException(ErrorCode.UNAVAILABLE, message, cause);
  }

  public ErrorCode code() {
    return code;
  }

  @Override
  public String toString() {
    return code + ": " + getMessage();
  }
}
