package org.netlab.labs.pay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.pay.peer.OfferDecision;
import org.netlab.labs.pay.peer.PayClient;
import org.netlab.labs.pay.peer.Payer;
import org.netlab.labs.pay.peer.PeerIdentity;
import org.netlab.labs.pay.peer.PeerServer;
import org.netlab.labs.pay.peer.PeerSession;

/**
 * Payments from one peer to another through their own servers, as {@code bin/pay} makes them: the
 * payer signs and offers, the payee checks, decides, countersigns and submits, the server settles
 * once. Every refusal moves nothing.
 */
@Timeout(60)
class PaymentsBetweenPeersTest {
  @TempDir Path directory;

  private PayLab lab;
  private PeerIdentity alice;
  private PeerIdentity bob;

  @BeforeEach
  void start() throws Exception {
    lab = PayLab.start(directory);
    alice = lab.register("alice");
    bob = lab.register("bob");
  }

  @AfterEach
  void stop() throws Exception {
    lab.close();
  }

  private Payer payer(PeerIdentity who, PayClient server, Clock clock) throws Exception {
    return new Payer(who, who.tls(lab.caFile()), server, clock, PayLab.TIMEOUT);
  }

  private PayReply pay(PeerIdentity from, String to, long amount) throws Exception {
    try (PayClient server = lab.client(from)) {
      return payer(from, server, Clock.systemUTC()).pay(to, amount, Duration.ofMinutes(1));
    }
  }

  private void assertNothingMoved() {
    assertEquals(100_00, lab.balance("alice"));
    assertEquals(100_00, lab.balance("bob"));
    assertEquals(0, lab.ledger.snapshot().total());
  }

  @Test
  void twoPeersLogInSeeEachOtherAndPay() throws Exception {
    StringWriter bobSays = new StringWriter();
    PeerSession bobOnline = lab.online(bob, OfferDecision.acceptAll(), bobSays);
    PeerSession aliceOnline = lab.online(alice, OfferDecision.acceptAll());

    PayReply list = aliceOnline.server().call("LIST");
    assertEquals(PayStatus.ONLINE, list.status());
    assertEquals(
        List.of(
            "alice 127.0.0.1 " + aliceOnline.peerPort() + " " + alice.fingerprint(),
            "bob 127.0.0.1 " + bobOnline.peerPort() + " " + bob.fingerprint()),
        list.lines());

    PayReply paid =
        payer(alice, aliceOnline.server(), Clock.systemUTC())
            .pay("bob", 12_50, Duration.ofMinutes(1));

    assertEquals(PayStatus.SETTLED, paid.status(), paid.toString());
    assertEquals(87_50, lab.balance("alice"));
    assertEquals(112_50, lab.balance("bob"));
    assertEquals(0, lab.ledger.snapshot().total());
    PayReply history = bobOnline.server().call("HISTORY");
    assertTrue(history.lines().get(0).endsWith(" alice 1250 11250"), history.lines().toString());
    assertEquals("211 BALANCE 8750", aliceOnline.server().call("BALANCE").toString());
  }

  @Test
  void aPayerKeepsItsConnectionToAPayeeForTheNextPayments() throws Exception {
    PeerSession bobOnline = lab.online(bob, OfferDecision.acceptAll());

    try (PayClient server = lab.client(alice);
        Payer payer = payer(alice, server, Clock.systemUTC())) {
      for (int i = 0; i < 3; i++) {
        PayReply paid = payer.pay("bob", 1_00, Duration.ofMinutes(1));
        assertEquals(PayStatus.SETTLED, paid.status(), paid.toString());
      }
    }

    assertEquals(1, bobOnline.acceptedConnections());
    assertEquals(97_00, lab.balance("alice"));
    assertEquals(103_00, lab.balance("bob"));
  }

  @Test
  void aDeclinedPaymentMovesNothing() throws Exception {
    lab.online(bob, OfferDecision.declineAll());

    PayReply reply = pay(alice, "bob", 5_00);

    assertEquals(PayStatus.DECLINED, reply.status(), reply.toString());
    assertNothingMoved();
  }

