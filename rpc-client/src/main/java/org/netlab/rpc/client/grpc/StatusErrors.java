package org.netlab.rpc.client.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.cert.CertificateException;
import java.util.Locale;
import javax.net.ssl.SSLException;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.client.TransportException.Kind;
import org.netlab.rpc.contract.GrpcErrors;

/**
 * The one place where a failed gRPC call becomes an exception of ours: the service's refusal
 * becomes a {@link ServiceException} with the same code it had on the server; a call the service
 * never answered becomes a {@link TransportException} whose message says what to check.
 *
 * <p>Our server tags its refusals with the {@code netlab-error-code} trailer, which tells a store
 * outage ({@code UNAVAILABLE} from the service) from an unreachable server ({@code UNAVAILABLE}
 * from the channel).
 */
final class StatusErrors {
  private final ClientSettings settings;

  StatusErrors(ClientSettings settings) {
    this.settings = settings;
  }

  RuntimeException toException(StatusRuntimeException failure) {
    Status status = failure.getStatus();
    // A server's words could echo the token it was sent; they never show it.
    String description =
        settings.hideToken(status.getDescription() == null ? "" : status.getDescription());
    ErrorCode refusal =
        GrpcErrors.taggedCode(failure.getTrailers())
            .or(() -> GrpcErrors.untaggedCode(status.getCode()))
            .orElse(null);
    if (refusal != null) {
      return new ServiceException(refusal, description);
    }
    String url = settings.url().toString();
    return switch (status.getCode()) {
      case DEADLINE_EXCEEDED ->
          new TransportException(
              Kind.TIMEOUT, "no answer from " + url + " within " + settings.timeout(), failure);
      case UNAVAILABLE -> unavailable(failure, url);
      default ->
          new TransportException(
              Kind.PROTOCOL,
              "unexpected answer from " + url + ": " + status.getCode() + " " + description,
              failure);
    };
  }

  private TransportException unavailable(StatusRuntimeException failure, String url) {
    Throwable tls = find(failure, SSLException.class);
    if (tls == null) {
      tls = find(failure, CertificateException.class);
    }
    if (tls != null) {
      String reason = String.valueOf(tls.getMessage());
      String lower = reason.toLowerCase(Locale.ROOT);
      if (lower.contains("certificate_required") || lower.contains("bad_certificate")) {
        return new TransportException(
            Kind.UNTRUSTED,
            "the server at "
                + url
                + " refused the TLS handshake; it requires a client"
                + " certificate its CA signed ("
                + reason
                + ")",
            failure);
      }
      return new TransportException(
          Kind.UNTRUSTED,
          "server certificate not trusted at "
              + url
              + " (checked against "
              + settings.caFile()
              + "): "
              + reason,
          failure);
    }
    return new TransportException(
        Kind.UNREACHABLE,
        "server not reachable at "
            + url
            + " ("
            + rootMessage(failure)
            + ")"
            + (settings.url().tls() ? "" : "; if the server uses TLS, use grpcs://"),
        failure);
  }

  private static Throwable find(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
