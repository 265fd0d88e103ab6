package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import org.netlab.labs.cli.InvalidFileException;

/**
 * The client certificates allowed under mutual TLS: by subject common name, or by the SHA-256
 * fingerprint of the whole certificate (which names one certificate, not whoever the CA may call by
 * that name). The file has one entry a line: 64 hex digits (colons between pairs allowed) for a
 * fingerprint, anything else for a common name; blank lines and {@code #} comments are skipped.
 */
public record ClientCertificates(Set<String> commonNames, Set<String> fingerprints) {
  public ClientCertificates {
    commonNames = Set.copyOf(commonNames);
    fingerprints = Set.copyOf(fingerprints);
  }

  /**
   * Reads an allow-list file.
   *
   * @throws InvalidFileException when the file lists nothing (a typo would otherwise refuse all)
   */
  public static ClientCertificates read(Path file) throws IOException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidFileException(file + ": no such file", e);
    }
    Set<String> names = new HashSet<>();
    Set<String> fingerprints = new HashSet<>();
    for (String line : lines) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      String hex = entry.replace(":", "").toLowerCase(Locale.ROOT);
      if (hex.matches("[0-9a-f]{64}")) {
        fingerprints.add(hex);
      } else {
        names.add(entry);
      }
    }
    if (names.isEmpty() && fingerprints.isEmpty()) {
      throw new InvalidFileException(file + ": lists no common name and no fingerprint");
    }
    return new ClientCertificates(names, fingerprints);
  }

  /** Whether {@code certificate} (a client's leaf, already verified by TLS) is allowed. */
  public boolean allows(X509Certificate certificate) {
    if (fingerprints.contains(fingerprint(certificate))) {
      return true;
    }
    String name = commonName(certificate);
    return name != null && commonNames.contains(name);
  }

  /** Lower-case hex SHA-256 of the certificate's DER encoding. */
  public static String fingerprint(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }

  /**
   * The subject's one common name, or null when it has none or several (which one would be meant is
   * then unclear: such a certificate is allowed only by fingerprint).
   */
  public static String commonName(X509Certificate certificate) {
    List<String> names = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String value) {
          names.add(value);
        }
      }
    } catch (InvalidNameException e) {
      return null;
    }
    return names.size() == 1 ? names.get(0) : null;
  }
}
