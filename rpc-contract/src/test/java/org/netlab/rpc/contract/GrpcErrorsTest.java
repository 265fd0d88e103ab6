package org.netlab.rpc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Metadata;
import io.grpc.Status;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.netlab.domain.ErrorCode;

class GrpcErrorsTest {
  @Test
  void everyErrorCodeHasItsOwnStatusCode() {
    Set<Status.Code> seen = EnumSet.noneOf(Status.Code.class);
    for (ErrorCode code : ErrorCode.values()) {
      assertTrue(seen.add(GrpcErrors.statusCode(code)), "two codes share " + code);
    }
  }

  @Test
  void everyErrorCodeSurvivesItsTrailer() {
    for (ErrorCode code : ErrorCode.values()) {
      assertEquals(Optional.of(code), GrpcErrors.taggedCode(GrpcErrors.trailersFor(code)));
    }
  }

  @Test
  void anUnknownTaggedCodeReadsAsInternal() {
    Metadata trailers = new Metadata();
    trailers.put(GrpcErrors.ERROR_CODE, "SOMETHING_NEWER");
    assertEquals(Optional.of(ErrorCode.INTERNAL), GrpcErrors.taggedCode(trailers));
  }

  @Test
  void untaggedStatusesReadAsRefusalsOnlyWhenNoTransportSendsThem() {
    assertEquals(Optional.of(ErrorCode.NOT_FOUND), GrpcErrors.untaggedCode(Status.Code.NOT_FOUND));
    assertEquals(Optional.empty(), GrpcErrors.untaggedCode(Status.Code.UNAVAILABLE));
    assertEquals(Optional.empty(), GrpcErrors.untaggedCode(Status.Code.INTERNAL));
    assertEquals(Optional.empty(), GrpcErrors.untaggedCode(Status.Code.DEADLINE_EXCEEDED));
  }

  @Test
  void noTrailersMeansNoTaggedCode() {
    assertEquals(Optional.empty(), GrpcErrors.taggedCode(null));
    assertEquals(Optional.empty(), GrpcErrors.taggedCode(new Metadata()));
  }
}
