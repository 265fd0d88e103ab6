package org.netlab.labs.pay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.pay.peer.OfferDecision;
import org.netlab.labs.pay.peer.PayClient;
import org.netlab.labs.pay.peer.PeerIdentity;
import org.netlab.labs.pay.peer.PeerSession;

/**
 * Orders a hostile or broken peer sends, written by hand on the wire: to the payee's own server
 * (OFFER) and to the central server (SETTLE). Each gets its refusal, and nothing moves.
 */
@Timeout(60)
class OrderRefusalsTest {
  @TempDir Path directory;

  private PayLab lab;
  private PeerIdentity alice;
  private PeerIdentity bob;
  private PeerIdentity carol;
  private PeerSession bobOnline;

  @BeforeEach
  void start() throws Exception {
    lab = PayLab.start(directory);
    alice = lab.register("alice");
    bob = lab.register("bob");
    carol = lab.register("carol");
    bobOnline = lab.online(bob, OfferDecision.acceptAll());
  }

  @AfterEach
  void stop() throws Exception {
    lab.close();
  }

  private static PaymentOrder order(String payer, String payee, long amount) {
    return new PaymentOrder(
        payer,
        payee,
        amount,
        UUID.randomUUID().toString(),
        Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS));
  }

  /** Offers {@code line} to bob's own server as {@code who}. */
  private PayReply offer(PeerIdentity who, String line) throws Exception {
    try (PayClient peer =
        PayClient.connectToPeer(
            new InetSocketAddress("127.0.0.1", bobOnline.peerPort()),
            who.tls(lab.caFile()),
            PayLab.TIMEOUT)) {
      assertEquals("220 READY bob", peer.greeting().toString());
      return peer.call(line);
    }
  }

  private PayReply settle(
      PeerIdentity who, String payerSignature, String payeeSignature, String order)
      throws Exception {
    try (PayClient server = lab.client(who)) {
      return server.call("SETTLE " + payerSignature + " " + payeeSignature + " " + order);
    }
  }

  private void assertNothingMoved() {
    assertEquals(100_00, lab.balance("alice"));
    assertEquals(100_00, lab.balance("bob"));
    assertEquals(100_00, lab.balance("carol"));
    assertEquals(0, lab.ledger.snapshot().total());
  }

  @Test
  void anOfferSignedBySomeoneElseThanItsPayerIsForged() throws Exception {
    PaymentOrder order = order("alice", "bob", 5_00);
    String carolsSignature = OrderSignatures.signAsPayer(order, carol.key());

    PayReply asCarol = offer(carol, "OFFER " + carolsSignature + " " + order.text());
    PayReply asAlice = offer(alice, "OFFER " + carolsSignature + " " + order.text());

    assertEquals(PayStatus.FORGED, asCarol.status(), asCarol.toString());
    assertTrue(asCarol.text().contains("carol connected"), asCarol.toString());
    assertEquals(PayStatus.FORGED, asAlice.status(), asAlice.toString());
    assertNothingMoved();
  }

  @Test
  void anAmountChangedAfterSigningIsForgedAtThePayeeAndAtTheServer() throws Exception {
    PaymentOrder signed = order("alice", "bob", 1_00);
    String signature = OrderSignatures.signAsPayer(signed, alice.key());
    PaymentOrder changed = new PaymentOrder("alice", "bob", 90_00, signed.id(), signed.expires());

    PayReply atPayee = offer(alice, "OFFER " + signature + " " + changed.text());
    PayReply atServer =
        settle(bob, signature, OrderSignatures.signAsPayee(changed, bob.key()), changed.text());

    assertEquals(PayStatus.FORGED, atPayee.status(), atPayee.toString());
    assertEquals(PayStatus.FORGED, atServer.status(), atServer.toString());
    assertTrue(atServer.text().contains("not signed by its payer alice"), atServer.toString());
    assertNothingMoved();
  }

  @Test
  void anOrderWhoseCountersignatureIsNotThePayeesIsForged() throws Exception {
    PaymentOrder order = order("alice", "bob", 1_00);
    String payer = OrderSignatures.signAsPayer(order, alice.key());

    PayReply byCarol =
        settle(bob, payer, OrderSignatures.signAsPayee(order, carol.key()), order.text());
    PayReply payerSignatureAsAcceptance = settle(bob, payer, payer, order.text());

    assertEquals(PayStatus.FORGED, byCarol.status(), byCarol.toString());
    assertEquals(PayStatus.FORGED, payerSignatureAsAcceptance.status());
    assertNothingMoved();
  }

  @Test
  void onlyThePayeeSubmitsAnOrder() throws Exception {
    PaymentOrder order = order("alice", "bob", 1_00);

    PayReply reply =
        settle(
            alice,
            OrderSignatures.signAsPayer(order, alice.key()),
            OrderSignatures.signAsPayee(order, bob.key()),
            order.text());

    assertEquals(PayStatus.FORBIDDEN, reply.status(), reply.toString());
    assertNothingMoved();
  }

  @Test
  void aReplayedOfferIsRefusedAndAResubmittedOrderMovesMoneyOnce() throws Exception {
    PaymentOrder order = order("alice", "bob", 7_00);
    String payer = OrderSignatures.signAsPayer(order, alice.key());
    String payee = OrderSignatures.signAsPayee(order, bob.key());

    PayReply first = offer(alice, "OFFER " + payer + " " + order.text());
    PayReply replayedOffer = offer(alice, "OFFER " + payer + " " + order.text());
    PayReply resubmitted = settle(bob, payer, payee, order.text());

    assertEquals(PayStatus.SETTLED, first.status(), first.toString());
    assertEquals(PayStatus.REPLAYED, replayedOffer.status(), replayedOffer.toString());
    assertEquals(PayStatus.ALREADY_SETTLED, resubmitted.status(), resubmitted.toString());
    assertEquals(first.words().get(1), resubmitted.words().get(1), "the same transfer");
    assertEquals(93_00, lab.balance("alice"));
    assertEquals(107_00, lab.balance("bob"));
  }

  @Test
  void anotherOrderUnderAUsedIdIsReplayed() throws Exception {
    PaymentOrder order = order("alice", "bob", 7_00);
    settle(
        bob,
        OrderSignatures.signAsPayer(order, alice.key()),
        OrderSignatures.signAsPayee(order, bob.key()),
        order.text());
    PaymentOrder other = new PaymentOrder("alice", "bob", 8_00, order.id(), order.expires());

    PayReply reply =
        settle(
            bob,
            OrderSignatures.signAsPayer(other, alice.key()),
            OrderSignatures.signAsPayee(other, bob.key()),
            other.text());

    assertEquals(PayStatus.REPLAYED, reply.status(), reply.toString());
    assertEquals(93_00, lab.balance("alice"));
  }

  @Test
  void anExpiredOrderIsRefusedByTheServer() throws Exception {
    PaymentOrder order =
        new PaymentOrder(
            "alice",
            "bob",
            1_00,
            UUID.randomUUID().toString(),
            Instant.now().minusSeconds(5).truncatedTo(ChronoUnit.SECONDS));

    PayReply reply =
        settle(
            bob,
            OrderSignatures.signAsPayer(order, alice.key()),
            OrderSignatures.signAsPayee(order, bob.key()),
            order.text());

    assertEquals(PayStatus.EXPIRED, reply.status(), reply.toString());
    assertNothingMoved();
  }

  @Test
  void zeroNegativeAndSelfPaymentsAreRefusedByTheServer() throws Exception {
    String expires =
        Instant.now().plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.SECONDS).toString();
    String id = UUID.randomUUID().toString();

    PayReply zero =
        settle(
            bob,
            "AA==",
            "AA==",
            "netlab-pay/1 payer=alice payee=bob amount=0 id=" + id + " expires=" + expires);
    PayReply negative =
        settle(
            bob,
            "AA==",
            "AA==",
            "netlab-pay/1 payer=alice payee=bob amount=-500 id=" + id + " expires=" + expires);
    PayReply self =
        settle(
            bob,
            "AA==",
            "AA==",
            "netlab-pay/1 payer=bob payee=bob amount=500 id=" + id + " expires=" + expires);

    assertEquals("501 ARGUMENT the amount must be positive, found 0", zero.toString());
    assertEquals("501 ARGUMENT the amount must be positive, found -500", negative.toString());
    assertEquals(PayStatus.SELF_PAYMENT, self.status(), self.toString());
    assertNothingMoved();
  }

  @Test
  void anOfferToAnotherPayeeIsRefused() throws Exception {
    PaymentOrder order = order("alice", "carol", 1_00);

    PayReply reply =
        offer(
            alice, "OFFER " + OrderSignatures.signAsPayer(order, alice.key()) + " " + order.text());

    assertEquals(PayStatus.FORBIDDEN, reply.status(), reply.toString());
    assertNothingMoved();
  }

  @Test
  void aCancelledOrderNeverSettles() throws Exception {
    PaymentOrder order = order("alice", "bob", 1_00);
    PayReply cancel;
    try (PayClient server = lab.client(alice)) {
      cancel = server.call("CANCEL " + order.id());
    }

    PayReply settle =
        settle(
            bob,
            OrderSignatures.signAsPayer(order, alice.key()),
            OrderSignatures.signAsPayee(order, bob.key()),
            order.text());

    assertEquals(PayStatus.OK, cancel.status(), cancel.toString());
    assertEquals(PayStatus.CANCELLED, settle.status(), settle.toString());
    assertNothingMoved();
  }
}
