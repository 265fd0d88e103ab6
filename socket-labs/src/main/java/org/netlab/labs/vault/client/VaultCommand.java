package org.netlab.labs.vault.client;

import java.util.Optional;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.cli.LabCommandLine;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bin/vault}: {@code get} and {@code ls} on a vault server's http:// and https:// URLs, over
 * HTTP/1.1 written by hand. The vault's refusals (403, 400, 404) are exit code 1, a server that
 * cannot be reached, trusted or understood 3.
 */
@Command(
    name = "vault",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Vault client: download files (get) and list directories (ls) over HTTP/1.1.",
      "URLs are https://HOST[:PORT]/PATH, or http:// for a --plaintext server;",
      "the port is " + VaultUrl.DEFAULT_PORT + " unless given, as for vault-server."
    },
    subcommands = {VaultGetCommand.class, VaultListCommand.class})
public final class VaultCommand implements Runnable {
  @Mixin VaultConnectionOptions connection;

  @Spec CommandSpec spec;

  private final LabChannelFetcher labChannel;

  /**
   * @param labChannel what {@code get --channel lab} calls, or null where the lab channel is not
   *     built in (then the option is refused)
   */
  public VaultCommand(LabChannelFetcher labChannel) {
    this.labChannel = labChannel;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** {@code bin/vault} as a person runs it, with the lab channel behind {@code --channel lab}. */
  public static CommandLine commandLine() {
    return commandLine(new LabChannelDownload());
  }

  /** {@code bin/vault} with {@code labChannel} behind {@code --channel lab} (null for none). */
  public static CommandLine commandLine(LabChannelFetcher labChannel) {
    return LabCommandLine.of(new VaultCommand(labChannel), LabCommandLine.Side.CLIENT);
  }

  /** The lab channel, when this build has one. */
  Optional<LabChannelFetcher> labChannel() {
    return Optional.ofNullable(labChannel);
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: get or ls");
  }
}
