package org.netlab.rpc.server.cli;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

/**
 * Why a phonebook store could not be opened, in words an operator can act on: the host is unknown,
 * nothing listens there, the login was refused, the database does not exist. Read from the failure
 * chain the JDBC driver gives (standard SQLSTATE classes, not driver classes), so it holds for any
 * driver that sets them.
 */
final class StoreFailures {
  private StoreFailures() {}

  static String reason(Throwable failure) {
    UnknownHostException unknown = find(failure, UnknownHostException.class);
    if (unknown != null) {
      return "unknown host " + unknown.getMessage();
    }
    ConnectException refused = find(failure, ConnectException.class);
    if (refused != null || find(failure, NoRouteToHostException.class) != null) {
      return "connection refused; is the database server running and listening there?";
    }
    if (find(failure, SocketTimeoutException.class) != null) {
      return "the database server did not answer in time";
    }
    SQLException sql = find(failure, SQLException.class);
    if (sql != null && sql.getSQLState() != null) {
      String state = sql.getSQLState();
      String said = serverMessage(sql);
      // SQLSTATE class 28: invalid authorization; 3D000: invalid catalog (database) name.
      if (state.startsWith("28")) {
        return "authentication failed: " + said;
      }
      if (state.equals("3D000")) {
        return said;
      }
      if (state.startsWith("08")) {
        return "cannot connect: " + said;
      }
      return said;
    }
    return rootMessage(failure);
  }

  /** The driver's first line, without PostgreSQL's severity prefix. */
  private static String serverMessage(SQLException sql) {
    String message = String.valueOf(sql.getMessage()).lines().findFirst().orElse("").strip();
    for (String severity : new String[] {"FATAL: ", "ERROR: "}) {
      if (message.startsWith(severity)) {
        return message.substring(severity.length());
      }
    }
    return message;
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String rootMessage(Throwable failure) {
    Throwable root = failure;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
