package org.netlab.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which role each client certificate has, by one of its {@link CertificateNames}: a file of lines
 * {@code NAME ROLE}, with {@code #} comments and blank lines.
 *
 * <pre>
 * # name in the certificate (CN or subject alternative name)   role
 * alice                                                         writer
 * backup.example.org                                            reader
 * </pre>
 */
public final class CertificateRoles {
  /** No certificate has a role. */
  public static final CertificateRoles NONE = new CertificateRoles(Map.of());

  private final Map<String, Role> roles;

  private CertificateRoles(Map<String, Role> roles) {
    this.roles = Map.copyOf(roles);
  }

  public static CertificateRoles of(Map<String, Role> roles) {
    return new CertificateRoles(roles);
  }

  /**
   * Reads a roles file.
   *
   * @throws IOException when it cannot be read, or a line is not {@code NAME ROLE} (the message
   *     names the file and the line)
   */
  public static CertificateRoles read(Path file) throws IOException {
    Map<String, Role> roles = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] fields = line.split("\\s+");
      try {
        if (fields.length != 2) {
          throw new IllegalArgumentException("expected NAME ROLE");
        }
        if (roles.put(fields[0], Role.parse(fields[1])) != null) {
          throw new IllegalArgumentException(fields[0] + " is listed twice");
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return new CertificateRoles(roles);
  }

  /** The first of {@code names} that has a role, with that role. */
  Optional<Map.Entry<String, Role>> roleOf(List<String> names) {
    for (String name : names) {
      Role role = roles.get(name);
      if (role != null) {
        return Optional.of(Map.entry(name, role));
      }
    }
    return Optional.empty();
  }

  public int size() {
    return roles.size();
  }
}
