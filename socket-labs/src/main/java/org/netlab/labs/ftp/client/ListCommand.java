package org.netlab.labs.ftp.client;

import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code bin/ftp ls ftp://host:port/dir/}. */
@Command(
    name = "ls",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "List a directory.")
final class ListCommand implements Callable<Integer> {
  /** Connection options are declared once, on {@code ftp}, and inherited here. */
  @ParentCommand FtpClientCommand parent;

  @Parameters(paramLabel = "URL", description = "ftp[s]://host[:port]/dir/")
  String url;

  @Option(
      names = {"-1", "--names"},
      description = "Names only (NLST).")
  boolean namesOnly;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    FtpUrl target = FtpUrl.parse(url);
    try (FtpClient client = parent.connection.connect(target)) {
      var lines = namesOnly ? client.names(target.path()) : client.list(target.path());
      var out = spec.commandLine().getOut();
      lines.forEach(out::println);
      out.flush();
    }
    return 0;
  }
}
