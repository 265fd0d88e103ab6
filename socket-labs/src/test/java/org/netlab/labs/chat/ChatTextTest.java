package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChatTextTest {
  @Test
  void controlCharactersBecomeReplacementCharactersButTabsStay() {
    assertEquals("red \uFFFD[31m\talert\uFFFD", ChatText.shown("red \u001b[31m\talert\u0085"));
  }

  @Test
  void shownTextIsCutAtTheByteLimitOnACharacterBoundary() {
    String text = "\u0001".repeat(100);
    String cut = ChatText.shown(text, 100);
    assertTrue(cut.getBytes(UTF_8).length <= 100, cut.getBytes(UTF_8).length + " bytes");
    assertEquals("\uFFFD".repeat(33), cut);
    assertEquals("ab", ChatText.shown("ab\uD83D\uDE00", 5));
    assertEquals("ab\uD83D\uDE00", ChatText.shown("ab\uD83D\uDE00", 6));
  }
}
