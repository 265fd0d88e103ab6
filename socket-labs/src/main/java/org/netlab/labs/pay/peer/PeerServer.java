package org.netlab.labs.pay.peer;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.netlab.labs.net.ConnectionHandler;
import org.netlab.labs.net.LineReader;
import org.netlab.labs.net.TcpServer;
import org.netlab.labs.pay.OrderSignatures;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import org.netlab.labs.pay.PayStatus;
import org.netlab.labs.pay.PayTls;
import org.netlab.labs.pay.PaymentOrder;
import org.netlab.labs.pay.PeerCertificates;
import org.netlab.labs.pay.SignedOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A peer's own server, where payers offer it payments: mutual TLS (a payer proves who it is with
 * its certificate from the CA), {@code OFFER PAYER_SIGNATURE ORDER} lines, each answered once the
 * payee has decided and, when it accepted, once the central server has settled: the server's reply
 * is passed on as is.
 */
public final class PeerServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(PeerServer.class);

  /** How long a payer's connection may stay idle between offers, and a line may take to come. */
  private static final Duration OFFER_TIMEOUT = Duration.ofSeconds(10);

  private final PeerIdentity me;
  private final SSLContext tls;
  private final OfferDecision decision;
  private final Settlement settlement;
  private final Clock clock;
  private final TcpServer listener;

  private final AtomicInteger accepted = new AtomicInteger();

  /** Orders seen, until they expire: an offer made twice is asked about once. */
  private final Map<String, Instant> seen = new ConcurrentHashMap<>();

  /** Submits a countersigned order to the central server; its reply goes back to the payer. */
  @FunctionalInterface
  public interface Settlement {
    PayReply settle(SignedOrder order) throws IOException;
  }

  public PeerServer(
      PeerIdentity me,
      SSLContext tls,
      InetSocketAddress bind,
      OfferDecision decision,
      Settlement settlement,
      Clock clock) {
    this.me = me;
    this.tls = tls;
    this.decision = decision;
    this.settlement = settlement;
    this.clock = clock;
    this.listener =
        new TcpServer(
            "pay-peer",
            new TcpServer.Options(bind, 64, OFFER_TIMEOUT),
            new ConnectionHandler() {
              @Override
              public void handle(Socket socket) throws IOException {
                serve(socket);
              }
            });
  }

  public PeerServer start() throws IOException {
    listener.start();
    return this;
  }

  public int port() {
    return listener.port();
  }

  /** How many connections payers opened to this server so far. */
  public int acceptedConnections() {
    return accepted.get();
  }

  private void serve(Socket raw) throws IOException {
    accepted.incrementAndGet();
    Optional<SSLSocket> handshaken =
        PayTls.accept(tls, raw, PayTls.ClientCertificate.REQUIRED, OFFER_TIMEOUT);
    if (handshaken.isPresent()) {
      try (SSLSocket socket = handshaken.get()) {
        answer(socket);
      }
    }
  }

  /** The greeting, one offer line and its reply. */
  private void answer(SSLSocket socket) throws IOException {
    OutputStream out = socket.getOutputStream();
    PayTls.send(out, PayReply.of(PayStatus.READY, me.name()));
    LineReader lines = LineReader.forSocket(socket, PayProtocol.MAX_LINE_BYTES, OFFER_TIMEOUT);
    X509Certificate payer = PeerCertificates.of(socket.getSession()).orElseThrow();
    while (true) {
      byte[] line;
      try {
        line = lines.readLine();
      } catch (LineReader.LineTooLongException e) {
        PayTls.send(out, PayReply.of(PayStatus.SYNTAX, e.getMessage() + "; closing"));
        return;
      }
      if (line == null) {
        return;
      }
      String text = new String(line, UTF_8);
      if (text.equals(PayProtocol.QUIT)) {
        PayTls.send(out, PayReply.of(PayStatus.BYE, "bye"));
        return;
      }
      PayTls.send(out, offer(text, payer));
    }
  }

  /** The answer to one offer line from the holder of {@code certificate}. */
  PayReply offer(String line, X509Certificate certificate) {
    String[] words = line.split(" ", 3);
    if (words.length != 3 || !words[0].equals(PayProtocol.OFFER)) {
      return PayReply.of(PayStatus.SYNTAX, "usage: OFFER PAYER_SIGNATURE ORDER");
    }
    PaymentOrder order;
    try {
      order = PaymentOrder.parse(words[2]);
    } catch (PaymentOrder.SelfPaymentException e) {
      return PayReply.of(PayStatus.SELF_PAYMENT, e.getMessage());
    } catch (IllegalArgumentException e) {
      return PayReply.of(PayStatus.ARGUMENT, e.getMessage());
    }
    if (!order.payee().equals(me.name())) {
      return PayReply.of(PayStatus.FORBIDDEN, "this is " + me.name() + ", not " + order.payee());
    }
    Optional<String> holder = PeerCertificates.commonName(certificate);
    if (!holder.orElse("").equals(order.payer())) {
      return PayReply.of(
          PayStatus.FORGED,
          order.id()
              + " names "
              + order.payer()
              + " as payer, but "
              + holder.orElse("nobody")
              + " connected");
    }
    if (!OrderSignatures.payerSigned(order, words[1], certificate.getPublicKey())) {
      return PayReply.of(PayStatus.FORGED, order.id() + " is not signed by " + order.payer());
    }
    Instant now = clock.instant();
    if (order.expiredAt(now)) {
      return PayReply.of(PayStatus.EXPIRED, order.id() + " expired at " + order.expires());
    }
    if (order.expires().isAfter(now.plus(PayProtocol.MAX_ORDER_LIFETIME))) {
      return PayReply.of(
          PayStatus.ARGUMENT,
          "an order may be valid for "
              + PayProtocol.MAX_ORDER_LIFETIME.toMinutes()
              + " minutes at most");
    }
    seen.values().removeIf(expiry -> expiry.isBefore(now));
    if (seen.putIfAbsent(order.id(), order.expires()) != null) {
      return PayReply.of(PayStatus.REPLAYED, order.id() + " was offered before");
    }
    Duration left = Duration.between(now, order.expires());
    OfferDecision.Answer answer;
    try {
      answer = decision.decide(order, left);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      answer = OfferDecision.Answer.NONE;
    }
    return switch (answer) {
      case DECLINE -> PayReply.of(PayStatus.DECLINED, order.id() + " declined by " + me.name());
      case NONE ->
          PayReply.of(PayStatus.TIMEOUT, order.id() + ": " + me.name() + " did not answer");
      case ACCEPT -> settle(order, words[1]);
    };
  }

  private PayReply settle(PaymentOrder order, String payerSignature) {
    SignedOrder signed =
        new SignedOrder(order, payerSignature, OrderSignatures.signAsPayee(order, me.key()));
    try {
      return settlement.settle(signed);
    } catch (IOException e) {
      log.warn("pay: could not submit {} to the server: {}", order.id(), e.getMessage());
      return PayReply.of(
          PayStatus.UNAVAILABLE, order.id() + ": the payee could not reach the server");
    }
  }

  @Override
  public void close() {
    listener.close();
  }
}
