package org.netlab.rpc.server.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.netlab.access.AccessPolicy;
import org.netlab.access.AccessSettings;
import org.netlab.access.AnonymousAccess;
import org.netlab.access.CertificateRoles;
import org.netlab.access.RateLimit;
import org.netlab.phonebook.store.JdbcStore;
import org.netlab.rpc.server.access.ServerAccess;
import picocli.CommandLine.Option;

/** How the server checks its callers: {@code --auth}, {@code --anonymous}, the rate limit. */
final class AccessOptions {
  /** Whether callers are checked. */
  enum AuthMode {
    on,
    none
  }

  @Option(
      names = "--auth",
      paramLabel = "MODE",
      description = {
        "on: callers show a token or a client certificate (default);",
        "none: nobody is checked and anyone may erase the phonebook."
      })
  AuthMode auth = AuthMode.on;

  @Option(
      names = "--anonymous",
      paramLabel = "ACCESS",
      converter = AnonymousAccessConverter.class,
      description = {
        "What callers without identity may do: calculator (the calculator and",
        "the method list, the default) or none."
      })
  AnonymousAccess anonymous = AnonymousAccess.CALCULATOR;

  @Option(
      names = "--rate-limit",
      paramLabel = "CALLS/PERIOD",
      converter = RateLimitConverter.class,
      description = {
        "Calls each identity may make (each address for anonymous callers;",
        "admins are not limited), e.g. 1000/1s, 20/1m, or off (default: 1000/1s)."
      })
  RateLimit rateLimit = AccessSettings.DEFAULT_PER_CALLER;

  @Option(
      names = "--client-roles",
      paramLabel = "FILE",
      description = {
        "Roles of client certificates (needs --client-ca): lines NAME ROLE,",
        "NAME a certificate's CN or subject alternative name, ROLE reader,",
        "writer or admin. A certificate not listed may do nothing."
      })
  Path clientRoles;

  boolean checking() {
    return auth == AuthMode.on;
  }

  /**
   * The access checks these options ask for, over the store's tokens and audit trail.
   *
   * @throws IOException when the roles file cannot be read or has a bad line
   */
  ServerAccess access(JdbcStore store) throws IOException {
    if (!checking()) {
      return ServerAccess.unchecked(store.tokens(), store.audit());
    }
    CertificateRoles roles =
        clientRoles == null ? CertificateRoles.NONE : CertificateRoles.read(clientRoles);
    AccessSettings settings =
        AccessSettings.defaults()
            .withPolicy(new AccessPolicy(anonymous))
            .withPerCaller(rateLimit)
            .withCertificateRoles(roles);
    return ServerAccess.checking(settings, store.tokens(), store.audit());
  }

  /** Reads {@code calculator} or {@code none}. */
  static final class AnonymousAccessConverter
      implements picocli.CommandLine.ITypeConverter<AnonymousAccess> {
    @Override
    public AnonymousAccess convert(String value) {
      return AnonymousAccess.parse(value);
    }
  }

  /** Reads {@code CALLS/PERIOD} or {@code off}. */
  static final class RateLimitConverter implements picocli.CommandLine.ITypeConverter<RateLimit> {
    @Override
    public RateLimit convert(String value) {
      return RateLimit.parse(value);
    }
  }
}
