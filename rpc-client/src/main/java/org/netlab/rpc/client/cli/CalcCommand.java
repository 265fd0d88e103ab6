package org.netlab.rpc.client.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.VersionProvider;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code calc}: the interactive menu without arguments, or one operation given on the line. */
@Command(
    name = "calc",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Without arguments: the interactive calculator menu.",
      "With an operation: prints its result. add and mul take 2 or more numbers",
      "(folded left to right), sub and div exactly 2 (x - y, x / y), abs exactly 1."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  rpc-client calc                       # the menu",
      "  rpc-client calc add 2 3               # 5",
      "  rpc-client calc mul 1.5 2 4           # 12",
      "  rpc-client calc sub -- -3 4           # -7 ('--' is optional for numbers)",
      "  rpc-client calc div 1 0               # exit 1: division by zero",
      "  rpc-client calc add 0.1 0.2           # 0.3",
      "  rpc-client calc add 0.1 0.2 --precision full   # 0.30000000000000004",
      "  rpc-client calc --json abs -2.5       # {\"operation\":\"abs\",...}"
    })
final class CalcCommand implements Callable<Integer> {
  private final CommandContext context;

  @ParentCommand private RpcClientCommand root;

  @Spec private CommandSpec spec;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  private boolean json;

  @Option(
      names = "--precision",
      paramLabel = "short|full",
      defaultValue = "short",
      converter = NumberText.PrecisionConverter.class,
      description = {
        "Digits of results, in the menu too: short (default) shows at most 15 significant",
        "digits (0.1 + 0.2 = 0.3); full shows every digit needed to read the exact",
        "double back (0.30000000000000004)."
      })
  private NumberText.Precision precision;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "OPERATION",
      converter = CalcOperation.Converter.class,
      completionCandidates = CalcOperation.Words.class,
      description = "add, sub, mul, div or abs (subtract, multiply, divide, absolute also work).")
  private CalcOperation operation;

  @Parameters(index = "1..*", paramLabel = "NUMBER", description = "The operands.")
  private List<String> numbers = new ArrayList<>();

  CalcCommand(CommandContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    if (operation == null) {
      if (json || !numbers.isEmpty()) {
        throw new ParameterException(spec.commandLine(), "--json and numbers need an OPERATION");
      }
      return menu();
    }
    List<Double> operands = operands();
    try (RpcConnection connection = context.connector().open(root.connection().settings())) {
      double result = operation.apply(connection.calculator(), operands);
      PrintWriter out = spec.commandLine().getOut();
      if (json) {
        Json.print(
            out, Map.of("operation", operation.word(), "operands", operands, "result", result));
      } else {
        out.println(NumberText.format(result, precision));
      }
      out.flush();
    }
    return ExitCodes.OK;
  }

  private List<Double> operands() {
    String wrongCount = operation.checkCount(numbers.size());
    if (wrongCount != null) {
      throw new ParameterException(spec.commandLine(), wrongCount);
    }
    List<Double> operands = new ArrayList<>();
    for (String text : numbers) {
      OptionalDouble number = NumberText.parse(text);
      if (number.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(), "'" + text + "' is not a finite number, such as 42, -3.5 or 1e6");
      }
      operands.add(number.getAsDouble());
    }
    return operands;
  }

  private int menu() {
    ClientSettings settings = root.connection().settings();
    Prompter prompter = new Prompter(context.stdinReader(), spec.commandLine().getOut());
    try (RpcConnection connection = context.connector().open(settings)) {
      // A server that cannot answer is said at once, not after the person typed a calculation.
      connection.calculator().abs(0);
      new CalculatorMenu(connection.calculator(), prompter, precision)
          .run(settings.url().toString());
    }
    return ExitCodes.OK;
  }
}
