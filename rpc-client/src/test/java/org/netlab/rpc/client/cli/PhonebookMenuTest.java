package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.domain.phonebook.Entry;

@Timeout(30)
class PhonebookMenuTest extends InJvmServicesTest {
  private Cli.Run menu(String input) {
    return cli().stdin(input).run("phonebook");
  }

  @Test
  void everyOperationOfTheMenuInOneSession() {
    String input =
        String.join(
            "\n",
            "1",
            "Alice",
            "0123", // add
            "1",
            "Bob",
            "4567", // add
            "2",
            "alice", // find
            "3",
            "bob",
            "555 0199", // update
            "4", // count
            "7",
            "", // list all
            "5",
            "alice", // remove
            "7",
            "b", // list with prefix
            "0",
            "");
    Cli.Run run = menu(input);
    assertEquals(0, run.exitCode());
    String out = run.out();
    assertTrue(out.startsWith("Phonebook at grpcs://localhost:50051\n"), out);
    assertTrue(
        out.contains(
            "  1  add\n  2  find\n  3  update\n  4  count\n  5  remove\n"
                + "  6  remove all\n  7  list\n  0  quit\n"),
        out);
    assertTrue(out.contains("added Alice: 0123\n"), out);
    assertTrue(out.contains("Alice: 0123\n"), out);
    assertTrue(out.contains("updated Bob: 555 0199\n"), out);
    assertTrue(out.contains("2 entries\n"), out);
    assertTrue(out.contains("Alice  0123\nBob    555 0199\n"), out);
    assertTrue(out.contains("removed alice\n"), out);
    assertTrue(out.endsWith("bye\n"), out);
    assertEquals("", run.err());
    assertEquals(new Entry("Bob", "555 0199"), connector.phonebook().find("bob"));
    assertEquals(1, connector.phonebook().count());
  }

  @Test
  void refusalsAreOneLineAndTheMenuGoesOn() {
    connector.phonebook().add("Alice", "0123");
    Cli.Run run = menu("2\nBob\n1\nalice\n999\n1\nCarol\nnot a number\n0456\n4\n0\n");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("error: no entry named 'Bob'\n"), run.out());
    assertTrue(run.out().contains("error: an entry named 'alice' exists already\n"), run.out());
    assertTrue(
        run.out()
            .contains(
                "number: number may hold only digits, a leading '+', spaces, dots, dashes and"
                    + " parentheses; found 'n'"),
        run.out());
    assertTrue(run.out().contains("number: added Carol: 0456\n"), run.out());
    assertTrue(run.out().contains("2 entries\n"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void garbageChoicesAndEmptyNamesAreAskedAgain() {
    Cli.Run run = menu("add\n\n8\n1\n\n  \nDora\n\n0456\n0\n");
    assertTrue(run.out().contains("'add' is not a choice; type a number from 0 to 7\n"), run.out());
    assertTrue(run.out().contains("'' is not a choice; type a number from 0 to 7\n"), run.out());
    assertTrue(run.out().contains("'8' is not a choice; type a number from 0 to 7\n"), run.out());
    assertTrue(run.out().contains("please type something\n"), run.out());
    assertTrue(run.out().contains("added Dora: 0456\n"), run.out());
  }

  @Test
  void removeAllAsksFirstAndRemovesOnlyAfterYes() {
    connector.phonebook().add("Alice", "0123");
    connector.phonebook().add("Bob", "4567");
    Cli.Run declined = menu("6\nn\n4\n0\n");
    assertTrue(
        declined.out().contains("remove all 2 entries? [y/N] nothing removed\n"), declined.out());
    assertEquals(2, connector.phonebook().count());

    Cli.Run confirmed = menu("6\ny\n4\n0\n");
    assertTrue(confirmed.out().contains("removed 2 entries\n"), confirmed.out());
    assertTrue(confirmed.out().contains("0 entries\n"), confirmed.out());
    assertEquals(0, connector.phonebook().count());
  }

  @Test
  void endOfInputAnywhereEndsCleanlyWithoutWriting() {
    connector.phonebook().add("Alice", "0123");
    for (String input : new String[] {"", "1\n", "1\nZed\n", "3\nalice\n", "6\n", "7\n", "5\n"}) {
      Cli.Run run = menu(input);
      assertEquals(0, run.exitCode(), input);
      assertTrue(run.out().endsWith("bye\n"), run.out());
      assertEquals("", run.err(), input);
    }
    assertEquals(new Entry("Alice", "0123"), connector.phonebook().find("alice"));
    assertEquals(1, connector.phonebook().count());
    assertEquals(0, connector.openConnections());
  }
}
