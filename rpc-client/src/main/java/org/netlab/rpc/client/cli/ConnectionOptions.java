package org.netlab.rpc.client.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.netlab.cli.DurationConverter;
import org.netlab.datadir.DataDirectory;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.ServerUrl;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The options that say how to reach the server, shared by every command. They are inherited, so
 * they may stand before or after the subcommand: {@code rpc-client --server http://h:8080/RPC2 calc
 * add 1 2} and {@code rpc-client calc add 1 2 --server http://h:8080/RPC2} are the same.
 */
public final class ConnectionOptions {
  @Spec(Spec.Target.MIXEE)
  private CommandSpec mixee;

  @Option(
      names = {"-s", "--server"},
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      converter = ServerUrlConverter.class,
      description = {
        "Server URL; the scheme picks the protocol:",
        "  grpcs://HOST[:PORT]        gRPC over TLS (port 50051)",
        "  grpc://HOST[:PORT]         gRPC without TLS",
        "  https://HOST[:PORT]/RPC2   XML-RPC over TLS (port 8443)",
        "  http://HOST[:PORT]/RPC2    XML-RPC without TLS (port 8080)",
        "Several servers, calls spread and failed over between them:",
        "  grpcs://H1:P1,H2:P2        a list (also https://H1:P1/RPC2,https://H2:P2/RPC2)",
        "  grpcs://dns:///NAME:PORT   every address of a DNS name (gRPC)",
        "Default: $" + ServerUrl.ENVIRONMENT_VARIABLE + ", else " + ServerUrl.DEFAULT + "."
      })
  private ServerUrl server;

  @Option(
      names = "--ca",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = {
        "CA certificate (PEM) to trust.",
        "Default: <data-dir>/tls/ca.pem of the local server."
      })
  private Path caFile;

  @Option(
      names = "--cert",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Client certificate chain (PEM) for mutual TLS; needs --key.")
  private Path clientCertificate;

  @Option(
      names = "--key",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = "Client private key (PKCS#8 PEM) for mutual TLS; needs --cert.")
  private Path clientKey;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      scope = ScopeType.INHERIT,
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Longest wait for one call, e.g. 500ms, 10s, 1m. Default: ${DEFAULT-VALUE}.")
  private Duration timeout;

  @Option(
      names = "--token-file",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description = {
        "File whose first line is the token to send with every call.",
        "A token is given this way or in $"
            + TokenSources.ENVIRONMENT_VARIABLE
            + ", never as an argument:",
        "ps shows arguments to every local user.",
        "Default: $"
            + TokenSources.ENVIRONMENT_VARIABLE
            + ", else, for a server on this host only,",
        "<data-dir>/admin.token of the local server."
      })
  private Path tokenFile;

  private final Map<String, String> environment;

  public ConnectionOptions(Map<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  private void requireUsable(String problem) {
    if (problem != null) {
      throw new ParameterException(mixee.commandLine(), problem);
    }
  }

  /**
   * The settings these options give.
   *
   * @throws ParameterException when {@code $RPC_SERVER} is malformed, the TLS options do not fit
   *     together, a TLS file given by option is missing or not PEM, or the token file cannot be
   *     read or the token chosen cannot travel in a header
   */
  public ClientSettings settings() {
    ServerUrl url;
    if (server != null) {
      url = server;
    } else {
      try {
        url = ServerUrl.choose(null, environment.get(ServerUrl.ENVIRONMENT_VARIABLE));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(
            mixee.commandLine(), "$" + ServerUrl.ENVIRONMENT_VARIABLE + ": " + e.getMessage());
      }
    }
    Path dataDirectory = DataDirectory.defaultPath(environment);
    Path ca = caFile != null ? caFile : DataDirectory.caFile(dataDirectory);
    if ((clientCertificate == null) != (clientKey == null)) {
      throw new ParameterException(
          mixee.commandLine(),
          "--cert and --key go together: give both for mutual TLS, or neither");
    }
    if (url.tls()) {
      requireUsable(caFile == null ? null : PemFileCheck.certificates("--ca", caFile));
      if (clientCertificate != null) {
        requireUsable(PemFileCheck.certificates("--cert", clientCertificate));
        requireUsable(PemFileCheck.privateKey("--key", clientKey));
      }
    }
    ClientSettings settings;
    try {
      settings = new ClientSettings(url, ca, clientCertificate, clientKey, timeout, null);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
    return withToken(settings, DataDirectory.adminTokenFile(dataDirectory));
  }

  private ClientSettings withToken(ClientSettings settings, Path localAdminToken) {
    Optional<TokenSources.Found> token;
    try {
      token = new TokenSources(environment, localAdminToken).choose(tokenFile, settings.url());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
    if (token.isEmpty()) {
      return settings;
    }
    try {
      return settings.withToken(token.get().token());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          mixee.commandLine(), token.get().source() + ": " + e.getMessage());
    }
  }
}
