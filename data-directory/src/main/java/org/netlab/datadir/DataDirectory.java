package org.netlab.datadir;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where servers keep their state (the phonebook store, the generated CA) when no {@code --data-dir}
 * is given, and so where local clients find the CA to trust: {@code $NETLAB_DATA_DIR}, else {@code
 * $XDG_DATA_HOME/netlab}, else {@code ~/.local/share/netlab}.
 */
public final class DataDirectory {
  /** The subdirectory that holds the generated CA and server certificate. */
  public static final String TLS_SUBDIRECTORY = "tls";

  /** The generated CA certificate in {@link #TLS_SUBDIRECTORY}: what local clients trust. */
  public static final String CA_CERTIFICATE = "ca.pem";

  /**
   * The admin token a server creates on its first start, owner-only: what local clients send when
   * no token is given, to a server on this host only.
   */
  public static final String ADMIN_TOKEN = "admin.token";

  private DataDirectory() {}

  public static Path defaultPath() {
    return defaultPath(System.getenv());
  }

  /**
   * The default data directory as {@code environment} names it: for a command that is handed its
   * environment rather than reading the process's.
   */
  public static Path defaultPath(Map<String, String> environment) {
    return resolve(environment, System.getProperty("user.home"));
  }

  /** The generated CA certificate under a data directory. */
  public static Path caFile(Path dataDir) {
    return dataDir.resolve(TLS_SUBDIRECTORY).resolve(CA_CERTIFICATE);
  }

  /** The admin token file under a data directory. */
  public static Path adminTokenFile(Path dataDir) {
    return dataDir.resolve(ADMIN_TOKEN);
  }

  static Path resolve(Map<String, String> environment, String home) {
    String explicit = environment.get("NETLAB_DATA_DIR");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    String xdg = environment.get("XDG_DATA_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "netlab");
    }
    return Path.of(home, ".local", "share", "netlab");
  }
}
