package org.netlab.labs.pay.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
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
 * Connections to payees are kept a few seconds for the next payment; one payment at a time.
 */
public final class Payer implements AutoCloseable {
  /** Margin for the payee's round trip to the server once the order's time is up. */
  private static final Duration SETTLE_MARGIN = Duration.ofSeconds(15);

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * How long a connection to a payee is reused after its last payment: a payee closes one idle for
   * 10 s, and a connection it closed costs a retry.
   */
  private static final Duration REUSE_WITHIN = Duration.ofSeconds(5);

  /** A connection to a payee, as the directory listed it. */
  private record Link(
      InetSocketAddress address, String fingerprint, PayClient client, long lastUsedNanos) {
    boolean reaches(Link wanted) {
      return address.equals(wanted.address) && fingerprint.equals(wanted.fingerprint);
    }

    long idleFor() {
      return System.nanoTime() - lastUsedNanos;
    }

    Link usedNow() {
      return new Link(address, fingerprint, client, System.nanoTime());
    }
  }

  /** The kept connections, by payee. */
  private final Map<String, Link> links = new HashMap<>();

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
  public synchronized PayReply pay(PaymentOrder order) throws IOException {
    PayReply found = server.call(PayProtocol.LIST + " " + order.payee());
    if (found.status() != PayStatus.ONLINE) {
      return found;
    }
    String[] entry = found.lines().get(0).split(" ");
    Link wanted =
        new Link(new InetSocketAddress(entry[1], Integer.parseInt(entry[2])), entry[3], null, 0);
    String offer =
        PayProtocol.OFFER + " " + OrderSignatures.signAsPayer(order, me.key()) + " " + order.text();
    Link kept = links.remove(order.payee());
    boolean retry = false;
    if (kept != null && kept.reaches(wanted) && kept.idleFor() < REUSE_WITHIN.toNanos()) {
      try {
        return answered(order, offer(kept, order, offer), kept, false);
      } catch (IOException e) {
        retry = true;
        // The payee closed it meanwhile: the offer was not read, or if it was, the retry below
        // is refused as a replay and the order's fate is asked of the server.
        closeQuietly(kept.client());
      }
    } else if (kept != null) {
      closeQuietly(kept.client());
    }
    PayClient payee;
    try {
      payee = PayClient.connectToPeer(wanted.address(), tls, connectTimeout);
    } catch (IOException e) {
      if (retry) {
        return settleOrCancel(order);
      }
      return PayReply.of(
          PayStatus.OFFLINE, order.payee() + " cannot be reached at " + entry[1] + ":" + entry[2]);
    }
    Link link = new Link(wanted.address(), wanted.fingerprint(), payee, System.nanoTime());
    if (!PeerCertificates.fingerprint(payee.peerCertificate()).equals(wanted.fingerprint())) {
      closeQuietly(payee);
      if (retry) {
        return settleOrCancel(order);
      }
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
    PayReply reply;
    try {
      reply = offer(link, order, offer);
    } catch (IOException e) {
      closeQuietly(payee);
      return settleOrCancel(order);
    }
    return answered(order, reply, link, retry);
  }

  private PayReply offer(Link link, PaymentOrder order, String offer) throws IOException {
    Duration left = Duration.between(clock.instant(), order.expires());
    link.client().replyTimeout(left.plus(SETTLE_MARGIN));
    return link.client().call(offer);
  }

  /** Keeps the connection for the next payment, and makes an uncertain answer certain. */
  private PayReply answered(PaymentOrder order, PayReply reply, Link link, boolean retried)
      throws IOException {
    links.put(order.payee(), link.usedNow());
    if (reply.status() == PayStatus.UNAVAILABLE) {
      // The payee lost the server while submitting: the order may have settled all the same.
      return settleOrCancel(order);
    }
    if (retried && reply.status() == PayStatus.REPLAYED) {
      // The payee had the offer from the connection that broke: the server knows what became of it.
      return settleOrCancel(order);
    }
    return reply;
  }

  /** Says QUIT to the payees this payer keeps connections to, and closes them. */
  @Override
  public synchronized void close() {
    for (Link link : links.values()) {
      closeQuietly(link.client());
    }
    links.clear();
  }

  private static void closeQuietly(PayClient client) {
    try {
      client.close();
    } catch (IOException e) {
      // Nothing more to do with it.
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
