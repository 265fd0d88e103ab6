package org.netlab.labs.ftp.server;

/** An inclusive range of TCP ports, written {@code FIRST-LAST}, for passive data connections. */
public record PortRange(int first, int last) {
  public PortRange {
    if (first < 1024 || last > 65535 || first > last) {
      throw new IllegalArgumentException(
          "port range must be FIRST-LAST with 1024 <= FIRST <= LAST <= 65535");
    }
  }

  public static PortRange parse(String text) {
    String[] parts = text.split("-", -1);
    if (parts.length != 2) {
      throw new IllegalArgumentException("expected FIRST-LAST, got " + text);
    }
    try {
      return new PortRange(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected FIRST-LAST, got " + text, e);
    }
  }

  public int size() {
    return last - first + 1;
  }

  @Override
  public String toString() {
    return first + "-" + last;
  }
}
