package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.contract.BearerAuthorization;
import org.netlab.tls.SslContexts;
import org.netlab.xmlrpc.codec.MalformedMessageException;
import org.netlab.xmlrpc.codec.XmlRpcMessageReader;

/**
 * Calls any method of a netlab XML-RPC server over HTTP/1.1 with keep-alive ({@link
 * KeepAliveHttpClient}: one connection per call in flight, reused by the next call), with its own
 * TLS trust (not the JVM's), the settings' timeout for connecting and for each read of an answer,
 * no redirect followed, and the settings' token in every request. Calls block their thread until
 * the answer comes; on a virtual thread that holds no platform thread. Faults come back as {@link
 * ServiceException}, calls that got no answer as {@link TransportException}. Thread-safe.
 */
final class XmlRpcConnection implements AutoCloseable {
  /** The largest answer read: a listing of about 200,000 phonebook entries. */
  static final int MAX_ANSWER_BYTES = 32 << 20;

  /** The deepest nesting of arrays and structs in an answer; netlab's answers use two. */
  static final int MAX_NESTING_DEPTH = 32;

  private static final XmlRpcMessageReader ANSWERS = new XmlRpcMessageReader(MAX_NESTING_DEPTH);

  private final ClientSettings settings;
  private final URI url;
  private final KeepAliveHttpClient http;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @throws IOException when the CA file or the client certificate cannot be read
   */
  XmlRpcConnection(ClientSettings settings) throws IOException {
    this.settings = settings;
    this.url = URI.create(settings.url().toString());
    List<String> headers =
        new ArrayList<>(List.of("Content-Type: text/xml", "User-Agent: netlab-rpc-client"));
    if (settings.token() != null) {
      headers.add(
          BearerAuthorization.HTTP_HEADER + ": " + BearerAuthorization.value(settings.token()));
    }
    SSLContext tls =
        settings.url().tls()
            ? SslContexts.forClient(
                settings.caFile(), settings.clientCertificate(), settings.clientKey())
            : null;
    http =
        new KeepAliveHttpClient(
            url, tls, settings.timeout(), MAX_ANSWER_BYTES, headers.toArray(String[]::new));
  }

  URI url() {
    return url;
  }

  /**
   * Calls a method and answers its result as Apache XML-RPC parses it ({@code Integer}, {@code
   * Double}, {@code String}, {@code Boolean}, {@code Object[]}, {@code Map}).
   *
   * @throws ServiceException when the server answers a fault, or {@code INVALID_ARGUMENT} at once
   *     for a string that holds a character XML cannot carry
   * @throws TransportException when no XML-RPC answer came
   */
  Object call(String method, Object... params) {
    if (closed.get()) {
      throw new IllegalStateException("this XML-RPC connection is closed");
    }
    XmlCharacters.requireCarried(params);
    HttpAnswerReader.Response response;
    try {
      response = http.post(MethodCall.bytes(method, params));
    } catch (IOException e) {
      throw XmlRpcFailures.transport(url, method, e);
    }
    if (response.status() != XmlRpcFailures.HTTP_OK) {
      throw XmlRpcFailures.httpStatus(url, method, response.status());
    }
    XmlRpcAnswer answer;
    try {
      answer = XmlRpcAnswer.read(ANSWERS, response.body());
    } catch (MalformedMessageException e) {
      throw XmlRpcFailures.notXmlRpc(settings, url, method, e.getMessage());
    }
    if (answer.fault()) {
      throw XmlRpcFailures.fault(settings, url, method, answer.faultCode(), answer.faultString());
    }
    return answer.result();
  }

  /**
   * Calls a method whose result must be of {@code type}.
   *
   * @throws TransportException of kind PROTOCOL when the result is of another type
   */
  <T> T call(Class<T> type, String method, Object... params) {
    Object result = call(method, params);
    if (!type.isInstance(result)) {
      throw new TransportException(
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
    return type.cast(result);
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
