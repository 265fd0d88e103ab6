package org.netlab.labs.ftp.client;

import java.io.Console;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.netlab.cli.DurationConverter;
import org.netlab.datadir.DataDirectory;
import org.netlab.tls.SslContexts;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** How to reach and log in to a server; shared by every {@code bin/ftp} command. */
public final class FtpConnectionOptions {
  /** Read when no other password source is given. */
  public static final String DEFAULT_PASSWORD_ENV = "NETLAB_FTP_PASSWORD";

  @Option(
      scope = ScopeType.INHERIT,
      names = {"-u", "--user"},
      description = "Log in as USER (default: anonymous).")
  String user;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--password-env",
      paramLabel = "VAR",
      description = {
        "Take the password from this environment variable",
        "(default: " + DEFAULT_PASSWORD_ENV + ", else a prompt without echo)."
      })
  String passwordEnv = DEFAULT_PASSWORD_ENV;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--tls",
      description = {
        "Explicit FTPS: AUTH TLS, then protected data connections",
        "(an ftps:// URL asks for it too)."
      })
  boolean tls;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--ca",
      paramLabel = "PEM",
      description = "CA certificate to trust with --tls (default: the local netlab CA).")
  Path ca;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--timeout",
      defaultValue = "30s",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Connect and read timeout (500ms, 10s, 1m; default: ${DEFAULT-VALUE}).")
  Duration timeout;

  /** Connects to the URL's server, with TLS when asked or the URL is ftps://, and logs in. */
  FtpClient connect(FtpUrl target) throws IOException {
    boolean secure = tls || target.tls();
    FtpClient client = FtpClient.connect(target.host(), target.port(), timeout);
    try {
      if (secure) {
        client.startTls(sslContext());
      }
      String name = user != null ? user : target.user();
      if (name == null || name.equals("anonymous")) {
        client.login("anonymous", "netlab@".toCharArray());
      } else {
        client.login(name, password(name));
      }
      return client;
    } catch (IOException | RuntimeException e) {
      client.close();
      throw e;
    }
  }

  SSLContext sslContext() throws IOException {
    Path file = ca != null ? ca : DataDirectory.caFile(DataDirectory.defaultPath());
    return SslContexts.forClient(file, null, null);
  }

  char[] password(String name) {
    String fromEnv = System.getenv(passwordEnv);
    if (fromEnv != null) {
      return fromEnv.toCharArray();
    }
    Console console = System.console();
    if (console == null) {
      throw new UsageException(
          "no terminal to ask the password of " + name + "; set " + passwordEnv);
    }
    char[] password = console.readPassword("Password for %s: ", name);
    if (password == null) {
      throw new UsageException("no password given");
    }
    return password;
  }

  /** A mistake in how the command was called (exit code 2). */
  static final class UsageException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
