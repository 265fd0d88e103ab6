package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.ACTION_ABORTED;
import static org.netlab.labs.ftp.FtpReply.FILE_NAME_NOT_ALLOWED;
import static org.netlab.labs.ftp.FtpReply.FILE_UNAVAILABLE;
import static org.netlab.labs.ftp.FtpReply.INSUFFICIENT_STORAGE;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps file-system failures to replies; details stay in the log, never on the wire. */
final class FileErrors {
  private static final Logger log = LoggerFactory.getLogger(FtpServer.class);

  private FileErrors() {}

  /**
   * The reply for a failed file operation on {@code virtual}.
   *
   * @param writing whether the operation wrote (a refused write is 553, a refused read 550)
   */
  static FtpCommandException of(String virtual, IOException e, boolean writing) {
    FtpCommandException disk = diskFull(virtual, e);
    if (disk != null) {
      return disk;
    }
    if (e instanceof NoSuchFileException) {
      return new FtpCommandException(FILE_UNAVAILABLE, virtual + ": no such file or directory");
    }
    if (e instanceof FileAlreadyExistsException) {
      return new FtpCommandException(FILE_UNAVAILABLE, virtual + ": already exists");
    }
    if (e instanceof DirectoryNotEmptyException) {
      return new FtpCommandException(FILE_UNAVAILABLE, virtual + ": directory not empty");
    }
    if (e instanceof AccessDeniedException) {
      return new FtpCommandException(
          writing ? FILE_NAME_NOT_ALLOWED : FILE_UNAVAILABLE, virtual + ": permission denied");
    }
    log.warn("file operation on {} failed: {}", virtual, e.toString());
    return new FtpCommandException(ACTION_ABORTED, virtual + ": local error in processing");
  }

  /** 452 when the disk or quota is full, else null. */
  static FtpCommandException diskFull(String virtual, IOException e) {
    String text = String.valueOf(e.getMessage());
    if (text.contains("No space left") || text.contains("Disk quota exceeded")) {
      return new FtpCommandException(
          INSUFFICIENT_STORAGE, virtual + ": insufficient storage space");
    }
    return null;
  }
}
