package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.netlab.labs.ftp.FtpReply.*;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.netlab.labs.ftp.HostPort;
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
  private final long startNanos = System.nanoTime();

  private long restartOffset;
  private boolean epsvAll;

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
        case "ABOR" -> abor();
        case "PWD", "XPWD" -> fileSystem.pwd();
        case "CWD", "XCWD" -> fileSystem.cwd(argument);
        case "CDUP", "XCUP" -> fileSystem.cwd("..");
        case "TYPE" -> type(argument);
        case "MODE" -> onlyParameter(argument, "S", "Mode S (stream) set");
        case "STRU" -> onlyParameter(argument, "F", "Structure F (file) set");
        case "PASV" -> pasv();
        case "EPSV" -> epsv(argument);
        case "PORT" -> active(argument, false);
        case "EPRT" -> active(argument, true);
        case "LIST" -> list(argument, false);
        case "NLST" -> list(argument, true);
        case "MLSD" -> mlsd(argument);
        case "MLST" -> fileSystem.mlst(argument);
        case "SIZE" -> fileSystem.size(argument);
        case "MDTM" -> fileSystem.mdtm(argument);
        case "REST" -> rest(argument);
        case "RETR" -> retr(argument);
        case "STOR" -> store(argument, false);
        case "APPE" -> store(argument, true);
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

  private void type(String argument) throws IOException, FtpCommandException {
    switch (argument.strip().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ")) {
      case "A", "A N" -> state.ascii(true);
      case "I", "L 8" -> state.ascii(false);
      default ->
          throw new FtpCommandException(
              COMMAND_NOT_IMPLEMENTED_FOR_PARAMETER,
              "TYPE " + argument + " not supported, use A or I");
    }
    reply(COMMAND_OK, "Type set to " + (state.ascii() ? "A" : "I"));
  }

  private void onlyParameter(String argument, String supported, String done)
      throws IOException, FtpCommandException {
    if (!argument.strip().equalsIgnoreCase(supported)) {
      throw new FtpCommandException(
          COMMAND_NOT_IMPLEMENTED_FOR_PARAMETER, argument + " not supported, only " + supported);
    }
    reply(COMMAND_OK, done);
  }

  // ---- data connections

  private void pasv() throws IOException, FtpCommandException {
    refuseAfterEpsvAll();
    if (!(localAddress instanceof Inet4Address)) {
      throw new FtpCommandException(SYNTAX_ERROR_IN_ARGUMENTS, "PASV is for IPv4, use EPSV");
    }
    InetSocketAddress address = openPassive();
    reply(
        ENTERING_PASSIVE_MODE,
        "Entering Passive Mode (" + HostPort.formatSixNumbers(address) + ")");
  }

  private void epsv(String argument) throws IOException, FtpCommandException {
    String a = argument.strip();
    if (a.equalsIgnoreCase("ALL")) {
      epsvAll = true;
      reply(COMMAND_OK, "EPSV ALL accepted");
      return;
    }
    if (!a.isEmpty() && !a.equals("1") && !a.equals("2")) {
      throw new FtpCommandException(
          EXTENDED_PORT_FAILURE, "Network protocol not supported, use (1,2)");
    }
    int port = openPassive().getPort();
    reply(ENTERING_EPSV_MODE, "Entering Extended Passive Mode (|||" + port + "|)");
  }

  private InetSocketAddress openPassive() throws FtpCommandException {
    try {
      return data.passive();
    } catch (IOException e) {
      throw new FtpCommandException(
          CANNOT_OPEN_DATA_CONNECTION, "Cannot open passive connection: " + e.getMessage());
    }
  }

  /**
   * PORT and EPRT. Data connections go only back to the client's own address and to an unprivileged
   * port: anything else would let the server be used to attack third parties or local services (the
   * "FTP bounce", RFC 2577).
   */
  private void active(String argument, boolean extended) throws IOException, FtpCommandException {
    refuseAfterEpsvAll();
    InetSocketAddress target;
    try {
      target =
          extended
              ? HostPort.parseExtended(argument.strip())
              : HostPort.parseSixNumbers(argument.strip());
    } catch (HostPort.UnsupportedProtocolException e) {
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
    reply(COMMAND_OK, (extended ? "EPRT" : "PORT") + " command successful");
  }

  private void refuseAfterEpsvAll() throws FtpCommandException {
    if (epsvAll) {
      throw new FtpCommandException(BAD_COMMAND_SEQUENCE, "Only EPSV after EPSV ALL");
    }
  }

  // ---- transfers

  private void list(String argument, boolean namesOnly) throws FtpCommandException {
    String virtual = files.normalize(state.cwd(), DirectoryListing.withoutOptions(argument));
    Path real = files.existing(virtual);
    List<DirectoryListing.Entry> entries = listing.entriesAt(real, virtual);
    StringBuilder text = new StringBuilder();
    for (DirectoryListing.Entry e : entries) {
      text.append(namesOnly ? e.name() : listing.longFormat(e, real.resolve(e.name())))
          .append(LineReader.CRLF);
    }
    sendText(namesOnly ? "NLST" : "LIST", virtual, text.toString());
  }

  private void mlsd(String argument) throws FtpCommandException {
    String virtual = files.normalize(state.cwd(), argument);
    Path real = files.directory(virtual);
    StringBuilder text = new StringBuilder();
    for (DirectoryListing.Entry e : listing.entriesAt(real, virtual)) {
      text.append(listing.facts(e, DirectoryListing.typeOf(e.attributes()), state.writable()))
          .append(LineReader.CRLF);
    }
    sendText("MLSD", virtual, text.toString());
  }

  private void sendText(String command, String virtual, String text) throws FtpCommandException {
    byte[] bytes = text.getBytes(UTF_8);
    startTransfer(
        command,
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

  private void rest(String argument) throws IOException, FtpCommandException {
    String a = argument.strip();
    if (!a.matches("\\d{1,18}")) {
      throw new FtpCommandException(SYNTAX_ERROR_IN_ARGUMENTS, "REST needs a byte offset");
    }
    restartOffset = Long.parseLong(a);
    reply(FILE_ACTION_PENDING, "Restarting at " + restartOffset + ", send RETR or STOR");
  }

  private void retr(String argument) throws FtpCommandException {
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

  private void store(String argument, boolean append) throws FtpCommandException {
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
      upload = AtomicUpload.begin(target, keep);
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
        (connection, progress) -> connection.receiveInto(upload.channel(), asciiNow, progress),
        upload);
  }

  private long takeRestartOffset() {
    long offset = restartOffset;
    restartOffset = 0;
    return offset;
  }

  private void abor() throws IOException {
    if (!transfers.isRunning()) {
      reply(DATA_CONNECTION_OPEN, "No transfer to abort");
      return;
    }
    // A transfer that completed anyway has said 226, which also answers ABOR (RFC 959
    // section 4.1.3); one that was cut has said 426 and ABOR gets its own 226.
    if (transfers.abort() != CLOSING_DATA_CONNECTION) {
      reply(CLOSING_DATA_CONNECTION, "ABOR successful");
    }
  }

  /** Checks that a transfer may start, then hands it to the runner. */
  private void startTransfer(
      String command, String virtual, String opening, TransferRunner.Body body, AtomicUpload upload)
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
    transfers.start(state.user(), command, virtual, opening, state.protectData(), body, upload);
  }

  private void reply(int code, String text) throws IOException {
    replies.send(code, text);
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
