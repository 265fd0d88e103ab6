package org.netlab.labs.totp;

import java.nio.file.Path;
import org.netlab.datadir.DataDirectory;

/** Where the check-in server and {@code enroll} keep their files unless told otherwise. */
final class TotpFiles {
  static final String DESCRIPTION = "<data-dir>/totp/";

  private TotpFiles() {}

  static Path defaultSecrets() {
    return DataDirectory.defaultPath().resolve("totp").resolve("secrets");
  }

  static Path defaultLog() {
    return DataDirectory.defaultPath().resolve("totp").resolve("checkins.log");
  }
}
