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
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
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
  private final long startNanos = System.nanoTime();

  private long restartOffset;
  private String renameFrom;
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
      renameFrom = null;
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
        case "STAT" -> stat(argument);
        case "ABOR" -> abor();
        case "PWD", "XPWD" ->
            reply(PATHNAME_CREATED, quote(state.cwd()) + " is the current directory");
        case "CWD", "XCWD" -> cwd(argument);
        case "CDUP", "XCUP" -> cwd("..");
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
        case "MLST" -> mlst(argument);
        case "SIZE" -> size(argument);
        case "MDTM" -> mdtm(argument);
        case "REST" -> rest(argument);
        case "RETR" -> retr(argument);
        case "STOR" -> store(argument, false);
        case "APPE" -> store(argument, true);
        case "DELE" -> dele(argument);
        case "MKD", "XMKD" -> mkd(argument);
        case "RMD", "XRMD" -> rmd(argument);
        case "RNFR" -> rnfr(argument);
        case "RNTO" -> rnto(argument);
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

  private void stat(String argument) throws IOException, FtpCommandException {
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
    String virtual = files.normalize(state.cwd(), stripListOptions(argument));
    Path real = files.existing(virtual);
    List<String> lines = new ArrayList<>();
    for (DirectoryListing.Entry e : entries(real, virtual)) {
      lines.add(listing.longFormat(e, real.resolve(e.name())));
    }
    replies.sendLines(FILE_STATUS, "Status of " + virtual + ":", lines, "End of status");
  }

  private void cwd(String argument) throws IOException, FtpCommandException {
    String virtual = files.normalize(state.cwd(), argument.isEmpty() ? "/" : argument);
    files.directory(virtual);
    state.changeDirectory(virtual);
    reply(FILE_ACTION_OK, "Directory changed to " + virtual);
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

  private void size(String argument) throws IOException, FtpCommandException {
    String virtual = files.normalize(state.cwd(), argument);
    Path real = files.file(virtual);
    try {
      reply(FILE_STATUS, Long.toString(Files.size(real)));
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, false);
    }
  }

  private void mdtm(String argument) throws IOException, FtpCommandException {
    String virtual = files.normalize(state.cwd(), argument);
    Path real = files.file(virtual);
    try {
      reply(FILE_STATUS, DirectoryListing.machineTime(Files.getLastModifiedTime(real).toInstant()));
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, false);
    }
  }

  private void mlst(String argument) throws IOException, FtpCommandException {
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
    String virtual = files.normalize(state.cwd(), stripListOptions(argument));
    Path real = files.existing(virtual);
    List<DirectoryListing.Entry> entries = entries(real, virtual);
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
    for (DirectoryListing.Entry e : entries(real, virtual)) {
      text.append(listing.facts(e, DirectoryListing.typeOf(e.attributes()), state.writable()))
          .append(LineReader.CRLF);
    }
    sendText("MLSD", virtual, text.toString());
  }

  private List<DirectoryListing.Entry> entries(Path real, String virtual)
      throws FtpCommandException {
    try {
      if (Files.isDirectory(real)) {
        return listing.entries(real);
      }
      String name = virtual.substring(virtual.lastIndexOf('/') + 1);
      return List.of(listing.single(real, name));
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, false);
    }
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

  // ---- changes

  private void dele(String argument) throws IOException, FtpCommandException {
    state.requireWritable();
    String virtual = files.normalize(state.cwd(), argument);
    Path entry = files.entry(virtual);
    if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
      throw new FtpCommandException(FILE_UNAVAILABLE, virtual + ": is a directory, use RMD");
    }
    try {
      Files.delete(entry);
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, true);
    }
    reply(FILE_ACTION_OK, virtual + " deleted");
  }

  private void mkd(String argument) throws IOException, FtpCommandException {
    state.requireWritable();
    String virtual = files.normalize(state.cwd(), argument);
    try {
      Files.createDirectory(files.creatable(virtual));
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, true);
    }
    reply(PATHNAME_CREATED, quote(virtual) + " created");
  }

  private void rmd(String argument) throws IOException, FtpCommandException {
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
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, true);
    }
    reply(FILE_ACTION_OK, virtual + " removed");
  }

  private void rnfr(String argument) throws IOException, FtpCommandException {
    state.requireWritable();
    String virtual = files.normalize(state.cwd(), argument);
    files.entry(virtual);
    renameFrom = virtual;
    reply(FILE_ACTION_PENDING, virtual + " exists, send RNTO");
  }

  private void rnto(String argument) throws IOException, FtpCommandException {
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
    } catch (IOException e) {
      throw FileErrors.of(virtual, e, true);
    }
    reply(FILE_ACTION_OK, from + " renamed to " + virtual);
  }

  private void reply(int code, String text) throws IOException {
    replies.send(code, text);
  }

  /** LIST and STAT accept ls-style options ("-la") that some clients send; they are ignored. */
  private static String stripListOptions(String argument) {
    String a = argument.strip();
    while (a.startsWith("-")) {
      int space = a.indexOf(' ');
      a = space < 0 ? "" : a.substring(space + 1).strip();
    }
    return a;
  }

  /** A path in a 257 reply, quotes doubled (RFC 959 appendix II). */
  private static String quote(String path) {
    return "\"" + path.replace("\"", "\"\"") + "\"";
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
