package org.netlab.labs.pay;

import java.io.IOException;
import java.nio.file.Path;
import org.netlab.datadir.DataDirectory;
import org.netlab.datadir.OwnerOnlyFiles;
import picocli.CommandLine.Option;

/**
 * Where the central server keeps its CA and its ledger: shared by the server and its admin
 * commands.
 */
public final class LedgerOptions {
  /** The ledger under the data directory when no {@code --ledger} is given. */
  public static final String DEFAULT_LEDGER = "pay/ledger.db";

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = {
        "Where the CA and the default ledger live",
        "(default: $NETLAB_DATA_DIR or ~/.local/share/netlab)."
      })
  Path dataDir;

  @Option(
      names = "--ledger",
      paramLabel = "JDBC_URL",
      description = {
        "The ledger's database: jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB?user=U",
        "(default: SQLite in DATA_DIR/" + DEFAULT_LEDGER + ")."
      })
  String ledgerUrl;

  public Path dataDirectory() {
    return dataDir != null ? dataDir : DataDirectory.defaultPath();
  }

  /**
   * The ledger's JDBC URL; the default SQLite file's directory is created, owner-only.
   *
   * @throws IllegalArgumentException for a {@code --ledger} that is not a JDBC URL
   */
  public String ledgerUrl() throws IOException {
    if (ledgerUrl != null) {
      if (!ledgerUrl.startsWith("jdbc:")) {
        throw new IllegalArgumentException(
            "--ledger takes a JDBC URL such as jdbc:sqlite:ledger.db");
      }
      return ledgerUrl;
    }
    Path file = dataDirectory().resolve(DEFAULT_LEDGER);
    OwnerOnlyFiles.createDirectories(file.getParent());
    return "jdbc:sqlite:" + file;
  }
}
