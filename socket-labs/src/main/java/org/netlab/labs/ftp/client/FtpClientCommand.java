package org.netlab.labs.ftp.client;

import java.io.IOException;
import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.cli.LabCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code bin/ftp}: one-shot {@code get}, {@code put} and {@code ls} on ftp:// and ftps:// URLs for
 * scripts, or an interactive shell. A negative reply from the server is exit code 1, a server that
 * cannot be reached or does not answer in time 3.
 */
@Command(
    name = "ftp",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "FTP client: an interactive shell, or one-shot get, put and ls.",
      "URLs are ftp://[USER@]HOST[:PORT]/PATH, or ftps:// for explicit FTPS;",
      "the port is 2121 unless given, as for ftpd."
    },
    subcommands = {GetCommand.class, PutCommand.class, ListCommand.class})
public final class FtpClientCommand implements Callable<Integer> {
  @Mixin FtpConnectionOptions connection;

  @Parameters(
      arity = "0..1",
      paramLabel = "URL",
      description = "Server to open in the shell, e.g. ftp://localhost:2121/")
  String url;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** {@code bin/ftp} as a person runs it. */
  public static CommandLine commandLine() {
    return LabCommandLine.of(new FtpClientCommand(), LabCommandLine.Side.CLIENT);
  }

  /** Starts the interactive shell. */
  @Override
  public Integer call() throws IOException {
    FtpUrl target = url == null ? null : FtpUrl.parse(url);
    try (FtpShell shell = new FtpShell(connection)) {
      return shell.run(target);
    }
  }
}
