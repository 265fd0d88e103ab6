package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An answer to write: status, header fields, body, and whether the connection ends after it. {@code
 * Content-Length}, {@code Date} and {@code Connection} are added by {@link ResponseWriter}.
 */
record Response(HttpStatus status, List<RequestHead.Field> fields, Body body, boolean close) {
  /** What follows the head. */
  sealed interface Body extends AutoCloseable permits Empty, Bytes, FileRegion {
    long length();

    @Override
    default void close() throws IOException {}
  }

  /** No body: 304, or a 206/200 of zero bytes. */
  record Empty() implements Body {
    @Override
    public long length() {
      return 0;
    }
  }

  /** A body held in memory: pages. */
  record Bytes(byte[] bytes) implements Body {
    @Override
    public long length() {
      return bytes.length;
    }
  }

  /** Part of an open file; the writer closes it. */
  record FileRegion(FileChannel file, long offset, long length) implements Body {
    @Override
    public void close() throws IOException {
      file.close();
    }
  }

  Response {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(body, "body");
    fields = List.copyOf(fields);
  }

  /** The small HTML page of an error, with {@code extra} fields (Allow, Content-Range...). */
  static Response error(
      HttpStatus status, String detail, boolean close, RequestHead.Field... extra) {
    List<RequestHead.Field> fields = new ArrayList<>(List.of(extra));
    fields.add(new RequestHead.Field("Content-Type", ContentTypes.HTML));
    String title = status.code() + " " + status.reason();
    byte[] page = Html.page(title, "<p>" + Html.escape(detail) + "</p>\n").getBytes(UTF_8);
    return new Response(status, fields, new Bytes(page), close);
  }

  /** This response with one more header field. */
  Response withField(RequestHead.Field field) {
    List<RequestHead.Field> more = new ArrayList<>(fields);
    more.add(field);
    return new Response(status, more, body, close);
  }
}
