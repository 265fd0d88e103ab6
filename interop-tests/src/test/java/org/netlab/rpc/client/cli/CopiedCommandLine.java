package org.netlab.rpc.client.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs an {@code rpc-client} command line copied from elsewhere (the console) as a shell would read
 * it: words split at blanks, single quotes and backslashes honoured, a comment dropped.
 */
public final class CopiedCommandLine {
  /** What the run printed and its exit code. */
  public record Result(int exitCode, String out, String err) {}

  private CopiedCommandLine() {}

  /**
   * Runs {@code command}, which starts with {@code rpc-client}, with {@code environment} as its
   * environment (where it finds {@code RPC_TOKEN}).
   */
  public static Result run(String command, Map<String, String> environment) {
    List<String> words = words(command);
    if (words.isEmpty() || !words.get(0).equals("rpc-client")) {
      throw new IllegalArgumentException("not an rpc-client command: " + command);
    }
    Cli.Run run =
        Cli.with(org.netlab.rpc.client.RpcConnection::open)
            .environment(environment)
            .run(words.subList(1, words.size()).toArray(String[]::new));
    return new Result(run.exitCode(), run.out(), run.err());
  }

  /** The words of a shell command line of bare words and single-quoted ones. */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\'') {
          quoted = false;
        } else {
          word.append(c);
        }
      } else if (c == '\'') {
        word = word == null ? new StringBuilder() : word;
        quoted = true;
      } else if (c == '\\' && i + 1 < line.length()) {
        word = word == null ? new StringBuilder() : word;
        word.append(line.charAt(++i));
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else if (c == '#' && word == null) {
        break;
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException("unbalanced quote in " + line);
    }
    if (word != null) {
      words.add(word.toString());
    }
    return words;
  }
}
