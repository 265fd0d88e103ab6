package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Map;
import javax.net.ssl.SSLException;
import org.apache.xmlrpc.XmlRpcException;
import org.apache.xmlrpc.client.XmlRpcClientException;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.TransportException;

/**
 * The one mapping from what an XML-RPC call can fail with back to netlab's errors: a fault becomes
 * the {@link ServiceException} of its faultCode (the server's table, in the README), a call that
 * got no XML-RPC answer becomes a {@link TransportException}.
 */
final class XmlRpcFailures {
  private static final Map<Integer, ErrorCode> DOMAIN_CODES =
      Map.of(
          400, ErrorCode.INVALID_ARGUMENT,
          401, ErrorCode.UNAUTHENTICATED,
          403, ErrorCode.PERMISSION_DENIED,
          404, ErrorCode.NOT_FOUND,
          409, ErrorCode.ALREADY_EXISTS,
          500, ErrorCode.INTERNAL,
          503, ErrorCode.UNAVAILABLE,
          -32602, ErrorCode.INVALID_ARGUMENT);

  /** The server could not parse the call or does not know the method: not a netlab peer. */
  private static final int NOT_WELL_FORMED = -32700;

  private static final int METHOD_NOT_FOUND = -32601;

  private XmlRpcFailures() {}

  static RuntimeException map(URI url, String method, XmlRpcException failure) {
    IOException io = ioCause(failure);
    if (io != null) {
      return transport(url, io);
    }
    if (failure instanceof XmlRpcClientException) {
      return new TransportException(
          TransportException.Kind.PROTOCOL,
          url + " did not answer " + method + " as an XML-RPC server: " + failure.getMessage(),
          failure);
    }
    if (failure.code == NOT_WELL_FORMED || failure.code == METHOD_NOT_FOUND) {
      return new TransportException(
          TransportException.Kind.PROTOCOL,
          url
              + " refused "
              + method
              + " (fault "
              + failure.code
              + "): "
              + failure.getMessage()
              + "; is it a netlab server of the same version?",
          null);
    }
    ErrorCode code = DOMAIN_CODES.get(failure.code);
    if (code == null) {
      return new ServiceException(
          ErrorCode.INTERNAL,
          "fault " + failure.code + " from " + url + ": " + failure.getMessage());
    }
    return new ServiceException(code, failure.getMessage());
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
