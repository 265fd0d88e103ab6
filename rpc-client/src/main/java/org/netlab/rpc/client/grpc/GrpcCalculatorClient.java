package org.netlab.rpc.client.grpc;

import java.util.Objects;
import org.netlab.domain.calculator.Calculator;
import org.netlab.proto.calculator.v1.BinaryOperation;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc.CalculatorServiceBlockingStub;
import org.netlab.proto.calculator.v1.UnaryOperation;

/**
 * The Calculator on a gRPC server. Methods block until the answer or the deadline; a refusal is the
 * server's {@link org.netlab.domain.ServiceException}, a call that got no answer a {@link
 * org.netlab.rpc.client.TransportException}. Thread-safe.
 */
final class GrpcCalculatorClient implements Calculator {
  private final GrpcConnection connection;

  /** Calls over {@code connection}, which its owner closes. */
  GrpcCalculatorClient(GrpcConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  @Override
  public double add(double x, double y) {
    return connection.call(() -> stub().add(operands(x, y)).getValue());
  }

  @Override
  public double subtract(double x, double y) {
    return connection.call(() -> stub().subtract(operands(x, y)).getValue());
  }

  @Override
  public double multiply(double x, double y) {
    return connection.call(() -> stub().multiply(operands(x, y)).getValue());
  }

  @Override
  public double divide(double x, double y) {
    return connection.call(() -> stub().divide(operands(x, y)).getValue());
  }

  @Override
  public double abs(double x) {
    return connection.call(
        () -> stub().abs(UnaryOperation.newBuilder().setX(x).build()).getValue());
  }

  private CalculatorServiceBlockingStub stub() {
    return connection.withDeadline(CalculatorServiceGrpc.newBlockingStub(connection.channel()));
  }

  private static BinaryOperation operands(double x, double y) {
    return BinaryOperation.newBuilder().setX(x).setY(y).build();
  }
}
