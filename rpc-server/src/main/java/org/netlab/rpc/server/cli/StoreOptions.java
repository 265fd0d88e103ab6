package org.netlab.rpc.server.cli;

import java.nio.file.Path;
import org.netlab.datadir.DataDirectory;
import org.netlab.phonebook.store.CommitListener;
import org.netlab.phonebook.store.JdbcStore;
import picocli.CommandLine.Option;

/**
 * Where the server keeps its state: the data directory (TLS files, the admin token, the embedded
 * store) and the store's database. Shared by the server and by the commands that work on its store
 * offline ({@code token}, {@code audit}).
 */
final class StoreOptions {
  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = {
        "Where the store, the admin token and generated TLS files live",
        "(default: ${DEFAULT-VALUE})."
      })
  Path dataDir = DataDirectory.defaultPath();

  @Option(
      names = "--store",
      paramLabel = "JDBC_URL",
      description = {
        "The store (default: SQLite in DIR/phonebook.db), for example",
        "jdbc:postgresql://db/netlab?user=u&password=p"
      })
  String storeUrl;

  @Option(
      names = "--store-pool",
      paramLabel = "N",
      description = {
        "Connections to a PostgreSQL store at most, one of them the writer's",
        "(default: ${DEFAULT-VALUE}; servers x N must stay below the database's max_connections)."
      })
  int poolSize = JdbcStore.DEFAULT_POOL_SIZE;

  Path dataDir() {
    return dataDir;
  }

  /** The store, or a one-line reason why it cannot be opened. */
  JdbcStore open() {
    return open(CommitListener.NONE);
  }

  /** The store, telling {@code commits} of its writes, or a one-line reason why it cannot open. */
  JdbcStore open(CommitListener commits) {
    try {
      return storeUrl == null
          ? JdbcStore.openEmbedded(dataDir, commits)
          : JdbcStore.open(storeUrl, commits, poolSize);
    } catch (RuntimeException e) {
      // The store's own message names it, with any password masked.
      String what = e.getMessage() == null ? "cannot open the store" : e.getMessage();
      throw new CannotServe(
          what + ": " + StoreFailures.reason(e.getCause() == null ? e : e.getCause()), e);
    }
  }
}
