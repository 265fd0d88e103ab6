package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.netlab.labs.ftp.FtpReply.BAD_COMMAND_SEQUENCE;
import static org.netlab.labs.ftp.FtpReply.CLOSING_DATA_CONNECTION;
import static org.netlab.labs.ftp.FtpReply.DATA_CONNECTION_OPEN;
import static org.netlab.labs.ftp.FtpReply.DATA_PROTECTION_REQUIRED;
import static org.netlab.labs.ftp.FtpReply.FILE_ACTION_PENDING;
import static org.netlab.labs.ftp.FtpReply.FILE_NAME_NOT_ALLOWED;
import static org.netlab.labs.ftp.FtpReply.FILE_UNAVAILABLE;
import static org.netlab.labs.ftp.FtpReply.SYNTAX_ERROR_IN_ARGUMENTS;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.netlab.labs.net.LineReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands that move bytes over a data connection: listings (LIST, NLST, MLSD), downloads
 * (RETR), uploads (STOR, APPE) with their restart point (REST), and ABOR. Each checks its file and
 * opens it here, so a refusal is an immediate reply; the transfer itself then runs on the {@link
 * TransferRunner}. Uploads go through {@link AtomicUpload}, so a cut upload never replaces a file.
 */
final class TransferCommands {
  private static final Logger log = LoggerFactory.getLogger(FtpServer.class);

  private final FtpServerConfig config;
  private final VirtualFileSystem files;
  private final DirectoryListing listing;
  private final DiskSync sync;
  private final SessionState state;
  private final DataChannelSetup data;
  private final TransferRunner transfers;
  private final ControlReplies replies;
  private long restartOffset;

  TransferCommands(
      SessionContext session, ServedTree tree, DataChannelSetup data, TransferRunner transfers) {
    this.config = session.config();
    this.state = session.state();
    this.replies = session.replies();
    this.files = tree.files();
    this.listing = tree.listing();
    this.sync = tree.sync();
    this.data = data;
    this.transfers = transfers;
  }

  /** LIST in {@code ls -l} form, or NLST names only; a file lists as itself. */
  void list(String argument, boolean namesOnly) throws FtpCommandException {
    String virtual = files.normalize(state.cwd(), DirectoryListing.withoutOptions(argument));
    Path real = files.existing(virtual);
    StringBuilder text = new StringBuilder();
    for (DirectoryListing.Entry e : listing.entriesAt(real, virtual)) {
      text.append(namesOnly ? e.name() : listing.longFormat(e, real.resolve(e.name())))
          .append(LineReader.CRLF);
    }
    sendText(namesOnly ? "NLST" : "LIST", virtual, text.toString());
  }

  /** MLSD lists directories only (RFC 3659); MLST is the way to ask about a file. */
  void mlsd(String argument) throws FtpCommandException {
    String virtual = files.normalize(state.cwd(), argument);
    Path real = files.directory(virtual);
    StringBuilder text = new StringBuilder();
    for (DirectoryListing.Entry e : listing.entriesAt(real, virtual)) {
      text.append(listing.facts(e, DirectoryListing.typeOf(e.attributes()), state.writable()))
          .append(LineReader.CRLF);
    }
    sendText("MLSD", virtual, text.toString());
  }

  /** Sets where the next RETR or STOR starts (RFC 3659 section 5, stream mode). */
  void rest(String argument) throws IOException, FtpCommandException {
    String a = argument.strip();
    // At most 18 digits always fits in a long.
    if (!a.matches("\\d{1,18}")) {
      throw new FtpCommandException(SYNTAX_ERROR_IN_ARGUMENTS, "REST needs a byte offset");
    }
    restartOffset = Long.parseLong(a);
    replies.send(FILE_ACTION_PENDING, "Restarting at " + restartOffset + ", send RETR or STOR");
  }

