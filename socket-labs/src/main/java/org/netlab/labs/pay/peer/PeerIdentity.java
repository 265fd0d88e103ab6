package org.netlab.labs.pay.peer;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.netlab.datadir.OwnerOnlyFiles;
import org.netlab.labs.pay.OrderSignatures;
import org.netlab.labs.pay.PeerCertificates;
import org.netlab.labs.pay.UserNames;
import org.netlab.tls.Pem;
import org.netlab.tls.SslContexts;

/**
 * A user's identity on this machine: a private key that never leaves it and the certificate the
 * central server issued for it, in a directory of their own ({@code key.pem}, PKCS#8, and {@code
 * cert.pem}, the certificate then the CA's), both readable by their owner only.
 */
public final class PeerIdentity {
  public static final String KEY_FILE = "key.pem";
  public static final String CERTIFICATE_FILE = "cert.pem";

  private final String name;
  private final Path directory;
  private final PrivateKey key;
  private final X509Certificate certificate;

  private PeerIdentity(String name, Path directory, PrivateKey key, X509Certificate certificate) {
    this.name = name;
    this.directory = directory;
    this.key = key;
    this.certificate = certificate;
  }

  /** A key pair made for registering, and the certificate request that proves it is held. */
  public record Request(String name, KeyPair keys, String csrBase64) {}

  /** A new ECDSA P-256 key and its certificate request for {@code name}, signed by that key. */
  public static Request request(String name) {
    UserNames.check(name);
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      byte[] der =
          new JcaPKCS10CertificationRequestBuilder(
                  new X500Principal("CN=" + name), keys.getPublic())
              .build(
                  new JcaContentSignerBuilder(OrderSignatures.ALGORITHM).build(keys.getPrivate()))
              .getEncoded();
      return new Request(name, keys, Base64.getEncoder().encodeToString(der));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      throw new IllegalStateException("cannot make a P-256 certificate request", e);
    }
  }

  /**
   * Saves the key of {@code request} with the certificate the server issued for it.
   *
   * @param certificateBase64 as REGISTER answered it
   * @param authority the CA certificate that issued it
   * @throws IOException when the certificate is not for this key or name, or cannot be written
   */
  public static PeerIdentity save(
      Path directory, Request request, String certificateBase64, X509Certificate authority)
      throws IOException {
    X509Certificate certificate;
    try {
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(Base64.getDecoder().decode(certificateBase64)));
      certificate.verify(authority.getPublicKey());
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException("the server answered a certificate its CA did not issue", e);
    }
    if (!certificate.getPublicKey().equals(request.keys().getPublic())
        || !PeerCertificates.commonName(certificate).orElse("").equals(request.name())) {
      throw new IOException("the server answered a certificate for another key or name");
    }
    OwnerOnlyFiles.createDirectories(directory);
    OwnerOnlyFiles.writeAtomically(
        directory.resolve(KEY_FILE),
        Pem.encodePrivateKey(request.keys().getPrivate()).getBytes(US_ASCII));
    OwnerOnlyFiles.writeAtomically(
        directory.resolve(CERTIFICATE_FILE),
        Pem.encodeCertificates(List.of(certificate, authority)).getBytes(US_ASCII));
    return new PeerIdentity(request.name(), directory, request.keys().getPrivate(), certificate);
  }

  /**
   * Loads the identity kept in {@code directory}.
   *
   * @throws IOException when its files are missing or unreadable
   */
  public static PeerIdentity load(Path directory) throws IOException {
    Path keyFile = directory.resolve(KEY_FILE);
    Path certificateFile = directory.resolve(CERTIFICATE_FILE);
    if (!Files.exists(keyFile) || !Files.exists(certificateFile)) {
      throw new IOException(
          "no identity in " + directory + ": register first with 'pay register NAME'");
    }
    X509Certificate certificate = Pem.readCertificates(certificateFile).get(0);
    String name =
        PeerCertificates.commonName(certificate)
            .orElseThrow(() -> new IOException(certificateFile + " names no user"));
    return new PeerIdentity(name, directory, Pem.readPrivateKey(keyFile), certificate);
  }

  /** A context that presents this identity and trusts the CA of {@code caFile}. */
  public SSLContext tls(Path caFile) throws IOException {
    return SslContexts.forClient(
        caFile, directory.resolve(CERTIFICATE_FILE), directory.resolve(KEY_FILE));
  }

  public String name() {
    return name;
  }

  public PrivateKey key() {
    return key;
  }

  public X509Certificate certificate() {
    return certificate;
  }

  public String fingerprint() {
    return PeerCertificates.fingerprint(certificate);
  }
}
