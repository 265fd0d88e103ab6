package org.netlab.domain.calculator;

/**
 * Arithmetic on doubles that never answers NaN or an infinity.
 *
 * <p>Every method throws a {@link org.netlab.domain.ServiceException} with code {@code
 * INVALID_ARGUMENT} when an operand is NaN or infinite, when the result would overflow to infinity,
 * and (for {@link #divide}) when the divisor is zero.
 */
public interface Calculator {
  double add(double x, double y);

  double subtract(double x, double y);

  double multiply(double x, double y);

  /** Returns {@code x / y}. */
  double divide(double x, double y);

  double abs(double x);
}
