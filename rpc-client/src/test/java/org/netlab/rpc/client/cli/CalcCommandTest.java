package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class CalcCommandTest extends InJvmServicesTest {
  @Test
  void addPrintsTheSumAlone() {
    Cli.Run run = cli().run("calc", "add", "2", "3");
    assertEquals(new Cli.Run(0, "5\n", ""), run);
  }

  @Test
  void addAndMultiplyFoldOverEveryNumber() {
    assertEquals("6.5\n", cli().run("calc", "add", "1", "2", "3.5").out());
    assertEquals("12\n", cli().run("calc", "mul", "1.5", "2", "4").out());
  }

  @Test
  void subtractAndDivideTakeXThenY() {
    assertEquals("6\n", cli().run("calc", "sub", "10", "4").out());
    assertEquals("0.25\n", cli().run("calc", "div", "1", "4").out());
  }

  @Test
  void longOperationNamesWorkToo() {
    assertEquals("6\n", cli().run("calc", "subtract", "10", "4").out());
    assertEquals("2\n", cli().run("calc", "absolute", "-2").out());
  }

  @Test
  void negativeNumbersNeedNoDoubleDash() {
    assertEquals("-7\n", cli().run("calc", "sub", "-3", "4").out());
    assertEquals("-7\n", cli().run("calc", "sub", "--", "-3", "4").out());
  }

  @Test
  void absoluteValueTakesOneNumber() {
    assertEquals("2.5\n", cli().run("calc", "abs", "-2.5").out());
  }

  @Test
  void resultsThatAreNotWholeKeepEveryDigit() {
    assertEquals("0.3\n", cli().run("calc", "add", "0.1", "0.2").out());
    assertEquals(
        "0.30000000000000004\n",
        cli().run("calc", "add", "0.1", "0.2", "--precision", "full").out());
    assertEquals("2e+300\n", cli().run("calc", "add", "1e300", "1e300").out());
    assertEquals("1.5e-7\n", cli().run("calc", "mul", "1.5e-3", "1e-4").out());
    assertEquals("0.0001\n", cli().run("calc", "abs", "-0.0001").out());
    assertEquals("1e+16\n", cli().run("calc", "add", "1e16", "0").out());
    assertEquals("0.333333333333333\n", cli().run("calc", "div", "1", "3").out());
  }

  @Test
  void jsonGivesOperationOperandsAndResult() throws Exception {
    Cli.Run run = cli().run("calc", "--json", "div", "7", "2");
    assertEquals(0, run.exitCode());
    JsonNode json = new ObjectMapper().readTree(run.out());
    assertEquals("div", json.get("operation").asText());
    assertEquals(7.0, json.get("operands").get(0).asDouble());
    assertEquals(2.0, json.get("operands").get(1).asDouble());
    assertEquals(3.5, json.get("result").asDouble());
  }

  @Test
  void divisionByZeroIsRefusedByTheServiceWithExitOne() {
    Cli.Run run = cli().run("calc", "div", "1", "0");
    assertEquals(new Cli.Run(1, "", "error: division by zero: y must not be 0\n"), run);
  }

  @Test
  void overflowIsRefusedByTheServiceWithExitOne() {
    Cli.Run run = cli().run("calc", "mul", "1e300", "1e300");
    assertEquals(1, run.exitCode());
    assertTrue(run.err().contains("overflows the range of a double"), run.err());
  }

  @Test
  void wrongCountOfNumbersIsAUsageError() {
    Cli.Run run = cli().run("calc", "sub", "1", "2", "3");
    assertEquals(2, run.exitCode());
    assertEquals(
        "rpc-client: sub takes exactly 2 numbers, not 3\ntry 'rpc-client calc --help'\n",
        run.err());
    assertEquals(2, cli().run("calc", "add", "1").exitCode());
    assertTrue(
        cli().run("calc", "abs").err().startsWith("rpc-client: abs takes exactly 1 number, not 0"));
  }

  @Test
  void somethingThatIsNotANumberIsAUsageError() {
    for (String notANumber : new String[] {"two", "NaN", "Infinity", "0x10", "1e999", "1,5"}) {
      Cli.Run run = cli().run("calc", "add", "1", notANumber);
      assertEquals(2, run.exitCode(), notANumber);
      assertTrue(
          run.err().startsWith("rpc-client: '" + notANumber + "' is not a finite number"),
          run.err());
    }
  }

  @Test
  void unknownOperationIsAUsageErrorListingTheKnownOnes() {
    Cli.Run run = cli().run("calc", "pow", "2", "3");
    assertEquals(2, run.exitCode());
    assertTrue(run.err().contains("unknown operation 'pow'; use one of add, sub, mul, div, abs"));
  }

  @Test
  void numbersWithoutAnOperationAreAUsageError() {
    assertEquals(2, cli().run("calc", "--json").exitCode());
  }

  @Test
  void everyConnectionIsClosedAfterTheCommand() {
    cli().run("calc", "add", "2", "3");
    cli().run("calc", "div", "1", "0");
    assertEquals(2, connector.opened().size());
    assertEquals(0, connector.openConnections());
  }
}
