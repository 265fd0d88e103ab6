package org.netlab.rpc.client.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.netlab.cli.DurationConverter;
import org.netlab.cli.ExitCodes;
import org.netlab.cli.VersionProvider;
import org.netlab.rpc.client.TokenAdmin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code token create|list|revoke}: a server's tokens, managed remotely; the caller's own token
 * must be an admin's (a local server's admin token is sent by default).
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Creates, lists and revokes the server's tokens (admins only). A token is shown",
      "once, when created; the server keeps only its hash."
    },
    subcommands = {TokenCommand.Create.class, TokenCommand.List.class, TokenCommand.Revoke.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  rpc-client token create alice --role writer --expires-in 90d > alice.token",
      "  RPC_TOKEN=$(cat alice.token) rpc-client phonebook add Bob 555-0100",
      "  rpc-client token list",
      "  rpc-client token revoke alice"
    })
final class TokenCommand {
  @ParentCommand private RpcClientCommand root;

  TokenAdmin open() {
    return TokenAdmin.open(root.connection().settings());
  }

  /** {@code token create NAME --role ROLE [--expires-in DURATION]}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Creates a token and prints it alone on standard output, this once; what it is",
        "goes to standard error."
      })
  static final class Create implements Callable<Integer> {
    @ParentCommand private TokenCommand token;

    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Who it is for: 1 to 64 of A-Z a-z 0-9 . _ @ -")
    private String name;

    @Option(
        names = "--role",
        required = true,
        paramLabel = "ROLE",
        description = "reader, writer or admin.")
    private String role;

    @Option(
        names = "--expires-in",
        paramLabel = "DURATION",
        converter = DurationConverter.class,
        description = "How long it works, e.g. 12h, 90d (default: until revoked).")
    private Duration lifetime;

    @Override
    public Integer call() {
      TokenAdmin.IssuedToken issued;
      try (TokenAdmin tokens = token.open()) {
        issued = tokens.create(name, role, lifetime);
      }
      spec.commandLine().getOut().println(issued.token());
      spec.commandLine().getOut().flush();
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "created token '"
              + issued.info().name()
              + "' ("
              + issued.info().role()
              + (issued.info().expires() == null ? "" : ", expires " + issued.info().expires())
              + "); it is shown this once");
      err.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code token list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Lists the tokens: name, role, created, expires.")
  static final class List implements Callable<Integer> {
    @ParentCommand private TokenCommand token;

    @Spec private CommandSpec spec;

    @Override
    public Integer call() {
      java.util.List<TokenAdmin.TokenInfo> tokens;
      try (TokenAdmin admin = token.open()) {
        tokens = admin.list();
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf("%-24s %-7s %-20s %s%n", "NAME", "ROLE", "CREATED", "EXPIRES");
      Instant now = Instant.now();
      for (TokenAdmin.TokenInfo info : tokens) {
        out.printf(
            "%-24s %-7s %-20s %s%n",
            info.name(),
            info.role(),
            info.created(),
            info.expires() == null
                ? "never"
                : info.expires() + (now.isBefore(info.expires()) ? "" : " (expired)"));
      }
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** {@code token revoke NAME}. */
  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = "Deletes a token: the server refuses it from its next call.")
  static final class Revoke implements Callable<Integer> {
    @ParentCommand private TokenCommand token;

    @Spec private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The token's name.")
    private String name;

    @Override
    public Integer call() {
      try (TokenAdmin admin = token.open()) {
        admin.revoke(name);
      }
      spec.commandLine().getErr().println("revoked token '" + name + "'");
      spec.commandLine().getErr().flush();
      return ExitCodes.OK;
    }
  }
}
