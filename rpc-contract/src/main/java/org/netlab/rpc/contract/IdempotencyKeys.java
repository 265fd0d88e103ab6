package org.netlab.rpc.contract;

import io.grpc.Metadata;
import java.util.regex.Pattern;

/**
 * How a write names itself so that it is applied once however often it is sent: the client makes
 * one key per logical call and sends it again with every retry of that call; the server records the
 * key with the write's outcome in the write's own transaction, and answers a call that comes again
 * with that outcome instead of applying it twice. gRPC carries the key in metadata, XML-RPC in an
 * HTTP header, both named {@code idempotency-key}.
 */
public final class IdempotencyKeys {
  /** The HTTP request header. */
  public static final String HTTP_HEADER = "Idempotency-Key";

  /** The same header as gRPC metadata, whose keys are lower case. */
  public static final Metadata.Key<String> GRPC_KEY =
      Metadata.Key.of("idempotency-key", Metadata.ASCII_STRING_MARSHALLER);

  /** The longest key taken; a UUID has 36 characters. */
  public static final int MAX_LENGTH = 128;

  private static final Pattern FORM = Pattern.compile("[A-Za-z0-9._:/-]{8," + MAX_LENGTH + "}");

  private IdempotencyKeys() {}

  /** Whether {@code key} has the form of a key: 8 to 128 letters, digits or {@code . _ : / -}. */
  public static boolean wellFormed(String key) {
    return key != null && FORM.matcher(key).matches();
  }

  /** What a caller is told of a key that is not {@link #wellFormed}. */
  public static String formRule() {
    return "an idempotency key is 8 to "
        + MAX_LENGTH
        + " letters, digits or . _ : / - (a UUID does)";
  }
}
