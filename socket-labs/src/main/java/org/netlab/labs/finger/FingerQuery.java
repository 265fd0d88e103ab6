package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One parsed finger query (RFC 1288 §2.3): {@code {C}} lists the users logged in, {@code U{C}}
 * describes user U, a leading {@code /W} asks for the long form, and {@code U@host...} asks the
 * server to forward the query.
 *
 * <p>Parsing is strict on purpose: the query line comes from anyone on the network, so only
 * printable ASCII is accepted, user names and host names are restricted to the characters they can
 * hold, and nothing else survives to the lookup.
 *
 * @param longForm whether {@code /W} was given
 * @param user the user asked about; empty to ask for the list of users
 * @param hosts the forwarding chain, left to right; empty when not forwarding
 */
public record FingerQuery(boolean longForm, String user, List<String> hosts) {
  private static final Pattern USER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,31}");
  private static final Pattern HOST =
      Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9.-]{0,252})(?::[0-9]{1,5})?");

  public FingerQuery {
    Objects.requireNonNull(user, "user");
    hosts = List.copyOf(hosts);
    if (!user.isEmpty() && !USER.matcher(user).matches()) {
      throw new IllegalArgumentException("invalid user name: " + user);
    }
    for (String host : hosts) {
      if (!HOST.matcher(host).matches()) {
        throw new IllegalArgumentException("invalid host name: " + host);
      }
    }
  }

  /** Whether the query asks for the list of users rather than one user. */
  public boolean isList() {
    return user.isEmpty();
  }

  /** Whether the query names at least one host to forward to. */
  public boolean isForwarding() {
    return !hosts.isEmpty();
  }

  /** The host the query goes to next: the rightmost one (RFC 1288 §2.5.5). */
  public String nextHost() {
    if (hosts.isEmpty()) {
      throw new IllegalStateException("not a forwarding query");
    }
    return hosts.getLast();
  }

  /** This query as the next host must receive it: the rightmost host removed. */
  public FingerQuery forwarded() {
    return new FingerQuery(longForm, user, hosts.subList(0, hosts.size() - 1));
  }

  /** The query line, without its CRLF. */
  public String toLine() {
    StringBuilder line = new StringBuilder();
    if (longForm) {
      line.append("/W");
      if (!user.isEmpty() || !hosts.isEmpty()) {
        line.append(' ');
      }
    }
    line.append(user);
    for (String host : hosts) {
      line.append('@').append(host);
    }
    return line.toString();
  }

  /**
   * Parses a query line as received, terminator already removed.
   *
   * @throws InvalidQueryException on control characters, non-ASCII bytes, more than one user, or a
   *     user or host name with characters it cannot hold
   */
  public static FingerQuery parse(byte[] line) throws InvalidQueryException {
    for (byte b : line) {
      int unsigned = b & 0xff;
      if (unsigned < 0x20 || unsigned == 0x7f) {
        throw new InvalidQueryException(
            String.format("control character 0x%02X in query", unsigned));
      }
      if (unsigned > 0x7f) {
        throw new InvalidQueryException("non-ASCII byte in query");
      }
    }
    List<String> tokens = new ArrayList<>();
    for (String token : new String(line, US_ASCII).split(" ")) {
      if (!token.isEmpty()) {
        tokens.add(token);
      }
    }
    boolean longForm = !tokens.isEmpty() && tokens.getFirst().equalsIgnoreCase("/W");
    if (longForm) {
      tokens.removeFirst();
    }
    if (tokens.isEmpty()) {
      return new FingerQuery(longForm, "", List.of());
    }
    if (tokens.size() > 1) {
      throw new InvalidQueryException("one user name per query");
    }
    return parseTarget(longForm, tokens.getFirst());
  }

  private static FingerQuery parseTarget(boolean longForm, String target)
      throws InvalidQueryException {
    String[] parts = target.split("@", -1);
    String user = parts[0];
    if (!user.isEmpty() && !USER.matcher(user).matches()) {
      throw new InvalidQueryException(
          "invalid user name (letters, digits, '.', '_' and '-', at most 32)");
    }
    List<String> hosts = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      if (!HOST.matcher(parts[i]).matches()) {
        throw new InvalidQueryException("invalid host name after '@'");
      }
      hosts.add(parts[i]);
    }
    return new FingerQuery(longForm, user, hosts);
  }
}