  @Test
  void anExpiredOrderIsRefusedByThePayeeAndMovesNothing() throws Exception {
    lab.online(bob, OfferDecision.acceptAll());
    Clock late = Clock.fixed(Instant.now().minus(Duration.ofMinutes(5)), ZoneOffset.UTC);

    PayReply reply;
    try (PayClient server = lab.client(alice)) {
      reply = payer(alice, server, late).pay("bob", 5_00, Duration.ofMinutes(1));
    }

    assertEquals(PayStatus.EXPIRED, reply.status(), reply.toString());
    assertNothingMoved();
  }

  @Test
  void anUnansweredOfferTimesOutIsCancelledAndMovesNothing() throws Exception {
    lab.online(bob, (order, within) -> OfferDecision.Answer.NONE);

    PayReply reply = pay(alice, "bob", 5_00);

    assertEquals(PayStatus.TIMEOUT, reply.status(), reply.toString());
    assertNothingMoved();
  }

  @Test
  void payingAnUnknownUserOrOneOfflineIsRefused() throws Exception {
    lab.register("dave");

    PayReply unknown = pay(alice, "zoe", 1_00);
    PayReply offline = pay(alice, "dave", 1_00);

    assertEquals(PayStatus.UNKNOWN_USER, unknown.status(), unknown.toString());
    assertEquals(PayStatus.OFFLINE, offline.status(), offline.toString());
    assertNothingMoved();
  }

  @Test
  void payingYourselfIsRefused() throws Exception {
    lab.online(alice, OfferDecision.acceptAll());

    PayReply reply = pay(alice, "alice", 1_00);

    assertEquals(PayStatus.SELF_PAYMENT, reply.status(), reply.toString());
    assertNothingMoved();
  }

  @Test
  void payingMoreThanTheBalanceIsRefusedAndRecorded() throws Exception {
    lab.online(bob, OfferDecision.acceptAll());

    PayReply reply = pay(alice, "bob", 150_00);

    assertEquals(PayStatus.INSUFFICIENT_FUNDS, reply.status(), reply.toString());
    assertNothingMoved();
  }

  /**
   * Bob's own server, logged in as bob, whose submissions to the central server go through {@code
   * submit}: the payee's half of a payment, with a connection to the server that can fail.
   */
  private PeerServer bobWhoseServerConnection(PayClient bobServer, PeerServer.Settlement submit)
      throws Exception {
    PeerServer peer =
        new PeerServer(
                bob,
                bob.tls(lab.caFile()),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                OfferDecision.acceptAll(),
                submit,
                Clock.systemUTC())
            .start();
    assertEquals(PayStatus.LOGGED_IN, bobServer.call("LOGIN " + peer.port()).status());
    return peer;
  }

  private static PayReply submit(PayClient server, SignedOrder order) throws IOException {
    return server.call(
        "SETTLE "
            + order.payerSignature()
            + " "
            + order.payeeSignature()
            + " "
            + order.order().text());
  }

  @Test
  void aPaymentThatSettledAsThePayeeLostTheServerIsReportedSettled() throws Exception {
    try (PayClient bobServer = lab.client(bob);
        PeerServer peer =
            bobWhoseServerConnection(
                bobServer,
                order -> {
                  submit(bobServer, order);
                  throw new IOException("the connection broke before the reply");
                })) {
      PayReply reply = pay(alice, "bob", 5_00);

      assertEquals(PayStatus.SETTLED, reply.status(), reply.toString());
      assertEquals(95_00, lab.balance("alice"));
      assertEquals(105_00, lab.balance("bob"));
    }
  }

  @Test
  void aPaymentThePayeeCouldNotSubmitIsCancelledAndMovesNothing() throws Exception {
    try (PayClient bobServer = lab.client(bob);
        PeerServer peer =
            bobWhoseServerConnection(
                bobServer,
                order -> {
                  throw new IOException("the connection broke before the request");
                })) {
      PayReply reply = pay(alice, "bob", 5_00);

      assertEquals(PayStatus.TIMEOUT, reply.status(), reply.toString());
      assertTrue(reply.text().endsWith("cancelled, nothing moved"), reply.toString());
      assertNothingMoved();
    }
  }
}
