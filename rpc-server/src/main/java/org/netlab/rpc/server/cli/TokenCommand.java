package org.netlab.rpc.server.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.netlab.access.CallAudit;
import org.netlab.access.Role;
import org.netlab.access.TokenAdministration;
import org.netlab.access.TokenRecord;
import org.netlab.cli.DurationConverter;
import org.netlab.domain.ServiceException;
import org.netlab.phonebook.store.JdbcStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code rpc-server token create|list|revoke}: manages tokens in a server's store directly, whether
 * the server runs or not (it notices within a second). Every change is audited.
 */
@Command(
    name = "token",
    description = "Creates, lists and revokes tokens in the store (the server may be running).",
    mixinStandardHelpOptions = true,
    subcommands = {TokenCommand.Create.class, TokenCommand.List.class, TokenCommand.Revoke.class})
final class TokenCommand {
  private TokenCommand() {}

  private static TokenAdministration administration(JdbcStore store) {
    return new TokenAdministration(store.tokens(), Clock.systemUTC(), () -> {});
  }

  /** {@code token create NAME --role ROLE [--expires-in DURATION]}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates a token and prints it on standard output, once: it is not kept,",
        "only its hash is. Give it to the caller as RPC_TOKEN or a --token-file."
      })
  static final class Create implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "Who the token is for (unique).")
    String name;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        converter = RoleConverter.class,
        description = "reader, writer or admin.")
    Role role;

    @Option(
        names = "--expires-in",
        paramLabel = "DURATION",
        converter = DurationConverter.class,
        description = "Lifetime, e.g. 90d, 12h (default: until revoked).")
    Duration lifetime;

    @Mixin StoreOptions storeOptions;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (JdbcStore store = OfflineStore.open(storeOptions)) {
        TokenAdministration.IssuedToken issued;
        try {
          issued = administration(store).create(name, role, lifetime);
        } catch (ServiceException refused) {
          OfflineStore.audit(store, "token create", name, refused.code().name());
          throw refused;
        }
        OfflineStore.audit(store, "token create", name, CallAudit.OK);
        spec.commandLine().getOut().println(issued.token());
        PrintWriter err = spec.commandLine().getErr();
        err.println(
            "created token '"
                + name
                + "' ("
                + role.label()
                + (issued.record().expires() == null
                    ? ""
                    : ", expires " + issued.record().expires())
                + "); it is shown this once");
        err.flush();
      }
      return 0;
    }
  }

  /** {@code token list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Lists the tokens: name, role, created, expires. Tokens are never shown.")
  static final class List implements Callable<Integer> {
    @Mixin StoreOptions storeOptions;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (JdbcStore store = OfflineStore.open(storeOptions)) {
        java.util.List<TokenRecord> tokens = administration(store).list();
        OfflineStore.audit(store, "token list", "", CallAudit.OK);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-24s %-7s %-20s %s%n", "NAME", "ROLE", "CREATED", "EXPIRES");
        Instant now = Instant.now();
        for (TokenRecord token : tokens) {
          out.printf(
              "%-24s %-7s %-20s %s%n",
              token.name(),
              token.role().label(),
              token.created(),
              token.expires() == null
                  ? "never"
                  : token.expires() + (token.expiredAt(now) ? " (expired)" : ""));
        }
        out.flush();
      }
      return 0;
    }
  }

  /** {@code token revoke NAME}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Deletes a token; a running server refuses it within a second.")
  static final class Revoke implements Callable<Integer> {
    @Parameters(paramLabel = "NAME", description = "The token's name.")
    String name;

    @Mixin StoreOptions storeOptions;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (JdbcStore store = OfflineStore.open(storeOptions)) {
        try {
          administration(store).revoke(name);
        } catch (ServiceException refused) {
          OfflineStore.audit(store, "token revoke", name, refused.code().name());
          throw refused;
        }
        OfflineStore.audit(store, "token revoke", name, CallAudit.OK);
        spec.commandLine().getErr().println("revoked token '" + name + "'");
      }
      return 0;
    }
  }

  /** Reads a role name. */
  static final class RoleConverter implements picocli.CommandLine.ITypeConverter<Role> {
    @Override
    public Role convert(String value) {
      return Role.parse(value);
    }
  }
}
