package org.netlab.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
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
import org.netlab.datadir.CrossProcessLock;
import org.netlab.datadir.DataDirectory;
import org.netlab.datadir.OwnerOnlyFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private certificate authority kept in a directory, so servers have TLS with no set-up: created
 * on first use, checked and reused afterwards. Clients trust it through its certificate, {@code
 * ca.pem}. Keys are ECDSA P-256; the directory and every file in it are owner-only.
 */
public final class LocalCertificateAuthority {
  public static final String CA_CERTIFICATE = DataDirectory.CA_CERTIFICATE;
  public static final String CA_KEY = "ca.key";
  public static final String SERVER_CHAIN = "server.pem";
  public static final String SERVER_KEY = "server.key";

  /** Held while the files above are checked and created, by threads and processes alike. */
  public static final String LOCK_FILE = ".lock";

  /** The names a generated server certificate is valid for. */
  public static final List<String> LOCAL_NAMES = List.of("localhost", "127.0.0.1", "::1");

  private static final Duration CA_VALIDITY = Duration.ofDays(3650);
  private static final Duration LEAF_VALIDITY = Duration.ofDays(397);

  /** A server certificate closer than this to its end is issued anew at start. */
  private static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Logger log = LoggerFactory.getLogger(LocalCertificateAuthority.class);

  private final Path directory;
  private final X509Certificate certificate;
  private final PrivateKey key;

  private LocalCertificateAuthority(Path directory, X509Certificate certificate, PrivateKey key) {
    this.directory = directory;
    this.certificate = certificate;
    this.key = key;
  }

  /**
   * Loads the CA kept in {@code directory}, creating the directory and the CA if needed. Servers
   * started at once on one directory agree on one CA: creation holds a lock across processes, and
   * each file is replaced atomically, {@code ca.pem} last.
   *
   * @throws IOException when the CA on disk cannot be used: {@code ca.key} is missing or is not the
   *     key of {@code ca.pem}, or a file is unreadable; the message names the file
   */
  public static LocalCertificateAuthority loadOrCreate(Path directory) throws IOException {
    OwnerOnlyFiles.createDirectories(directory);
    try (CrossProcessLock lock = CrossProcessLock.acquire(directory.resolve(LOCK_FILE))) {
      Path caFile = directory.resolve(CA_CERTIFICATE);
      Path keyFile = directory.resolve(CA_KEY);
      if (!Files.exists(caFile)) {
        // ca.pem is written last, so without it no client can trust this CA yet: a ca.key left
        // by a first start that did not finish is replaced.
        return create(directory);
      }
      if (!Files.exists(keyFile)) {
        throw new IOException(
            keyFile
                + " is missing, so the CA of "
                + caFile
                + " cannot issue certificates: restore it, or move "
                + caFile
                + " away to create a new CA");
      }
      X509Certificate ca = Pem.readCertificates(caFile).get(0);
      PrivateKey key = Pem.readPrivateKey(keyFile);
      if (!KeyPairs.fit(key, ca.getPublicKey())) {
        throw new IOException(
            keyFile
                + " is not the key of the CA certificate "
                + caFile
                + ": restore the pair, or move both away to create a new CA");
      }
      return new LocalCertificateAuthority(directory, ca, key);
    }
  }

