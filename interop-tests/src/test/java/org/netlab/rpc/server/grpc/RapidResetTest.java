package org.netlab.rpc.server.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.proto.calculator.v1.CalculatorServiceGrpc;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.tls.SslContexts;

/**
 * HTTP/2 rapid reset (CVE-2023-44487): a client that opens streams and cancels them at once makes
 * the server start and tear down a call per pair while never exceeding the stream limit. The
 * endpoint closes such a connection with GOAWAY and serves everyone else.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class RapidResetTest {
  /** GOAWAY error code ENHANCE_YOUR_CALM, RFC 9113 section 7. */
  private static final long ENHANCE_YOUR_CALM = 0xb;

  private static final int PAIRS = 50_000;

  @TempDir Path dataDir;

  @Test
  void streamsResetAsSoonAsOpenedEndInGoAwayAndOtherClientsAreStillServed() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        RpcConnection bystander = RpcConnection.open(server.clientSettings());
        CapturedLog log = CapturedLog.start()) {
      assertEquals(3, bystander.calculator().add(1, 2));
      String path = "/" + CalculatorServiceGrpc.getAddMethod().getFullMethodName();
      int sent = 0;
      Long goAway;
      boolean hungUp;
      try (RawHttp2Client attacker =
          RawHttp2Client.connect(
              new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()),
              SslContexts.forClient(server.caFile(), null, null))) {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
          while (sent < PAIRS && System.nanoTime() < giveUp) {
            int streamId = 2 * sent + 1;
            attacker.openStream(streamId, path);
            attacker.resetStream(streamId);
            sent++;
            if (sent % 100 == 0) {
              attacker.flush();
              if (attacker.awaitGoAway(Duration.ZERO) != null) {
                break;
              }
            }
          }
          attacker.flush();
        } catch (IOException closedByTheServer) {
          // expected once the server has had enough
        }
        goAway = attacker.awaitGoAway(Duration.ofSeconds(10));
        // A server that hangs up with our frames unread resets the connection, and the reset may
        // discard its GOAWAY before we read it; the log line below then still proves the reason.
        hungUp = goAway != null || attacker.isClosed();
      }
      assertTrue(hungUp, "the server still listened after " + sent + " HEADERS+RST_STREAM pairs");
      if (goAway != null) {
        assertEquals(ENHANCE_YOUR_CALM, goAway, "the GOAWAY's error code");
      }
      assertTrue(sent < PAIRS, "the server accepted all " + PAIRS + " pairs");
      assertEquals(5, bystander.calculator().add(2, 3));
      log.awaitQuiet();
      assertFalse(log.hasStackTrace(), log::summary);
      assertTrue(
          log.text().contains("closed a client's connection: Http2Exception: too_many_rststreams"),
          log::summary);
    }
  }
}
