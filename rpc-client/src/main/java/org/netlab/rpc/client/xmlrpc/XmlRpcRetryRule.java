package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;

/**
 * Which failed XML-RPC attempts are tried again (on another server when there is one), and which
 * take their server out of the rotation for a while. A request the server surely did not process is
 * sent again whatever its method. One it may have processed is sent again only when doing it twice
 * is harmless: an idempotent method, or a write that carries an idempotency key, which the server
 * applies once however often it comes. Any other answer is final: a fault such as NOT_FOUND or
 * ALREADY_EXISTS, a 4xx status, an answer that is not XML-RPC. The numbers (attempts, waits) are
 * {@link org.netlab.rpc.client.RetryPolicy}'s.
 */
final class XmlRpcRetryRule {
  /** What went wrong with one attempt, as far as retrying cares. */
  enum Failure {
    /** The connect or the TLS handshake failed: the server never saw the request. */
    NOT_CONNECTED,
    /** The server closed the connection before any byte of an answer (a draining server does). */
    CLOSED_BEFORE_ANSWER,
    /** HTTP 503: the server refused the request before processing it. */
    SERVICE_UNAVAILABLE,
    /**
     * The answer stopped coming (a read timeout, a reset mid-answer): it may have been processed.
     */
    CUT_OFF,
    /**
     * An UNAVAILABLE fault: the server's store failed; a write may or may not have been applied.
     */
    UNAVAILABLE_FAULT,
    /** An answer that another attempt would only repeat. */
    FINAL
  }

  /** HTTP 503 Service Unavailable (RFC 9110, section 15.6.4). */
  static final int HTTP_SERVICE_UNAVAILABLE = 503;

  private XmlRpcRetryRule() {}

  /** What a call that got no whole answer failed with. */
  static Failure ofNoAnswer(IOException e) {
    if (e instanceof KeepAliveHttpClient.NotConnected) {
      return Failure.NOT_CONNECTED;
    }
    if (e instanceof KeepAliveHttpClient.ClosedBeforeAnswer) {
      return Failure.CLOSED_BEFORE_ANSWER;
    }
    if (e instanceof HttpAnswerReader.NotHttp || e instanceof HttpAnswerReader.TooLarge) {
      return Failure.FINAL;
    }
    return Failure.CUT_OFF;
  }

  /** What an answer with another status than 200 means. */
  static Failure ofStatus(int status) {
    return status == HTTP_SERVICE_UNAVAILABLE ? Failure.SERVICE_UNAVAILABLE : Failure.FINAL;
  }

  /** What a fault, as the client turned it into an exception, means. */
  static Failure ofFault(RuntimeException refusal) {
    return refusal instanceof ServiceException e && e.code() == ErrorCode.UNAVAILABLE
        ? Failure.UNAVAILABLE_FAULT
        : Failure.FINAL;
  }

  /**
   * Whether the writes of {@code method} carry an idempotency key: the phonebook's. Token
   * administration carries none (a token is created once, with its secret shown once).
   */
  static boolean carriesKey(String method) {
    return switch (method) {
      case "phonebook.addEntry",
          "phonebook.updateEntry",
          "phonebook.removeEntry",
          "phonebook.removeAll" ->
          true;
      default -> false;
    };
  }

  /** Whether calling {@code method} twice does what calling it once does. */
  static boolean idempotent(String method) {
    return method.startsWith("calculator.")
        || method.startsWith("system.")
        || switch (method) {
          case "phonebook.findEntry", "phonebook.countEntries", "phonebook.listEntries" -> true;
          default -> false;
        };
  }

  /** Whether an attempt of {@code method} that failed so may be made again. */
  static boolean mayRetry(String method, Failure failure) {
    return switch (failure) {
      case NOT_CONNECTED, CLOSED_BEFORE_ANSWER, SERVICE_UNAVAILABLE -> true;
      case CUT_OFF, UNAVAILABLE_FAULT -> idempotent(method) || carriesKey(method);
      case FINAL -> false;
    };
  }

  /** Whether the server is taken out of the rotation for a while: it is down or going down. */
  static boolean marksServerDown(Failure failure) {
    return switch (failure) {
      case NOT_CONNECTED, CLOSED_BEFORE_ANSWER, SERVICE_UNAVAILABLE -> true;
      case CUT_OFF, UNAVAILABLE_FAULT, FINAL -> false;
    };
  }
}
