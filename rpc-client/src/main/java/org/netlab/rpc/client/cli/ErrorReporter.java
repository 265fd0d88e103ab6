package org.netlab.rpc.client.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;
import org.netlab.cli.Durations;
import org.netlab.cli.ExitCodes;
import org.netlab.datadir.DataDirectory;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.ServerUrl;
import org.netlab.rpc.client.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns what a command throws into one line on standard error and an exit code (see {@link
 * ExitCodes}); a person never sees a stack trace. A refusal is the service's own message, after its
 * kind when it concerns the caller rather than the call. A call that got no usable answer is
 * diagnosed by what its port really speaks (another protocol, TLS or not, a wrong path); when the
 * port speaks what the URL says, the line says what to do by kind of failure, with the transport's
 * reason on a second line.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(ErrorReporter.class);

  /** How a caller proves who it is; the same sources as {@link TokenSources}. */
  static final String TOKEN_HINT =
      "give a token with "
          + TokenSources.ENVIRONMENT_VARIABLE
          + " or --token-file; a local server's admin token is <data-dir>/"
          + DataDirectory.ADMIN_TOKEN;

  @Override
  public int handleExecutionException(Exception e, CommandLine commandLine, ParseResult parsed) {
    PrintWriter err = commandLine.getErr();
    int status;
    if (e instanceof ServiceException refused) {
      err.println("error: " + refusal(refused));
      status = ExitCodes.REFUSED;
    } else if (e instanceof TransportException noAnswer) {
      ClientSettings settings = settingsOf(commandLine);
      Optional<String> diagnosis = diagnose(settings);
      if (diagnosis.isPresent()) {
        err.println("error: " + diagnosis.get());
      } else {
        err.println("error: " + advice(noAnswer, settings));
        err.println("       (" + noAnswer.getMessage() + ")");
      }
      status = ExitCodes.NO_ANSWER;
    } else if (e instanceof InterruptedException) {
      err.println("interrupted");
      status = ExitCodes.INTERRUPTED;
    } else if (e instanceof UncheckedIOException io) {
      err.println("error: cannot read input or write output: " + io.getCause().getMessage());
      status = ExitCodes.INTERNAL;
    } else {
      log.debug("unexpected failure", e);
      err.println("internal error: " + e + " (a defect in rpc-client; please report it)");
      status = ExitCodes.INTERNAL;
    }
    err.flush();
    return status;
  }

  /**
   * A refusal in one line: the service's message, after what kind of refusal it is when it is about
   * the caller rather than the call, and for a caller not known, how to become one.
   */
  static String refusal(ServiceException refused) {
    String message = refused.getMessage();
    return switch (refused.code()) {
      case UNAUTHENTICATED -> "not authenticated: " + message + " — " + TOKEN_HINT;
      case PERMISSION_DENIED -> "permission denied: " + message;
      case RESOURCE_EXHAUSTED -> "rate limited: " + message;
      case INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, UNAVAILABLE, INTERNAL -> message;
    };
  }

  /**
   * What the port of the URL really speaks, when that is not what the URL says: the likeliest
   * reason a call there got no usable answer, whatever exception the transport made of it.
   */
  private static Optional<String> diagnose(ClientSettings settings) {
    if (settings == null || (settings.url().tls() && !Files.isReadable(settings.caFile()))) {
      return Optional.empty();
    }
    ServerUrl url = settings.url();
    String path = url.protocol() == ServerUrl.Protocol.XML_RPC ? url.path() : "/";
    return Diagnosis.of(url, PortProbe.probe(url.host(), url.port(), path, settings.timeout()));
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
