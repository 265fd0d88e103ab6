package org.netlab.rpc.server.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlab.access.AccessSettings;
import org.netlab.access.CertificateRoles;
import org.netlab.access.Role;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.tls.LocalCertificateAuthority;

/**
 * With mutual TLS, a client certificate is an identity: its names get the role the certificate
 * roles give them, over gRPC and XML-RPC alike, with no token sent. A certificate the client CA
 * signed but the roles do not list passes TLS and is then denied everything a role is needed for.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CertificateRolesTest {
  private static final String WRITER_NAME = "writer.example";
  private static final String STRANGER_NAME = "stranger.example";

  @TempDir static Path directory;
  private static LoopbackServer server;

  @BeforeAll
  static void start() throws IOException {
    LocalCertificateAuthority clientCa =
        LocalCertificateAuthority.loadOrCreate(directory.resolve("client-ca"));
    for (String name : List.of(WRITER_NAME, STRANGER_NAME)) {
      clientCa.issue(
          name, LocalCertificateAuthority.Purpose.CLIENT, List.of(), chain(name), key(name));
    }
    AccessSettings settings =
        AccessSettings.defaults()
            .withCertificateRoles(CertificateRoles.of(Map.of(WRITER_NAME, Role.WRITER)));
    server = LoopbackServer.start(directory.resolve("data"), clientCa.certificateFile(), settings);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"gRPC", "XML-RPC"})
  void aCertificateListedAsWriterMayAddAnEntryButNotEmptyThePhonebook(String protocol) {
    try (RpcConnection writer = RpcConnection.open(settings(protocol, WRITER_NAME))) {
      String name = "Written by certificate over " + protocol;
      assertEquals(new Entry(name, "555-0100"), writer.phonebook().add(name, "555-0100"));
      try {
        ServiceException refused =
            assertThrows(ServiceException.class, () -> writer.phonebook().removeAll());
        assertEquals(ErrorCode.PERMISSION_DENIED, refused.code(), refused::getMessage);
        assertEquals(1, writer.phonebook().count());
      } finally {
        writer.phonebook().remove(name);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"gRPC", "XML-RPC"})
  void aCertificateOfTheSameCaWithNoRoleMayNotReadThePhonebook(String protocol) {
    try (RpcConnection stranger = RpcConnection.open(settings(protocol, STRANGER_NAME))) {
      ServiceException refused =
          assertThrows(ServiceException.class, () -> stranger.phonebook().count());
      assertEquals(ErrorCode.PERMISSION_DENIED, refused.code(), refused::getMessage);
      assertTrue(
          refused.getMessage().contains("'" + STRANGER_NAME + "' has no role"),
          refused::getMessage);
    }
  }

  /** Settings presenting {@code name}'s certificate, and no token. */
  private static ClientSettings settings(String protocol, String name) {
    ClientSettings settings =
        protocol.equals("gRPC") ? server.clientSettings() : server.xmlRpcClientSettings();
    return settings.withToken(null).withClientCertificate(chain(name), key(name));
  }

  private static Path chain(String name) {
    return directory.resolve(name + ".pem");
  }

  private static Path key(String name) {
    return directory.resolve(name + ".key");
  }
}
