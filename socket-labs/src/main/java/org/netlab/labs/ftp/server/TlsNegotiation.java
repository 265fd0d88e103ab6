package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.BAD_COMMAND_SEQUENCE;
import static org.netlab.labs.ftp.FtpReply.COMMAND_NOT_IMPLEMENTED;
import static org.netlab.labs.ftp.FtpReply.COMMAND_NOT_IMPLEMENTED_FOR_PARAMETER;
import static org.netlab.labs.ftp.FtpReply.COMMAND_OK;
import static org.netlab.labs.ftp.FtpReply.DENIED_FOR_POLICY_REASONS;
import static org.netlab.labs.ftp.FtpReply.PROTECTION_LEVEL_NOT_SUPPORTED;
import static org.netlab.labs.ftp.FtpReply.SECURITY_DATA_EXCHANGE_COMPLETE;
import static org.netlab.labs.ftp.FtpReply.SYNTAX_ERROR_IN_ARGUMENTS;

import java.io.IOException;
import java.util.Locale;

/**
 * Explicit FTPS (RFC 4217): AUTH TLS puts the control connection under TLS, PBSZ 0 and PROT P then
 * put the data connections under it too. The order is enforced, and a server that requires TLS
 * refuses PROT C.
 */
final class TlsNegotiation {
  private final FtpServerConfig config;
  private final SessionState state;
  private final ControlConnection control;
  private boolean protectionBufferSet;

  TlsNegotiation(SessionContext session, ControlConnection control) {
    this.config = session.config();
    this.state = session.state();
    this.control = control;
  }

  /**
   * Sends 234 in clear, then runs the handshake; a failed handshake ends the session.
   *
   * @throws IOException when the handshake fails
   */
  void auth(String mechanism) throws IOException, FtpCommandException {
    if (config.tls() == null) {
      throw new FtpCommandException(COMMAND_NOT_IMPLEMENTED, "AUTH: this server has no TLS set up");
    }
    if (state.tlsActive()) {
      throw new FtpCommandException(BAD_COMMAND_SEQUENCE, "TLS is already on");
    }
    String m = mechanism.toUpperCase(Locale.ROOT);
    // TLS-C and SSL are older names for the same mechanism that some clients still send.
    if (!m.equals("TLS") && !m.equals("TLS-C") && !m.equals("SSL")) {
      throw new FtpCommandException(
          COMMAND_NOT_IMPLEMENTED_FOR_PARAMETER,
          "AUTH " + mechanism + " not supported, use AUTH TLS");
    }
    control.replies().send(SECURITY_DATA_EXCHANGE_COMPLETE, "AUTH TLS OK, starting TLS");
    state.tlsStarted(control.startTls(config.tls()));
  }

  /** TLS has no protection buffer, so any size is answered with PBSZ=0 (RFC 4217). */
  void pbsz(String size) throws IOException, FtpCommandException {
    if (!state.tlsActive()) {
      throw new FtpCommandException(BAD_COMMAND_SEQUENCE, "PBSZ needs AUTH TLS first");
    }
    if (!size.strip().matches("\\d+")) {
      throw new FtpCommandException(SYNTAX_ERROR_IN_ARGUMENTS, "PBSZ needs a number");
    }
    protectionBufferSet = true;
    control.replies().send(COMMAND_OK, "PBSZ=0");
  }

  void prot(String level) throws IOException, FtpCommandException {
    if (!protectionBufferSet) {
      throw new FtpCommandException(BAD_COMMAND_SEQUENCE, "PROT needs PBSZ first");
    }
    switch (level.strip().toUpperCase(Locale.ROOT)) {
      case "P" -> state.protectData(true);
      case "C" -> {
        if (config.requireTls()) {
          throw new FtpCommandException(
              DENIED_FOR_POLICY_REASONS, "Data connections must be protected (PROT P)");
        }
        state.protectData(false);
      }
      default ->
          throw new FtpCommandException(
              PROTECTION_LEVEL_NOT_SUPPORTED, "PROT " + level + " not supported, use C or P");
    }
    control
        .replies()
        .send(
            COMMAND_OK, "Protection level " + (state.protectData() ? "P (private)" : "C (clear)"));
  }
}
