package org.netlab.labs.pay.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import org.netlab.labs.pay.OrderSignatures;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import org.netlab.labs.pay.PayStatus;
import org.netlab.labs.pay.PaymentOrder;
import org.netlab.labs.pay.PeerCertificates;

/**
 * The paying side of a payment: finds the payee in the server's directory, signs an order, offers
 * it to the payee directly over mutual TLS, and waits for the outcome the payee passes on from the
 * server. When the payee cannot be reached or does not answer in time, it cancels the order at the
 * server, so that the outcome is known for sure: either the order settled, or it never will.
 */
public final class Payer {
  /** Margin for the payee's round trip to the server once the order's time is up. */
  private static final Duration SETTLE_MARGIN = Duration.ofSeconds(15);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final PeerIdentity me;
  private final SSLContext tls;
  private final PayClient server;
  private final Clock clock;
  private final Duration connectTimeout;

  public Payer(
      PeerIdentity me, SSLContext tls, PayClient server, Clock clock, Duration connectTimeout) {
    this.me = me;
    this.tls = tls;
    this.server = server;
    this.clock = clock;
    this.connectTimeout = connectTimeout;
  }

  /** A new order from this peer, valid for {@code lifetime}, with a random id. */
  public PaymentOrder order(String payee, long amount, Duration lifetime) {
    byte[] random = new byte[16];
    RANDOM.nextBytes(random);
    String id = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    Instant expires = clock.instant().plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
    return new PaymentOrder(me.name(), payee, amount, id, expires);
  }

  /**
   * Pays {@code payee}: the reply is the server's (SETTLED, or why it refused), the payee's
   * (DECLINED, TIMEOUT), or this side's (OFFLINE, UNKNOWN_USER, FORGED for a payee whose
   * certificate is not the one the directory lists).
   *
   * @throws IOException when the central server cannot be reached
   */
  public PayReply pay(String payee, long amount, Duration lifetime) throws IOException {
    PaymentOrder order;
    try {
      order = order(payee, amount, lifetime);
    } catch (PaymentOrder.SelfPaymentException e) {
      return PayReply.of(PayStatus.SELF_PAYMENT, e.getMessage());
    }
    return pay(order);
  }

  /** Pays with an order made by {@link #order}. */
  public PayReply pay(PaymentOrder order) throws IOException {
    PayReply found = server.call(PayProtocol.LIST + " " + order.payee());
    if (found.status() != PayStatus.ONLINE) {
      return found;
    }
    String[] entry = found.lines().get(0).split(" ");
    InetSocketAddress address = new InetSocketAddress(entry[1], Integer.parseInt(entry[2]));
    String fingerprint = entry[3];
    String signature = OrderSignatures.signAsPayer(order, me.key());
    PayClient payee;
    try {
      payee = PayClient.connectToPeer(address, tls, connectTimeout);
    } catch (IOException e) {
      return PayReply.of(
          PayStatus.OFFLINE, order.payee() + " cannot be reached at " + entry[1] + ":" + entry[2]);
    }
    try (payee) {
      X509Certificate certificate = payee.peerCertificate();
      if (!PeerCertificates.fingerprint(certificate).equals(fingerprint)) {
        return PayReply.of(
            PayStatus.FORGED,
            "the peer at "
                + entry[1]
                + ":"
                + entry[2]
                + " is not "
                + order.payee()
                + ": its certificate is not the one the server lists");
      }
      Duration left = Duration.between(clock.instant(), order.expires());
      payee.replyTimeout(left.plus(SETTLE_MARGIN));
      PayReply reply;
      try {
        reply = payee.call(PayProtocol.OFFER + " " + signature + " " + order.text());
      } catch (IOException e) {
        return settleOrCancel(order);
      }
      if (reply.status() == PayStatus.UNAVAILABLE) {
        // The payee lost the server while submitting: the order may have settled all the same.
        return settleOrCancel(order);
      }
      return reply;
    }
  }

  /**
   * After a lost or uncertain answer: cancels the order, unless it settled meanwhile. When the
   * server does not cancel it either (BUSY, UNAVAILABLE), the outcome is still unknown, and the
   * server's reply says so.
   */
  private PayReply settleOrCancel(PaymentOrder order) throws IOException {
    PayReply cancel = server.call(PayProtocol.CANCEL + " " + order.id());
    return switch (cancel.status()) {
      case ALREADY_SETTLED -> PayReply.of(PayStatus.SETTLED, cancel.text());
      case OK ->
          PayReply.of(
              PayStatus.TIMEOUT,
              order.id() + ": no answer from " + order.payee() + "; cancelled, nothing moved");
      default ->
          PayReply.of(
              cancel.status(),
              order.id()
                  + ": no answer from "
                  + order.payee()
                  + " and not cancelled, it may still settle: "
                  + cancel.text());
    };
  }
}
