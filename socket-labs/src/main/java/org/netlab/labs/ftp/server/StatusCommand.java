package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.FILE_STATUS;
import static org.netlab.labs.ftp.FtpReply.SYSTEM_STATUS;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * STAT (RFC 959 section 4.1.3). Without an argument it reports the session's state, and works
 * before login; with a path it lists that path on the control connection instead of a data
 * connection, and needs a login like LIST.
 */
final class StatusCommand {
  private final VirtualFileSystem files;
  private final DirectoryListing listing;
  private final SessionState state;
  private final ControlReplies replies;

  StatusCommand(SessionContext session, ServedTree tree) {
    this.files = tree.files();
    this.listing = tree.listing();
    this.state = session.state();
    this.replies = session.replies();
  }

  void stat(String argument) throws IOException, FtpCommandException {
    if (argument.isBlank()) {
      List<String> lines = new ArrayList<>();
      lines.add("Connected from " + state.clientAddress().getHostAddress());
      lines.add(
          state.user() == null
              ? "Not logged in"
              : "Logged in as " + state.user() + (state.writable() ? "" : " (read-only)"));
      lines.add("TYPE: " + (state.ascii() ? "ASCII" : "BINARY") + ", MODE: Stream, STRU: File");
      lines.add(
          "Control connection "
              + (state.tlsActive() ? "protected by TLS" : "in clear")
              + ", data connections "
              + (state.protectData() ? "protected" : "in clear"));
      replies.sendLines(SYSTEM_STATUS, "netlab FTP server status:", lines, "End of status");
      return;
    }
    state.requireLogin();
    String virtual = files.normalize(state.cwd(), DirectoryListing.withoutOptions(argument));
    Path real = files.existing(virtual);
    List<String> lines = new ArrayList<>();
    for (DirectoryListing.Entry e : listing.entriesAt(real, virtual)) {
      lines.add(listing.longFormat(e, real.resolve(e.name())));
    }
    replies.sendLines(FILE_STATUS, "Status of " + virtual + ":", lines, "End of status");
  }
}
