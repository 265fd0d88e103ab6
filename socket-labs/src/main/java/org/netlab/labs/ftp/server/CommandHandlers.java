package org.netlab.labs.ftp.server;

import java.util.Objects;

/**
 * The groups of commands one session's {@link CommandTable} dispatches to, each a class with one
 * job and the state only its commands share.
 */
record CommandHandlers(
    LoginCommands login,
    TlsNegotiation tls,
    StatusCommand status,
    TransferParameterCommands parameters,
    FileSystemCommands fileSystem,
    TransferCommands transfers) {
  CommandHandlers {
    Objects.requireNonNull(login, "login");
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(parameters, "parameters");
    Objects.requireNonNull(fileSystem, "fileSystem");
    Objects.requireNonNull(transfers, "transfers");
  }
}
