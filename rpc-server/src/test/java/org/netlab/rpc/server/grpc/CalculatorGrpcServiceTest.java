package org.netlab.rpc.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.proto.calculator.v1.BinaryOperation;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc.CalculatorServiceBlockingStub;
import org.netlab.proto.calculator.v1.UnaryOperation;
import org.netlab.rpc.contract.GrpcErrors;
import org.netlab.rpc.server.GatedPhonebook;

/** Every Calculator RPC and its errors through the adapter, as a generic gRPC client sees them. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CalculatorGrpcServiceTest {
  private InProcessServices services;
  private CalculatorServiceBlockingStub stub;

  @BeforeEach
  void start() throws Exception {
    services = new InProcessServices(new FiniteCalculator(), new GatedPhonebook());
    stub = CalculatorServiceGrpc.newBlockingStub(services.channel());
  }

  @AfterEach
  void stop() throws Exception {
    services.close();
  }

  @Test
  void everyOperationAnswersItsResult() {
    assertEquals(3.0, stub.add(pair(1, 2)).getValue());
    assertEquals(-1.0, stub.subtract(pair(1, 2)).getValue());
    assertEquals(6.0, stub.multiply(pair(2, 3)).getValue());
    assertEquals(2.5, stub.divide(pair(5, 2)).getValue());
    assertEquals(7.0, stub.abs(UnaryOperation.newBuilder().setX(-7).build()).getValue());
  }

  @Test
  void divisionByZeroIsInvalidArgumentWithTheDomainMessage() {
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "division by zero: y must not be 0",
        () -> stub.divide(pair(1, 0)));
  }

  @Test
  void nonFiniteOperandsAreInvalidArgumentInEveryRpc() {
    BinaryOperation nan = pair(Double.NaN, 1);
    assertStatus(
        Status.Code.INVALID_ARGUMENT, "x must be a finite number, not NaN", () -> stub.add(nan));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "x must be a finite number, not NaN",
        () -> stub.subtract(nan));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "x must be a finite number, not NaN",
        () -> stub.multiply(nan));
    assertStatus(
        Status.Code.INVALID_ARGUMENT, "x must be a finite number, not NaN", () -> stub.divide(nan));
    assertStatus(
        Status.Code.INVALID_ARGUMENT,
        "x must be a finite number, not Infinity",
        () -> stub.abs(UnaryOperation.newBuilder().setX(Double.POSITIVE_INFINITY).build()));
  }

  @Test
  void refusalsCarryTheDomainCodeInATrailer() {
    StatusRuntimeException refusal =
        assertThrows(StatusRuntimeException.class, () -> stub.divide(pair(1, 0)));
    assertEquals("INVALID_ARGUMENT", refusal.getTrailers().get(GrpcErrors.ERROR_CODE));
  }

  static void assertStatus(Status.Code code, String description, Executable call) {
    StatusRuntimeException failure = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, failure.getStatus().getCode());
    assertEquals(description, failure.getStatus().getDescription());
  }

  private static BinaryOperation pair(double x, double y) {
    return BinaryOperation.newBuilder().setX(x).setY(y).build();
  }
}
