package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlab.rpc.client.TransportException.Kind;
import picocli.CommandLine;

/** Which command tree a command line gets: one branch for a plain call, else the whole tree. */
class CommandTreeTest {
  private static final List<String> WHOLE_TREE =
      List.of("calc", "phonebook", "describe", "health", "token", "bench", "completion");

  private static List<String> subcommandsFor(String line) {
    CommandContext context =
        new CommandContext(
            new FailingConnector(Kind.UNREACHABLE),
            new ByteArrayInputStream(new byte[0]),
            Map.of(),
            false);
    String[] args = line.isEmpty() ? new String[0] : line.split(" ");
    CommandLine tree = RpcClientCommand.commandLine(context, args);
    return List.copyOf(tree.getSubcommands().keySet());
  }

  @Test
  void aCallBuildsOnlyTheBranchItRuns() {
    assertEquals(List.of("calc"), subcommandsFor("--server https://h:8443/RPC2 calc add 2 3"));
    assertEquals(List.of("phonebook"), subcommandsFor("phonebook find Alice --timeout 2s"));
    assertEquals(List.of("bench"), subcommandsFor("bench --call calc.add --duration 1s"));
    assertEquals(List.of("describe"), subcommandsFor("describe --json"));
    assertEquals(List.of("health"), subcommandsFor("-s http://h:8080/RPC2 health"));
    assertEquals(List.of("token"), subcommandsFor("token create bob --role reader"));
  }

  @Test
  void helpForASubcommandNeedsOnlyItsBranch() {
    assertEquals(List.of("calc"), subcommandsFor("calc --help"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "--help",
        "--help calc",
        "--version calc add 1 2",
        "completion",
        "--sever x calc add 1 2",
        "calc add 1 2 --bogus",
        "calc ad 1 2",
        "--server phonebook calc add 1 2",
        "-- calc add 1 2",
        "clac add 1 2"
      })
  void everythingElseGetsTheWholeTreeSoHelpAndErrorsReadAsBefore(String line) {
    assertEquals(WHOLE_TREE, subcommandsFor(line));
  }
}
