package org.netlab.rpc.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleSupplier;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.Calculator;

/**
 * The calculator menu of the original lab: 1 add, 2 multiply, 3 subtract, 4 divide, 5 absolute
 * value, 0 quit. Subtraction and division ask which way round. The whole conversation, refusals
 * included, goes to standard output so that it reads in order; the menu ends at 0 or at the end of
 * input.
 */
final class CalculatorMenu {
  private static final List<String> ITEMS =
      List.of("add", "multiply", "subtract", "divide", "absolute value");

  private final Calculator calculator;
  private final Prompter prompter;
  private final PrintWriter out;
  private final NumberText.Precision precision;

  CalculatorMenu(Calculator calculator, Prompter prompter, NumberText.Precision precision) {
    this.calculator = calculator;
    this.prompter = prompter;
    this.out = prompter.out();
    this.precision = precision;
  }

  void run(String server) {
    prompter.menu("Calculator at " + server, ITEMS, this::perform);
  }

  /** Runs one operation; false when input ended in the middle of it. */
  private boolean perform(int choice) {
    OptionalDouble x = prompter.number("x: ");
    if (x.isEmpty()) {
      return false;
    }
    if (choice == 5) {
      return show("|" + number(x.getAsDouble()) + "|", () -> calculator.abs(x.getAsDouble()));
    }
    OptionalDouble y = prompter.number("y: ");
    if (y.isEmpty()) {
      return false;
    }
    double a = x.getAsDouble();
    double b = y.getAsDouble();
    return switch (choice) {
      case 1 -> show(text(a, "+", b), () -> calculator.add(a, b));
      case 2 -> show(text(a, "*", b), () -> calculator.multiply(a, b));
      case 3 -> ordered(a, b, "-", "x - y", "y - x", calculator::subtract);
      case 4 -> ordered(a, b, "/", "x / y", "y / x", calculator::divide);
      default -> throw new IllegalStateException("menu choice " + choice);
    };
  }

  private boolean ordered(
      double x,
      double y,
      String symbol,
      String first,
      String second,
      DoubleBinaryOperator operation) {
    out.println("  1  " + first);
    out.println("  2  " + second);
    OptionalInt order = prompter.choice("which: ", 1, 2);
    if (order.isEmpty()) {
      return false;
    }
    double left = order.getAsInt() == 1 ? x : y;
    double right = order.getAsInt() == 1 ? y : x;
    return show(text(left, symbol, right), () -> operation.applyAsDouble(left, right));
  }

  private boolean show(String expression, DoubleSupplier call) {
    try {
      out.println(expression + " = " + number(call.getAsDouble()));
    } catch (ServiceException refused) {
      out.println("error: " + ErrorReporter.refusal(refused));
    }
    return true;
  }

  private String text(double left, String symbol, double right) {
    return number(left) + " " + symbol + " " + number(right);
  }

  private String number(double value) {
    return NumberText.format(value, precision);
  }
}
