package org.netlab.labs.finger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsersFileTest {
  @Test
  void readsEveryFieldOfAnAccount() throws IOException {
    Account alice = FingerFixtures.users().find("alice").getFirst();
    assertEquals("Alice Liddell", alice.fullName());
    assertEquals("/home/alice", alice.home());
    assertEquals("/bin/bash", alice.shell());
    assertEquals(
        Optional.of("Down the rabbit hole.\nThen through the looking glass."), alice.plan());
    assertEquals(Optional.of("Wonderland survey"), alice.project());
    assertEquals(
        List.of(new Session("alice", "pts/0", Instant.parse("2026-11-21T09:00:00Z"), "192.0.2.7")),
        alice.sessions());
  }

  @Test
  void nofingerHidesTheAccountFromLookupAndList() throws IOException {
    UsersFile users = FingerFixtures.users();
    assertTrue(users.find("dave").isEmpty());
    assertEquals(List.of("alice", "bob"), users.loggedIn().stream().map(Account::login).toList());
  }

  @Test
  void fullNameWordsMatchIgnoringCaseWhenNoLoginMatches() throws IOException {
    assertEquals("alice", FingerFixtures.users().find("liddell").getFirst().login());
    assertTrue(FingerFixtures.users().find("Alic").isEmpty());
  }

  @Test
  void unknownKeyIsReportedWithItsLineNumber() {
    IOException e =
        assertThrows(
            IOException.class, () -> UsersFile.parse("f", List.of("user alice", "colour blue")));
    assertEquals("f line 2: unknown key 'colour'", e.getMessage());
  }

  @Test
  void fieldBeforeAnyUserIsAnError() {
    IOException e =
        assertThrows(IOException.class, () -> UsersFile.parse("f", List.of("name Nobody")));
    assertEquals("f line 1: 'name' before the first 'user' line", e.getMessage());
  }

  @Test
  void badSessionTimeIsAnError() {
    IOException e =
        assertThrows(
            IOException.class,
            () -> UsersFile.parse("f", List.of("user a", "session tty1 yesterday")));
    assertTrue(e.getMessage().startsWith("f line 2: session time 'yesterday'"), e.getMessage());
  }

  @Test
  void loginThatCouldNotBeQueriedIsAnError() {
    assertThrows(IOException.class, () -> UsersFile.parse("f", List.of("user ../root")));
  }

  @Test
  void sameLoginTwiceIsAnError() {
    assertThrows(IOException.class, () -> UsersFile.parse("f", List.of("user a", "user a")));
  }

  @Test
  void controlCharactersInTextsAreRemoved() throws IOException {
    Account a =
        UsersFile.parse("f", List.of("user a", "plan \u001b[31mred\u202e")).find("a").getFirst();
    assertEquals(Optional.of("[31mred"), a.plan());
  }
}
