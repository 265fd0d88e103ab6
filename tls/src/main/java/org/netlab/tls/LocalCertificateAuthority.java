package org.netlab.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.netlab.datadir.DataDirectory;

/**
 * A private certificate authority kept in a directory, so servers have TLS with no set-up: created
 * on first use, reused afterwards. Clients trust it through its certificate, {@code ca.pem}. Keys
 * are ECDSA P-256, written owner-readable only.
 */
public final class LocalCertificateAuthority {
  public static final String CA_CERTIFICATE = DataDirectory.CA_CERTIFICATE;
  public static final String CA_KEY = "ca.key";
  public static final String SERVER_CHAIN = "server.pem";
  public static final String SERVER_KEY = "server.key";

  /** The names a generated server certificate is valid for. */
  public static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1", "::1");

  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration LEAF_VALIDITY = Duration.ofDays(397);

  /** A server certificate closer than this to its end is issued anew at start. */
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path directory;
  private final X509Certificate certificate;
  private final PrivateKey key;

  private LocalCertificateAuthority(Path directory, X509Certificate certificate, PrivateKey key) {
    this.directory = directory;
    this.certificate = certificate;
    this.key = key;
  }

  /** Loads the CA kept in {@code directory}, creating the directory and the CA if needed. */
  public static LocalCertificateAuthority loadOrCreate(Path directory) throws IOException {
    Path caFile = directory.resolve(CA_CERTIFICATE);
    Path keyFile = directory.resolve(CA_KEY);
    if (Files.exists(caFile) && Files.exists(keyFile)) {
      return new LocalCertificateAuthority(
          directory, Pem.readCertificates(caFile).get(0), Pem.readPrivateKey(keyFile));
    }
    Files.createDirectories(directory);
    KeyPair pair = newKeyPair();
    X500Principal name = new X500Principal("CN=netlab local CA " + Instant.now().getEpochSecond());
    Instant now = Instant.now();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  name,
                  serial(),
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(CA_VALIDITY)),
                  name,
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(pair.getPublic()));
      X509Certificate ca = sign(builder, pair.getPrivate());
      Pem.writePrivateKey(keyFile, pair.getPrivate());
      Pem.writeCertificates(caFile, List.of(ca));
      return new LocalCertificateAuthority(directory, ca, pair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a CA certificate", e);
    }
  }

  /**
   * The server's TLS files for a server with no certificate of its own: {@code server.pem} and
   * {@code server.key} in this CA's directory, valid for {@link #LOCAL_NAMES}; issued on first use
   * and again when close to expiry.
   */
  public TlsFiles serverFiles() throws IOException {
    Path chain = directory.resolve(SERVER_CHAIN);
    Path keyFile = directory.resolve(SERVER_KEY);
    if (!Files.exists(chain) || !Files.exists(keyFile) || expiresSoon(chain)) {
      issue("localhost", Purpose.SERVER, LOCAL_NAMES, chain, keyFile);
    }
    return new TlsFiles(chain, keyFile);
  }

  /** What an issued certificate is for. */
  public enum Purpose {
    SERVER,
    CLIENT
  }

  /**
   * Issues a certificate signed by this CA and writes its chain (leaf, then CA) and its private key
   * (owner-readable only).
   *
   * @param names DNS names or IP addresses the certificate is valid for
   */
  public void issue(
      String commonName, Purpose purpose, List<String> names, Path chainFile, Path keyFile)
      throws IOException {
    KeyPair pair = newKeyPair();
    Instant now = Instant.now();
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  certificate,
                  serial(),
                  Date.from(now.minus(Duration.ofHours(1))),
                  Date.from(now.plus(LEAF_VALIDITY)),
                  new X500Principal("CN=" + commonName.replaceAll("[,=+<>#;\"\\\\]", "_")),
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                      purpose == Purpose.SERVER
                          ? KeyPurposeId.id_kp_serverAuth
                          : KeyPurposeId.id_kp_clientAuth))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions.createAuthorityKeyIdentifier(certificate))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(pair.getPublic()));
      if (!names.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
      }
      X509Certificate leaf = sign(builder, key);
      Pem.writePrivateKey(keyFile, pair.getPrivate());
      Pem.writeCertificates(chainFile, List.of(leaf, certificate));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot issue a certificate", e);
    }
  }

  /** The CA certificate file clients should trust. */
  public Path certificateFile() {
    return directory.resolve(CA_CERTIFICATE);
  }

  public X509Certificate certificate() {
    return certificate;
  }

  private static boolean expiresSoon(Path chain) throws IOException {
    X509Certificate leaf = Pem.readCertificates(chain).get(0);
    return leaf.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE));
  }

  private static GeneralNames alternativeNames(List<String> names) {
    List<GeneralName> general = new ArrayList<>();
    for (String name : names) {
      boolean ip = name.contains(":") || name.matches("[0-9.]+");
      if (ip) {
        try {
          // Literal addresses only: getByName does no lookup for them.
          general.add(
              new GeneralName(
                  GeneralName.iPAddress,
                  new org.bouncycastle.asn1.DEROctetString(
                      InetAddress.getByName(name).getAddress())));
        } catch (java.net.UnknownHostException e) {
          throw new IllegalArgumentException("not an IP address: " + name, e);
        }
      } else {
        general.add(new GeneralName(GeneralName.dNSName, name));
      }
    }
    return new GeneralNames(general.toArray(GeneralName[]::new));
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK lacks ECDSA P-256", e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(159, RANDOM);
  }
}
