package org.netlab.rpc.client.grpc;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.netlab.proto.calculator.v1.BinaryOperation;
import org.netlab.proto.calculator.v1.CalculationResult;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc.CalculatorServiceStub;
import org.netlab.proto.calculator.v1.UnaryOperation;
import org.netlab.rpc.client.AsyncCalculator;

/**
 * The Calculator on a gRPC server, without a thread waiting for each answer: grpc-java's async
 * stub, whose answers complete the futures on the network thread. Thread-safe.
 */
final class GrpcAsyncCalculator implements AsyncCalculator {
  private final GrpcConnection connection;
  private final CalculatorServiceStub stub;

  /** Calls over {@code connection}, which its owner closes. */
  GrpcAsyncCalculator(GrpcConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.stub = connection.asyncStub(CalculatorServiceGrpc.newStub(connection.channel()));
  }

  @Override
  public CompletableFuture<Double> add(double x, double y) {
    AnswerObserver<CalculationResult, Double> answer = value();
    stub().add(operands(x, y), answer);
    return answer.future();
  }

  @Override
  public CompletableFuture<Double> subtract(double x, double y) {
    AnswerObserver<CalculationResult, Double> answer = value();
    stub().subtract(operands(x, y), answer);
    return answer.future();
  }

  @Override
  public CompletableFuture<Double> multiply(double x, double y) {
    AnswerObserver<CalculationResult, Double> answer = value();
    stub().multiply(operands(x, y), answer);
    return answer.future();
  }

  @Override
  public CompletableFuture<Double> divide(double x, double y) {
    AnswerObserver<CalculationResult, Double> answer = value();
    stub().divide(operands(x, y), answer);
    return answer.future();
  }

  @Override
  public CompletableFuture<Double> abs(double x) {
    AnswerObserver<CalculationResult, Double> answer = value();
    stub().abs(UnaryOperation.newBuilder().setX(x).build(), answer);
    return answer.future();
  }

  private CalculatorServiceStub stub() {
    return connection.withDeadline(stub);
  }

  private AnswerObserver<CalculationResult, Double> value() {
    return connection.answer(CalculationResult::getValue);
  }

  private static BinaryOperation operands(double x, double y) {
    return BinaryOperation.newBuilder().setX(x).setY(y).build();
  }
}
