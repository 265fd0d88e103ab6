package org.netlab.rpc.contract;

import io.grpc.Metadata;

/**
 * The name of the server that answered, which every answer carries so that a client of several
 * servers, or of a balancer in front of them, sees where its calls went: a gRPC trailer and an HTTP
 * response header, both {@code x-served-by}.
 */
public final class ServedBy {
  /** The HTTP response header. */
  public static final String HTTP_HEADER = "x-served-by";

  /** The gRPC trailer (also sent when a call ends without any answer message). */
  public static final Metadata.Key<String> GRPC_KEY =
      Metadata.Key.of(HTTP_HEADER, Metadata.ASCII_STRING_MARSHALLER);

  /** The longest name a server may give itself. */
  public static final int MAX_LENGTH = 64;

  private ServedBy() {}

  /**
   * {@code name}, checked to travel in a header unchanged.
   *
   * @throws IllegalArgumentException when it is empty, longer than {@link #MAX_LENGTH} or holds
   *     anything but visible ASCII
   */
  public static String checked(String name) {
    if (name == null
        || name.isEmpty()
        || name.length() > MAX_LENGTH
        || !name.chars().allMatch(c -> c > ' ' && c < 0x7f)) {
      throw new IllegalArgumentException(
          "a server name is 1 to " + MAX_LENGTH + " visible ASCII characters, without spaces");
    }
    return name;
  }
}
