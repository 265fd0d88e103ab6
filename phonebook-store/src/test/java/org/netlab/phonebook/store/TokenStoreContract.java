package org.netlab.phonebook.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.netlab.access.Role;
import org.netlab.access.TokenRecord;
import org.netlab.access.Tokens;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;

/** What the {@link org.netlab.access.TokenStore} of a {@link JdbcStore} does on every database. */
abstract class TokenStoreContract extends EmptyStoreFixture {
  private static final Instant CREATED = Instant.parse("2025-03-01T09:30:00Z");

  @Test
  void aCreatedTokenIsFoundByItsHash() {
    TokenRecord ada = token("ada", Role.WRITER, null);
    store.tokens().create(ada);
    assertEquals(Optional.of(ada), store.tokens().findByHash(ada.hash()));
  }

  @Test
  void aHashNoTokenHasFindsNothing() {
    store.tokens().create(token("ada", Role.READER, null));
    assertEquals(Optional.empty(), store.tokens().findByHash(Tokens.hash(Tokens.generate())));
  }

  @Test
  void listIsEveryTokenByName() {
    TokenRecord carol = token("carol", Role.ADMIN, null);
    TokenRecord alice = token("alice", Role.READER, null);
    TokenRecord bob = token("bob.ops@example-1_x", Role.WRITER, null);
    store.tokens().create(carol);
    store.tokens().create(alice);
    store.tokens().create(bob);
    assertEquals(List.of(alice, bob, carol), store.tokens().list());
  }

  @Test
  void anEmptyStoreListsNoTokens() {
    assertEquals(List.of(), store.tokens().list());
  }

  @Test
  void aTakenNameIsAlreadyExistsAndKeepsTheFirstToken() {
    TokenRecord first = token("ada", Role.READER, null);
    TokenRecord second = token("ada", Role.ADMIN, null);
    store.tokens().create(first);

    ServiceException refusal =
        assertThrows(ServiceException.class, () -> store.tokens().create(second));
    assertEquals(ErrorCode.ALREADY_EXISTS, refusal.code());
    assertEquals("a token named 'ada' exists; revoke it first", refusal.getMessage());
    assertEquals(List.of(first), store.tokens().list());
    assertEquals(Optional.empty(), store.tokens().findByHash(second.hash()));
  }

  @Test
  void expiryRoundTripsToTheNanosecond() {
    TokenRecord lasting = token("lasting", Role.READER, null);
    TokenRecord expiring =
        token("expiring", Role.WRITER, Instant.parse("2025-03-31T23:59:59.123456789Z"));
    store.tokens().create(lasting);
    store.tokens().create(expiring);
    assertEquals(Optional.of(lasting), store.tokens().findByHash(lasting.hash()));
    assertEquals(Optional.of(expiring), store.tokens().findByHash(expiring.hash()));
    assertEquals(List.of(expiring, lasting), store.tokens().list());
  }

  @Test
  void revokeDeletesTheTokenAndSaysSo() {
    TokenRecord ada = token("ada", Role.WRITER, null);
    TokenRecord bob = token("bob", Role.WRITER, null);
    store.tokens().create(ada);
    store.tokens().create(bob);

    assertTrue(store.tokens().revoke("ada"));
    assertEquals(Optional.empty(), store.tokens().findByHash(ada.hash()));
    assertEquals(List.of(bob), store.tokens().list());
    assertFalse(store.tokens().revoke("ada"));
  }

  @Test
  void revokeOfAnUnknownNameIsFalse() {
    assertFalse(store.tokens().revoke("nobody"));
  }

  @Test
  void aRevokedNameCanBeGivenANewToken() {
    store.tokens().create(token("ada", Role.READER, null));
    store.tokens().revoke("ada");
    TokenRecord again = token("ada", Role.ADMIN, null);
    store.tokens().create(again);
    assertEquals(List.of(again), store.tokens().list());
  }

  @Test
  void aNameTheRulesRefuseIsInvalidArgument() {
    ServiceException refusal =
        assertThrows(
            ServiceException.class,
            () -> store.tokens().create(token("it's me", Role.READER, null)));
    assertEquals(ErrorCode.INVALID_ARGUMENT, refusal.code());
    assertEquals(List.of(), store.tokens().list());
  }

  @Test
  void aHashNotSpeltAsTokensHashSpellsItIsABug() {
    String upperCase = Tokens.hash("nlt_x").toUpperCase(Locale.ROOT);
    TokenRecord shouting = new TokenRecord("ada", Role.READER, upperCase, CREATED, null);
    assertThrows(IllegalArgumentException.class, () -> store.tokens().create(shouting));
    TokenRecord clear = new TokenRecord("ada", Role.READER, "nlt_x", CREATED, null);
    assertThrows(IllegalArgumentException.class, () -> store.tokens().create(clear));
  }

  private static TokenRecord token(String name, Role role, Instant expires) {
    return new TokenRecord(name, role, Tokens.hash(Tokens.generate()), CREATED, expires);
  }
}
