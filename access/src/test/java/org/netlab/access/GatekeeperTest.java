package org.netlab.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;

class GatekeeperTest {
  private static final InetAddress HOST = InetAddress.getLoopbackAddress();

  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final List<String> failureLog = new ArrayList<>();
  private final TokenAdministration tokens = new TokenAdministration(store, clock, () -> {});

  private Gatekeeper gatekeeper(AccessSettings settings) {
    return new Gatekeeper(settings, store, clock, failureLog::add);
  }

  private String token(String name, Role role) {
    return tokens.create(name, role, null).token();
  }

  private static Credentials bearing(String token) {
    return Credentials.none(HOST).withToken(token);
  }

  @Test
  void everyRoleMayDoExactlyWhatThePolicyTableSays() {
    Gatekeeper gatekeeper = gatekeeper(AccessSettings.defaults().withPerCaller(RateLimit.NONE));
    Map<Role, String> holders =
        Map.of(
            Role.READER, token("r", Role.READER),
            Role.WRITER, token("w", Role.WRITER),
            Role.ADMIN, token("a", Role.ADMIN));
    for (Role role : Role.values()) {
      for (Operation operation : Operation.values()) {
        boolean allowed =
            switch (operation) {
              case CALCULATE, DESCRIBE, READ_PHONEBOOK, READ_METRICS -> true;
              case WRITE_PHONEBOOK -> role != Role.READER;
              case CLEAR_PHONEBOOK, MANAGE_TOKENS -> role == Role.ADMIN;
            };
        Credentials credentials = bearing(holders.get(role));
        if (allowed) {
          assertEquals(
              role, gatekeeper.admit(credentials, operation).role(), role + " " + operation);
        } else {
          ServiceException refused =
              assertThrows(
                  ServiceException.class,
                  () -> gatekeeper.admit(credentials, operation),
                  role + " " + operation);
          assertEquals(ErrorCode.PERMISSION_DENIED, refused.code());
        }
      }
    }
  }

  @Test
  void anAnonymousCallerMayCalculateOnlyAndIsAskedForAnIdentityOtherwise() {
    Gatekeeper gatekeeper = gatekeeper(AccessSettings.defaults());
    Credentials nobody = Credentials.none(HOST);
    assertTrue(gatekeeper.admit(nobody, Operation.CALCULATE).anonymous());
    assertTrue(gatekeeper.admit(nobody, Operation.DESCRIBE).anonymous());
    for (Operation operation :
        List.of(
            Operation.READ_PHONEBOOK,
            Operation.WRITE_PHONEBOOK,
            Operation.CLEAR_PHONEBOOK,
            Operation.MANAGE_TOKENS,
            Operation.READ_METRICS)) {
      ServiceException refused =
          assertThrows(ServiceException.class, () -> gatekeeper.admit(nobody, operation));
      assertEquals(ErrorCode.UNAUTHENTICATED, refused.code(), operation.name());
      assertTrue(refused.getMessage().contains("needs an identity"), refused.getMessage());
    }
  }

  @Test
  void anonymousNoneClosesTheCalculatorToo() {
    Gatekeeper gatekeeper =
        gatekeeper(AccessSettings.defaults().withPolicy(new AccessPolicy(AnonymousAccess.NONE)));
    ServiceException refused =
        assertThrows(
            ServiceException.class,
            () -> gatekeeper.admit(Credentials.none(HOST), Operation.CALCULATE));
    assertEquals(ErrorCode.UNAUTHENTICATED, refused.code());
  }

  @Test
  void anExpiredTokenFailsTheMomentItExpires() {
    Gatekeeper gatekeeper = gatekeeper(AccessSettings.defaults());
    String token = tokens.create("temp", Role.READER, Duration.ofMinutes(5)).token();
    assertEquals("temp", gatekeeper.admit(bearing(token), Operation.CALCULATE).name());
    clock.advance(Duration.ofMinutes(5));
    ServiceException refused =
        assertThrows(
            ServiceException.class, () -> gatekeeper.admit(bearing(token), Operation.CALCULATE));
    assertEquals(ErrorCode.UNAUTHENTICATED, refused.code());
  }

