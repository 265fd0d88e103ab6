package org.netlab.labs.vault.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bin/vault ls URL [--long]}: the entries of a directory's index page. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
      "List a directory: the entries its index page links to, one per line,",
      "directories with a trailing /."
    })
final class VaultListCommand implements Callable<Integer> {
  /** The most an index page may take. */
  static final int MAX_PAGE_BYTES = 8 << 20;

  /** Connection options are declared once, on {@code vault}, and inherited here. */
  @ParentCommand VaultCommand parent;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "URL", description = "https://host[:port]/dir/, or http://")
  String url;

  @Option(
      names = {"-l", "--long"},
      description = "Sizes too, in bytes, where the page gives them (- where not).")
  boolean longForm;

  @Override
  public Integer call() throws IOException {
    VaultUrl target = VaultUrl.parse(url);
    List<IndexPage.Entry> entries;
    try (Response response = parent.connection.client().get(target, List.of())) {
      if (response.status() != 200) {
        throw StatusFailures.of(response);
      }
      String type = response.head().fields().first("Content-Type").orElse("");
      if (!type.toLowerCase(java.util.Locale.ROOT).startsWith("text/html")) {
        throw new IOException(
            target + " is not a directory index (Content-Type: " + type + "); use get");
      }
      byte[] page = response.body().readNBytes(MAX_PAGE_BYTES + 1);
      if (page.length > MAX_PAGE_BYTES) {
        throw new IOException("index page longer than " + MAX_PAGE_BYTES + " bytes");
      }
      entries = IndexPage.entries(response.url(), new String(page, StandardCharsets.UTF_8));
    }
    PrintWriter out = spec.commandLine().getOut();
    for (IndexPage.Entry entry : entries) {
      if (longForm) {
        String size = entry.size().isPresent() ? String.valueOf(entry.size().getAsLong()) : "-";
        out.printf("%12s  %s%n", size, entry.name());
      } else {
        out.println(entry.name());
      }
    }
    out.flush();
    return 0;
  }
}
