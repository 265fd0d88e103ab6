package org.netlab.rpc.server.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each gRPC code answers the name and HTTP status that the Connect protocol's table gives it. */
class ConnectCodesTest {
  @ParameterizedTest(name = "{0} is {1}, HTTP {2}")
  @CsvSource({
    "CANCELLED, canceled, 499",
    "UNKNOWN, unknown, 500",
    "INVALID_ARGUMENT, invalid_argument, 400",
    "DEADLINE_EXCEEDED, deadline_exceeded, 504",
    "NOT_FOUND, not_found, 404",
    "ALREADY_EXISTS, already_exists, 409",
    "PERMISSION_DENIED, permission_denied, 403",
    "RESOURCE_EXHAUSTED, resource_exhausted, 429",
    "FAILED_PRECONDITION, failed_precondition, 400",
    "ABORTED, aborted, 409",
    "OUT_OF_RANGE, out_of_range, 400",
    "UNIMPLEMENTED, unimplemented, 501",
    "INTERNAL, internal, 500",
    "UNAVAILABLE, unavailable, 503",
    "DATA_LOSS, data_loss, 500",
    "UNAUTHENTICATED, unauthenticated, 401"
  })
  void everyCodeHasConnectsNameAndHttpStatus(Status.Code code, String name, int httpStatus) {
    assertEquals(name, ConnectCodes.name(code));
    assertEquals(httpStatus, ConnectCodes.httpStatus(code).code());
  }
}
