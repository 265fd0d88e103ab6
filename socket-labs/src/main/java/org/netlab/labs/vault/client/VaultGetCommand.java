package org.netlab.labs.vault.client;

import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.cli.Terminals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bin/vault get URL [-o FILE] [-c] [--force]}. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "Download one file, through FILE.part, renamed to FILE once whole.",
      "A progress bar is drawn on standard error when it is a terminal."
    })
final class VaultGetCommand implements Callable<Integer> {
  /** How a file is fetched. */
  enum Channel {
    http,
    lab
  }

  /** Connection options are declared once, on {@code vault}, and inherited here. */
  @ParentCommand VaultCommand parent;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "URL", description = "https://host[:port]/path/file, or http://")
  String url;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to write (default: the URL's last name, here).")
  Path output;

  @Option(
      names = {"-c", "--continue"},
      description = {
        "Resume: keep the bytes of FILE.part (or FILE) and ask for the rest",
        "(Range, with If-Range and the ETag seen first); start over on 200."
      })
  boolean resume;

  @Option(names = "--force", description = "Replace FILE if it exists.")
  boolean force;

  @Option(
      names = "--channel",
      paramLabel = "CHANNEL",
      description = {
        "http (the default: HTTP/1.1, https:// or http://), or lab:",
        "the vault's encrypted lab channel, with --pin."
      })
  Channel channel = Channel.http;

  @Option(
      names = "--pin",
      paramLabel = "BASE64_KEY",
      description = "The server's public key that --channel lab trusts, and no other.")
  String pin;

  @Override
  public Integer call() throws Exception {
    VaultUrl target = VaultUrl.parse(url);
    Path local = output != null ? output : Path.of(defaultName(target));
    if (channel == Channel.lab) {
      byte[] key = pinnedKey();
      if (resume) {
        throw usage("-c resumes over HTTP only, not over --channel lab");
      }
      LabChannelFetcher lab =
          parent
              .labChannel()
              .orElseThrow(
                  () ->
                      usage(
                          "--channel lab is not available: this vault was built without the lab"
                              + " channel; use https://"));
      FileDownload.overLabChannel(lab, target, key, local, force);
      return 0;
    }
    if (pin != null) {
      throw usage("--pin goes with --channel lab");
    }
    new FileDownload(parent.connection.client(), Terminals.progressWriter())
        .download(target, local, resume, force);
    return 0;
  }

  private String defaultName(VaultUrl target) {
    String name = target.fileName();
    if (name.isEmpty()) {
      throw usage(url + " names a directory: use ls, or give -o FILE");
    }
    return name;
  }

  private byte[] pinnedKey() {
    if (pin == null) {
      throw usage("--channel lab needs --pin BASE64_KEY, the server's public key");
    }
    try {
      byte[] key = Base64.getDecoder().decode(pin.strip());
      if (key.length == 0) {
        throw usage("--pin is empty");
      }
      return key;
    } catch (IllegalArgumentException e) {
      throw usage("--pin is not Base64: " + e.getMessage());
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
