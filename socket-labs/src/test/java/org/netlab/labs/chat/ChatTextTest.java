package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.netlab.labs.net.StrictUtf8;

class ChatTextTest {
  @Test
  void loneSurrogatesAndNoncharactersBecomeReplacementCharacters() {
    assertEquals(
        "a\uFFFDb\uFFFDc\uFFFD\uFFFD\uFFFDd",
        ChatText.shown("a\uD800b\uDFFFc\uFFFE\uFDD0\uDBFF\uDFFFd"));
  }

  @Test
  void charactersOfEveryPlaneAreKeptAndEncodeAsValidUtf8() {
    String planes =
        "A é 漢 😀 \uD840\uDC00 \uD87E\uDC00 \uDB80\uDC00 \uDBC0\uDC00"; // BMP, planes 1, 2, 3, 15,
    // 16
    assertEquals(planes, ChatText.shown(planes));
    // Whatever a string holds, what the room shows of it is text a strict decoder takes.
    StringBuilder everything = new StringBuilder();
    for (int c = 0; c <= 0x10FFFF; c += 0x101) {
      everything.appendCodePoint(c);
    }
    everything.append("\uD800 \uDC00\uD800");
    String shown = ChatText.shown(everything.toString());
    assertEquals(shown, StrictUtf8.decode(shown.getBytes(UTF_8)));
  }

  @Test
  void bidiOverridesAndInvisibleFormatCharactersAreMadeVisible() {
    assertEquals("abc<U+202E>def", ChatText.shown("abc\u202Edef"));
    assertEquals("zero<U+200B>width", ChatText.shown("zero\u200Bwidth"));
    assertEquals("<U+2066>isolate<U+2069><U+FEFF>", ChatText.shown("\u2066isolate\u2069\uFEFF"));
    assertEquals("line<U+2028>separator", ChatText.shown("line\u2028separator"));
  }

  @Test
  void joinersBetweenTwoVisibleCharactersStaySoEmojiAndScriptsStayWhole() {
    String technologist = "\uD83D\uDC69\u200D\uD83D\uDCBB";
    assertEquals(technologist, ChatText.shown(technologist));
    assertEquals("می\u200Cخواهم", ChatText.shown("می\u200Cخواهم"));
    assertEquals("<U+200D>alone <U+200C> ", ChatText.shown("\u200Dalone \u200C "));
  }

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
