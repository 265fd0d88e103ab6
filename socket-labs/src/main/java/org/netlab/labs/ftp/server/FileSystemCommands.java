package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.BAD_COMMAND_SEQUENCE;
import static org.netlab.labs.ftp.FtpReply.FILE_ACTION_OK;
import static org.netlab.labs.ftp.FtpReply.FILE_ACTION_PENDING;
import static org.netlab.labs.ftp.FtpReply.FILE_STATUS;
import static org.netlab.labs.ftp.FtpReply.FILE_UNAVAILABLE;
import static org.netlab.labs.ftp.FtpReply.PATHNAME_CREATED;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The commands that look at or change the served tree over the control connection alone: the
 * working directory (PWD, CWD, CDUP), facts about one file (SIZE, MDTM, MLST) and changes (DELE,
 * MKD, RMD, RNFR, RNTO). Every path goes through {@link VirtualFileSystem}, which keeps it inside
 * the root; changes need a writable login, and are acknowledged only once the directories they
 * change are synced ({@link DiskSync}).
 */
final class FileSystemCommands {
  private final VirtualFileSystem files;
  private final DirectoryListing listing;
  private final DiskSync sync;
  private final SessionState state;
  private final ControlReplies replies;
  private String renameFrom;

  FileSystemCommands(SessionContext session, ServedTree tree) {
    this.files = tree.files();
    this.listing = tree.listing();
    this.sync = tree.sync();
    this.state = session.state();
    this.replies = session.replies();
  }

  /** RNTO must come right after RNFR (RFC 959 section 4.1.3): any other command forgets RNFR. */
  void forgetRenameSource() {
    renameFrom = null;
  }

  void pwd() throws IOException {
    replies.send(PATHNAME_CREATED, quote(state.cwd()) + " is the current directory");
  }

  /** CWD, and CDUP as CWD "..". An empty argument goes back to the root. */
  void cwd(String argument) throws IOException, FtpCommandException {
    String virtual = files.normalize(state.cwd(), argument.isEmpty() ? "/" : argument);
    files.directory(virtual);
    state.changeDirectory(virtual);
    replies.send(FILE_ACTION_OK, "Directory changed to " + virtual);
  }

  void size(String argument) throws IOException, FtpCommandException {
    String virtual = files.normalize(state.cwd(), argument);
    Path real = files.file(virtual);
    try {
      replies.send(FILE_STATUS, Long.toString(Files.size(real)));
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, false);
    }
  }

  void mdtm(String argument) throws IOException, FtpCommandException {
    String virtual = files.normalize(state.cwd(), argument);
    Path real = files.file(virtual);
    try {
      replies.send(
          FILE_STATUS, DirectoryListing.machineTime(Files.getLastModifiedTime(real).toInstant()));
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, false);
    }
  }

  void mlst(String argument) throws IOException, FtpCommandException {
    String virtual = files.normalize(state.cwd(), argument);
    Path real = files.existing(virtual);
    DirectoryListing.Entry entry;
    try {
      entry = listing.single(real, virtual);
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, false);
    }
    String facts =
        listing.facts(entry, DirectoryListing.typeOf(entry.attributes()), state.writable());
    replies.sendLines(FILE_ACTION_OK, "Listing " + virtual, List.of(facts), "End");
  }

  /** Deletes a file, or a link itself rather than what it points to. */
  void dele(String argument) throws IOException, FtpCommandException {
    state.requireWritable();
    String virtual = files.normalize(state.cwd(), argument);
    Path entry = files.entry(virtual);
    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
      throw new FtpCommandException(FILE_UNAVAILABLE, virtual + ": is a directory, use RMD");
    }
    try {
      Files.delete(entry);
      sync.directory(entry.getParent());
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, true);
    }
    replies.send(FILE_ACTION_OK, virtual + " deleted");
  }

  void mkd(String argument) throws IOException, FtpCommandException {
    state.requireWritable();
    String virtual = files.normalize(state.cwd(), argument);
    Path created = files.creatable(virtual);
    try {
      Files.createDirectory(created);
      sync.directory(created.getParent());
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, true);
    }
    replies.send(PATHNAME_CREATED, quote(virtual) + " created");
  }

  /** Removes an empty directory, never the working directory or one above it. */
  void rmd(String argument) throws IOException, FtpCommandException {
    state.requireWritable();
    String virtual = files.normalize(state.cwd(), argument);
    Path entry = files.entry(virtual);
    if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
      throw new FtpCommandException(FILE_UNAVAILABLE, virtual + ": not a directory");
    }
    String cwd = state.cwd();
    if (cwd.equals(virtual) || cwd.startsWith(virtual + "/")) {
      throw new FtpCommandException(FILE_UNAVAILABLE, virtual + ": is the working directory");
    }
    try {
      Files.delete(entry);
      sync.directory(entry.getParent());
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, true);
    }
    replies.send(FILE_ACTION_OK, virtual + " removed");
  }

  void rnfr(String argument) throws IOException, FtpCommandException {
    state.requireWritable();
    String virtual = files.normalize(state.cwd(), argument);
    files.entry(virtual);
    renameFrom = virtual;
    replies.send(FILE_ACTION_PENDING, virtual + " exists, send RNTO");
  }

  /** Moves the RNFR source; the source is looked up again, as it may have gone meanwhile. */
  void rnto(String argument) throws IOException, FtpCommandException {
    state.requireWritable();
    String from = renameFrom;
    renameFrom = null;
    if (from == null) {
      throw new FtpCommandException(BAD_COMMAND_SEQUENCE, "Send RNFR first");
    }
    String virtual = files.normalize(state.cwd(), argument);
    Path source = files.entry(from);
    Path target = files.creatable(virtual);
    if (virtual.startsWith(from + "/")) {
      throw new FtpCommandException(FILE_UNAVAILABLE, "cannot move " + from + " into itself");
    }
    try {
      Files.move(source, target);
      // A move between directories changes both.
      sync.directory(target.getParent());
      if (!source.getParent().equals(target.getParent())) {
        sync.directory(source.getParent());
      }
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, true);
    }
    replies.send(FILE_ACTION_OK, from + " renamed to " + virtual);
  }

  /** A path in a 257 reply, quotes doubled (RFC 959 appendix II). */
  private static String quote(String path) {
    return "\"" + path.replace("\"", "\"\"") + "\"";
  }
}
