package org.netlab.labs.pay.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.netlab.cli.DurationConverter;
import org.netlab.datadir.DataDirectory;
import org.netlab.labs.cli.RefusedException;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import org.netlab.labs.pay.UserNames;
import org.netlab.tls.SslContexts;
import picocli.CommandLine.Option;

/**
 * What every {@code pay} command shares: the central server, where identities are kept, which one
 * to act as, the CA to trust.
 */
public final class PeerOptions {
  /** Identities under the data directory: one directory per user name. */
  public static final String IDENTITIES = "pay/users";

  @Option(
      names = "--server",
      defaultValue = "127.0.0.1:" + PayProtocol.DEFAULT_PORT,
      paramLabel = "HOST:PORT",
      description = "The central server (default: ${DEFAULT-VALUE}).")
  String server;

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "Act as this registered user (default: the only one registered here).")
  String user;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = {
        "Where identities and the CA are kept",
        "(default: $NETLAB_DATA_DIR or ~/.local/share/netlab)."
      })
  Path dataDir;

  @Option(
      names = "--ca",
      paramLabel = "PEM",
      description = "The CA to trust (default: DATA_DIR/tls/ca.pem, the local server's).")
  Path ca;

  @Option(
      names = "--timeout",
      defaultValue = "10s",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description = "Connecting, and each reply of the server (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  InetSocketAddress serverAddress() {
    int colon = server.lastIndexOf(':');
    String host = colon < 0 ? server : server.substring(0, colon);
    String port =
        colon < 0 ? String.valueOf(PayProtocol.DEFAULT_PORT) : server.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (host.isEmpty() || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) > 65_535) {
      throw new IllegalArgumentException("--server takes HOST:PORT, found " + server);
    }
    return new InetSocketAddress(host, Integer.parseInt(port));
  }

  Path caFile() {
    return ca != null ? ca : DataDirectory.caFile(dataDirectory());
  }

  Path dataDirectory() {
    return dataDir != null ? dataDir : DataDirectory.defaultPath();
  }

  Path identityDirectory(String name) {
    return dataDirectory().resolve(IDENTITIES).resolve(UserNames.check(name));
  }

  /** The identity named by {@code --user}, or the only one kept here. */
  PeerIdentity identity() throws IOException {
    if (user != null) {
      return PeerIdentity.load(identityDirectory(user));
    }
    Path directory = dataDirectory().resolve(IDENTITIES);
    List<Path> names;
    try (Stream<Path> entries =
        Files.isDirectory(directory) ? Files.list(directory) : Stream.empty()) {
      names = entries.filter(Files::isDirectory).sorted().toList();
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(
          "no user is registered in " + dataDirectory() + ": run 'pay register NAME' first");
    }
    if (names.size() > 1) {
      throw new IllegalArgumentException(
          "several users are registered here ("
              + String.join(", ", names.stream().map(p -> p.getFileName().toString()).toList())
              + "): choose one with --user NAME");
    }
    return PeerIdentity.load(names.get(0));
  }

  /** A context that trusts the CA only: for registering, before there is a certificate. */
  SSLContext anonymousTls() throws IOException {
    return SslContexts.forClient(caFile(), null, null);
  }

  /**
   * Sends one request to the central server as the chosen user, on a connection of its own.
   *
   * @throws IOException as {@link #expectSuccess} does, unless the reply is a success
   */
  PayReply ask(String request) throws IOException {
    PeerIdentity me = identity();
    try (PayClient client = connect(me.tls(caFile()))) {
      return expectSuccess(client.call(request));
    }
  }

  PayClient connect(SSLContext tls) throws IOException {
    return PayClient.connect(serverAddress(), tls, timeout);
  }

  /** Fails with the reply unless it is a success: exit code 1 for a refusal, 3 for "try later". */
  static PayReply expectSuccess(PayReply reply) throws IOException {
    if (reply.status().isSuccess()) {
      return reply;
    }
    if (reply.status().isTransient()) {
      throw new IOException("the server says: " + reply);
    }
    throw new RefusedException(reply.toString());
  }
}
