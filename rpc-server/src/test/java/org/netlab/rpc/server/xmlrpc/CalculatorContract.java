package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.calculator.Calculator;

/**
 * What every {@link Calculator} does, the domain object and its clients alike, so that answers and
 * errors are proven to survive a round trip.
 */
@Timeout(60)
abstract class CalculatorContract {
  /** The calculator under test. */
  protected abstract Calculator calculator();

  @Test
  void arithmeticAnswersDoubles() {
    assertEquals(5.5, calculator().add(2, 3.5));
    assertEquals(-1.5, calculator().subtract(2, 3.5));
    assertEquals(7.0, calculator().multiply(2, 3.5));
    assertEquals(0.25, calculator().divide(1, 4));
    assertEquals(0.1 + 0.2, calculator().add(0.1, 0.2));
    assertEquals(3.0, calculator().abs(-3));
  }

  @Test
  void divisionByZeroIsInvalidArgument() {
    ServiceException error = assertThrows(ServiceException.class, () -> calculator().divide(1, 0));
    assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
    assertEquals("division by zero: y must not be 0", error.getMessage());
  }

  @Test
  void overflowIsInvalidArgument() {
    ServiceException error =
        assertThrows(
            ServiceException.class, () -> calculator().add(Double.MAX_VALUE, Double.MAX_VALUE));
    assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
  }
}
