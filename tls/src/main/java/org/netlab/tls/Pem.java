package org.netlab.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/** Reads and writes certificates and PKCS#8 private keys as PEM files. */
public final class Pem {
  private Pem() {}

  /** Reads every certificate in a PEM file, in file order. */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    List<X509Certificate> plain = PlainPemCertificates.readOrNull(file);
    return plain != null ? plain : BouncyCastlePem.readCertificates(file);
  }

  /** Reads a private key from a PKCS#8 ("PRIVATE KEY") or traditional PEM file. */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    return BouncyCastlePem.readPrivateKey(file);
  }

  /** Certificates as PEM text. */
  public static String encodeCertificates(List<X509Certificate> certificates) throws IOException {
    return BouncyCastlePem.encodeCertificates(certificates);
  }

  /** A private key as PKCS#8 PEM text. */
  public static String encodePrivateKey(PrivateKey key) throws IOException {
    return BouncyCastlePem.encodePrivateKey(key);
  }
}
