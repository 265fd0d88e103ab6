package org.netlab.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/**
 * {@link Pem}'s work that needs Bouncy Castle's PEM parser and writer. A class of its own so that
 * loading {@code Pem} loads none of Bouncy Castle: the JVM verifies its signed jars on first use,
 * which costs a one-shot client a noticeable part of its run.
 */
final class BouncyCastlePem {
  private BouncyCastlePem() {}

  /** Reads every certificate in a PEM file, in file order. */
  static List<X509Certificate> readCertificates(Path file) throws IOException {
    List<X509Certificate> certificates = new ArrayList<>();
    JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      for (Object object = read(parser, file); object != null; object = read(parser, file)) {
        if (object instanceof X509CertificateHolder holder) {
          certificates.add(converter.getCertificate(holder));
        }
      }
    } catch (CertificateException e) {
      throw new IOException(file + ": not a valid certificate: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException(file + ": no PEM certificate found");
    }
    return certificates;
  }

  /** Reads a private key from a PKCS#8 ("PRIVATE KEY") or traditional PEM file. */
  static PrivateKey readPrivateKey(Path file) throws IOException {
    JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser parser = new PEMParser(reader)) {
      for (Object object = read(parser, file); object != null; object = read(parser, file)) {
        if (object instanceof PrivateKeyInfo info) {
          return converter.getPrivateKey(info);
        }
        if (object instanceof PEMKeyPair pair) {
          return converter.getPrivateKey(pair.getPrivateKeyInfo());
        }
      }
    }
    throw new IOException(file + ": no unencrypted PEM private key found");
  }

  /** Certificates as PEM text. */
  static String encodeCertificates(List<X509Certificate> certificates) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (X509Certificate certificate : certificates) {
        writer.writeObject(certificate);
      }
    }
    return text.toString();
  }

  /** A private key as PKCS#8 PEM text. */
  static String encodePrivateKey(PrivateKey key) throws IOException {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      writer.writeObject(new JcaPKCS8Generator(key, null));
    }
    return text.toString();
  }

  /** The next PEM object; a damaged file is an error that names it. */
  private static Object read(PEMParser parser, Path file) throws IOException {
    try {
      return parser.readObject();
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + ": not a valid PEM file: " + e.getMessage(), e);
    }
  }
}
