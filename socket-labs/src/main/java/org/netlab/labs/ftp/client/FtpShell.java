package org.netlab.labs.ftp.client;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.netlab.datadir.DataDirectory;
import org.netlab.labs.cli.LabCommandLine;
import org.netlab.labs.cli.ProgressBar;

/**
 * The interactive {@code ftp>} shell: line editing, history and command completion from JLine. A
 * failed command prints its error and the shell goes on. Local names (get, put, mput, {@code !})
 * are taken from the local directory that {@code lcd} sets.
 */
final class FtpShell implements AutoCloseable {
  private static final Map<String, String> HELP =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry(
                  "open", "open URL | HOST [PORT]   connect (port 2121 by default) and log in"),
              Map.entry("user", "user NAME          log in as NAME (password asked without echo)"),
              Map.entry("ls", "ls [PATH]          list a directory"),
              Map.entry("cd", "cd PATH            change the remote directory"),
              Map.entry("pwd", "pwd                print the remote directory"),
              Map.entry("lcd", "lcd [DIR]          change the local directory (home without DIR)"),
              Map.entry("get", "get REMOTE [LOCAL] [-c]   download (-c resumes)"),
              Map.entry("put", "put LOCAL [REMOTE] upload"),
              Map.entry("mget", "mget PATTERN...    download every matching name (* and ?)"),
              Map.entry("mput", "mput PATTERN...    upload every matching local file"),
              Map.entry("mkdir", "mkdir PATH         create a remote directory"),
              Map.entry("rm", "rm PATH            delete a remote file"),
              Map.entry("rmdir", "rmdir PATH         remove an empty remote directory"),
              Map.entry("rename", "rename FROM TO     rename a remote file or directory"),
              Map.entry("binary", "binary             transfer bytes as they are (default)"),
              Map.entry("ascii", "ascii              convert line endings (TYPE A)"),
              Map.entry(
                  "status",
                  "status             connection, user, type, mode, TLS, local directory"),
              Map.entry(
                  "!", "!COMMAND           run COMMAND in your $SHELL here (! alone: a shell)"),
              Map.entry("close", "close              disconnect, stay in the shell"),
              Map.entry("bye", "bye                disconnect and leave"),
              Map.entry("help", "help [COMMAND]     this text")));

  /** Splits a typed line into words, quotes and backslashes as a shell would. */
  private static final DefaultParser WORDS = new DefaultParser();

  /** The person at the shell: what they type, and where the shell answers them. */
  interface Person extends AutoCloseable {
    /** The next line typed, or null at the end of input; a line given up with Ctrl-C is empty. */
    String line(String prompt);

    /** A password, typed without echo. */
    char[] password(String prompt);

    PrintWriter out();

    /**
     * Whether this is the process's own terminal: a {@code !} command then gets the terminal
     * itself, and transfers draw a progress bar on it.
     */
    boolean ownsTerminal();

    @Override
    void close() throws IOException;
  }

  /** The person at the system terminal, with line editing, history and completion. */
  private static final class TerminalPerson implements Person {
    private final Terminal terminal;
    private final LineReader reader;

    TerminalPerson(Path history) throws IOException {
      this.terminal = TerminalBuilder.builder().system(true).dumb(true).build();
      this.reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .appName("ftp")
              .completer(new StringsCompleter(HELP.keySet()))
              .variable(LineReader.HISTORY_FILE, history)
              // "!" starts a local command here, never a history expansion.
              .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
              .build();
    }

    @Override
    public String line(String prompt) {
      try {
        return reader.readLine(prompt);
      } catch (UserInterruptException e) {
        return "";
      } catch (EndOfFileException e) {
        return null;
      }
    }

    @Override
    public char[] password(String prompt) {
      return reader.readLine(prompt, '*').toCharArray();
    }

    @Override
    public PrintWriter out() {
      return terminal.writer();
    }

    @Override
    public boolean ownsTerminal() {
      return !Terminal.TYPE_DUMB.equals(terminal.getType())
          && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    }

    @Override
    public void close() throws IOException {
      terminal.close();
    }
  }

  private final FtpConnectionOptions options;
  private final Person person;
  private final PrintWriter out;
  private FtpClient client;
  private String connectedTo;
  private String loggedInAs;
  private Path localDir;

  /** On the system terminal, history in the data directory, in the current directory. */
  FtpShell(FtpConnectionOptions options) throws IOException {
    this(
        options,
        new TerminalPerson(DataDirectory.defaultPath().resolve("ftp-history")),
        Path.of("").toAbsolutePath());
  }

  /**
   * @param localDir where local names are resolved, until {@code lcd}
   */
  FtpShell(FtpConnectionOptions options, Person person, Path localDir) {
    this.options = options;
    this.person = person;
    this.localDir = localDir.toAbsolutePath().normalize();
    this.out = person.out();
  }

  /** Reads commands until {@code bye} or end of input; returns the exit code. */
  int run(FtpUrl target) {
    if (target != null) {
      try {
        openUrl(target);
      } catch (IOException | RuntimeException e) {
        report(e);
      }
      out.flush();
    }
    while (true) {
      String line = person.line("ftp> ");
      if (line == null) {
        return 0;
      }
      if (line.strip().startsWith("!")) {
        runLocally(line.strip().substring(1).strip());
        continue;
      }
      List<String> words =
          WORDS.parse(line, line.length()).words().stream().filter(w -> !w.isEmpty()).toList();
      if (words.isEmpty()) {
        continue;
      }
      if (words.get(0).equals("bye") || words.get(0).equals("quit")) {
        return 0;
      }
      attempt(words);
    }
  }

  private void attempt(List<String> words) {
    try {
      execute(words.get(0), words.subList(1, words.size()));
    } catch (IOException | RuntimeException e) {
      report(e);
    }
    out.flush();
  }

  private void report(Exception e) {
    out.println("error: " + LabCommandLine.describe(e));
    if (!(e instanceof FtpReplyException)
        && !(e instanceof IllegalArgumentException)
        && client != null) {
      // The connection itself failed: forget it rather than reuse a broken one.
      closeClient();
    }
  }

  private void execute(String command, List<String> args) throws IOException {
    switch (command) {
      case "help", "?" -> help(args);
      case "open" -> open(args);
      case "user" -> user(args);
      case "ls", "dir" -> connected().list(args.isEmpty() ? "" : args.get(0)).forEach(out::println);
      case "cd" -> {
        connected().cd(arg(args, 0, "cd PATH"));
        out.println(client.pwd());
      }
      case "pwd" -> out.println(connected().pwd());
      case "lcd" -> lcd(args);
      case "status" -> status();
      case "get" -> get(args);
      case "put" -> put(args);
      case "mget" -> mget(args);
      case "mput" -> mput(args);
      case "mkdir" -> connected().mkdir(arg(args, 0, "mkdir PATH"));
      case "rm", "delete" -> connected().delete(arg(args, 0, "rm PATH"));
      case "rmdir" -> connected().rmdir(arg(args, 0, "rmdir PATH"));
      case "rename" ->
          connected().rename(arg(args, 0, "rename FROM TO"), arg(args, 1, "rename FROM TO"));
      case "binary" -> connected().binary();
      case "ascii" -> connected().ascii();
      case "close" -> closeClient();
      default -> out.println("unknown command " + command + "; try help");
    }
  }

  private void help(List<String> args) {
    if (!args.isEmpty() && HELP.containsKey(args.get(0))) {
      out.println(HELP.get(args.get(0)));
      return;
    }
    HELP.values().forEach(out::println);
  }

  private void open(List<String> args) throws IOException {
    String usage = "open URL or open HOST [PORT]";
    String first = arg(args, 0, usage);
    if (FtpUrl.isUrl(first)) {
      if (args.size() > 1) {
        throw new FtpConnectionOptions.UsageException("usage: " + usage);
      }
      openUrl(FtpUrl.parse(first));
      return;
    }
    int port = FtpUrl.DEFAULT_PORT;
    if (args.size() > 1) {
      try {
        port = Integer.parseInt(args.get(1));
      } catch (NumberFormatException e) {
        throw new FtpConnectionOptions.UsageException("usage: " + usage);
      }
    }
    if (args.size() > 2 || port < 1 || port > 65_535) {
      throw new FtpConnectionOptions.UsageException("usage: " + usage);
    }
    open(first, port, options.tls, null);
  }

  /** Opens the URL's server, with TLS when it is ftps://, and goes to its path. */
  private void openUrl(FtpUrl url) throws IOException {
    open(url.host(), url.port(), options.tls || url.tls(), url.user());
    if (!url.path().equals("/")) {
      attempt(List.of("cd", url.path()));
    }
  }

  private void open(String host, int port, boolean tls, String urlUser) throws IOException {
    closeClient();
    FtpClient fresh = FtpClient.connect(host, port, options.timeout);
    try {
      if (tls) {
        fresh.startTls(options.sslContext());
      }
      client = fresh;
      connectedTo = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
      out.println("connected to " + connectedTo + (tls ? " (TLS)" : ""));
      login(options.user != null ? options.user : urlUser != null ? urlUser : "anonymous");
    } catch (IOException | RuntimeException e) {
      if (client == null) {
        fresh.close();
      }
      throw e;
    }
  }

  private void lcd(List<String> args) {
    Path target =
        args.isEmpty()
            ? Path.of(System.getProperty("user.home"))
            : localDir.resolve(args.get(0)).toAbsolutePath().normalize();
    if (!Files.isDirectory(target)) {
      throw new FtpConnectionOptions.UsageException(args.get(0) + ": no such local directory");
    }
    localDir = target;
    out.println("local directory now " + localDir);
  }

  private void status() {
    if (client == null) {
      out.println("connection: not connected");
    } else {
      out.println("connection: " + connectedTo);
      out.println("user: " + (loggedInAs == null ? "not logged in" : loggedInAs));
      out.println("type: " + (client.isAscii() ? "ascii (TYPE A)" : "binary (TYPE I)"));
      out.println("mode: stream, passive (" + (client.usesPasv() ? "PASV" : "EPSV") + ")");
      out.println("tls: " + (client.isTls() ? "on, control and data" : "off"));
    }
    out.println("local directory: " + localDir);
  }

  /**
   * The classic shell escape: {@code command} is what the person typed after {@code !}, run by
   * their {@code $SHELL -c} in the local directory; {@code !} alone starts that shell. Nothing the
   * server sends ever reaches here.
   */
  private void runLocally(String command) {
    String shell = System.getenv("SHELL");
    if (shell == null || shell.isBlank()) {
      shell = "/bin/sh";
    }
    List<String> argv = command.isEmpty() ? List.of(shell) : List.of(shell, "-c", command);
    ProcessBuilder builder = new ProcessBuilder(argv).directory(localDir.toFile());
    if (person.ownsTerminal()) {
      builder.inheritIO();
    } else {
      builder.redirectErrorStream(true);
    }
    out.flush();
    try {
      Process process = builder.start();
      if (!person.ownsTerminal()) {
        process.getOutputStream().close();
        try (Reader output =
            new InputStreamReader(process.getInputStream(), Charset.defaultCharset())) {
          output.transferTo(out);
        }
      }
      process.waitFor();
    } catch (IOException e) {
      out.println("error: cannot run " + shell + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    out.flush();
  }

  private void user(List<String> args) throws IOException {
    connected();
    login(arg(args, 0, "user NAME"));
  }

  private void login(String name) throws IOException {
    char[] password;
    if (name.equals("anonymous")) {
      password = "netlab@".toCharArray();
    } else {
      String fromEnv = System.getenv(options.passwordEnv);
      password =
          fromEnv != null ? fromEnv.toCharArray() : person.password("Password for " + name + ": ");
    }
    client.login(name, password);
    loggedInAs = name;
    out.println("logged in as " + name);
  }

  private void get(List<String> args) throws IOException {
    boolean resume = args.contains("-c");
    List<String> names = args.stream().filter(a -> !a.equals("-c")).toList();
    String remote = arg(names, 0, "get REMOTE [LOCAL] [-c]");
    String name = names.size() > 1 ? names.get(1) : remote.substring(remote.lastIndexOf('/') + 1);
    long bytes = transfers().download(remote, localDir.resolve(name), resume);
    out.println(remote + " -> " + name + " (" + ProgressBar.bytes(bytes) + ")");
  }

  private void put(List<String> args) throws IOException {
    String name = arg(args, 0, "put LOCAL [REMOTE]");
    Path local = localDir.resolve(name);
    String remote = args.size() > 1 ? args.get(1) : local.getFileName().toString();
    long bytes = transfers().upload(local, remote);
    out.println(name + " -> " + remote + " (" + ProgressBar.bytes(bytes) + ")");
  }

  private void mget(List<String> patterns) throws IOException {
    arg(patterns, 0, "mget PATTERN...");
    List<String> names = connected().names("");
    for (String pattern : patterns) {
      Pattern regex = glob(pattern);
      for (String name : names) {
        if (regex.matcher(name).matches()) {
          get(List.of(name));
        }
      }
    }
  }

  private void mput(List<String> patterns) throws IOException {
    arg(patterns, 0, "mput PATTERN...");
    connected();
    List<Path> matches = new ArrayList<>();
    for (String pattern : patterns) {
      PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + pattern);
      try (Stream<Path> files = Files.list(localDir)) {
        files
            .filter(Files::isRegularFile)
            .filter(p -> matcher.matches(p.getFileName()))
            .sorted()
            .forEach(matches::add);
      }
    }
    for (Path file : matches) {
      put(List.of(file.getFileName().toString()));
    }
  }

  /** A shell-style pattern with * and ? as a regular expression. */
  static Pattern glob(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  private FileTransfers transfers() {
    return new FileTransfers(connected(), person.ownsTerminal() ? out : null);
  }

  private FtpClient connected() {
    if (client == null) {
      throw new FtpConnectionOptions.UsageException("not connected; use open URL or open HOST");
    }
    return client;
  }

  private static String arg(List<String> args, int index, String usage) {
    if (args.size() <= index) {
      throw new FtpConnectionOptions.UsageException("usage: " + usage);
    }
    return args.get(index);
  }

  private void closeClient() {
    connectedTo = null;
    loggedInAs = null;
    if (client != null) {
      try {
        client.close();
      } catch (IOException e) {
        // Leaving anyway.
      }
      client = null;
    }
  }

  @Override
  public void close() throws IOException {
    closeClient();
    person.close();
  }
}
