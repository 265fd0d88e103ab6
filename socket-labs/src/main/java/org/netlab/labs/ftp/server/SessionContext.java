package org.netlab.labs.ftp.server;

import java.util.Objects;

/**
 * What every command group of one session works with: the server's configuration, the session's
 * state, and the replies on its control connection. One per session; the state in it is read and
 * changed on the session's thread only.
 */
record SessionContext(FtpServerConfig config, SessionState state, ControlReplies replies) {
  SessionContext {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(replies, "replies");
  }
}
