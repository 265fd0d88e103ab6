package org.netlab.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;

class AuthorizationHeaderTest {
  @Test
  void bearerAndBasicBothCarryTheToken() {
    assertEquals("nlt_abc", AuthorizationHeader.token("Bearer nlt_abc"));
    assertEquals("nlt_abc", AuthorizationHeader.token("bearer   nlt_abc  "));
    String basic =
        Base64.getEncoder().encodeToString("anyone:nlt_abc".getBytes(StandardCharsets.UTF_8));
    assertEquals("nlt_abc", AuthorizationHeader.token("Basic " + basic));
  }

  @Test
  void otherSchemesAndMalformedHeadersAreUnauthenticatedWithoutEchoingTheHeader() {
    for (String header :
        new String[] {
          "Digest username=x", "Bearer", "Basic !!!", "Basic " + b64("no-colon"), "nlt_abc"
        }) {
      ServiceException refused =
          assertThrows(ServiceException.class, () -> AuthorizationHeader.token(header));
      assertEquals(ErrorCode.UNAUTHENTICATED, refused.code(), header);
      assertFalse(refused.getMessage().contains("nlt_abc"), refused.getMessage());
    }
  }

  private static String b64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
