package org.netlab.labs.ftp.server;

import java.io.IOException;
import java.util.Objects;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLSession;
import org.netlab.labs.ftp.DataConnection;

/**
 * One transfer as a command hands it to the {@link TransferRunner}: everything the transfer's own
 * thread needs, read on the session's thread before it starts, since the session's state may change
 * while the bytes move. The restart point and the representation type are already in the body.
 *
 * @param verb the command that asked for it (RETR, STOR, APPE, LIST, NLST or MLSD), for the log
 * @param user who is logged in, for the log
 * @param path the virtual path moved or listed, for the log and for messages about the disk
 * @param opening what the 150 reply says after "Opening "
 * @param controlTls under PROT P, the control connection's TLS session, which the data connection
 *     must resume; null for a clear data connection
 * @param body moves the bytes once the data connection is open
 * @param upload the upload the body writes into, committed only when the transfer completes and
 *     dropped otherwise; null for downloads and listings
 */
record Transfer(
    String verb,
    String user,
    String path,
    String opening,
    SSLSession controlTls,
    Body body,
    AtomicUpload upload) {

  Transfer {
    Objects.requireNonNull(verb, "verb");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(opening, "opening");
    Objects.requireNonNull(body, "body");
    if (!verb.matches("[A-Z]{3,4}")) {
      throw new IllegalArgumentException("not an FTP verb: " + verb);
    }
  }

  /** The part of a transfer that moves the bytes, run once the data connection is open. */
  @FunctionalInterface
  interface Body {
    /**
     * @param progress told every count of bytes moved, so a stall can be seen
     * @return bytes moved
     * @throws IOException when the data connection or the file fails; the transfer then ends with
     *     426, or with the disk's own reply (452, 553...)
     */
    long run(DataConnection connection, LongConsumer progress) throws IOException;
  }
}
