package org.netlab.rpc.server.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.netlab.access.AnonymousAccess;
import org.slf4j.Logger;

/** The start-up lines that say who may call the server, loud when nobody is checked. */
final class AccessBanner {
  private AccessBanner() {}

  static void print(
      Logger log, AccessOptions access, Optional<Path> createdAdminToken, Path adminTokenFile) {
    if (!access.checking()) {
      log.warn("  ACCESS CONTROL IS OFF (--auth none): anyone who can reach this server may read,");
      log.warn("  change and erase the whole phonebook. Use it on a trusted host only.");
      return;
    }
    log.info(
        "  callers   a token or a client certificate; without one: {}; rate limit {} per caller",
        access.anonymous == AnonymousAccess.CALCULATOR ? "the calculator only" : "nothing",
        access.rateLimit);
    if (createdAdminToken.isPresent()) {
      log.info(
          "  admin     token created in {} (owner-only; rpc-client on this host sends it)",
          createdAdminToken.get().toAbsolutePath());
    } else if (Files.isReadable(adminTokenFile)) {
      log.info("  admin     token in {}", adminTokenFile.toAbsolutePath());
    } else {
      log.info("  admin     tokens exist; 'rpc-server token create NAME --role admin' makes one");
    }
  }
}
