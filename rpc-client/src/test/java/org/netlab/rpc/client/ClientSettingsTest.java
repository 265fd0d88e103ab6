package org.netlab.rpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlab.datadir.DataDirectory;
import org.netlab.rpc.client.ServerUrl.Protocol;

class ClientSettingsTest {
  private static final String TOKEN = "nlt_Mv3qQ2kR9xV0bT6yZ1cN8pL4sD7fG5hJ3aW2eU0iO9r";

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
  void noTokenIsSentUnlessOneIsGiven() {
    ClientSettings settings = ClientSettings.forUrl("grpcs://localhost:50051");
    assertNull(settings.token());
    assertEquals(TOKEN, settings.withToken(TOKEN).token());
    assertNull(settings.withToken(TOKEN).withToken(null).token());
  }

  @Test
  void theTokenSurvivesTheOtherWithers() {
    ClientSettings settings =
        ClientSettings.forUrl("grpcs://localhost:50051")
            .withToken(TOKEN)
            .withCaFile(Path.of("other-ca.pem"))
            .withTimeout(Duration.ofSeconds(3))
            .withClientCertificate(Path.of("me.pem"), Path.of("me.key"));
    assertEquals(TOKEN, settings.token());
  }

  @Test
  void toStringShowsThatATokenIsSetButNeverTheToken() {
    ClientSettings settings = ClientSettings.forUrl("grpc://localhost:50051").withToken(TOKEN);
    String shown = settings.toString();
    assertFalse(shown.contains(TOKEN), shown);
    assertFalse(shown.contains("Mv3q"), shown);
    assertTrue(shown.contains("token=(hidden)"), shown);
    assertTrue(shown.contains("url=grpc://localhost:50051"), shown);
    assertTrue(ClientSettings.forUrl("grpc://localhost:50051").toString().contains("token=none"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "two words", "line\r\nInjected: yes", "caf\u00e9", "tab\there"})
  void aTokenThatCannotTravelInAHeaderIsRefusedWithoutQuotingIt(String token) {
    ClientSettings settings = ClientSettings.forUrl("grpc://localhost:50051");
    IllegalArgumentException refusal =
        assertThrows(IllegalArgumentException.class, () -> settings.withToken(token));
    assertTrue(
        refusal.getMessage().startsWith("a token must be printable ASCII"), refusal::getMessage);
    if (!token.isEmpty()) {
      assertFalse(refusal.getMessage().contains(token), refusal::getMessage);
    }
  }

  @Test
  void hideTokenReplacesEveryOccurrenceOfTheToken() {
    ClientSettings settings = ClientSettings.forUrl("grpc://localhost:50051").withToken(TOKEN);
    assertEquals(
        "bad token (hidden), I said (hidden)",
        settings.hideToken("bad token " + TOKEN + ", I said " + TOKEN));
    assertEquals("untouched", ClientSettings.forUrl("grpc://h").hideToken("untouched"));
  }

  @Test
  void aTimeoutMustBePositive() {
    ClientSettings settings = ClientSettings.forUrl("grpcs://localhost:50051");
    assertThrows(IllegalArgumentException.class, () -> settings.withTimeout(Duration.ZERO));
    assertEquals(Duration.ofMillis(250), settings.withTimeout(Duration.ofMillis(250)).timeout());
  }
}
