package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FingerQueryTest {
  private static FingerQuery parse(String line) throws InvalidQueryException {
    return FingerQuery.parse(line.getBytes(ISO_8859_1));
  }

  @Test
  void emptyLineAsksForTheList() throws Exception {
    FingerQuery query = parse("");
    assertTrue(query.isList());
    assertFalse(query.longForm());
    assertFalse(query.isForwarding());
  }

  @Test
  void slashWAloneAsksForTheLongList() throws Exception {
    FingerQuery query = parse("/W");
    assertTrue(query.isList());
    assertTrue(query.longForm());
  }

  @Test
  void userNameAsksForThatUser() throws Exception {
    assertEquals(new FingerQuery(false, "alice", List.of()), parse("alice"));
  }

  @Test
  void slashWWithSpacesBeforeTheUserAsksForTheLongForm() throws Exception {
    assertEquals(new FingerQuery(true, "alice", List.of()), parse("/W   alice"));
    assertEquals(new FingerQuery(true, "alice", List.of()), parse("/w alice"));
  }

  @Test
  void hostsAfterTheUserAreTheForwardingChainAndTheRightmostIsNext() throws Exception {
    FingerQuery query = parse("/W alice@one.example@two.example:7979");
    assertEquals(List.of("one.example", "two.example:7979"), query.hosts());
    assertEquals("two.example:7979", query.nextHost());
    assertEquals("/W alice@one.example", query.forwarded().toLine());
  }

  @Test
  void listCanBeForwardedToo() throws Exception {
    FingerQuery query = parse("@host.example");
    assertTrue(query.isList());
    assertEquals("", query.forwarded().toLine());
  }

  @Test
  void lineIsRebuiltAsParsed() throws Exception {
    for (String line : List.of("", "/W", "alice", "/W alice", "alice@h", "/W @h1@h2")) {
      assertEquals(line, parse(line).toLine());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alice; rm -rf /",
        "$(id)",
        "`id`",
        "../../etc/shadow",
        "alice|cat",
        "a*",
        "-rf",
        "alice bob",
        "alice@",
        "alice@@host",
        "alice@-host",
        "alice@host;id",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        "alice@host:port"
      })
  void hostileOrMalformedQueriesAreRejected(String line) {
    assertThrows(InvalidQueryException.class, () -> parse(line));
  }

  @Test
  void controlCharactersAreRejectedAndNamed() {
    InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> parse("ali\u0000ce"));
    assertEquals("control character 0x00 in query", e.getMessage());
    assertThrows(InvalidQueryException.class, () -> parse("\u001b[2Jalice"));
    assertThrows(InvalidQueryException.class, () -> parse("alice\tbob"));
    assertThrows(InvalidQueryException.class, () -> parse("alice\u007f"));
  }

  @Test
  void bytesBeyondAsciiAreRejected() {
    InvalidQueryException e = assertThrows(InvalidQueryException.class, () -> parse("al\u00efce"));
    assertEquals("non-ASCII byte in query", e.getMessage());
  }
}
