package org.netlab.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokensTest {
  @Test
  void aTokenIs256RandomBitsAfterItsPrefix() {
    String token = Tokens.generate();
    assertTrue(token.startsWith(Tokens.PREFIX), token.substring(0, 4));
    assertEquals(32, Base64.getUrlDecoder().decode(token.substring(Tokens.PREFIX.length())).length);
    assertNotEquals(token, Tokens.generate());
  }

  @Test
  void theHashMatchesItsTokenOnly() {
    String token = Tokens.generate();
    String hash = Tokens.hash(token);
    assertEquals(64, hash.length());
    assertFalse(hash.contains(token.substring(Tokens.PREFIX.length(), 10)));
    assertTrue(Tokens.matches(token, hash));
    assertFalse(Tokens.matches(Tokens.generate(), hash));
  }
}
