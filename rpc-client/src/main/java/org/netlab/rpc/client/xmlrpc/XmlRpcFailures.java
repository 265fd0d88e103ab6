package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClientException;
import org.apache.xmlrpc.client.XmlRpcHttpTransportException;
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
  /** RFC 9110, section 15.5.2. */
  private static final int HTTP_UNAUTHORIZED = 401;

  private XmlRpcFailures() {}

  /**
   * @param settings whose token never shows in a message, even where a server's words are quoted
   */
  static RuntimeException map(
      ClientSettings settings, URI url, String method, XmlRpcException failure) {
    IOException io = ioCause(failure);
    if (io != null) {
      return transport(url, io);
    }
    if (failure instanceof XmlRpcHttpTransportException http
        && http.getStatusCode() == HTTP_UNAUTHORIZED) {
      return new ServiceException(
          ErrorCode.UNAUTHENTICATED,
          url
              + " answered "
              + method
              + " with HTTP status 401 "
              + settings.hideToken(http.getStatusMessage())
              + ": the token is missing or malformed");
    }
    if (failure instanceof XmlRpcHttpTransportException http) {
      // An HTTP error, or no HTTP/1.1 status line at all: not an XML-RPC answer.
      return new TransportException(
          TransportException.Kind.PROTOCOL,
          url
              + " answered "
              + method
              + " with HTTP status "
              + http.getStatusCode()
              + " "
              + settings.hideToken(http.getStatusMessage())
              + ", not XML-RPC",
          failure);
    }
    if (failure instanceof XmlRpcClientException) {
      return new TransportException(
          TransportException.Kind.PROTOCOL,
          url
              + " did not answer "
              + method
              + " as an XML-RPC server: "
              + settings.hideToken(failure.getMessage()),
          failure);
    }
    if (failure.code == XmlRpcFaultCodes.NOT_WELL_FORMED
        || failure.code == XmlRpcFaultCodes.METHOD_NOT_FOUND) {
      return new TransportException(
          TransportException.Kind.PROTOCOL,
          url
              + " refused "
              + method
              + " (fault "
              + failure.code
              + "): "
              + settings.hideToken(failure.getMessage())
              + "; is it a netlab server of the same version?",
          null);
    }
    ErrorCode code = XmlRpcFaultCodes.errorCode(failure.code).orElse(null);
    if (code == null) {
      return new ServiceException(
          ErrorCode.INTERNAL,
          "fault "
              + failure.code
              + " from "
              + url
              + ": "
              + settings.hideToken(failure.getMessage()));
    }
    return new ServiceException(code, settings.hideToken(failure.getMessage()));
  }

  private static TransportException transport(URI url, IOException cause) {
    String where = url.getHost() + ":" + port(url);
    String detail =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
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
    if ("https".equalsIgnoreCase(url.getScheme()) && closedBeforeAnswer(cause)) {
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
    if (cause instanceof ConnectException
        || cause instanceof NoRouteToHostException
        || cause instanceof UnknownHostException) {
      return new TransportException(
          TransportException.Kind.UNREACHABLE,
          "cannot reach " + where + " (" + detail + "); is the server running there?",
          cause);
    }
    if (detail.contains("HTTP response code")) {
      return new TransportException(
          TransportException.Kind.PROTOCOL,
          url + " refused the call: " + detail + "; is this the XML-RPC URL?",
          cause);
    }
    return new TransportException(
        TransportException.Kind.UNREACHABLE,
        "the connection to " + where + " failed (" + detail + ")",
        cause);
  }

  private static boolean closedBeforeAnswer(IOException cause) {
    String message = String.valueOf(cause.getMessage());
    return message.equals("Error writing to server")
        || (cause instanceof SocketException
            && (message.contains("Connection reset") || message.contains("Broken pipe")));
  }

  private static IOException ioCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof IOException io) {
        return io;
      }
    }
    return null;
  }

  private static int port(URI url) {
    if (url.getPort() != -1) {
      return url.getPort();
    }
    return "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
  }
}
