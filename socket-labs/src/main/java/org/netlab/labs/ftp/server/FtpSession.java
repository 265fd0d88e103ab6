package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.*;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.netlab.labs.net.LineReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One control connection: reads commands, keeps the session state (login, working directory, type,
 * restart point, TLS) and answers each command with one reply. Transfers run on a second thread so
 * that ABOR can be read while bytes move; every other command waits for the running transfer to
 * finish, which keeps replies in order.
 */
final class FtpSession {
  private static final Logger log = LoggerFactory.getLogger(FtpServer.class);

  /** Commands that need no login. */
  private static final Set<String> BEFORE_LOGIN =
      Set.of(
          "USER", "PASS", "AUTH", "PBSZ", "PROT", "FEAT", "SYST", "HELP", "NOOP", "QUIT", "OPTS",
          "STAT", "ABOR");

  private static final List<String> COMMANDS =
      List.of(
          "ABOR", "APPE", "AUTH", "CDUP", "CWD", "DELE", "EPRT", "EPSV", "FEAT", "HELP", "LIST",
          "MDTM", "MKD", "MLSD", "MLST", "MODE", "NLST", "NOOP", "OPTS", "PASS", "PASV", "PBSZ",
          "PORT", "PROT", "PWD", "QUIT", "REST", "RETR", "RMD", "RNFR", "RNTO", "SIZE", "STAT",
          "STOR", "STRU", "SYST", "TYPE", "USER", "XCUP", "XCWD", "XMKD", "XPWD", "XRMD");
  private static final List<String> FEATURES =
      List.of(
          "AUTH TLS",
          "EPRT",
          "EPSV",
          "MDTM",
          "MLST type*;size*;modify*;perm*;",
          "PASV",
          "PBSZ",
          "PROT",
          "REST STREAM",
          "SIZE",
          "TVFS",
          "UTF8");

  private final FtpServerConfig config;
  private final VirtualFileSystem files;
  private final DirectoryListing listing;
  private final SessionState state;
  private final InetAddress localAddress;
  private final ControlConnection control;
  private final ControlReplies replies;
  private final DataChannelSetup data;
  private final TransferRunner transfers;
  private final LoginCommands login;
  private final TlsNegotiation tls;
  private final StatusCommand status;
  private final FileSystemCommands fileSystem;
  private final TransferParameterCommands parameters;
  private final TransferCommands transferCommands;
  private final long startNanos = System.nanoTime();

  FtpSession(FtpServerConfig config, VirtualFileSystem files, Socket socket) throws IOException {
    this.config = config;
    this.files = files;
    this.listing = new DirectoryListing(files, Clock.systemUTC());
    InetAddress clientAddress = socket.getInetAddress();
    this.state = new SessionState(clientAddress);
    this.localAddress = socket.getLocalAddress();
    this.control = new ControlConnection(socket);
    this.replies = this.control.replies();
    this.data =
        new DataChannelSetup(
            localAddress, clientAddress, config.passivePorts(), config.dataTimeout());
    this.transfers = new TransferRunner(config, data, replies, clientAddress);
    this.login = new LoginCommands(config, state, replies);
    this.tls = new TlsNegotiation(config, state, control);
    this.status = new StatusCommand(files, listing, state, replies);
    this.fileSystem = new FileSystemCommands(files, listing, state, replies);
    this.parameters = new TransferParameterCommands(state, data, localAddress, replies);
    this.transferCommands =
        new TransferCommands(config, files, listing, state, data, transfers, replies);
  }

  /** Serves the connection until QUIT, close, idle timeout or too many failed logins. */
  void serve() throws IOException {
    String end = "closed by client";
    try {
      reply(SERVICE_READY, "netlab FTP server ready");
      while (true) {
        byte[] line;
        try {
          line = control.readLine();
        } catch (SocketTimeoutException e) {
          if (transfers.isRunning()) {
            continue;
          }
          reply(
              SERVICE_NOT_AVAILABLE,
              "Idle for " + config.idleTimeout().toSeconds() + " s, closing control connection");
          end = "idle timeout";
          return;
        } catch (LineReader.LineTooLongException e) {
          reply(
              SERVICE_NOT_AVAILABLE,
              "Command line longer than " + ControlConnection.MAX_LINE_BYTES + " bytes, closing");
          end = "line too long";
          return;
        }
        if (line == null) {
          return;
        }
        CommandLine command;
        try {
          command = CommandLine.parse(line);
        } catch (CharacterCodingException e) {
          reply(SYNTAX_ERROR_IN_ARGUMENTS, "Command is not valid UTF-8");
          continue;
        }
        String verb = command.verb();
        if (!verb.equals("ABOR")) {
          transfers.await();
        }
        execute(verb, command.argument());
        if (state.endReason() != null) {
          end = state.endReason();
          return;
        }
      }
    } finally {
      transfers.abort();
      data.close();
      log.info(
          "session client={} user={} transfers={} duration={}ms end=\"{}\"",
          state.clientAddress().getHostAddress(),
          state.user() == null ? "-" : state.user(),
          transfers.count(),
          (System.nanoTime() - startNanos) / 1_000_000,
          end);
    }
  }