  @Test
  void aTokenRevokedThroughTheServerFailsAtItsNextCall() {
    Gatekeeper gatekeeper = gatekeeper(AccessSettings.defaults());
    TokenAdministration administration =
        new TokenAdministration(store, clock, gatekeeper::tokensChanged);
    String token = administration.create("bob", Role.WRITER, null).token();
    assertEquals("bob", gatekeeper.admit(bearing(token), Operation.WRITE_PHONEBOOK).name());
    administration.revoke("bob");
    ServiceException refused =
        assertThrows(
            ServiceException.class,
            () -> gatekeeper.admit(bearing(token), Operation.WRITE_PHONEBOOK));
    assertEquals(ErrorCode.UNAUTHENTICATED, refused.code());
  }

  @Test
  void failedAuthenticationsAreLimitedPerAddressAndLoggedWithoutTheToken() throws Exception {
    Gatekeeper gatekeeper =
        gatekeeper(AccessSettings.defaults().withFailedAuthentications(RateLimit.parse("3/1m")));
    String good = token("carol", Role.READER);
    String bad = Tokens.generate();
    for (int i = 0; i < 3; i++) {
      assertEquals(
          ErrorCode.UNAUTHENTICATED,
          assertThrows(
                  ServiceException.class, () -> gatekeeper.admit(bearing(bad), Operation.CALCULATE))
              .code());
    }
    ServiceException throttled =
        assertThrows(
            ServiceException.class, () -> gatekeeper.admit(bearing(good), Operation.CALCULATE));
    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, throttled.code());
    // Another address is not affected.
    Credentials elsewhere = Credentials.none(InetAddress.getByName("192.0.2.7")).withToken(good);
    assertEquals("carol", gatekeeper.admit(elsewhere, Operation.CALCULATE).name());
    assertEquals(3, failureLog.size());
    assertFalse(String.join("\n", failureLog).contains(bad), "a log line holds the token");
  }

  @Test
  void theCallAfterTheLimitIsRefusedAndOtherIdentitiesAreNotAffected() {
    Gatekeeper gatekeeper =
        gatekeeper(AccessSettings.defaults().withPerCaller(RateLimit.parse("5/1h")));
    String dave = token("dave", Role.READER);
    String erin = token("erin", Role.READER);
    for (int i = 0; i < 5; i++) {
      gatekeeper.admit(bearing(dave), Operation.CALCULATE);
    }
    ServiceException refused =
        assertThrows(
            ServiceException.class, () -> gatekeeper.admit(bearing(dave), Operation.CALCULATE));
    assertEquals(ErrorCode.RESOURCE_EXHAUSTED, refused.code());
    assertTrue(refused.getMessage().contains("dave"), refused.getMessage());
    assertEquals("erin", gatekeeper.admit(bearing(erin), Operation.CALCULATE).name());
  }

  @Test
  void aCertificateNameMapsToItsRoleAndAnUnlistedOneMayDoNothing() {
    Gatekeeper gatekeeper =
        gatekeeper(
            AccessSettings.defaults()
                .withCertificateRoles(CertificateRoles.of(Map.of("alice", Role.WRITER))));
    Credentials alice = new Credentials(null, List.of("alice", "alice.example.org"), HOST);
    Caller caller = gatekeeper.admit(alice, Operation.WRITE_PHONEBOOK);
    assertEquals(new Caller("alice", Role.WRITER, Caller.Proof.CERTIFICATE), caller);
    Credentials mallory = new Credentials(null, List.of("mallory"), HOST);
    ServiceException refused =
        assertThrows(ServiceException.class, () -> gatekeeper.admit(mallory, Operation.CALCULATE));
    assertEquals(ErrorCode.PERMISSION_DENIED, refused.code());
  }

  @Test
  void anUncheckedGatekeeperLetsEveryoneDoEverything() {
    Gatekeeper gatekeeper = Gatekeeper.unchecked();
    for (Operation operation : Operation.values()) {
      assertEquals(Caller.UNCHECKED, gatekeeper.admit(Credentials.none(HOST), operation));
    }
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
