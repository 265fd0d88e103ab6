package org.netlab.rpc.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.netlab.domain.calculator.Calculator;

/**
 * The {@link org.netlab.domain.calculator.Calculator}'s asynchronous twin: each method starts a
 * call and returns at once. Its future completes with the answer, or exceptionally with the same
 * {@link org.netlab.domain.ServiceException} or {@link TransportException} the blocking method
 * throws.
 *
 * <p>Over gRPC the future completes on the connection's network thread: actions chained with the
 * non-async methods ({@code thenApply}, {@code whenComplete}) run there and must not block; give
 * blocking work to {@code thenApplyAsync} and an executor of yours. Thread-safe.
 */
public interface AsyncCalculator {
  CompletableFuture<Double> add(double x, double y);

  CompletableFuture<Double> subtract(double x, double y);

  CompletableFuture<Double> multiply(double x, double y);

  CompletableFuture<Double> divide(double x, double y);

  CompletableFuture<Double> abs(double x);

  /**
   * The asynchronous face of a blocking calculator: each call is {@code calculator}'s, run by
   * {@code executor}; {@code Runnable::run} runs it on the caller's thread, which the returned
   * future then waited for.
   */
  static AsyncCalculator over(Calculator calculator, Executor executor) {
    return new ExecutorCalculator(calculator, executor);
  }
}
