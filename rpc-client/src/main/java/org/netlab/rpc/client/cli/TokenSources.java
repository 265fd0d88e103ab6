package org.netlab.rpc.client.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.netlab.rpc.client.ServerUrl;

/**
 * Which token a command sends, and from where. The first source that gives one wins:
 *
 * <ol>
 *   <li>the file given to {@code --token-file}: its first line, trimmed;
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE};
 *   <li>for a server on this host only ({@code localhost}, 127.0.0.0/8, {@code ::1}), the admin
 *       token a local server wrote in its data directory, when it is there and readable, as the
 *       local CA is trusted by default. It never goes to another host.
 * </ol>
 *
 * <p>No option takes the token itself: a command line shows in {@code ps} to every local user. No
 * message here repeats what a token file holds.
 */
final class TokenSources {
  /** Holds the token when no {@code --token-file} is given. */
  static final String ENVIRONMENT_VARIABLE = "RPC_TOKEN";

  /** A token is one short line; anything much larger is the wrong file. */
  private static final long MAX_FILE_SIZE = 64 * 1024;

  /** A token and where it came from, in words for a message; {@link #toString} hides the token. */
  record Found(String token, String source) {
    Found {
      Objects.requireNonNull(token, "token");
      Objects.requireNonNull(source, "source");
    }

    @Override
    public String toString() {
      return "Found[token=(hidden), source=" + source + "]";
    }
  }

  private final Map<String, String> environment;
  private final Path localAdminToken;

  /**
   * @param localAdminToken where a local server keeps its admin token ({@code
   *     DataDirectory.adminTokenFile} of the default data directory)
   */
  TokenSources(Map<String, String> environment, Path localAdminToken) {
    this.environment = Objects.requireNonNull(environment, "environment");
    this.localAdminToken = Objects.requireNonNull(localAdminToken, "localAdminToken");
  }

  /**
   * The token to send to {@code server}, if any.
   *
   * @param tokenFile the file given to {@code --token-file}, or null
   * @throws IllegalArgumentException when {@code tokenFile} is missing, unreadable or holds no
   *     token; the message names the file, never what it holds
   */
  Optional<Found> choose(Path tokenFile, ServerUrl server) {
    if (tokenFile != null) {
      String source = "--token-file " + tokenFile;
      return Optional.of(new Found(fromTokenFile(tokenFile, source), source));
    }
    String fromEnvironment = environment.get(ENVIRONMENT_VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(new Found(fromEnvironment.strip(), "$" + ENVIRONMENT_VARIABLE));
    }
    if (isLoopback(server.host()) && Files.isReadable(localAdminToken)) {
      try {
        return firstLine(localAdminToken)
            .map(token -> new Found(token, localAdminToken.toString()));
      } catch (IOException e) {
        // Unusable, as if absent: nobody asked for this file, the server will say what it needs.
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /** What the file a person named holds, or why it holds no token, in a message naming it. */
  private static String fromTokenFile(Path file, String source) {
    try {
      return firstLine(file)
          .orElseThrow(() -> new IllegalArgumentException(source + ": its first line is empty"));
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(source + ": no such file");
    } catch (AccessDeniedException e) {
      throw new IllegalArgumentException(source + ": permission denied");
    } catch (IOException e) {
      throw new IllegalArgumentException(source + ": cannot read it (" + e.getMessage() + ")");
    }
  }

  /**
   * Whether {@code host} (as a URL gives it, IPv6 with or without brackets) is this host's
   * loopback: {@code localhost}, an address in 127.0.0.0/8, or {@code ::1}. Decided from the text
   * alone, without a name lookup that a network could answer; any other name is not loopback.
   */
  static boolean isLoopback(String host) {
    String name =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (name.equalsIgnoreCase("localhost")) {
      return true;
    }
    if (name.contains(":")) {
      try {
        // In brackets the JDK parses an IPv6 literal and never looks the text up as a name.
        return InetAddress.getByName("[" + name + "]").isLoopbackAddress();
      } catch (UnknownHostException e) {
        return false;
      }
    }
    return isIpv4Loopback(name);
  }

  /** A dotted quad, each part 0 to 255, the first 127: only the plain form, nothing shorter. */
  private static boolean isIpv4Loopback(String name) {
    String[] parts = name.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty()
          || part.length() > 3
          || !part.chars().allMatch(c -> c >= '0' && c <= '9')) {
        return false;
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return Integer.parseInt(parts[0]) == 127;
  }

  /** The first line of {@code file}, trimmed; empty when that is blank. */
  private static Optional<String> firstLine(Path file) throws IOException {
    if (Files.isDirectory(file)) {
      throw new IOException("it is a directory");
    }
    if (Files.size(file) > MAX_FILE_SIZE) {
      throw new IOException("it is larger than 64 KiB; a token file holds one line");
    }
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    String line = (end < 0 ? text : text.substring(0, end)).strip();
    return line.isEmpty() ? Optional.empty() : Optional.of(line);
  }
}
