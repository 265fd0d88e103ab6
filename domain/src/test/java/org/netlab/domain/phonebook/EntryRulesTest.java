package org.netlab.domain.phonebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;

class EntryRulesTest {

  @Test
  void nameAndNumberAreTrimmed() {
    Entry entry = new Entry("  Alice Martin \t", " +33 1 23 45 67 89 ");
    assertEquals("Alice Martin", entry.name());
    assertEquals("+33 1 23 45 67 89", entry.number());
  }

  @Test
  void nameKeepsItsCase() {
    assertEquals("McDonald", new Entry("McDonald", "123").name());
  }

  @Test
  void missingNameIsRefusedNamingTheField() {
    assertRejected(() -> new Entry(null, "123"), "name is missing");
  }

  @Test
  void blankNameIsRefused() {
    assertRejected(() -> new Entry("   ", "123"), "name must not be empty");
  }

  @Test
  void nameOfHundredCharactersIsAcceptedAndLongerIsRefused() {
    assertEquals(100, new Entry("a".repeat(100), "123").name().length());
    assertRejected(() -> new Entry("a".repeat(101), "123"), "name is 101 characters long");
  }

  @Test
  void nameLengthCountsCharactersNotUtf16Units() {
    String emoji = "\uD83D\uDE00";
    assertEquals(200, new Entry(emoji.repeat(100), "123").name().length());
  }

  @Test
  void nameWithControlCharacterIsRefused() {
    assertRejected(() -> new Entry("Al\u0000ice", "123"), "name must not contain control");
    assertRejected(() -> new Entry("Al\u001bice", "123"), "U+001B");
  }

  @Test
  void nameWithALoneSurrogateOrANoncharacterIsRefusedNamingIt() {
    assertRejected(() -> EntryRules.name("Ada \uD83D"), "lone surrogate; found U+D83D");
    assertRejected(() -> EntryRules.name("\uDE00 Ada"), "lone surrogate; found U+DE00");
    assertRejected(() -> EntryRules.name("Ada \uFFFE"), "noncharacter; found U+FFFE");
    assertRejected(() -> EntryRules.name("Ada \uFDD0"), "noncharacter; found U+FDD0");
    assertRejected(() -> EntryRules.name("Ada \uD83F\uDFFF"), "noncharacter; found U+1FFFF");
    assertRejected(() -> EntryRules.prefix("\uD800"), "prefix must not contain a lone surrogate");
  }

  @Test
  void nameWithCharactersOfEveryPlaneInUseIsAccepted() {
    for (String name :
        new String[] {
          "Zoë 王", "\uD83D\uDE00", "\uD840\uDC00", "\uD880\uDC00", "a\uDB40\uDD00", "\uDBFF\uDFFD"
        }) {
      assertEquals(name, EntryRules.name(name));
    }
  }

  @Test
  void numberWithSeparatorsIsAccepted() {
    assertEquals("(01) 23.45-67 89", new Entry("a", "(01) 23.45-67 89").number());
  }

  @Test
  void numberWithLettersIsRefusedNamingTheCharacter() {
    assertRejected(() -> new Entry("a", "12a45"), "found 'a'");
  }

  @Test
  void plusOnlyAsFirstCharacter() {
    assertEquals("+123", new Entry("a", "+123").number());
    assertRejected(() -> new Entry("a", "12+3"), "'+' only as its first character");
  }

  @Test
  void numberNeedsThreeToTwentyDigits() {
    assertRejected(() -> new Entry("a", "12"), "it holds 2");
    assertRejected(() -> new Entry("a", "+(1)-2"), "it holds 2");
    assertEquals(20, new Entry("a", "1".repeat(20)).number().length());
    assertRejected(() -> new Entry("a", "1".repeat(21)), "it holds 21");
  }

  @Test
  void missingOrEmptyNumberIsRefused() {
    assertRejected(() -> new Entry("a", null), "number is missing");
    assertRejected(() -> new Entry("a", " "), "number must not be empty");
  }

  @Test
  void overlongNumberStringIsRefusedBeforeCounting() {
    assertRejected(() -> new Entry("a", "1" + " ".repeat(50) + "23"), "number is 53 characters");
  }

  @Test
  void prefixMayBeEmptyButNotOverlongOrControl() {
    assertEquals("", EntryRules.prefix(null));
    assertEquals("", EntryRules.prefix(""));
    assertRejected(() -> EntryRules.prefix("b".repeat(101)), "prefix is 101 characters");
    assertRejected(() -> EntryRules.prefix("b\n"), "prefix must not contain control");
  }

  @Test
  void keyIgnoresCase() {
    assertEquals(EntryRules.key("ALICE"), EntryRules.key("alice"));
  }

  private static void assertRejected(Executable call, String expectedMessagePart) {
    ServiceException error = assertThrows(ServiceException.class, call);
    assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
    assertTrue(
        error.getMessage().contains(expectedMessagePart),
        () -> "expected '" + expectedMessagePart + "' in: " + error.getMessage());
  }
}
