package org.netlab.labs.ftp.client;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.cli.Terminals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ftp get ftp://host:port/path [-o FILE] [-c]}. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Download one file.")
final class GetCommand implements Callable<Integer> {
  /** Connection options are declared once, on {@code ftp}, and inherited here. */
  @ParentCommand FtpClientCommand parent;

  @Parameters(paramLabel = "URL", description = "ftp[s]://host[:port]/path/file")
  String url;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Where to write (default: the file's name, here).")
  Path output;

  @Option(
      names = {"-c", "--continue"},
      description = "Resume: keep the local bytes, fetch the rest.")
  boolean resume;

  @Override
  public Integer call() throws Exception {
    FtpUrl target = FtpUrl.parse(url);
    if (target.isDirectory()) {
      throw new FtpConnectionOptions.UsageException(url + " names a directory; use ls");
    }
    Path local = output != null ? output : Path.of(target.fileName());
    try (FtpClient client = parent.connection.connect(target)) {
      new FileTransfers(client, Terminals.progressWriter()).download(target.path(), local, resume);
    }
    return 0;
  }
}
