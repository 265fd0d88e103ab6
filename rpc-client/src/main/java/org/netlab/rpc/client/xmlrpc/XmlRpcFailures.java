package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.contract.XmlRpcFaultCodes;

/**
 * The one mapping from what an XML-RPC call can fail with back to netlab's errors: a fault becomes
 * the {@link ServiceException} of its faultCode ({@link XmlRpcFaultCodes}), a call that got no
 * XML-RPC answer becomes a {@link TransportException}. HTTP 401 is the exception: a server that
 * checks tokens answers it, not a fault, to a malformed {@code Authorization} header, so it reads
 * as the UNAUTHENTICATED refusal it means.
 */
final class XmlRpcFailures {
  /** RFC 9110, section 15.3.1: the only status of an XML-RPC answer. */
  static final int HTTP_OK = 200;

  /** RFC 9110, section 15.5.2. */
  private static final int HTTP_UNAUTHORIZED = 401;

  private XmlRpcFailures() {}

  /** An answer with another HTTP status than 200: a refused token, or not an XML-RPC answer. */
  static RuntimeException httpStatus(URI url, String method, int status) {
    String reason = reasonPhrase(status);
    String statusLine = "HTTP status " + status + (reason.isEmpty() ? "" : " " + reason);
    if (status == HTTP_UNAUTHORIZED) {
      return new ServiceException(
          ErrorCode.UNAUTHENTICATED,
          url
              + " answered "
              + method
              + " with "
              + statusLine
              + ": the token is missing or malformed");
    }
    return new TransportException(
        TransportException.Kind.PROTOCOL,
        url + " answered " + method + " with " + statusLine + ", not XML-RPC",
        null);
  }

  /**
   * A body that is not a methodResponse.
   *
   * @param settings whose token never shows in a message, even where a server's words are quoted
   */
  static TransportException notXmlRpc(
      ClientSettings settings, URI url, String method, String detail) {
    return new TransportException(
        TransportException.Kind.PROTOCOL,
        url + " did not answer " + method + " as an XML-RPC server: " + settings.hideToken(detail),
        null);
  }

  /**
   * A fault: the domain's refusal of its code, or a protocol error when the server did not know the
   * call.
   *
   * @param settings whose token never shows in a message, even where a server's words are quoted
   */
  static RuntimeException fault(
      ClientSettings settings, URI url, String method, int faultCode, String faultString) {
    String message = settings.hideToken(faultString);
    if (faultCode == XmlRpcFaultCodes.NOT_WELL_FORMED
        || faultCode == XmlRpcFaultCodes.METHOD_NOT_FOUND) {
      return new TransportException(
          TransportException.Kind.PROTOCOL,
          url
              + " refused "
              + method
              + " (fault "
              + faultCode
              + "): "
              + message
              + "; is it a netlab server of the same version?",
          null);
    }
    ErrorCode code = XmlRpcFaultCodes.errorCode(faultCode).orElse(null);
    if (code == null) {
      return new ServiceException(
          ErrorCode.INTERNAL, "fault " + faultCode + " from " + url + ": " + message);
    }
    return new ServiceException(code, message);
  }

  /** A call that got no answer: the connection, its TLS handshake or the wait failed. */
  static TransportException transport(URI url, String method, IOException failure) {
    // Whether a connection was made matters to retries, not to the message: the JDK's words do.
    IOException cause =
        failure instanceof KeepAliveHttpClient.NotConnected notConnected
            ? (IOException) notConnected.getCause()
            : failure;
    String where = url.getHost() + ":" + port(url);
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    if (cause instanceof HttpAnswerReader.NotHttp) {
      // No HTTP/1.1 status line, or a broken head: not an XML-RPC server.
      return new TransportException(
          TransportException.Kind.PROTOCOL,
          url + " did not answer " + method + " as an XML-RPC server: " + detail,
          cause);
    }
    if (cause instanceof HttpAnswerReader.TooLarge) {
      return new TransportException(
          TransportException.Kind.PROTOCOL,
          url + " answered " + method + " with more than an XML-RPC client reads: " + detail,
          cause);
    }
    if (cause instanceof SocketTimeoutException) {
      return new TransportException(
          TransportException.Kind.TIMEOUT,
          "no answer from "
              + url
              + " in time ("
              + detail
              + "); is the server overloaded,"
              + " or is the timeout too short?",
          cause);
    }
    if (cause instanceof SSLException) {
      return new TransportException(
          TransportException.Kind.UNTRUSTED,
          "the TLS handshake with "
              + where
              + " failed ("
              + detail
              + "); trust the server's CA"
              + " with its ca.pem, and check that the host name is in its certificate",
          cause);
    }
    if (cause instanceof ConnectException
        || cause instanceof NoRouteToHostException
        || cause instanceof UnknownHostException) {
      return new TransportException(
          TransportException.Kind.UNREACHABLE,
          "cannot reach " + where + " (" + detail + "); is the server running there?",
          cause);
    }
    if ("https".equalsIgnoreCase(url.getScheme())
        && cause instanceof KeepAliveHttpClient.ClosedBeforeAnswer) {
      // Under TLS 1.3 a server that requires a client certificate completes the handshake,
      // then closes: the client only sees its request fail.
      return new TransportException(
          TransportException.Kind.UNTRUSTED,
          "the TLS connection to "
              + where
              + " was closed before any answer ("
              + detail
              + "); the server may require a client certificate signed by its client CA",
          cause);
    }
    return new TransportException(
        TransportException.Kind.UNREACHABLE,
        "the connection to " + where + " failed (" + detail + ")",
        cause);
  }

  /** The reason phrase RFC 9110 gives a status, or empty for one it does not name. */
  private static String reasonPhrase(int status) {
    return switch (status) {
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 303 -> "See Other";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 411 -> "Length Required";
      case 413 -> "Content Too Large";
      case 415 -> "Unsupported Media Type";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }

  private static int port(URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
