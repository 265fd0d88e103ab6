package org.netlab.labs.totp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class OtpSecretTest {
  @Test
  void generatedSecretsHave160RandomBits() {
    SecureRandom random = new SecureRandom();
    OtpSecret one = OtpSecret.generate(random);
    OtpSecret two = OtpSecret.generate(random);
    assertEquals(20, one.bytes().length);
    assertEquals(32, one.base32().length());
    assertNotEquals(one, two);
  }

  @Test
  void base32RoundTripsAndIgnoresCaseSpacesAndPadding() {
    OtpSecret secret = OtpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertArrayEquals("12345678901234567890".getBytes(), secret.bytes());
    assertEquals(secret, OtpSecret.fromBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
    assertEquals(secret, OtpSecret.fromBase32(secret.base32()));
    OtpSecret sixteen = OtpSecret.ofBytes(new byte[16]);
    assertEquals("AAAAAAAAAAAAAAAAAAAAAAAAAA", sixteen.base32());
    assertEquals(sixteen, OtpSecret.fromBase32("AAAAAAAAAAAAAAAAAAAAAAAAAA======"));
  }

  @Test
  void invalidBase32IsRefused() {
    assertThrows(IllegalArgumentException.class, () -> OtpSecret.fromBase32(""));
    assertThrows(
        IllegalArgumentException.class,
        () -> OtpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJ1"));
    assertThrows(
        IllegalArgumentException.class,
        () -> OtpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ!"));
    // 27 characters leave three bits that belong to no byte.
    assertThrows(
        IllegalArgumentException.class, () -> OtpSecret.fromBase32("AAAAAAAAAAAAAAAAAAAAAAAAAAB"));
  }

  @Test
  void secretsShorterThan128BitsAreRefused() {
    // 80 bits: common in old apps, below the RFC 4226 minimum.
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> OtpSecret.fromBase32("JBSWY3DPEHPK3PXP"));
    assertEquals("a secret must have 128 to 1024 bits, not 80", error.getMessage());
  }

  @Test
  void toStringDoesNotRevealTheKey() {
    OtpSecret secret = OtpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
    assertFalse(secret.toString().contains(secret.base32()));
    assertEquals("OtpSecret[160 bits]", secret.toString());
  }
}
