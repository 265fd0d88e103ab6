package org.netlab.rpc.client.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one line on standard error and an exit code (see {@link
 * ExitStatus}); a person never sees a stack trace. The line for a transport failure says what to do
 * about it, using the URL and CA file the command was given.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ErrorReporter.class);

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    int status;
    if (e instanceof ServiceException refused) {
      err.println("error: " + refused.getMessage());
      status = ExitStatus.REFUSED;
    } else if (e instanceof TransportException noAnswer) {
      err.println("error: " + advice(noAnswer, settingsOf(commandLine)));
      err.println("       (" + noAnswer.getMessage() + ")");
      status = ExitStatus.NO_ANSWER;
    } else if (e instanceof UncheckedIOException io) {
      err.println("error: cannot read input or write output: " + io.getCause().getMessage());
      status = ExitStatus.INTERNAL;
    } else {
      log.debug("unexpected failure", e);
      err.println("internal error: " + e + " (a defect in rpc-client; please report it)");
      status = ExitStatus.INTERNAL;
    }
    err.flush();
    return status;
  }

  /** What the person should do, by kind of failure. */
  static String advice(TransportException e, ClientSettings settings) {
    String where = settings == null ? "the server" : settings.url().toString();
    return switch (e.kind()) {
      case UNREACHABLE -> "server not reachable at " + where + " — is bin/rpc-server running?";
      case UNTRUSTED -> {
        if (settings != null && settings.url().tls() && !Files.isReadable(settings.caFile())) {
          yield "no CA certificate at "
              + settings.caFile()
              + " — start bin/rpc-server once (it creates one) or pass --ca <data-dir>/tls/ca.pem";
        }
        String ca = settings == null ? "" : " by " + settings.caFile();
        String client =
            settings != null && settings.mutualTls()
                ? ", or the server refused the client certificate given to --cert"
                : ", or give --cert and --key if the server requires a client certificate";
        yield "server certificate not trusted"
            + ca
            + " — pass --ca <data-dir>/tls/ca.pem of that server"
            + client;
      }
      case TIMEOUT -> {
        String limit = settings == null ? "" : " within " + Durations.text(settings.timeout());
        yield "no answer from "
            + where
            + limit
            + " — is it overloaded? raise --timeout to wait longer";
      }
      case PROTOCOL ->
          where
              + " did not answer in the protocol of its scheme — check the scheme of --server"
              + " (grpcs://, grpc://, https://, http://) and the port";
    };
  }

  private static ClientSettings settingsOf(CommandLine commandLine) {
    Object root = commandLine.getCommandSpec().root().userObject();
    if (root instanceof RpcClientCommand client) {
      try {
        return client.connection().settings();
      } catch (RuntimeException e) {
        return null;
      }
    }
    return null;
  }
}
