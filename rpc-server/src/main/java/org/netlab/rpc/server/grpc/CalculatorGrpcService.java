package org.netlab.rpc.server.grpc;

import io.grpc.stub.StreamObserver;
import java.util.Objects;
import org.netlab.domain.calculator.Calculator;
import org.netlab.proto.calculator.v1.BinaryOperation;
import org.netlab.proto.calculator.v1.CalculationResult;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.proto.calculator.v1.UnaryOperation;

/**
 * The Calculator over gRPC: messages in, a domain call, a message out. Failures are thrown on to
 * {@link ErrorMappingInterceptor}.
 */
public final class CalculatorGrpcService extends CalculatorServiceGrpc.CalculatorServiceImplBase {
  private final Calculator calculator;

  public CalculatorGrpcService(Calculator calculator) {
    this.calculator = Objects.requireNonNull(calculator, "calculator");
  }

  @Override
  public void add(BinaryOperation request, StreamObserver<CalculationResult> response) {
    reply(response, calculator.add(request.getX(), request.getY()));
  }

  @Override
  public void subtract(BinaryOperation request, StreamObserver<CalculationResult> response) {
    reply(response, calculator.subtract(request.getX(), request.getY()));
  }

  @Override
  public void multiply(BinaryOperation request, StreamObserver<CalculationResult> response) {
    reply(response, calculator.multiply(request.getX(), request.getY()));
  }

  @Override
  public void divide(BinaryOperation request, StreamObserver<CalculationResult> response) {
    reply(response, calculator.divide(request.getX(), request.getY()));
  }

  @Override
  public void abs(UnaryOperation request, StreamObserver<CalculationResult> response) {
    reply(response, calculator.abs(request.getX()));
  }

  private static void reply(StreamObserver<CalculationResult> response, double value) {
    response.onNext(CalculationResult.newBuilder().setValue(value).build());
    response.onCompleted();
  }
}
