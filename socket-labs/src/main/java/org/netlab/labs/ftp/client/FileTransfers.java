package org.netlab.labs.ftp.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.LongConsumer;
import org.netlab.labs.cli.ProgressBar;

/**
 * Downloads and uploads between local files and a connected {@link FtpClient}, with a progress bar
 * when a terminal is given. A failed download keeps what arrived, so it can be resumed.
 */
final class FileTransfers {
  private final FtpClient client;
  private final PrintWriter progressOut;

  /**
   * @param progressOut where to draw progress, or null for none
   */
  FileTransfers(FtpClient client, PrintWriter progressOut) {
    this.client = client;
    this.progressOut = progressOut;
  }

  /**
   * Downloads {@code remote} to {@code local}; with {@code resume}, keeps the local bytes and asks
   * only for the rest.
   *
   * @return bytes received
   */
  long download(String remote, Path local, boolean resume) throws IOException {
    long total = client.size(remote);
    boolean existed = Files.exists(local);
    try {
      return download(remote, local, resume, total);
    } catch (FtpReplyException e) {
      // Refused before any byte came: leave no empty file behind.
      if (!existed && Files.size(local) == 0) {
        Files.delete(local);
      }
      throw e;
    }
  }

  private long download(String remote, Path local, boolean resume, long total) throws IOException {
    try (FileChannel file =
        FileChannel.open(local, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      long offset = resume ? file.size() : 0;
      if (!resume) {
        file.truncate(0);
      }
      if (resume && total >= 0 && offset >= total) {
        return 0;
      }
      file.position(offset);
      ProgressBar bar = bar(remote, total, offset);
      long received = client.retrieve(remote, file, offset, progress(bar));
      finish(bar);
      return received;
    }
  }

  /**
   * @return bytes sent
   */
  long upload(Path local, String remote) throws IOException {
    try (FileChannel file = FileChannel.open(local, StandardOpenOption.READ)) {
      ProgressBar bar = bar(local.getFileName().toString(), file.size(), 0);
      long sent = client.store(remote, file, progress(bar));
      finish(bar);
      return sent;
    }
  }

  private ProgressBar bar(String label, long total, long already) {
    return progressOut == null ? null : new ProgressBar(progressOut, label, total, already);
  }

  private static LongConsumer progress(ProgressBar bar) {
    return bar == null ? n -> {} : bar;
  }

  private static void finish(ProgressBar bar) {
    if (bar != null) {
      bar.finish();
    }
  }
}
