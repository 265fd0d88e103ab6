package org.netlab.labs.totp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OtpAuthUriTest {
  private static final OtpSecret SECRET = OtpSecret.fromBase32("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");

  @Test
  void uriHasTheKeyUriFormat() {
    assertEquals(
        "otpauth://totp/netlab:alice?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=netlab&algorithm=SHA1&digits=6&period=30",
        new OtpAuthUri("netlab", "alice", SECRET, OtpParameters.DEFAULT).toString());
    assertEquals(
        "otpauth://totp/Lab:bob?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            + "&issuer=Lab&algorithm=SHA512&digits=8&period=60",
        new OtpAuthUri(
                "Lab",
                "bob",
                SECRET,
                new OtpParameters(HmacAlgorithm.SHA512, 8, Duration.ofSeconds(60)))
            .toString());
  }

  @Test
  void labelAndIssuerArePercentEncodedAsUtf8() {
    String uri =
        new OtpAuthUri("Net Lab & Co", "Zoé+1@example.org/x?y", SECRET, OtpParameters.DEFAULT)
            .toString();
    assertEquals(
        "otpauth://totp/Net%20Lab%20%26%20Co:Zo%C3%A9%2B1%40example.org%2Fx%3Fy"
            + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Net%20Lab%20%26%20Co"
            + "&algorithm=SHA1&digits=6&period=30",
        uri);
    // A standard URI parser reads back exactly what was meant.
    URI parsed = URI.create(uri);
    assertEquals("otpauth", parsed.getScheme());
    assertEquals("totp", parsed.getHost());
    assertEquals("/Net Lab & Co:Zoé+1@example.org/x?y", parsed.getPath());
    assertEquals("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", parsed.getRawQuery().split("&")[0]);
    assertEquals("issuer=Net%20Lab%20%26%20Co", parsed.getRawQuery().split("&")[1]);
  }

  @Test
  void colonsAndControlCharactersAreRefused() {
    assertEquals(
        "account must not contain ':' (it separates issuer and account)",
        assertThrows(
                IllegalArgumentException.class,
                () -> new OtpAuthUri("Lab", "a:b", SECRET, OtpParameters.DEFAULT))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> new OtpAuthUri("La:b", "a", SECRET, OtpParameters.DEFAULT));
    assertThrows(
        IllegalArgumentException.class,
        () -> new OtpAuthUri("Lab", "a\nb", SECRET, OtpParameters.DEFAULT));
    assertThrows(
        IllegalArgumentException.class,
        () -> new OtpAuthUri(" ", "a", SECRET, OtpParameters.DEFAULT));
  }
}
