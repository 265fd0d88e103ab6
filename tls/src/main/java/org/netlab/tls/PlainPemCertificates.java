package org.netlab.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reads the common case of a PEM certificate file with the JDK alone: nothing but {@code
 * CERTIFICATE} blocks without headers, each holding one DER certificate. Clients read their CA file
 * this way without loading Bouncy Castle, whose signed jars cost a one-shot command a noticeable
 * part of its run to verify. Anything else is left to {@link Pem}'s full parser, so that every
 * other file is accepted or refused, with the same message, as before.
 */
final class PlainPemCertificates {
  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String END = "-----END CERTIFICATE-----";

  private PlainPemCertificates() {}

  /**
   * The certificates in {@code file}, in file order, or null when the file is not of the plain kind
   * (or not readable as ASCII): then the caller parses it in full.
   *
   * @throws IOException when the file cannot be read at all
   */
  static List<X509Certificate> readOrNull(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
    } catch (CharacterCodingException e) {
      return null;
    }
    List<X509Certificate> certificates = new ArrayList<>();
    StringBuilder base64 = null;
    for (String raw : lines) {
      String line = raw.strip();
      if (base64 == null) {
        if (line.equals(BEGIN)) {
          base64 = new StringBuilder();
        } else if (line.startsWith("-----")) {
          return null; // another kind of block, or a damaged marker
        }
      } else if (line.equals(END)) {
        X509Certificate certificate = certificate(base64.toString());
        if (certificate == null) {
          return null;
        }
        certificates.add(certificate);
        base64 = null;
      } else if (line.startsWith("-----") || line.indexOf(':') >= 0) {
        return null; // a marker inside a block, or PEM headers
      } else {
        base64.append(line);
      }
    }
    return base64 == null && !certificates.isEmpty() ? certificates : null;
  }

  /** The one certificate {@code base64} encodes exactly, or null. */
  private static X509Certificate certificate(String base64) {
    try {
      byte[] der = Base64.getDecoder().decode(base64);
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      if (factory.generateCertificate(new ByteArrayInputStream(der))
              instanceof X509Certificate certificate
          && Arrays.equals(certificate.getEncoded(), der)) {
        return certificate;
      }
      return null;
    } catch (IllegalArgumentException | CertificateException e) {
      return null;
    }
  }
}
