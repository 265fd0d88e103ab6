package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.domain.phonebook.Entry;
import org.netlab.rpc.client.ClientSettings;

@Timeout(30)
class PhonebookCommandTest extends InJvmServicesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private void given(String name, String number) {
    connector.phonebook().add(name, number);
  }

  @Test
  void addStoresTheEntryAndSaysSo() {
    Cli.Run run = cli().run("phonebook", "add", "Alice", "+33 1 23 45 67 89");
    assertEquals(new Cli.Run(0, "added Alice: +33 1 23 45 67 89\n", ""), run);
    assertEquals(new Entry("Alice", "+33 1 23 45 67 89"), connector.phonebook().find("alice"));
  }

  @Test
  void addPrintsTheEntryAsStoredInJson() throws Exception {
    Cli.Run run = cli().run("phonebook", "add", "--json", "  Bob ", "555-0100");
    assertEquals(0, run.exitCode());
    assertEquals(
        JSON.readTree("{\"name\":\"Bob\",\"number\":\"555-0100\"}"), JSON.readTree(run.out()));
  }

  @Test
  void addOfATakenNameIsRefusedWithExitOne() {
    given("Alice", "0123");
    Cli.Run run = cli().run("phonebook", "add", "ALICE", "9999");
    assertEquals(new Cli.Run(1, "", "error: an entry named 'ALICE' exists already\n"), run);
    assertEquals("0123", connector.phonebook().find("alice").number());
  }

  @Test
  void addOfABadNumberIsRefusedWithTheRule() {
    Cli.Run run = cli().run("phonebook", "add", "Carol", "call me");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().startsWith("error: number may hold only digits"), run.err());
  }

  @Test
  void findShowsTheEntryIgnoringCase() {
    given("Alice", "0123");
    assertEquals(new Cli.Run(0, "Alice: 0123\n", ""), cli().run("phonebook", "find", "aLiCe"));
  }

  @Test
  void findOfAnUnknownNameIsRefusedWithExitOne() {
    Cli.Run run = cli().run("phonebook", "find", "Bob");
    assertEquals(new Cli.Run(1, "", "error: no entry named 'Bob'\n"), run);
  }

  @Test
  void findInJson() throws Exception {
    given("Alice", "0123");
    Cli.Run run = cli().run("phonebook", "--json", "find", "alice");
    assertEquals(
        JSON.readTree("{\"name\":\"Alice\",\"number\":\"0123\"}"), JSON.readTree(run.out()));
  }

  @Test
  void updateReplacesTheNumber() throws Exception {
    given("Alice", "0123");
    assertEquals(
        new Cli.Run(0, "updated Alice: 4567\n", ""),
        cli().run("phonebook", "update", "alice", "4567"));
    Cli.Run json = cli().run("phonebook", "update", "alice", "890", "--json");
    assertEquals(
        JSON.readTree("{\"name\":\"Alice\",\"number\":\"890\"}"), JSON.readTree(json.out()));
    assertEquals("890", connector.phonebook().find("Alice").number());
  }

  @Test
  void updateOfAnUnknownNameIsRefused() {
    Cli.Run run = cli().run("phonebook", "update", "Bob", "0123");
    assertEquals(new Cli.Run(1, "", "error: no entry named 'Bob'\n"), run);
  }

  @Test
  void countInTextAndJson() throws Exception {
    assertEquals("0 entries\n", cli().run("phonebook", "count").out());
    given("Alice", "0123");
    assertEquals("1 entry\n", cli().run("phonebook", "count").out());
    given("Bob", "4567");
    assertEquals("2 entries\n", cli().run("phonebook", "count").out());
    assertEquals(
        JSON.readTree("{\"count\":2}"),
        JSON.readTree(cli().run("phonebook", "count", "--json").out()));
  }

  @Test
  void removeDeletesTheEntry() throws Exception {
    given("Alice", "0123");
    given("Bob", "4567");
    assertEquals(new Cli.Run(0, "removed alice\n", ""), cli().run("phonebook", "remove", "alice"));
    Cli.Run json = cli().run("phonebook", "remove", "--json", "Bob");
    assertEquals(JSON.readTree("{\"removed\":\"Bob\"}"), JSON.readTree(json.out()));
    assertEquals(0, connector.phonebook().count());
  }

  @Test
  void removeOfAnUnknownNameIsRefused() {
    Cli.Run run = cli().run("phonebook", "remove", "Bob");
    assertEquals(new Cli.Run(1, "", "error: no entry named 'Bob'\n"), run);
  }

  @Test
  void listShowsEntriesSortedInAlignedColumns() {
    given("bob", "4567");
    given("Alice", "0123");
    given("Albert", "+1 555 0100");
    Cli.Run run = cli().run("phonebook", "list");
    assertEquals(new Cli.Run(0, "Albert  +1 555 0100\nAlice   0123\nbob     4567\n", ""), run);
  }

  @Test
  void listWithAPrefixShowsOnlyMatchingNames() {
    given("bob", "4567");
    given("Alice", "0123");
    given("Albert", "+1 555 0100");
    assertEquals("Albert  +1 555 0100\nAlice   0123\n", cli().run("phonebook", "list", "al").out());
    assertEquals("no entries starting with 'z'\n", cli().run("phonebook", "list", "z").out());
  }

  @Test
  void listOfAnEmptyPhonebookSaysSo() {
    assertEquals(new Cli.Run(0, "no entries\n", ""), cli().run("phonebook", "list"));
  }

  @Test
  void listInJsonIsAnArrayOfEntries() throws Exception {
    given("bob", "4567");
    given("Alice", "0123");
    JsonNode json = JSON.readTree(cli().run("phonebook", "list", "--json").out());
    assertEquals(
        JSON.readTree(
            "[{\"name\":\"Alice\",\"number\":\"0123\"},{\"name\":\"bob\",\"number\":\"4567\"}]"),
        json);
    assertEquals(
        JSON.readTree("[]"), JSON.readTree(cli().run("phonebook", "list", "--json", "z").out()));
  }

  @Test
  void clearWithYesRemovesEverythingWithoutAsking() throws Exception {
    given("Alice", "0123");
    given("Bob", "4567");
    assertEquals(
        new Cli.Run(0, "removed 2 entries\n", ""), cli().run("phonebook", "clear", "--yes"));
    assertEquals(0, connector.phonebook().count());
    given("Carol", "8901");
    Cli.Run json = cli().run("phonebook", "clear", "-y", "--json");
    assertEquals(JSON.readTree("{\"removed\":1}"), JSON.readTree(json.out()));
  }

  @Test
  void clearAsksOnStandardErrorAndRemovesAfterYes() {
    given("Alice", "0123");
    Cli.Run run = cli().stdin("yes\n").run("phonebook", "clear");
    assertEquals(new Cli.Run(0, "removed 1 entry\n", "remove all 1 entry? [y/N] "), run);
    assertEquals(0, connector.phonebook().count());
  }

  @Test
  void clearDeclinedRemovesNothingAndExitsOne() {
    given("Alice", "0123");
    for (String answer : new String[] {"n\n", "\n", "yess\n", "whatever\n"}) {
      Cli.Run run = cli().stdin(answer).run("phonebook", "clear");
      assertEquals(1, run.exitCode(), answer);
      assertEquals("", run.out());
      assertTrue(run.err().endsWith("nothing removed\n"), run.err());
    }
    assertEquals(1, connector.phonebook().count());
  }

  @Test
  void clearWithoutAnAnswerOrYesRefusesAsAUsageError() {
    given("Alice", "0123");
    Cli.Run run = cli().stdin("").run("phonebook", "clear");
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err()
            .contains(
                "refusing to remove all entries without confirmation; pass --yes to do it anyway"),
        run.err());
    assertEquals(1, connector.phonebook().count());
  }

  @Test
  void missingArgumentsAreUsageErrors() {
    Cli.Run run = cli().run("phonebook", "add", "Alice");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("Missing required parameter: 'NUMBER'"), run.err());
    assertEquals(2, cli().run("phonebook", "find").exitCode());
    assertEquals(2, cli().run("phonebook", "count", "extra").exitCode());
    assertEquals(2, cli().run("phonebook", "frobnicate").exitCode());
  }

  @Test
  void jsonAndServerOptionsMayStandBeforeOrAfterTheSubcommand() {
    given("Alice", "0123");
    cli().run("--server", "http://h1:1/RPC2", "phonebook", "--json", "count");
    cli().run("phonebook", "count", "--server", "https://h2:2/RPC2", "--json");
    List<ClientSettings> opened = connector.opened();
    assertEquals("http://h1:1/RPC2", opened.get(0).url().toString());
    assertEquals("https://h2:2/RPC2", opened.get(1).url().toString());
  }

  @Test
  void everyConnectionIsClosedAfterTheCommandEvenWhenRefused() {
    cli().run("phonebook", "find", "nobody");
    cli().run("phonebook", "count");
    assertEquals(0, connector.openConnections());
  }
}
