package org.netlab.domain.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;

class FiniteCalculatorTest {
  private final Calculator calculator = new FiniteCalculator();

  @Test
  void addsSubtractsMultipliesAndDivides() {
    assertEquals(5.0, calculator.add(2, 3));
    assertEquals(-1.0, calculator.subtract(2, 3));
    assertEquals(6.0, calculator.multiply(2, 3));
    assertEquals(2.5, calculator.divide(5, 2));
  }

  @Test
  void absOfNegativeIsPositiveAndAbsOfNegativeZeroIsZero() {
    assertEquals(4.5, calculator.abs(-4.5));
    assertEquals(0.0, calculator.abs(-0.0));
    assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(calculator.abs(-0.0)));
  }

  @Test
  void divisionByZeroIsInvalidArgument() {
    ServiceException error = invalid(() -> calculator.divide(1, 0));
    assertTrue(error.getMessage().contains("division by zero"), error.getMessage());
  }

  @Test
  void divisionByNegativeZeroIsInvalidArgument() {
    invalid(() -> calculator.divide(1, -0.0));
  }

  @Test
  void nanOperandIsInvalidArgumentNamingTheOperand() {
    ServiceException error = invalid(() -> calculator.add(Double.NaN, 1));
    assertTrue(error.getMessage().startsWith("x must be a finite number"), error.getMessage());
    error = invalid(() -> calculator.multiply(1, Double.NaN));
    assertTrue(error.getMessage().startsWith("y must be a finite number"), error.getMessage());
  }

  @Test
  void infiniteOperandIsInvalidArgument() {
    invalid(() -> calculator.subtract(Double.POSITIVE_INFINITY, 1));
    invalid(() -> calculator.abs(Double.NEGATIVE_INFINITY));
    invalid(() -> calculator.divide(1, Double.POSITIVE_INFINITY));
  }

  @Test
  void resultOverflowingToInfinityIsInvalidArgument() {
    ServiceException error = invalid(() -> calculator.multiply(Double.MAX_VALUE, 2));
    assertTrue(error.getMessage().contains("overflows"), error.getMessage());
    invalid(() -> calculator.add(Double.MAX_VALUE, Double.MAX_VALUE));
    invalid(() -> calculator.subtract(-Double.MAX_VALUE, Double.MAX_VALUE));
    invalid(() -> calculator.divide(Double.MAX_VALUE, Double.MIN_VALUE));
  }

  private static ServiceException invalid(Executable call) {
    ServiceException error = assertThrows(ServiceException.class, call);
    assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
    return error;
  }
}
