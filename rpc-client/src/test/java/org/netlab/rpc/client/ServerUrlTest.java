package org.netlab.rpc.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlab.rpc.client.ServerUrl.Protocol;

class ServerUrlTest {

  @Test
  void grpcsIsGrpcOverTlsOnTheDefaultPort() {
    ServerUrl url = ServerUrl.parse("grpcs://example.org");
    assertEquals(new ServerUrl(Protocol.GRPC, true, "example.org", 50051, ""), url);
  }

  @Test
  void grpcIsPlaintextGrpcAndKeepsAGivenPort() {
    ServerUrl url = ServerUrl.parse("grpc://127.0.0.1:57001");
    assertEquals(Protocol.GRPC, url.protocol());
    assertFalse(url.tls());
    assertEquals("127.0.0.1", url.host());
    assertEquals(57001, url.port());
  }

  @Test
  void httpsIsXmlRpcOverTlsWithPortAndPathDefaulted() {
    assertEquals(
        new ServerUrl(Protocol.XML_RPC, true, "localhost", 8443, "/RPC2"),
        ServerUrl.parse("https://localhost"));
    assertEquals(
        new ServerUrl(Protocol.XML_RPC, true, "localhost", 8443, "/RPC2"),
        ServerUrl.parse("https://localhost/"));
  }

  @Test
  void httpIsPlaintextXmlRpcAndKeepsAGivenPath() {
    assertEquals(
        new ServerUrl(Protocol.XML_RPC, false, "h", 8080, "/xmlrpc"),
        ServerUrl.parse("http://h/xmlrpc"));
  }

  @Test
  void schemeIsReadIgnoringCase() {
    assertEquals(Protocol.XML_RPC, ServerUrl.parse("HTTPS://h:1/RPC2").protocol());
  }

  @Test
  void ipv6HostsLoseTheirBracketsAndGetThemBackWhenPrinted() {
    ServerUrl url = ServerUrl.parse("grpcs://[::1]:57002");
    assertEquals("::1", url.host());
    assertEquals("grpcs://[::1]:57002", url.toString());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "grpcs://localhost:50051",
        "grpc://10.0.0.5:9000",
        "https://localhost:8443/RPC2",
        "http://h:8080/other",
        "grpcs://10.0.0.1:50051,10.0.0.2:50052,[::1]:50053",
        "https://a:8443/RPC2,https://b:8444/RPC2",
        "grpcs://dns:///rpc.example.com:50051"
      })
  void printedFormParsesBackToTheSameUrl(String text) {
    ServerUrl url = ServerUrl.parse(text);
    assertEquals(text, url.toString());
    assertEquals(url, ServerUrl.parse(url.toString()));
  }

  @Test
  void unknownSchemeIsRefusedNamingTheFourThatWork() {
    var e = assertThrows(IllegalArgumentException.class, () -> ServerUrl.parse("ftp://h:21"));
    assertEquals(
        "unknown scheme 'ftp' in 'ftp://h:21'; use grpcs://, grpc://, https:// or http://",
        e.getMessage());
  }

  @Test
  void hostAndPortWithoutSchemeIsRefusedWithAnExample() {
    var e = assertThrows(IllegalArgumentException.class, () -> ServerUrl.parse("localhost:50051"));
    assertTrue(e.getMessage().contains("has no scheme"), e.getMessage());
    assertTrue(e.getMessage().contains("grpcs://localhost:50051"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "grpcs://",
        "grpc://:50051",
        "grpcs://h:50051/calculator",
        "grpcs://h:0",
        "grpcs://h:70000",
        "https://user:pw@h/RPC2",
        "http://h/RPC2?x=1",
        "not a url",
        "",
        "grpcs://a:1,,b:2",
        "grpcs://a:1,a:1",
        "grpcs://a:1,https://b:2/RPC2",
        "https://a:1/RPC2,https://b:2/other",
        "grpcs://dns:///a:1,b:2",
        "https://dns:///a:1/RPC2"
      })
  void malformedUrlsAreRefused(String text) {
    var e = assertThrows(IllegalArgumentException.class, () -> ServerUrl.parse(text));
    assertFalse(e.getMessage().isBlank());
  }

  @Test
  void optionWinsOverEnvironmentWhichWinsOverTheDefault() {
    assertEquals(ServerUrl.parse("grpc://a:1"), ServerUrl.choose("grpc://a:1", "https://b:2/RPC2"));
    assertEquals(ServerUrl.parse("https://b:2/RPC2"), ServerUrl.choose(null, "https://b:2/RPC2"));
    assertEquals(ServerUrl.parse(ServerUrl.DEFAULT), ServerUrl.choose(null, null));
  }

  @Test
  void blankEnvironmentValueCountsAsUnset() {
    assertEquals(ServerUrl.parse(ServerUrl.DEFAULT), ServerUrl.choose(null, "  "));
  }

  @Test
  void defaultIsTheLocalServerOverGrpcWithTls() {
    assertEquals(
        new ServerUrl(Protocol.GRPC, true, "localhost", 50051, ""),
        ServerUrl.parse(ServerUrl.DEFAULT));
  }

  @Test
  void aListNamesEveryServerWithTheFirstsSchemeAndPath() {
    ServerUrl url = ServerUrl.parse("https://a:8443/RPC2,b:8444,https://c/RPC2");
    assertEquals(Protocol.XML_RPC, url.protocol());
    assertEquals(
        List.of(
            new ServerUrl.Address("a", 8443),
            new ServerUrl.Address("b", 8444),
            new ServerUrl.Address("c", 8443)),
        url.addresses());
    assertTrue(url.severalServers());
    assertEquals(
        List.of("https://a:8443/RPC2", "https://b:8444/RPC2", "https://c:8443/RPC2"),
        url.each().stream().map(ServerUrl::toString).toList());
  }

  @Test
  void aDnsNameIsOneAddressResolvedToSeveralServers() {
    ServerUrl url = ServerUrl.parse("grpcs://dns:///rpc.example.com");
    assertEquals(ServerUrl.Discovery.DNS, url.discovery());
    assertEquals("rpc.example.com", url.host());
    assertEquals(50051, url.port());
    assertTrue(url.severalServers());
  }

  @Test
  void oneServerIsNotSeveral() {
    assertFalse(ServerUrl.parse("grpcs://a:1").severalServers());
  }

  @Test
  void aServerNamedTwiceIsRefusedNamingIt() {
    var e = assertThrows(IllegalArgumentException.class, () -> ServerUrl.parse("grpcs://a:1,a:1"));
    assertTrue(e.getMessage().contains("names a:1 twice"), e.getMessage());
  }
}
