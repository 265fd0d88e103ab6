package org.netlab.domain.phonebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;

/**
 * What every {@link Phonebook} does, whether it is a store or a client across a network: same
 * answers, same error codes, same messages. Each implementation runs it by extending it; each test
 * starts empty.
 */
@Timeout(60)
public abstract class PhonebookContract {

  /** The phonebook under test; {@link Phonebook#removeAll()} is called before each test. */
  protected abstract Phonebook phonebook();

  @BeforeEach
  void startEmpty() {
    phonebook().removeAll();
  }

  @Test
  void addReturnsTheEntryAsStoredTrimmed() {
    assertEquals(
        new Entry("Ada Lovelace", "+44 20 7946 0000"),
        phonebook().add("  Ada Lovelace ", " +44 20 7946 0000 "));
    assertEquals(1, phonebook().count());
  }

  @Test
  void addedEntryIsFoundIgnoringCaseWithItsOriginalCase() {
    assertEquals(new Entry("Alice", "+33 1 23 45"), phonebook().add(" Alice ", "+33 1 23 45"));
    assertEquals(new Entry("Alice", "+33 1 23 45"), phonebook().find("ALICE"));
    assertEquals(1, phonebook().count());
  }

  @Test
  void addOfATakenNameIgnoringCaseIsAlreadyExists() {
    phonebook().add("Ada", "555-0100");
    assertRefused(ErrorCode.ALREADY_EXISTS, "ADA", () -> phonebook().add("ADA", "555-0199"));
    assertRefusedExactly(
        ErrorCode.ALREADY_EXISTS,
        "an entry named 'ada' exists already",
        () -> phonebook().add(" ada ", "555-0199"));
    assertEquals("555-0100", phonebook().find("ada").number());
  }

  @Test
  void addWithABadNumberIsInvalidArgumentNamingTheNumber() {
    assertRefused(ErrorCode.INVALID_ARGUMENT, "number", () -> phonebook().add("Ada", "call me"));
    assertRefusedExactly(
        ErrorCode.INVALID_ARGUMENT,
        "number must hold 3 to 20 digits; it holds 2",
        () -> phonebook().add("Ada", "12"));
    assertEquals(0, phonebook().count());
  }

  @Test
  void addWithABadNameIsInvalidArgumentNamingTheName() {
    assertRefused(ErrorCode.INVALID_ARGUMENT, "name", () -> phonebook().add("   ", "555-0100"));
    assertRefused(
        ErrorCode.INVALID_ARGUMENT, "name", () -> phonebook().add("x".repeat(101), "555-0100"));
    assertRefused(
        ErrorCode.INVALID_ARGUMENT, "control", () -> phonebook().add("A\u0007da", "555-0100"));
  }

  @Test
  void namesOutsideAsciiSurviveTheRoundTrip() {
    phonebook().add("Zoë Ł. 王", "+86 10 1234 5678");
    assertEquals(new Entry("Zoë Ł. 王", "+86 10 1234 5678"), phonebook().find("zoë ł. 王"));
  }

  @Test
  void updateReplacesTheNumberAndKeepsTheStoredName() {
    phonebook().add("Grace Hopper", "555-0100");
    assertEquals(
        new Entry("Grace Hopper", "555-0199"), phonebook().update("grace hopper", "555-0199"));
    assertEquals("555-0199", phonebook().find("Grace Hopper").number());
  }

  @Test
  void updateOfAnUnknownNameIsNotFound() {
    assertRefused(ErrorCode.NOT_FOUND, "Nobody", () -> phonebook().update("Nobody", "555-0100"));
  }

  @Test
  void updateWithAnInvalidNumberIsInvalidArgumentAndChangesNothing() {
    phonebook().add("Alice", "123");
    assertRefused(ErrorCode.INVALID_ARGUMENT, "number", () -> phonebook().update("Alice", "x"));
    assertEquals("123", phonebook().find("Alice").number());
  }

  @Test
  void findIgnoresCase() {
    phonebook().add("Alan Turing", "555-0100");
    assertEquals(new Entry("Alan Turing", "555-0100"), phonebook().find("ALAN TURING"));
  }

  @Test
  void findOfUnknownNameIsNotFound() {
    assertRefusedExactly(
        ErrorCode.NOT_FOUND, "no entry named 'Bob'", () -> phonebook().find("Bob"));
  }

  @Test
  void findOfAnEmptyNameIsInvalidArgument() {
    assertRefused(ErrorCode.INVALID_ARGUMENT, "name", () -> phonebook().find(""));
  }

  @Test
  void removeDeletesTheEntry() {
    phonebook().add("Ada", "555-0100");
    phonebook().remove("ADA");
    assertEquals(0, phonebook().count());
    assertRefused(ErrorCode.NOT_FOUND, "ada", () -> phonebook().find("ada"));
  }

  @Test
  void removeOfUnknownNameIsNotFound() {
    assertRefused(ErrorCode.NOT_FOUND, "Nobody", () -> phonebook().remove("Nobody"));
  }

  @Test
  void removeAllSaysHowManyWereRemoved() {
    assertEquals(0, phonebook().removeAll());
    phonebook().add("a", "111");
    phonebook().add("b", "222");
    phonebook().add("c", "333");
    assertEquals(3, phonebook().removeAll());
    assertEquals(0, phonebook().count());
    assertEquals(0, phonebook().removeAll());
  }

  @Test
  void listIsSortedIgnoringCaseAndFiltersByPrefixIgnoringCase() {
    phonebook().add("bob", "555-0102");
    phonebook().add("Alice", "555-0100");
    phonebook().add("ALBERT", "555-0101");
    phonebook().add("alfred", "555-0103");
    assertEquals(
        List.of(
            new Entry("ALBERT", "555-0101"),
            new Entry("alfred", "555-0103"),
            new Entry("Alice", "555-0100"),
            new Entry("bob", "555-0102")),
        phonebook().list(""));
    assertEquals(
        List.of("ALBERT", "alfred", "Alice"),
        phonebook().list("al").stream().map(Entry::name).toList());
    assertEquals(List.of(new Entry("bob", "555-0102")), phonebook().list("BO"));
    assertEquals(List.of(), phonebook().list("zed"));
  }

  @Test
  void listTreatsLikeWildcardsAsPlainCharacters() {
    phonebook().add("100% Pure", "555-0100");
    phonebook().add("1000 Lakes", "555-0101");
    phonebook().add("a_c", "555-0102");
    phonebook().add("abc", "555-0103");
    assertEquals(List.of(new Entry("100% Pure", "555-0100")), phonebook().list("100%"));
    assertEquals(List.of(new Entry("a_c", "555-0102")), phonebook().list("a_"));
  }

  @Test
  void listWithATooLongPrefixIsInvalidArgument() {
    assertRefused(ErrorCode.INVALID_ARGUMENT, "prefix", () -> phonebook().list("p".repeat(101)));
  }

  private static void assertRefused(ErrorCode code, String messagePart, Executable call) {
    ServiceException refusal = assertThrows(ServiceException.class, call);
    assertEquals(code, refusal.code(), refusal::getMessage);
    assertTrue(
        refusal.getMessage().contains(messagePart),
        () -> "'" + refusal.getMessage() + "' should contain '" + messagePart + "'");
  }

  private static void assertRefusedExactly(ErrorCode code, String message, Executable call) {
    ServiceException refusal = assertThrows(ServiceException.class, call);
    assertEquals(code, refusal.code(), refusal::getMessage);
    assertEquals(message, refusal.getMessage());
  }
}
