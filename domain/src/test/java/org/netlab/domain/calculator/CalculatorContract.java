package org.netlab.domain.calculator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;

/**
 * What every {@link Calculator} does, whether it is the domain object or a client across a network:
 * same answers, same error codes, same messages. Each implementation runs it by extending it.
 */
@Timeout(60)
public abstract class CalculatorContract {

  protected abstract Calculator calculator();

  @Test
  void addsSubtractsMultipliesAndDivides() {
    assertEquals(5.5, calculator().add(2.25, 3.25));
    assertEquals(-1.0, calculator().subtract(2.25, 3.25));
    assertEquals(7.3125, calculator().multiply(2.25, 3.25));
    assertEquals(0.75, calculator().divide(3.0, 4.0));
  }

  @Test
  void answersAreTheDoublesTheDomainComputes() {
    assertEquals(5.5, calculator().add(2, 3.5));
    assertEquals(-1.5, calculator().subtract(2, 3.5));
    assertEquals(7.0, calculator().multiply(2, 3.5));
    assertEquals(0.25, calculator().divide(1, 4));
    assertEquals(0.1 + 0.2, calculator().add(0.1, 0.2));
    assertEquals(3.0, calculator().abs(-3));
  }

  @Test
  void absOfANegativeIsPositiveAndOfMinusZeroIsZero() {
    assertEquals(42.5, calculator().abs(-42.5));
    assertEquals(0.0, calculator().abs(-0.0));
    assertEquals(0x0L, Double.doubleToRawLongBits(calculator().abs(-0.0)));
  }

  @Test
  void extremeFiniteValuesSurviveExactly() {
    assertEquals(Double.MIN_VALUE, calculator().add(Double.MIN_VALUE, 0.0));
    assertEquals(Double.MAX_VALUE, calculator().subtract(Double.MAX_VALUE, 0.0));
  }

  @Test
  void divisionByZeroIsInvalidArgument() {
    assertRefused("division by zero", () -> calculator().divide(1.0, 0.0));
    assertRefused("division by zero", () -> calculator().divide(1.0, -0.0));
    ServiceException refusal =
        assertThrows(ServiceException.class, () -> calculator().divide(1, 0));
    assertEquals("division by zero: y must not be 0", refusal.getMessage());
  }

  @Test
  void nanOrInfiniteOperandIsInvalidArgumentNamingTheOperand() {
    assertRefused("x must be a finite number", () -> calculator().add(Double.NaN, 1.0));
    assertRefused(
        "y must be a finite number", () -> calculator().subtract(1.0, Double.NEGATIVE_INFINITY));
    assertRefused(
        "x must be a finite number", () -> calculator().multiply(Double.POSITIVE_INFINITY, 1.0));
    assertRefused("y must be a finite number", () -> calculator().divide(1.0, Double.NaN));
    assertRefused("x must be a finite number", () -> calculator().abs(Double.NaN));
  }

  @Test
  void overflowIsInvalidArgumentNamingTheOperation() {
    assertRefused("addition", () -> calculator().add(Double.MAX_VALUE, Double.MAX_VALUE));
    assertRefused("subtraction", () -> calculator().subtract(-Double.MAX_VALUE, Double.MAX_VALUE));
    assertRefused("multiplication", () -> calculator().multiply(Double.MAX_VALUE, 2.0));
    assertRefused("division", () -> calculator().divide(Double.MAX_VALUE, Double.MIN_VALUE));
  }

  private static void assertRefused(String messagePart, Executable call) {
    ServiceException refusal = assertThrows(ServiceException.class, call);
    assertEquals(ErrorCode.INVALID_ARGUMENT, refusal.code());
    assertTrue(
        refusal.getMessage().contains(messagePart),
        () -> "'" + refusal.getMessage() + "' should contain '" + messagePart + "'");
  }
}
