package org.netlab.labs.vault.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.netlab.labs.cli.ProgressBar;

/**
 * Downloads one file to disk through {@code FILE.part}, renamed to {@code FILE} only once every
 * byte announced has come, so a {@code FILE} is always whole. A download that stops leaves the
 * part, and with it the file's strong {@code ETag} in {@code FILE.part.etag}; resuming asks for the
 * rest with {@code Range: bytes=N-} and {@code If-Range: ETAG}, appends on 206, and starts over on
 * 200 (the file changed, or the server does not do ranges).
 */
public final class FileDownload {
  private static final int BUFFER_BYTES = 64 * 1024;

  private final VaultHttpClient client;
  private final PrintWriter progressOut;

  /** What a download did. */
  public record Outcome(long received, long size, boolean resumed) {}

  /**
   * @param progressOut where to draw a progress bar, or null for none
   */
  public FileDownload(VaultHttpClient client, PrintWriter progressOut) {
    this.client = client;
    this.progressOut = progressOut;
  }

  /** {@code FILE.part}, where {@code target}'s bytes go until it is whole. */
  public static Path partOf(Path target) {
    return target.resolveSibling(target.getFileName() + ".part");
  }

  /** {@code FILE.part.etag}, the validator a resumed download sends in {@code If-Range}. */
  public static Path validatorOf(Path target) {
    return target.resolveSibling(target.getFileName() + ".part.etag");
  }

  /**
   * Downloads {@code url} to {@code target}.
   *
   * @param resume keep the bytes of {@code FILE.part}, or else of an existing {@code target}, and
   *     ask only for the rest
   * @param replace replace an existing {@code target}; without it or {@code resume}, an existing
   *     target is a usage error
   * @throws TruncatedBodyException when the connection closed early; the part is kept
   */
  public Outcome download(VaultUrl url, Path target, boolean resume, boolean replace)
      throws IOException {
    Path part = partOf(target);
    Path validator = validatorOf(target);
    checkTarget(target, resume, replace);
    // What is resumed: the part, else a FILE another tool left, moved to the part only once
    // the server sends the rest, so that a refusal leaves it where it was.
    Path base = Files.exists(part) ? part : Files.exists(target) ? target : null;
    long offset = resume && base != null ? Files.size(base) : 0;
    List<HttpFields.Field> fields = new ArrayList<>();
    if (offset > 0) {
      fields.add(new HttpFields.Field("Range", "bytes=" + offset + "-"));
      // The ETag file belongs to the part; a FILE from elsewhere is resumed without If-Range.
      if (base == part && Files.exists(validator)) {
        String etag = Files.readString(validator, StandardCharsets.US_ASCII).strip();
        if (isStrongEtag(etag)) {
          fields.add(new HttpFields.Field("If-Range", etag));
        }
      }
    }
    long received;
    long size;
    boolean resumed;
    try (Response response = client.get(url, fields)) {
      int status = response.status();
      HttpFields answer = response.head().fields();
      if (status == 200) {
        size = ResponseParser.contentLength(answer);
        String etag = answer.first("ETag").map(String::strip).orElse("");
        if (isStrongEtag(etag)) {
          Files.writeString(validator, etag + "\n", StandardCharsets.US_ASCII);
        } else {
          Files.deleteIfExists(validator);
        }
        received = copy(response.body(), part, false, 0, size, url);
        resumed = false;
      } else if (status == 206 && offset > 0) {
        ContentRange range =
            ContentRange.parse(
                answer
                    .first("Content-Range")
                    .orElseThrow(
                        () -> new MalformedResponseException("206 without Content-Range")));
        if (range.first() != offset) {
          throw new MalformedResponseException(
              "asked for bytes from " + offset + ", got from " + range.first());
        }
        long length = ResponseParser.contentLength(answer);
        if (length >= 0 && length != range.length()) {
          throw new MalformedResponseException(
              "Content-Length " + length + " but Content-Range of " + range.length() + " bytes");
        }
        size = range.size();
        if (base == target) {
          Files.move(target, part, StandardCopyOption.REPLACE_EXISTING);
        }
        received = copy(response.body(), part, true, offset, size, url);
        resumed = true;
      } else if (status == 416 && offset > 0) {
        // Nothing after the bytes we have: whole already, if the server's size is ours.
        long whole = ContentRange.parse(answer.first("Content-Range").orElse("")).size();
        if (whole != offset) {
          throw new IOException(
              "416 range not satisfiable: "
                  + part
                  + " holds "
                  + offset
                  + " bytes, the server's file "
                  + whole
                  + "; remove it and download again");
        }
        if (base == target) {
          Files.deleteIfExists(validator);
          return new Outcome(0, whole, true);
        }
        size = whole;
        received = 0;
        resumed = true;
      } else {
        throw StatusFailures.of(response);
      }
    }
    long have = Files.size(part);
    if (size >= 0 && have != size) {
      throw new IOException(
          part
              + " holds "
              + have
              + " bytes where the server announced "
              + size
              + "; run again with -c to fetch the rest");
    }
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(validator);
    return new Outcome(received, have, resumed);
  }

  /**
   * Downloads {@code path} over the lab channel to {@code target}, through {@code FILE.part} as
   * well; the channel announces no size, and does not resume.
   */
  public static Outcome overLabChannel(
      LabChannelFetcher channel, VaultUrl url, byte[] pinnedKey, Path target, boolean replace)
      throws IOException {
    checkTarget(target, false, replace);
    Path part = partOf(target);
    try (OutputStream out = Files.newOutputStream(part)) {
      channel.fetch(url.host(), url.port(), pinnedKey, VaultUrl.decode(url.path()), out);
    }
    long size = Files.size(part);
    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return new Outcome(size, size, false);
  }

  private static void checkTarget(Path target, boolean resume, boolean replace) {
    if (Files.isDirectory(target)) {
      throw new IllegalArgumentException(target + " is a directory; give -o FILE");
    }
    if (Files.exists(target) && !resume && !replace) {
      throw new IllegalArgumentException(
          target + " exists: give --force to replace it, or -c to resume it");
    }
  }

  /** A strong entity tag (RFC 9110 section 8.8.3): If-Range takes no weak one. */
  static boolean isStrongEtag(String etag) {
    return etag.length() >= 2
        && etag.startsWith("\"")
        && etag.endsWith("\"")
        && etag.chars().allMatch(c -> c > 0x20 && c != 0x7f);
  }

  private long copy(
      InputStream body, Path part, boolean append, long already, long size, VaultUrl url)
      throws IOException {
    ProgressBar bar =
        progressOut == null
            ? null
            : new ProgressBar(progressOut, VaultUrl.decode(url.path()), size, already);
    LongConsumer progress = bar == null ? n -> {} : bar;
    long received = 0;
    byte[] buffer = new byte[BUFFER_BYTES];
    try (OutputStream out =
        Files.newOutputStream(
            part,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      int n;
      while ((n = body.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        received += n;
        progress.accept(n);
      }
    } finally {
      if (bar != null) {
        bar.finish();
      }
    }
    return received;
  }
}
