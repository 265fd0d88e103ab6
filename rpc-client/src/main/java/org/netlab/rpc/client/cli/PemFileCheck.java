package org.netlab.rpc.client.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the TLS files a person named before any connection is made, so that a wrong file is a
 * usage error naming the option and the file, not a failure deep in a TLS library.
 */
final class PemFileCheck {
  private static final Pattern PRIVATE_KEY =
      Pattern.compile(
          "-----BEGIN PRIVATE KEY-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END PRIVATE KEY-----");
  private static final long MAX_SIZE = 1 << 20;

  private PemFileCheck() {}

  /**
   * The reason {@code file}, given to {@code option}, holds no PEM certificate, or null when it
   * does.
   */
  static String certificates(String option, Path file) {
    String text;
    try {
      text = read(file);
    } catch (IOException e) {
      return cannotRead(option, file, e);
    }
    if (!text.contains("-----BEGIN CERTIFICATE-----")) {
      return option + " " + file + " is not a PEM certificate (no BEGIN CERTIFICATE line)";
    }
    try {
      CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
      return null;
    } catch (CertificateException e) {
      return option + " " + file + " holds a certificate that cannot be read";
    }
  }

  /** The reason {@code file} holds no PKCS#8 PEM private key, or null when it does. */
  static String privateKey(String option, Path file) {
    String text;
    try {
      text = read(file);
    } catch (IOException e) {
      return cannotRead(option, file, e);
    }
    if (text.contains("-----BEGIN RSA PRIVATE KEY-----")
        || text.contains("-----BEGIN EC PRIVATE KEY-----")) {
      return option
          + " "
          + file
          + " is not PKCS#8; convert it: openssl pkcs8 -topk8 -nocrypt -in OLD -out NEW";
    }
    if (text.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")) {
      return option + " " + file + " is encrypted; give the key without a passphrase";
    }
    Matcher key = PRIVATE_KEY.matcher(text);
    if (!key.find()) {
      return option + " " + file + " is not a PEM private key (no BEGIN PRIVATE KEY line)";
    }
    try {
      Base64.getMimeDecoder().decode(key.group(1));
      return null;
    } catch (IllegalArgumentException e) {
      return option + " " + file + " holds a private key that cannot be read";
    }
  }

  private static String read(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException("is a directory");
    }
    if (Files.size(file) > MAX_SIZE) {
      throw new IOException("is larger than 1 MiB");
    }
    return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
  }

  private static String cannotRead(String option, Path file, IOException e) {
    if (e instanceof NoSuchFileException) {
      return option + " " + file + ": no such file";
    }
    return option + " " + file + ": cannot read it (" + e.getMessage() + ")";
  }
}
