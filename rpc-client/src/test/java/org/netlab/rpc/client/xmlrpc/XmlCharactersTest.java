package org.netlab.rpc.client.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;

class XmlCharactersTest {
  @Test
  void textOfEveryPlaneThatXmlCarriesPasses() {
    assertDoesNotThrow(
        () -> XmlCharacters.requireCarried(new Object[] {"Zoë 王 😀 tab\there\r\n", 1.5, null}));
  }

  @Test
  void aControlCharacterIsInvalidArgumentNamingIt() {
    ServiceException refusal =
        assertThrows(
            ServiceException.class, () -> XmlCharacters.requireCarried(new Object[] {"A\u0007da"}));
    assertEquals(ErrorCode.INVALID_ARGUMENT, refusal.code());
    assertEquals(
        "text must not contain the control character U+0007; XML-RPC cannot carry it",
        refusal.getMessage());
  }

  @Test
  void aLoneSurrogateAndANoncharacterAreRefused() {
    assertThrows(
        ServiceException.class, () -> XmlCharacters.requireCarried(new Object[] {"x\uD83Dy"}));
    assertThrows(
        ServiceException.class, () -> XmlCharacters.requireCarried(new Object[] {"x\uFFFEy"}));
  }
}
