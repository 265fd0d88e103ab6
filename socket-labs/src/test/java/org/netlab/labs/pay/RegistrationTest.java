package org.netlab.labs.pay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.pay.peer.PayClient;
import org.netlab.labs.pay.peer.PeerIdentity;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.SslContexts;

/**
 * Registration from a certificate request, and who the server takes a caller to be: only the holder
 * of the certificate registered for a name.
 */
@Timeout(30)
class RegistrationTest {
  @TempDir Path directory;

  private PayLab lab;

  @BeforeEach
  void start() throws Exception {
    lab = PayLab.start(directory);
  }

  @AfterEach
  void stop() throws Exception {
    lab.close();
  }

  private PayReply register(String name, String csr) throws IOException {
    try (PayClient client = lab.anonymous()) {
      return client.call("REGISTER " + name + " " + csr);
    }
  }

  @Test
  void registeringIssuesACertificateForTheRequestKeyAndOpensAnAccount() throws Exception {
    PeerIdentity alice = lab.register("alice");

    assertEquals("alice", alice.name());
    alice.certificate().verify(lab.authority.certificate().getPublicKey());
    assertEquals(alice.fingerprint(), lab.ledger.account("alice").orElseThrow().fingerprint());
    assertEquals(100_00, lab.balance("alice"));
    assertTrue(
        alice
            .certificate()
            .getExtendedKeyUsage()
            .containsAll(List.of("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2")),
        "valid to connect and to accept connections");
  }

  @Test
  void aTakenNameIsRefused() throws Exception {
    lab.register("alice");

    PayReply reply = register("alice", PeerIdentity.request("alice").csrBase64());

    assertEquals(PayStatus.NAME_TAKEN, reply.status(), reply.toString());
  }

  @Test
  void aRequestForAnotherNameIsRefused() throws Exception {
    PayReply reply = register("alice", PeerIdentity.request("mallory").csrBase64());

    assertEquals("501 ARGUMENT the request's common name must be alice", reply.toString());
  }

  @Test
  void aRequestNotSignedByItsOwnKeyIsRefused() throws Exception {
    byte[] der = Base64.getDecoder().decode(PeerIdentity.request("alice").csrBase64());
    der[der.length - 5] ^= 0x01; // inside the signature

    PayReply reply = register("alice", Base64.getEncoder().encodeToString(der));

    assertEquals(PayStatus.ARGUMENT, reply.status(), reply.toString());
  }

  @Test
  void anRsaKeyIsRefused() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair keys = generator.generateKeyPair();
    byte[] der =
        new JcaPKCS10CertificationRequestBuilder(new X500Principal("CN=alice"), keys.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()))
            .getEncoded();

    PayReply reply = register("alice", Base64.getEncoder().encodeToString(der));

    assertEquals("501 ARGUMENT the key must be ECDSA P-256", reply.toString());
  }

  @Test
  void malformedRegistrationsAreRefused() throws Exception {
    assertEquals(PayStatus.ARGUMENT, register("Alice", "AA==").status());
    assertEquals(PayStatus.ARGUMENT, register("alice", "not-base64!").status());
    assertEquals(PayStatus.ARGUMENT, register("alice", "AAAA").status());
    try (PayClient client = lab.anonymous()) {
      assertEquals(PayStatus.SYNTAX, client.call("REGISTER alice").status());
    }
  }

  @Test
  void withoutACertificateOnlyRegistrationIsAllowed() throws Exception {
    try (PayClient client = lab.anonymous()) {
      for (String command : List.of("LIST", "BALANCE", "HISTORY", "LOGIN 4000", "PING")) {
        assertEquals(PayStatus.CERTIFICATE_REQUIRED, client.call(command).status(), command);
      }
    }
  }

  @Test
  void aCertificateOfTheCaThatIsNotTheRegisteredOneIsNotTheUser() throws Exception {
    lab.register("alice");
    Path chain = directory.resolve("other-alice.pem");
    Path key = directory.resolve("other-alice.key");
    lab.authority.issue("alice", LocalCertificateAuthority.Purpose.CLIENT, List.of(), chain, key);
    SSLContext impostor = SslContexts.forClient(lab.caFile(), chain, key);

    try (PayClient client = PayClient.connect(lab.address(), impostor, PayLab.TIMEOUT)) {
      assertEquals(PayStatus.CERTIFICATE_REQUIRED, client.call("BALANCE").status());
    }
  }

  @Test
  void aCertificateFromAnotherCaIsNoUser() throws Exception {
    LocalCertificateAuthority other =
        LocalCertificateAuthority.loadOrCreate(directory.resolve("other-ca"));
    Path chain = directory.resolve("stranger.pem");
    Path key = directory.resolve("stranger.key");
    other.issue("alice", LocalCertificateAuthority.Purpose.CLIENT, List.of(), chain, key);
    SSLContext stranger = SslContexts.forClient(lab.caFile(), chain, key);

    // The server asks for a certificate without requiring one, so that newcomers can register: a
    // certificate it cannot verify leaves the caller anonymous.
    try (PayClient client = PayClient.connect(lab.address(), stranger, PayLab.TIMEOUT)) {
      assertEquals(PayStatus.CERTIFICATE_REQUIRED, client.call("BALANCE").status());
    }
  }
}
