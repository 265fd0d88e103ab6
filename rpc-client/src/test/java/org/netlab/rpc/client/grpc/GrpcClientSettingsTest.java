package org.netlab.rpc.client.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.netlab.datadir.DataDirectory;

class GrpcClientSettingsTest {

  @Test
  void grpcsUrlMeansTlsTrustingTheLocalServersCa() {
    GrpcClientSettings settings = GrpcClientSettings.forUrl("grpcs://example.org:7443");
    assertEquals("example.org", settings.host());
    assertEquals(7443, settings.port());
    assertFalse(settings.plaintext());
    assertEquals(DataDirectory.caFile(DataDirectory.defaultPath()), settings.caFile());
    assertEquals(GrpcClientSettings.DEFAULT_TIMEOUT, settings.timeout());
  }

  @Test
  void grpcUrlMeansPlaintextAndThePortDefaultsTo50051() {
    GrpcClientSettings settings = GrpcClientSettings.forUrl("grpc://localhost");
    assertTrue(settings.plaintext());
    assertNull(settings.caFile());
    assertEquals(50051, settings.port());
    assertEquals("grpc://localhost:50051", settings.url());
  }

  @Test
  void ipv6HostsLoseTheirBracketsAndRegainThemInTheUrl() {
    GrpcClientSettings settings = GrpcClientSettings.forUrl("grpcs://[::1]:50051");
    assertEquals("::1", settings.host());
    assertEquals("grpcs://[::1]:50051", settings.url());
  }

  @Test
  void otherSchemesAreRefusedWithTheExpectedForm() {
    IllegalArgumentException refusal =
        assertThrows(
            IllegalArgumentException.class,
            () -> GrpcClientSettings.forUrl("https://localhost:50051"));
    assertTrue(
        refusal
            .getMessage()
            .startsWith("a gRPC URL starts with grpcs:// (TLS) or grpc:// (plaintext)"),
        refusal::getMessage);
  }

  @Test
  void aClientCertificateNeedsItsKey() {
    GrpcClientSettings settings = GrpcClientSettings.forUrl("grpcs://localhost:50051");
    assertThrows(
        IllegalArgumentException.class,
        () -> settings.withClientCertificate(Path.of("me.pem"), null));
  }

  @Test
  void aTimeoutMustBePositive() {
    GrpcClientSettings settings = GrpcClientSettings.forUrl("grpcs://localhost:50051");
    assertThrows(IllegalArgumentException.class, () -> settings.withTimeout(Duration.ZERO));
    assertEquals(Duration.ofMillis(250), settings.withTimeout(Duration.ofMillis(250)).timeout());
  }
}
