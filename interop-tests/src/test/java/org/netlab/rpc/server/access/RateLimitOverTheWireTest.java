package org.netlab.rpc.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.grpc.MethodDescriptor.MethodType;
import io.grpc.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.access.AccessSettings;
import org.netlab.access.RateLimit;
import org.netlab.access.Role;
import org.netlab.rpc.server.LoopbackServer;

/**
 * A caller over its rate limit is refused on the wire, RESOURCE_EXHAUSTED over gRPC and fault 429
 * over XML-RPC, while another caller goes on. A caller's calls count over both protocols together,
 * so each protocol is tried with identities of its own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RateLimitOverTheWireTest {
  private static final int LIMIT = 5;
  private static final String ADD = "netlab.calculator.v1.CalculatorService/Add";

  @TempDir static Path dataDir;
  private static LoopbackServer server;

  @BeforeAll
  static void start() throws IOException {
    server =
        LoopbackServer.start(
            dataDir, null, AccessSettings.defaults().withPerCaller(RateLimit.parse(LIMIT + "/1h")));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theSixthGrpcCallOfAReaderIsResourceExhaustedWhileAnotherReaderStillCalls() throws Exception {
    try (RawGrpcCaller limited = RawGrpcCaller.open(server, readerToken("grpc-busy"));
        RawGrpcCaller other = RawGrpcCaller.open(server, readerToken("grpc-other"))) {
      for (int call = 1; call <= LIMIT; call++) {
        assertEquals(Status.Code.OK, limited.callWithEmptyMessage(ADD, MethodType.UNARY).code());
      }
      assertEquals(
          Status.Code.RESOURCE_EXHAUSTED,
          limited.callWithEmptyMessage(ADD, MethodType.UNARY).code());
      assertEquals(Status.Code.OK, other.callWithEmptyMessage(ADD, MethodType.UNARY).code());
    }
  }

  @Test
  void theSixthXmlRpcCallOfAReaderIsFault429WhileAnotherReaderStillCalls() throws Exception {
    String limited = readerToken("xmlrpc-busy");
    String other = readerToken("xmlrpc-other");
    try (RawXmlRpcPoster xmlRpc = RawXmlRpcPoster.to(server)) {
      for (int call = 1; call <= LIMIT; call++) {
        assertEquals("5.0", xmlRpc.call(limited, "calculator.add", 2, 3).result());
      }
      assertEquals(OptionalInt.of(429), xmlRpc.call(limited, "calculator.add", 2, 3).faultCode());
      assertEquals("5.0", xmlRpc.call(other, "calculator.add", 2, 3).result());
    }
  }

  private static String readerToken(String name) {
    return server.access().tokens().create(name, Role.READER, null).token();
  }
}
