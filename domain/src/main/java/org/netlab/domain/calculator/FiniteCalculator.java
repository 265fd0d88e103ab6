package org.netlab.domain.calculator;

import java.util.function.DoubleBinaryOperator;
import org.netlab.domain.ServiceException;

/** The calculator itself: plain IEEE-754 arithmetic, refusing non-finite inputs and results. */
public final class FiniteCalculator implements Calculator {

  @Override
  public double add(double x, double y) {
    return apply("addition", x, y, (a, b) -> a + b);
  }

  @Override
  public double subtract(double x, double y) {
    return apply("subtraction", x, y, (a, b) -> a - b);
  }

  @Override
  public double multiply(double x, double y) {
    return apply("multiplication", x, y, (a, b) -> a * b);
  }

  @Override
  public double divide(double x, double y) {
    requireFinite("x", x);
    requireFinite("y", y);
    if (y == 0.0) {
      throw ServiceException.invalidArgument("division by zero: y must not be 0");
    }
    return apply("division", x, y, (a, b) -> a / b);
  }

  @Override
  public double abs(double x) {
    requireFinite("x", x);
    return Math.abs(x);
  }

  private static double apply(String operation, double x, double y, DoubleBinaryOperator op) {
    requireFinite("x", x);
    requireFinite("y", y);
    double result = op.applyAsDouble(x, y);
    if (!Double.isFinite(result)) {
      throw ServiceException.invalidArgument(
          "the " + operation + " of " + x + " and " + y + " overflows the range of a double");
    }
    return result;
  }

  private static void requireFinite(String operand, double value) {
    if (!Double.isFinite(value)) {
      throw ServiceException.invalidArgument(operand + " must be a finite number, not " + value);
    }
  }
}
