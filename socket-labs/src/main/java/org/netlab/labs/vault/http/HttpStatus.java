package org.netlab.labs.vault.http;

/**
 * Every status the vault server sends (RFC 9110 section 15), with its reason phrase: one table for
 * the server and for clients that read its answers.
 */
public enum HttpStatus {
  OK(200, "OK"),
  PARTIAL_CONTENT(206, "Partial Content"),
  MOVED_PERMANENTLY(301, "Moved Permanently"),
  NOT_MODIFIED(304, "Not Modified"),
  BAD_REQUEST(400, "Bad Request"),
  FORBIDDEN(403, "Forbidden"),
  NOT_FOUND(404, "Not Found"),
  METHOD_NOT_ALLOWED(405, "Method Not Allowed"),
  REQUEST_TIMEOUT(408, "Request Timeout"),
  CONTENT_TOO_LARGE(413, "Content Too Large"),
  URI_TOO_LONG(414, "URI Too Long"),
  RANGE_NOT_SATISFIABLE(416, "Range Not Satisfiable"),
  REQUEST_HEADER_FIELDS_TOO_LARGE(431, "Request Header Fields Too Large"),
  INTERNAL_SERVER_ERROR(500, "Internal Server Error"),
  SERVICE_UNAVAILABLE(503, "Service Unavailable"),
  HTTP_VERSION_NOT_SUPPORTED(505, "HTTP Version Not Supported");

  private final int code;
  private final String reason;

  HttpStatus(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }

  /** Whether a response with this status may carry a body (RFC 9110 section 6.4.1). */
  public boolean allowsBody() {
    return this != NOT_MODIFIED;
  }

  /** The status with this code, for clients reading a status line. */
  public static HttpStatus of(int code) {
    for (HttpStatus status : values()) {
      if (status.code == code) {
        return status;
      }
    }
    throw new IllegalArgumentException("not a status the vault server sends: " + code);
  }
}
