package org.netlab.domain.calculator;

/** The reference answers: the calculator contract against the domain object itself. */
class FiniteCalculatorContractTest extends CalculatorContract {
  private final Calculator calculator = new FiniteCalculator();

  @Override
  protected Calculator calculator() {
    return calculator;
  }
}