  /** Runs one command; QUIT and too many failed logins ask the session to end. */
  private void execute(String verb, String argument) throws IOException {
    if (!verb.equals("RNTO") && !verb.equals("RNFR")) {
      fileSystem.forgetRenameSource();
    }
    try {
      if (!COMMANDS.contains(verb)) {
        throw new FtpCommandException(COMMAND_NOT_IMPLEMENTED, verb + ": command not implemented");
      }
      if (state.user() == null && !BEFORE_LOGIN.contains(verb)) {
        throw new FtpCommandException(NOT_LOGGED_IN, "Log in with USER and PASS first");
      }
      switch (verb) {
        case "USER" -> login.user(argument);
        case "PASS" -> login.pass(argument);
        case "QUIT" -> {
          reply(SERVICE_CLOSING_CONTROL_CONNECTION, "Goodbye");
          state.endWith("quit");
        }
        case "AUTH" -> tls.auth(argument);
        case "PBSZ" -> tls.pbsz(argument);
        case "PROT" -> tls.prot(argument);
        case "SYST" -> reply(NAME_SYSTEM_TYPE, "UNIX Type: L8");
        case "FEAT" -> replies.sendLines(SYSTEM_STATUS, "Features:", FEATURES, "End");
        case "OPTS" -> opts(argument);
        case "HELP" ->
            replies.sendLines(
                HELP_MESSAGE,
                "Commands recognized:",
                List.of(String.join(" ", COMMANDS)),
                "Help OK");
        case "NOOP" -> reply(COMMAND_OK, "OK");
        case "STAT" -> status.stat(argument);
        case "ABOR" -> transferCommands.abor();
        case "PWD", "XPWD" -> fileSystem.pwd();
        case "CWD", "XCWD" -> fileSystem.cwd(argument);
        case "CDUP", "XCUP" -> fileSystem.cwd("..");
        case "TYPE" -> parameters.type(argument);
        case "MODE" -> parameters.mode(argument);
        case "STRU" -> parameters.stru(argument);
        case "PASV" -> parameters.pasv();
        case "EPSV" -> parameters.epsv(argument);
        case "PORT" -> parameters.active(argument, false);
        case "EPRT" -> parameters.active(argument, true);
        case "LIST" -> transferCommands.list(argument, false);
        case "NLST" -> transferCommands.list(argument, true);
        case "MLSD" -> transferCommands.mlsd(argument);
        case "MLST" -> fileSystem.mlst(argument);
        case "SIZE" -> fileSystem.size(argument);
        case "MDTM" -> fileSystem.mdtm(argument);
        case "REST" -> transferCommands.rest(argument);
        case "RETR" -> transferCommands.retr(argument);
        case "STOR" -> transferCommands.store(argument, false);
        case "APPE" -> transferCommands.store(argument, true);
        case "DELE" -> fileSystem.dele(argument);
        case "MKD", "XMKD" -> fileSystem.mkd(argument);
        case "RMD", "XRMD" -> fileSystem.rmd(argument);
        case "RNFR" -> fileSystem.rnfr(argument);
        case "RNTO" -> fileSystem.rnto(argument);
        default -> throw new IllegalStateException("listed but not dispatched: " + verb);
      }
    } catch (FtpCommandException e) {
      reply(e.code(), e.getMessage());
    }
  }

  // ---- information

  private void opts(String argument) throws IOException, FtpCommandException {
    String option = argument.strip().toUpperCase(Locale.ROOT);
    if (option.equals("UTF8 ON") || option.equals("UTF8")) {
      reply(COMMAND_OK, "Always in UTF8 mode");
    } else if (option.startsWith("MLST")) {
      reply(COMMAND_OK, "MLST OPTS type;size;modify;perm;");
    } else {
      throw new FtpCommandException(
          SYNTAX_ERROR_IN_ARGUMENTS, "OPTS " + argument + " not understood");
    }
  }

  private void reply(int code, String text) throws IOException {
    replies.send(code, text);
  }
}
