package org.netlab.rpc.server.contract;

import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.calculator.FiniteCalculator;

class DomainCalculatorTest extends CalculatorContract {
  private final Calculator calculator = new FiniteCalculator();

  @Override
  protected Calculator calculator() {
    return calculator;
  }
}
