package org.netlab.labs.ftp.server;

import static org.netlab.labs.ftp.FtpReply.COMMAND_NOT_IMPLEMENTED;
import static org.netlab.labs.ftp.FtpReply.COMMAND_OK;
import static org.netlab.labs.ftp.FtpReply.HELP_MESSAGE;
import static org.netlab.labs.ftp.FtpReply.NAME_SYSTEM_TYPE;
import static org.netlab.labs.ftp.FtpReply.SERVICE_CLOSING_CONTROL_CONNECTION;
import static org.netlab.labs.ftp.FtpReply.SYNTAX_ERROR_IN_ARGUMENTS;
import static org.netlab.labs.ftp.FtpReply.SYSTEM_STATUS;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Every command the server knows, whether it works before login, and the handler that runs it. HELP
 * lists this table, so it cannot name a command that is not dispatched. The one-line answers that
 * need no state of their own (SYST, NOOP, QUIT, HELP, and FEAT with its OPTS, RFC 2389) are here
 * too.
 */
final class CommandTable {
  /** What FEAT announces; OPTS below answers for UTF8 and MLST. */
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

  /** Runs one command; the argument is everything after the verb, as sent. */
  @FunctionalInterface
  interface Handler {
    /**
     * @throws FtpCommandException to refuse the command with that reply; the session goes on
     * @throws IOException when the control connection fails; the session ends
     */
    void handle(String argument) throws IOException, FtpCommandException;
  }

  private record Command(boolean beforeLogin, Handler handler) {}

  private final SessionState state;
  private final ControlReplies replies;
  private final FileSystemCommands fileSystem;
  // Sorted, so HELP lists the verbs in alphabetical order.
  private final SortedMap<String, Command> commands = new TreeMap<>();

  CommandTable(SessionContext session, CommandHandlers handlers) {
    this.state = session.state();
    this.replies = session.replies();
    this.fileSystem = handlers.fileSystem();
    LoginCommands login = handlers.login();
    TlsNegotiation tls = handlers.tls();
    StatusCommand status = handlers.status();
    TransferParameterCommands parameters = handlers.parameters();
    TransferCommands transfers = handlers.transfers();

    // Logging in, securing the connection first, and what a client may ask before it logs in.
    beforeLogin("USER", login::user);
    beforeLogin("PASS", login::pass);
    beforeLogin("AUTH", tls::auth);
    beforeLogin("PBSZ", tls::pbsz);
    beforeLogin("PROT", tls::prot);
    beforeLogin("FEAT", a -> replies.sendLines(SYSTEM_STATUS, "Features:", FEATURES, "End"));
    beforeLogin("OPTS", this::opts);
    beforeLogin("SYST", a -> replies.send(NAME_SYSTEM_TYPE, "UNIX Type: L8"));
    beforeLogin("HELP", a -> help());
    beforeLogin("NOOP", a -> replies.send(COMMAND_OK, "OK"));
    beforeLogin("QUIT", a -> quit());
    beforeLogin("STAT", status::stat);
    beforeLogin("ABOR", a -> transfers.abor());

    // The X forms are the experimental names from before RFC 959 that old clients still send.
    afterLogin("PWD", a -> fileSystem.pwd());
    afterLogin("XPWD", a -> fileSystem.pwd());
    afterLogin("CWD", fileSystem::cwd);
    afterLogin("XCWD", fileSystem::cwd);
    afterLogin("CDUP", a -> fileSystem.cwd(".."));
    afterLogin("XCUP", a -> fileSystem.cwd(".."));
    afterLogin("SIZE", fileSystem::size);
    afterLogin("MDTM", fileSystem::mdtm);
    afterLogin("MLST", fileSystem::mlst);
    afterLogin("DELE", fileSystem::dele);
    afterLogin("MKD", fileSystem::mkd);
    afterLogin("XMKD", fileSystem::mkd);
    afterLogin("RMD", fileSystem::rmd);
    afterLogin("XRMD", fileSystem::rmd);
    afterLogin("RNFR", fileSystem::rnfr);
    afterLogin("RNTO", fileSystem::rnto);

    afterLogin("TYPE", parameters::type);
    afterLogin("MODE", parameters::mode);
    afterLogin("STRU", parameters::stru);
    afterLogin("PASV", a -> parameters.pasv());
    afterLogin("EPSV", parameters::epsv);
    afterLogin("PORT", a -> parameters.active(a, false));
    afterLogin("EPRT", a -> parameters.active(a, true));

    afterLogin("LIST", a -> transfers.list(a, false));
    afterLogin("NLST", a -> transfers.list(a, true));
    afterLogin("MLSD", transfers::mlsd);
    afterLogin("REST", transfers::rest);
    afterLogin("RETR", transfers::retr);
    afterLogin("STOR", a -> transfers.store(a, false));
    afterLogin("APPE", a -> transfers.store(a, true));
  }

  /**
   * Runs one command and so sends its reply, or the reply that refuses it. QUIT and the last failed
   * login ask the session to end through {@link SessionState#endWith}.
   *
   * @throws IOException when the control connection fails
   */
  void execute(CommandRequest request) throws IOException {
    String verb = request.verb();
    // RNTO must come right after RNFR (RFC 959 section 4.1.3): any other command, even an
    // unknown one, forgets the RNFR.
    if (!verb.equals("RNTO") && !verb.equals("RNFR")) {
      fileSystem.forgetRenameSource();
    }
    try {
      Command command = commands.get(verb);
      if (command == null) {
        throw new FtpCommandException(COMMAND_NOT_IMPLEMENTED, verb + ": command not implemented");
      }
      if (!command.beforeLogin()) {
        state.requireLogin();
      }
      command.handler().handle(request.argument());
    } catch (FtpCommandException e) {
      replies.send(e.code(), e.getMessage());
    }
  }

  private void beforeLogin(String verb, Handler handler) {
    add(verb, new Command(true, handler));
  }

  private void afterLogin(String verb, Handler handler) {
    add(verb, new Command(false, handler));
  }

  private void add(String verb, Command command) {
    if (commands.putIfAbsent(verb, command) != null) {
      throw new IllegalStateException("listed twice: " + verb);
    }
  }

  private void quit() throws IOException {
    replies.send(SERVICE_CLOSING_CONTROL_CONNECTION, "Goodbye");
    state.endWith("quit");
  }

  private void help() throws IOException {
    replies.sendLines(
        HELP_MESSAGE,
        "Commands recognized:",
        List.of(String.join(" ", commands.keySet())),
        "Help OK");
  }

  /** The options of the features FEAT announces: UTF8 is always on, MLST facts are fixed. */
  private void opts(String argument) throws IOException, FtpCommandException {
    String option = argument.strip().toUpperCase(Locale.ROOT);
    if (option.equals("UTF8 ON") || option.equals("UTF8")) {
      replies.send(COMMAND_OK, "Always in UTF8 mode");
    } else if (option.startsWith("MLST")) {
      replies.send(COMMAND_OK, "MLST OPTS type;size;modify;perm;");
    } else {
      throw new FtpCommandException(
          SYNTAX_ERROR_IN_ARGUMENTS, "OPTS " + argument + " not understood");
    }
  }
}
