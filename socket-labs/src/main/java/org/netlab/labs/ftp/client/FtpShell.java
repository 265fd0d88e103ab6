package org.netlab.labs.ftp.client;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
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
import org.jline.reader.impl.completer.StringsCompleter;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.netlab.datadir.DataDirectory;

/**
 * The interactive {@code ftp>} shell: line editing, history and command completion from JLine. A
 * failed command prints its error and the shell goes on.
 */
final class FtpShell implements AutoCloseable {
  private static final Map<String, String> HELP =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("open", "open HOST [PORT]   connect (port 21 by default) and log in"),
              Map.entry("user", "user NAME          log in as NAME (password asked without echo)"),
              Map.entry("ls", "ls [PATH]          list a directory"),
              Map.entry("cd", "cd PATH            change the remote directory"),
              Map.entry("pwd", "pwd                print the remote directory"),
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
              Map.entry("bye", "bye                disconnect and leave"),
              Map.entry("help", "help [COMMAND]     this text")));

  private final FtpConnectionOptions options;
  private final Terminal terminal;
  private final LineReader reader;
  private final PrintWriter out;
  private FtpClient client;

  FtpShell(FtpConnectionOptions options) throws IOException {
    this.options = options;
    this.terminal = TerminalBuilder.builder().system(true).dumb(true).build();
    this.reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("ftp")
            .completer(new StringsCompleter(HELP.keySet()))
            .variable(LineReader.HISTORY_FILE, DataDirectory.defaultPath().resolve("ftp-history"))
            .build();
    this.out = terminal.writer();
  }

  /** Reads commands until {@code bye} or end of input; returns the exit code. */
  int run(FtpUrl target) {
    if (target != null) {
      attempt(List.of("open", target.host(), Integer.toString(target.port())));
      if (client != null && !target.path().equals("/")) {
        attempt(List.of("cd", target.path()));
      }
    }
    while (true) {
      String line;
      try {
        line = reader.readLine("ftp> ");
      } catch (UserInterruptException e) {
        continue;
      } catch (EndOfFileException e) {
        return 0;
      }
      List<String> words =
          reader.getParsedLine().words().stream().filter(w -> !w.isEmpty()).toList();
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
      out.println("error: " + FtpClientCommand.describe(e));
      if (!(e instanceof FtpReplyException)
          && !(e instanceof IllegalArgumentException)
          && !(e instanceof FtpConnectionOptions.UsageException)
          && client != null) {
        // The connection itself failed: forget it rather than reuse a broken one.
        closeClient();
      }
    }
    out.flush();
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
    String host = arg(args, 0, "open HOST [PORT]");
    int port = args.size() > 1 ? Integer.parseInt(args.get(1)) : FtpUrl.DEFAULT_PORT;
    closeClient();
    FtpClient fresh = FtpClient.connect(host, port, Duration.ofSeconds(options.timeoutSeconds));
    try {
      if (options.tls) {
        fresh.startTls(options.sslContext());
      }
      client = fresh;
      out.println("connected to " + host + ":" + port + (options.tls ? " (TLS)" : ""));
      login(options.user == null ? "anonymous" : options.user);
    } catch (IOException | RuntimeException e) {
      if (client == null) {
        fresh.close();
      }
      throw e;
    }
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
          fromEnv != null
              ? fromEnv.toCharArray()
              : reader.readLine("Password for " + name + ": ", '*').toCharArray();
    }
    client.login(name, password);
    out.println("logged in as " + name);
  }

  private void get(List<String> args) throws IOException {
    boolean resume = args.contains("-c");
    List<String> names = args.stream().filter(a -> !a.equals("-c")).toList();
    String remote = arg(names, 0, "get REMOTE [LOCAL] [-c]");
    Path local =
        Path.of(names.size() > 1 ? names.get(1) : remote.substring(remote.lastIndexOf('/') + 1));
    long bytes = transfers().download(remote, local, resume);
    out.println(remote + " -> " + local + " (" + ProgressBar.bytes(bytes) + ")");
  }

  private void put(List<String> args) throws IOException {
    Path local = Path.of(arg(args, 0, "put LOCAL [REMOTE]"));
    String remote = args.size() > 1 ? args.get(1) : local.getFileName().toString();
    long bytes = transfers().upload(local, remote);
    out.println(local + " -> " + remote + " (" + ProgressBar.bytes(bytes) + ")");
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
      try (Stream<Path> files = Files.list(Path.of("."))) {
        files
            .filter(Files::isRegularFile)
            .filter(p -> matcher.matches(p.getFileName()))
            .sorted()
            .forEach(matches::add);
      }
    }
    for (Path file : matches) {
      put(List.of(file.toString()));
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
    boolean interactive =
        !Terminal.TYPE_DUMB.equals(terminal.getType())
            && !Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    return new FileTransfers(connected(), interactive ? out : null);
  }

  private FtpClient connected() {
    if (client == null) {
      throw new FtpConnectionOptions.UsageException("not connected; use open HOST [PORT]");
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
    terminal.close();
  }
}
