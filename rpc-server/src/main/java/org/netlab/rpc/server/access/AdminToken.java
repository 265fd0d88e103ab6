package org.netlab.rpc.server.access;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import org.netlab.access.Role;
import org.netlab.access.TokenAdministration;
import org.netlab.datadir.DataDirectory;
import org.netlab.datadir.OwnerOnlyFiles;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;

/**
 * The admin token a server makes on its first start, so that the two-command start stays secure and
 * still needs no flag: written owner-only to {@code DIR/admin.token}, where the local client finds
 * it as it finds the CA.
 */
public final class AdminToken {
  /** The name the first admin token gets. */
  public static final String NAME = "admin";

  private AdminToken() {}

  /**
   * Makes the admin token when the store has no token yet.
   *
   * @return the file written, or empty when the store had tokens (or another server sharing the
   *     store made the first one at the same moment)
   * @throws IOException when the file cannot be written; the token is revoked again then
   */
  public static Optional<Path> createIfFirstStart(TokenAdministration tokens, Path dataDir)
      throws IOException {
    if (!tokens.list().isEmpty()) {
      return Optional.empty();
    }
    TokenAdministration.IssuedToken issued;
    try {
      issued = tokens.create(NAME, Role.ADMIN, null);
    } catch (ServiceException e) {
      if (e.code() == ErrorCode.ALREADY_EXISTS) {
        return Optional.empty();
      }
      throw e;
    }
    Path file = DataDirectory.adminTokenFile(dataDir);
    try {
      OwnerOnlyFiles.createDirectories(dataDir);
      OwnerOnlyFiles.writeAtomically(
          file, (issued.token() + "\n").getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      tokens.revoke(NAME);
      throw new IOException("cannot write the admin token to " + file + ": " + e.getMessage(), e);
    }
    return Optional.of(file);
  }
}
