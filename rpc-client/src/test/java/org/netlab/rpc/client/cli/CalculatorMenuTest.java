package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CalculatorMenuTest extends InJvmServicesTest {
  private Cli.Run menu(String input) {
    return cli().stdin(input).run("calc");
  }

  @Test
  void menuAddsTwoNumbersAndQuitsOnZero() {
    Cli.Run run = menu("1\n2\n3\n0\n");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().startsWith("Calculator at grpcs://localhost:50051\n"), run.out());
    assertTrue(
        run.out()
            .contains(
                "  1  add\n  2  multiply\n  3  subtract\n  4  divide\n"
                    + "  5  absolute value\n  0  quit\n"),
        run.out());
    assertTrue(run.out().contains("2 + 3 = 5\n"), run.out());
    assertTrue(run.out().endsWith("bye\n"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void multiplyAndAbsoluteValue() {
    Cli.Run run = menu("2\n1.5\n-4\n5\n-2.5\n0\n");
    assertTrue(run.out().contains("1.5 * -4 = -6\n"), run.out());
    assertTrue(run.out().contains("|-2.5| = 2.5\n"), run.out());
  }

  @Test
  void subtractAsksWhichWayRound() {
    Cli.Run run = menu("3\n10\n4\n1\n3\n10\n4\n2\n0\n");
    assertTrue(run.out().contains("  1  x - y\n  2  y - x\n"), run.out());
    assertTrue(run.out().contains("10 - 4 = 6\n"), run.out());
    assertTrue(run.out().contains("4 - 10 = -6\n"), run.out());
  }

  @Test
  void divideAsksWhichWayRound() {
    Cli.Run run = menu("4\n1\n4\n2\n0\n");
    assertTrue(run.out().contains("  1  x / y\n  2  y / x\n"), run.out());
    assertTrue(run.out().contains("4 / 1 = 4\n"), run.out());
  }

  @Test
  void garbageAndEmptyLinesAreAskedAgain() {
    Cli.Run run = menu("seven\n\n9\n1\nabc\n\n2\n   \n3\n0\n");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("'seven' is not a choice; type a number from 0 to 5\n"));
    assertTrue(run.out().contains("'' is not a choice; type a number from 0 to 5\n"));
    assertTrue(run.out().contains("'9' is not a choice; type a number from 0 to 5\n"));
    assertTrue(run.out().contains("'abc' is not a number, such as 42, -3.5 or 1e6\n"));
    assertTrue(run.out().contains("'' is not a number, such as 42, -3.5 or 1e6\n"));
    assertTrue(run.out().contains("2 + 3 = 5\n"), run.out());
  }

  @Test
  void aBadOrderChoiceIsAskedAgain() {
    Cli.Run run = menu("3\n1\n2\n0\n3\n2\n0\n");
    assertTrue(run.out().contains("'0' is not a choice; type a number from 1 to 2\n"));
    assertTrue(run.out().contains("'3' is not a choice; type a number from 1 to 2\n"));
    assertTrue(run.out().contains("2 - 1 = 1\n"), run.out());
  }

  @Test
  void divisionByZeroIsOneLineAndTheMenuGoesOn() {
    Cli.Run run = menu("4\n1\n0\n1\n1\n6\n3\n0\n");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("which: error: division by zero: y must not be 0\n"), run.out());
    assertTrue(run.out().contains("6 + 3 = 9\n"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void endOfInputAtTheMenuEndsCleanly() {
    Cli.Run run = menu("1\n2\n3\n");
    assertEquals(0, run.exitCode());
    assertTrue(run.out().contains("2 + 3 = 5\n"));
    assertTrue(run.out().endsWith("bye\n"), run.out());
    assertEquals("", run.err());
  }

  @Test
  void endOfInputInTheMiddleOfAnOperationEndsCleanly() {
    for (String input : new String[] {"", "1\n", "1\n2\n", "3\n1\n2\n", "3\n1\n2\nx"}) {
      Cli.Run run = menu(input);
      assertEquals(0, run.exitCode(), input);
      assertTrue(run.out().endsWith("bye\n"), run.out());
      assertEquals("", run.err(), input);
    }
    assertEquals(0, connector.openConnections());
  }
}
