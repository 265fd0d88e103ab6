package org.netlab.rpc.client;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.netlab.domain.calculator.Calculator;

/** An {@link AsyncCalculator} whose calls are the blocking ones, each run by an executor. */
final class ExecutorCalculator implements AsyncCalculator {
  private final Calculator calculator;
  private final Executor executor;

  ExecutorCalculator(Calculator calculator, Executor executor) {
    this.calculator = Objects.requireNonNull(calculator, "calculator");
    this.executor = Objects.requireNonNull(executor, "executor");
  }

  @Override
  public CompletableFuture<Double> add(double x, double y) {
    return supply(() -> calculator.add(x, y));
  }

  @Override
  public CompletableFuture<Double> subtract(double x, double y) {
    return supply(() -> calculator.subtract(x, y));
  }

  @Override
  public CompletableFuture<Double> multiply(double x, double y) {
    return supply(() -> calculator.multiply(x, y));
  }

  @Override
  public CompletableFuture<Double> divide(double x, double y) {
    return supply(() -> calculator.divide(x, y));
  }

  @Override
  public CompletableFuture<Double> abs(double x) {
    return supply(() -> calculator.abs(x));
  }

  private <T> CompletableFuture<T> supply(Supplier<T> blockingCall) {
    return CompletableFuture.supplyAsync(blockingCall, executor);
  }
}
