package org.netlab.rpc.server.grpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.phonebook.Entry;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.LocalCertificateAuthority.Purpose;

/** TLS as generated on first start, trust failures, and mutual TLS. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class GrpcTlsTest {
  @TempDir Path dataDir;
  @TempDir Path elsewhere;

  @Test
  void theGeneratedCaIsReusedAcrossRestarts() throws Exception {
    byte[] firstCa;
    Path trusted = elsewhere.resolve("trusted-ca.pem");
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        RpcConnection connection = RpcConnection.open(server.clientSettings())) {
      firstCa = Files.readAllBytes(server.caFile());
      Files.write(trusted, firstCa);
      connection.phonebook().add("Ada", "555-0100");
    }
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        RpcConnection connection =
            RpcConnection.open(server.clientSettings().withCaFile(trusted))) {
      assertArrayEquals(firstCa, Files.readAllBytes(server.caFile()));
      assertEquals(new Entry("Ada", "555-0100"), connection.phonebook().find("ada"));
    }
  }

  @Test
  void generatedPrivateKeysAreReadableByTheOwnerOnly() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir)) {
      for (String key : List.of("tls/ca.key", "tls/server.key")) {
        assertEquals(
            "rw-------",
            PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve(key))),
            key);
      }
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCaFailsAsUntrusted() throws Exception {
    Path strangerCa = LocalCertificateAuthority.loadOrCreate(elsewhere).certificateFile();
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        RpcConnection connection =
            RpcConnection.open(server.clientSettings().withCaFile(strangerCa))) {
      TransportException failure =
          assertThrows(TransportException.class, connection.phonebook()::count);
      assertEquals(TransportException.Kind.UNTRUSTED, failure.kind(), failure::getMessage);
      assertTrue(
          failure
              .getMessage()
              .startsWith(
                  "server certificate not trusted at "
                      + server.url()
                      + " (checked against "
                      + strangerCa
                      + ")"),
          failure::getMessage);
    }
  }

  @Test
  void aPlaintextClientGetsNoAnswerFromTheTlsServer() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(dataDir);
        RpcConnection connection =
            RpcConnection.open(ClientSettings.forUrl("grpc://127.0.0.1:" + server.port()))) {
      TransportException failure =
          assertThrows(TransportException.class, connection.phonebook()::count);
      assertEquals(TransportException.Kind.UNREACHABLE, failure.kind(), failure::getMessage);
      assertTrue(failure.getMessage().contains("use grpcs://"), failure::getMessage);
    }
  }

  @Test
  void mutualTlsAcceptsAClientSignedByTheClientCa() throws Exception {
    LocalCertificateAuthority clientCa =
        LocalCertificateAuthority.loadOrCreate(elsewhere.resolve("clients"));
    Path chain = elsewhere.resolve("alice.pem");
    Path key = elsewhere.resolve("alice.key");
    clientCa.issue("alice", Purpose.CLIENT, List.of(), chain, key);
    try (LoopbackServer server = LoopbackServer.start(dataDir, clientCa.certificateFile());
        RpcConnection connection =
            RpcConnection.open(server.clientSettings().withClientCertificate(chain, key))) {
      assertEquals(0, connection.phonebook().count());
    }
  }

  @Test
  void mutualTlsRefusesAClientWithoutCertificate() throws Exception {
    Path clientCa =
        LocalCertificateAuthority.loadOrCreate(elsewhere.resolve("clients")).certificateFile();
    try (LoopbackServer server = LoopbackServer.start(dataDir, clientCa);
        RpcConnection connection = RpcConnection.open(server.clientSettings())) {
      TransportException failure =
          assertThrows(TransportException.class, connection.phonebook()::count);
      assertEquals(TransportException.Kind.UNTRUSTED, failure.kind(), failure::getMessage);
      assertTrue(failure.getMessage().contains("client certificate"), failure::getMessage);
    }
  }

  @Test
  void mutualTlsRefusesAClientSignedByAnotherCa() throws Exception {
    Path clientCa =
        LocalCertificateAuthority.loadOrCreate(elsewhere.resolve("clients")).certificateFile();
    LocalCertificateAuthority otherCa =
        LocalCertificateAuthority.loadOrCreate(elsewhere.resolve("other"));
    Path chain = elsewhere.resolve("mallory.pem");
    Path key = elsewhere.resolve("mallory.key");
    otherCa.issue("mallory", Purpose.CLIENT, List.of(), chain, key);
    try (LoopbackServer server = LoopbackServer.start(dataDir, clientCa);
        RpcConnection connection =
            RpcConnection.open(server.clientSettings().withClientCertificate(chain, key))) {
      TransportException failure =
          assertThrows(TransportException.class, connection.phonebook()::count);
      assertEquals(TransportException.Kind.UNTRUSTED, failure.kind(), failure::getMessage);
    }
  }
}
