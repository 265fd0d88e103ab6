package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.BAD_COMMAND_SEQUENCE;
import static org.netlab.labs.ftp.FtpReply.CANNOT_OPEN_DATA_CONNECTION;
import static org.netlab.labs.ftp.FtpReply.COMMAND_NOT_IMPLEMENTED_FOR_PARAMETER;
import static org.netlab.labs.ftp.FtpReply.COMMAND_OK;
import static org.netlab.labs.ftp.FtpReply.ENTERING_EPSV_MODE;
import static org.netlab.labs.ftp.FtpReply.ENTERING_PASSIVE_MODE;
import static org.netlab.labs.ftp.FtpReply.EXTENDED_PORT_FAILURE;
import static org.netlab.labs.ftp.FtpReply.SYNTAX_ERROR_IN_ARGUMENTS;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Locale;
import org.netlab.labs.ftp.DataAddress;

/**
 * The transfer parameter commands (RFC 959 section 4.1.2, RFC 2428): how the next data connection
 * is opened (PASV, EPSV, PORT, EPRT, handed to {@link DataChannelSetup}) and what it carries (TYPE,
 * and MODE and STRU, which accept only stream mode and file structure).
 */
final class TransferParameterCommands {
  private final SessionState state;
  private final DataChannelSetup data;
  private final InetAddress localAddress;
  private final ControlReplies replies;
  private boolean epsvAll;

  /**
   * @param localAddress the control connection's local address, where passive listeners open
   */
  TransferParameterCommands(
      SessionContext session, DataChannelSetup data, InetAddress localAddress) {
    this.state = session.state();
    this.replies = session.replies();
    this.data = data;
    this.localAddress = localAddress;
  }

  /** TYPE A (with the default N form) or I (or L 8, the same for bytes). */
  void type(String argument) throws IOException, FtpCommandException {
    switch (argument.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ")) {
      case "A", "A N" -> state.ascii(true);
      case "I", "L 8" -> state.ascii(false);
      default ->
          throw new FtpCommandException(
              COMMAND_NOT_IMPLEMENTED_FOR_PARAMETER,
              "TYPE " + argument + " not supported, use A or I");
    }
    replies.send(COMMAND_OK, "Type set to " + (state.ascii() ? "A" : "I"));
  }

  void mode(String argument) throws IOException, FtpCommandException {
    onlyParameter(argument, "S", "Mode S (stream) set");
  }

  void stru(String argument) throws IOException, FtpCommandException {
    onlyParameter(argument, "F", "Structure F (file) set");
  }

  void pasv() throws IOException, FtpCommandException {
    refuseAfterEpsvAll();
    // The 227 reply has room only for an IPv4 address.
    if (!(localAddress instanceof Inet4Address)) {
      throw new FtpCommandException(SYNTAX_ERROR_IN_ARGUMENTS, "PASV is for IPv4, use EPSV");
    }
    InetSocketAddress address = openPassive();
    replies.send(
        ENTERING_PASSIVE_MODE,
        "Entering Passive Mode (" + DataAddress.formatSixNumbers(address) + ")");
  }

  /**
   * EPSV, and EPSV ALL (RFC 2428 section 4), which tells middleboxes that only EPSV will follow;
   * the server then refuses PASV, PORT and EPRT.
   */
  void epsv(String argument) throws IOException, FtpCommandException {
    String a = argument.strip();
    if (a.equalsIgnoreCase("ALL")) {
      epsvAll = true;
      replies.send(COMMAND_OK, "EPSV ALL accepted");
      return;
    }
    if (!a.isEmpty() && !a.equals("1") && !a.equals("2")) {
      throw new FtpCommandException(
          EXTENDED_PORT_FAILURE, "Network protocol not supported, use (1,2)");
    }
    int port = openPassive().getPort();
    replies.send(ENTERING_EPSV_MODE, "Entering Extended Passive Mode (|||" + port + "|)");
  }

  /**
   * PORT and EPRT. Data connections go only back to the client's own address and to an unprivileged
   * port: anything else would let the server be used to attack third parties or local services (the
   * "FTP bounce", RFC 2577).
   */
  void active(String argument, boolean extended) throws IOException, FtpCommandException {
    refuseAfterEpsvAll();
    InetSocketAddress target;
    try {
      target =
          extended
              ? DataAddress.parseExtended(argument.strip())
              : DataAddress.parseSixNumbers(argument.strip());
    } catch (DataAddress.UnsupportedProtocolException e) {
      throw new FtpCommandException(
          EXTENDED_PORT_FAILURE, "Network protocol not supported, use (1,2)");
    } catch (IllegalArgumentException e) {
      throw new FtpCommandException(
          SYNTAX_ERROR_IN_ARGUMENTS, (extended ? "EPRT" : "PORT") + ": " + e.getMessage());
    }
    InetAddress clientAddress = state.clientAddress();
    if (!target.getAddress().equals(clientAddress)) {
      throw new FtpCommandException(
          COMMAND_NOT_IMPLEMENTED_FOR_PARAMETER,
          "Refused: data connections go only to your own address "
              + clientAddress.getHostAddress());
    }
    if (target.getPort() < 1024) {
      throw new FtpCommandException(
          COMMAND_NOT_IMPLEMENTED_FOR_PARAMETER,
          "Refused: data connections go only to ports 1024 and above");
    }
    data.active(target);
    replies.send(COMMAND_OK, (extended ? "EPRT" : "PORT") + " command successful");
  }

  private InetSocketAddress openPassive() throws FtpCommandException {
    try {
      return data.passive();
    } catch (IOException e) {
      throw new FtpCommandException(
          CANNOT_OPEN_DATA_CONNECTION, "Cannot open passive connection: " + e.getMessage());
    }
  }

  private void refuseAfterEpsvAll() throws FtpCommandException {
    if (epsvAll) {
      throw new FtpCommandException(BAD_COMMAND_SEQUENCE, "Only EPSV after EPSV ALL");
    }
  }

  private void onlyParameter(String argument, String supported, String done)
      throws IOException, FtpCommandException {
    if (!argument.strip().equalsIgnoreCase(supported)) {
      throw new FtpCommandException(
          COMMAND_NOT_IMPLEMENTED_FOR_PARAMETER, argument + " not supported, only " + supported);
    }
    replies.send(COMMAND_OK, done);
  }
}