  void retr(String argument) throws FtpCommandException {
    String virtual = files.normalize(state.cwd(), argument);
    Path real = files.file(virtual);
    long offset = takeRestartOffset();
    FileChannel channel;
    long size;
    try {
      channel = FileChannel.open(real, StandardOpenOption.READ);
      size = channel.size();
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, false);
    }
    if (offset > size) {
      closeQuietly(channel);
      throw new FtpCommandException(
          SYNTAX_ERROR_IN_ARGUMENTS,
          "Restart point " + offset + " is past the end of " + virtual + " (" + size + " bytes)");
    }
    // Read here, on the session's thread: the body runs on the transfer's.
    boolean asciiNow = state.ascii();
    startTransfer(
        "RETR",
        virtual,
        (asciiNow ? "ASCII" : "BINARY")
            + " mode data connection for "
            + virtual
            + " ("
            + size
            + " bytes)",
        (connection, progress) -> {
          try (channel) {
            return connection.sendFile(channel, offset, asciiNow, progress);
          }
        },
        null);
  }

  /**
   * STOR, resuming at the REST point when one was set, or APPE, which keeps the whole existing
   * file. The target changes only when the upload completes.
   */
  void store(String argument, boolean append) throws FtpCommandException {
    state.requireWritable();
    String virtual = files.normalize(state.cwd(), argument);
    Path target = files.creatable(virtual);
    if (Files.isDirectory(target)) {
      throw new FtpCommandException(FILE_NAME_NOT_ALLOWED, virtual + ": is a directory");
    }
    long keep = takeRestartOffset();
    AtomicUpload upload;
    try {
      if (append) {
        keep = Files.exists(target) ? Files.size(target) : 0;
      }
      upload = AtomicUpload.begin(target, keep, sync);
    } catch (IllegalArgumentException e) {
      throw new FtpCommandException(SYNTAX_ERROR_IN_ARGUMENTS, virtual + ": " + e.getMessage());
    } catch (NoSuchFileException e) {
      throw new FtpCommandException(
          FILE_UNAVAILABLE, virtual + ": no such file to resume (REST needs an existing file)");
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, true);
    }
    boolean asciiNow = state.ascii();
    startTransfer(
        append ? "APPE" : "STOR",
        virtual,
        (asciiNow ? "ASCII" : "BINARY") + " mode data connection for " + virtual,
        (connection, progress) ->
            connection.receiveInto(
                upload.channel(),
                asciiNow,
                bytes -> {
                  progress.accept(bytes);
                  upload.received(bytes);
                }),
        upload);
  }

  /** The session runs ABOR without waiting for the running transfer, so that it can cut it. */
  void abor() throws IOException {
    if (!transfers.isRunning()) {
      replies.send(DATA_CONNECTION_OPEN, "No transfer to abort");
      return;
    }
    // A transfer that completed anyway has said 226, which also answers ABOR (RFC 959
    // section 4.1.3); one that was cut has said 426 and ABOR gets its own 226.
    if (transfers.abort() != CLOSING_DATA_CONNECTION) {
      replies.send(CLOSING_DATA_CONNECTION, "ABOR successful");
    }
  }

  /** Hands the restart point to one transfer; the next starts at 0 again. */
  private long takeRestartOffset() {
    long offset = restartOffset;
    restartOffset = 0;
    return offset;
  }

  private void sendText(String verb, String virtual, String text) throws FtpCommandException {
    byte[] bytes = text.getBytes(UTF_8);
    startTransfer(
        verb,
        virtual,
        "ASCII mode data connection for " + virtual,
        (connection, progress) -> {
          try (OutputStream o = connection.output()) {
            o.write(bytes);
            o.flush();
          }
          progress.accept(bytes.length);
          return bytes.length;
        },
        null);
  }

  /** Checks that a transfer may start, then hands it to the runner. */
  private void startTransfer(
      String verb, String virtual, String opening, Transfer.Body body, AtomicUpload upload)
      throws FtpCommandException {
    if (config.requireTls() && !state.protectData()) {
      closeQuietly(upload);
      throw new FtpCommandException(
          DATA_PROTECTION_REQUIRED, "Data connections must be protected: send PBSZ 0 and PROT P");
    }
    if (!data.isSet()) {
      closeQuietly(upload);
      throw new FtpCommandException(BAD_COMMAND_SEQUENCE, "Use PASV, EPSV, PORT or EPRT first");
    }
    transfers.start(
        new Transfer(
            verb,
            state.user(),
            virtual,
            opening,
            state.protectData() ? state.controlTls() : null,
            body,
            upload));
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception e) {
      log.debug("closing: {}", e.toString());
    }
  }
}