  private static LocalCertificateAuthority create(Path directory) throws IOException {
    KeyPair pair = newKeyPair();
    // Unique, so two CAs made in the same second are not confused by a trust store.
    X500Principal name =
        new X500Principal(
            "CN=netlab local CA "
                + LocalDate.now(ZoneOffset.UTC)
                + " "
                + HexFormat.of().toHexDigits(RANDOM.nextLong()));
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
      write(directory.resolve(CA_KEY), Pem.encodePrivateKey(pair.getPrivate()));
      write(directory.resolve(CA_CERTIFICATE), Pem.encodeCertificates(List.of(ca)));
      return new LocalCertificateAuthority(directory, ca, pair.getPrivate());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot create a CA certificate", e);
    }
  }

  /**
   * The server's TLS files for a server with no certificate of its own: {@code server.pem} and
   * {@code server.key} in this CA's directory, valid for {@link #LOCAL_NAMES}. They are checked on
   * every call and issued anew when missing, unreadable, not issued by this CA, not a pair, or
   * close to expiry.
   */
  public TlsFiles serverFiles() throws IOException {
    Path chain = directory.resolve(SERVER_CHAIN);
    Path keyFile = directory.resolve(SERVER_KEY);
    try (CrossProcessLock lock = CrossProcessLock.acquire(directory.resolve(LOCK_FILE))) {
      String problem = serverFilesProblem(chain, keyFile);
      if (problem != null) {
        if (Files.exists(chain) || Files.exists(keyFile)) {
          log.warn("{}: issuing a new server certificate", problem);
        }
        issue("localhost", Purpose.SERVER, LOCAL_NAMES, chain, keyFile);
      }
    }
    return new TlsFiles(chain, keyFile);
  }

  /** Why the server files cannot be used as they are, in one line; null when they can. */
  private String serverFilesProblem(Path chainFile, Path keyFile) {
    if (!Files.exists(chainFile) || !Files.exists(keyFile)) {
      return "server certificate or key missing";
    }
    List<X509Certificate> chain;
    PrivateKey serverKey;
    try {
      chain = Pem.readCertificates(chainFile);
      serverKey = Pem.readPrivateKey(keyFile);
    } catch (IOException e) {
      return e.getMessage();
    }
    X509Certificate leaf = chain.get(0);
    try {
      leaf.verify(certificate.getPublicKey());
    } catch (GeneralSecurityException e) {
      return chainFile + " was not issued by the CA of " + certificateFile();
    }
    if (chain.size() < 2 || !chain.get(1).equals(certificate)) {
      return chainFile + " does not end with the CA certificate of " + certificateFile();
    }
    if (!KeyPairs.fit(serverKey, leaf.getPublicKey())) {
      return keyFile + " is not the key of " + chainFile;
    }
    if (leaf.getNotAfter().toInstant().isBefore(Instant.now().plus(RENEW_BEFORE))) {
      return chainFile + " expires on " + leaf.getNotAfter().toInstant();
    }
    return null;
  }

  /** What an issued certificate is for. */
  public enum Purpose {
    SERVER,
    CLIENT
  }

  /**
   * Issues a certificate signed by this CA and writes its private key, then its chain (leaf, then
   * CA), each replaced atomically and readable by its owner only.
   *
   * @param names DNS names or IP addresses the certificate is valid for
   */
  public void issue(
      String commonName, Purpose purpose, List<String> names, Path chainFile, Path keyFile)
      throws IOException {
    KeyPair pair = newKeyPair();
    X509Certificate leaf = certify(pair.getPublic(), commonName, List.of(purpose), names);
    write(keyFile, Pem.encodePrivateKey(pair.getPrivate()));
    write(chainFile, Pem.encodeCertificates(List.of(leaf, certificate)));
  }

  /**
   * Issues a certificate, signed by this CA, for a key whose private half stays with its owner: the
   * public key of a certificate request the caller has verified.
   *
   * @param purposes what the certificate may be used for; a peer that both connects and accepts
   *     connections needs both
   * @param names DNS names or IP addresses the certificate is valid for; may be empty
   */
  public X509Certificate certify(
      PublicKey subjectKey, String commonName, List<Purpose> purposes, List<String> names) {
    if (purposes.isEmpty()) {
      throw new IllegalArgumentException("a certificate needs a purpose");
    }
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
                  subjectKey)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                      purposes.stream()
                          .distinct()
                          .map(
                              purpose ->
                                  purpose == Purpose.SERVER
                                      ? KeyPurposeId.id_kp_serverAuth
                                      : KeyPurposeId.id_kp_clientAuth)
                          .toArray(KeyPurposeId[]::new)))
              .addExtension(
                  Extension.authorityKeyIdentifier,
                  false,
                  extensions.createAuthorityKeyIdentifier(certificate))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  extensions.createSubjectKeyIdentifier(subjectKey));
      if (!names.isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, alternativeNames(names));
      }
      return sign(builder, key);
    } catch (GeneralSecurityException | IOException e) {
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

  private static void write(Path file, String pem) throws IOException {
    OwnerOnlyFiles.writeAtomically(file, pem.getBytes(StandardCharsets.US_ASCII));
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
