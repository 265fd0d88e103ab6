package org.netlab.labs.ftp.client;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.netlab.cli.VersionProvider;
import org.netlab.labs.cli.Terminals;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code bin/ftp put FILE ftp://host:port/dir/} (or a full remote path). */
@Command(
    name = "put",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Upload one file.")
final class PutCommand implements Callable<Integer> {
  /** Connection options are declared once, on {@code ftp}, and inherited here. */
  @ParentCommand FtpClientCommand parent;

  @Parameters(index = "0", paramLabel = "FILE", description = "Local file to upload.")
  Path file;

  @Parameters(
      index = "1",
      paramLabel = "URL",
      description = {
        "ftp[s]://host[:port]/dir/ (keeps the name)",
        "or ftp[s]://host[:port]/dir/name"
      })
  String url;

  @Override
  public Integer call() throws Exception {
    FtpUrl target = FtpUrl.parse(url);
    String remote = target.isDirectory() ? target.path() + file.getFileName() : target.path();
    try (FtpClient client = parent.connection.connect(target)) {
      new FileTransfers(client, Terminals.progressWriter()).upload(file, remote);
    }
    return 0;
  }
}
