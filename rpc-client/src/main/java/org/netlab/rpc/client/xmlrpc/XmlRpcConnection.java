package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.ServedByTally;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.contract.BearerAuthorization;
import org.netlab.rpc.contract.IdempotencyKeys;
import org.netlab.tls.SslContexts;
import org.netlab.xmlrpc.codec.MalformedMessageException;
import org.netlab.xmlrpc.codec.XmlRpcMessageReader;

/**
 * Calls any method of one netlab XML-RPC server over HTTP/1.1 with keep-alive ({@link
 * KeepAliveHttpClient}: one connection per call in flight, reused by the next call), with its own
 * TLS trust (not the JVM's), the settings' timeout for connecting and for each read of an answer,
 * no redirect followed, and the settings' token in every request. Each call is one attempt, never
 * retried here ({@link XmlRpcServers} retries). Calls block their thread until the answer comes; on
 * a virtual thread that holds no platform thread. Faults come back as {@link ServiceException},
 * calls that got no answer as {@link TransportException}. Thread-safe.
 */
final class XmlRpcConnection implements XmlRpcCalls, AutoCloseable {
  /** The largest answer read: a listing of about 200,000 phonebook entries. */
  static final int MAX_ANSWER_BYTES = 32 << 20;

  /** The deepest nesting of arrays and structs in an answer; netlab's answers use two. */
  static final int MAX_NESTING_DEPTH = 32;

  private static final XmlRpcMessageReader ANSWERS = new XmlRpcMessageReader(MAX_NESTING_DEPTH);

  private final ClientSettings settings;
  private final URI url;
  private final KeepAliveHttpClient http;
  private final ServedByTally servedBy;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A connection to the one server of {@code settings}, counting in a tally of its own.
   *
   * @throws IOException when the CA file or the client certificate cannot be read
   */
  XmlRpcConnection(ClientSettings settings) throws IOException {
    this(settings, tls(settings), new ServedByTally());
  }

  /**
   * A connection to the one server of {@code settings}.
   *
   * @param tls the trust and client certificate of {@code https}, null for {@code http}
   * @param servedBy where each answer's server name is counted
   * @throws IllegalArgumentException when the settings name several servers
   */
  XmlRpcConnection(ClientSettings settings, SSLContext tls, ServedByTally servedBy) {
    if (settings.url().severalServers()) {
      throw new IllegalArgumentException("one XML-RPC connection speaks to one server");
    }
    this.settings = settings;
    this.url = URI.create(settings.url().toString());
    this.servedBy = servedBy;
    List<String> headers =
        new ArrayList<>(List.of("Content-Type: text/xml", "User-Agent: netlab-rpc-client"));
    if (settings.token() != null) {
      headers.add(
          BearerAuthorization.HTTP_HEADER + ": " + BearerAuthorization.value(settings.token()));
    }
    http =
        new KeepAliveHttpClient(
            url, tls, settings.timeout(), MAX_ANSWER_BYTES, headers.toArray(String[]::new));
  }

  /**
   * The TLS context of the settings, or null without TLS.
   *
   * @throws IOException when the CA file or the client certificate cannot be read
   */
  static SSLContext tls(ClientSettings settings) throws IOException {
    return settings.url().tls()
        ? SslContexts.forClient(
            settings.caFile(), settings.clientCertificate(), settings.clientKey())
        : null;
  }

  URI url() {
    return url;
  }

  @Override
  public String where() {
    return url.toString();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Also {@code INVALID_ARGUMENT} at once for a string that holds a character XML cannot carry.
   */
  @Override
  public <T> T call(Class<T> type, String method, Object... params) {
    try {
      return attempt(type, method, null, settings.timeout(), params);
    } catch (FailedAttempt failed) {
      throw failed.error();
    }
  }

  /**
   * Makes one attempt of a call.
   *
   * @param idempotencyKey sent as {@link IdempotencyKeys#HTTP_HEADER}, or null to send none
   * @param timeout the longest wait for the connection and each read of the answer
   * @throws FailedAttempt when the server answered a fault or no XML-RPC answer came
   * @throws ServiceException {@code INVALID_ARGUMENT} at once for a string that holds a character
   *     XML cannot carry
   */
  <T> T attempt(
      Class<T> type, String method, String idempotencyKey, Duration timeout, Object... params)
      throws FailedAttempt {
    if (closed.get()) {
      throw new IllegalStateException("this XML-RPC connection is closed");
    }
    XmlCharacters.requireCarried(params);
    byte[] body = MethodCall.bytes(method, params);
    HttpAnswerReader.Response response;
    try {
      response =
          idempotencyKey == null
              ? http.post(body, timeout)
              : http.post(body, timeout, IdempotencyKeys.HTTP_HEADER + ": " + idempotencyKey);
    } catch (IOException e) {
      throw new FailedAttempt(
          XmlRpcFailures.transport(url, method, e), XmlRpcRetryRule.ofNoAnswer(e));
    }
    servedBy.count(response.servedBy());
    if (response.status() != XmlRpcFailures.HTTP_OK) {
      throw new FailedAttempt(
          XmlRpcFailures.httpStatus(url, method, response.status()),
          XmlRpcRetryRule.ofStatus(response.status()));
    }
    XmlRpcAnswer answer;
    try {
      answer = XmlRpcAnswer.read(ANSWERS, response.body());
    } catch (MalformedMessageException e) {
      throw new FailedAttempt(
          XmlRpcFailures.notXmlRpc(settings, url, method, e.getMessage()),
          XmlRpcRetryRule.Failure.FINAL);
    }
    if (answer.fault()) {
      RuntimeException refusal =
          XmlRpcFailures.fault(settings, url, method, answer.faultCode(), answer.faultString());
      throw new FailedAttempt(refusal, XmlRpcRetryRule.ofFault(refusal));
    }
    Object result = answer.result();
    if (type != Object.class && !type.isInstance(result)) {
      throw new FailedAttempt(unexpected(type, method, result), XmlRpcRetryRule.Failure.FINAL);
    }
    return type.cast(result);
  }

  private TransportException unexpected(Class<?> type, String method, Object result) {
    return new TransportException(
        TransportException.Kind.PROTOCOL,
        url
            + " answered "
            + method
            + " with "
            + (result == null ? "nothing" : result.getClass().getSimpleName())
            + " where "
            + type.getSimpleName()
            + " was expected; is it a netlab server?",
        null);
  }

  /**
   * Refuses further calls and closes the idle connections now, the others once calls in flight have
   * their answers. Closing twice is safe.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      http.close();
    }
  }
}
