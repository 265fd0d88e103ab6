package org.netlab.rpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.netlab.datadir.DataDirectory;
import org.netlab.rpc.client.ServerUrl.Protocol;

class ClientSettingsTest {

  @Test
  void grpcsUrlMeansTlsTrustingTheLocalServersCa() {
    ClientSettings settings = ClientSettings.forUrl("grpcs://example.org:7443");
    assertEquals("example.org", settings.url().host());
    assertEquals(7443, settings.url().port());
    assertTrue(settings.url().tls());
    assertEquals(DataDirectory.caFile(DataDirectory.defaultPath()), settings.caFile());
    assertEquals(ClientSettings.DEFAULT_TIMEOUT, settings.timeout());
    assertFalse(settings.mutualTls());
  }

  @Test
  void grpcUrlMeansPlaintextAndThePortDefaultsTo50051() {
    ClientSettings settings = ClientSettings.forUrl("grpc://localhost");
    assertFalse(settings.url().tls());
    assertEquals(50051, settings.url().port());
    assertEquals("grpc://localhost:50051", settings.url().toString());
  }

  @Test
  void httpsUrlMeansXmlRpcOverTls() {
    ClientSettings settings = ClientSettings.forUrl("https://localhost");
    assertEquals(Protocol.XML_RPC, settings.url().protocol());
    assertEquals("https://localhost:8443/RPC2", settings.url().toString());
  }

  @Test
  void ipv6HostsLoseTheirBracketsAndRegainThemInTheUrl() {
    ClientSettings settings = ClientSettings.forUrl("grpcs://[::1]:50051");
    assertEquals("::1", settings.url().host());
    assertEquals("grpcs://[::1]:50051", settings.url().toString());
  }

  @Test
  void otherSchemesAreRefusedNamingTheFourThatWork() {
    IllegalArgumentException refusal =
        assertThrows(IllegalArgumentException.class, () -> ClientSettings.forUrl("ftp://h:21"));
    assertTrue(
        refusal.getMessage().contains("grpcs://, grpc://, https:// or http://"),
        refusal::getMessage);
  }

  @Test
  void aClientCertificateNeedsItsKey() {
    ClientSettings settings = ClientSettings.forUrl("grpcs://localhost:50051");
    assertThrows(
        IllegalArgumentException.class,
        () -> settings.withClientCertificate(Path.of("me.pem"), null));
    assertTrue(settings.withClientCertificate(Path.of("me.pem"), Path.of("me.key")).mutualTls());
  }

  @Test
  void aTimeoutMustBePositive() {
    ClientSettings settings = ClientSettings.forUrl("grpcs://localhost:50051");
    assertThrows(IllegalArgumentException.class, () -> settings.withTimeout(Duration.ZERO));
    assertEquals(Duration.ofMillis(250), settings.withTimeout(Duration.ofMillis(250)).timeout());
  }
}
