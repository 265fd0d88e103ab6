package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.netlab.labs.vault.VaultRoot;

/**
 * What the vault answers to a GET or HEAD that passed the checks of the connection: a file (whole,
 * a range, or 304), a directory's index page, a redirect to a directory's slash form, or the lab's
 * refusals (400 for a malformed path or a type not served, 404 for the rest).
 */
final class VaultResponder {
  /** Entries an index page shows at most, so a huge directory cannot make a huge page. */
  static final int MAX_INDEX_ENTRIES = 10_000;

  private final VaultRoot root;

  VaultResponder(VaultRoot root) {
    this.root = root;
  }

  /** The answer to {@code head}, a GET or HEAD whose target is {@code target}. */
  Response respond(RequestHead head, RequestTarget target) throws IOException {
    boolean close = !head.keepAlive();
    VaultRoot.Found found;
    try {
      found = root.resolve(target.path());
    } catch (VaultRoot.Refusal refusal) {
      HttpStatus status =
          switch (refusal.kind()) {
            case MALFORMED_PATH, TYPE_NOT_SERVED -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
          };
      return Response.error(status, refusal.getMessage(), close);
    }
    return switch (found) {
      case VaultRoot.Found.Directory directory -> directory(target, directory.path(), close);
      case VaultRoot.Found.File file -> file(head, file, close);
    };
  }

  private Response directory(RequestTarget target, Path directory, boolean close)
      throws IOException {
    if (!target.path().endsWith("/")) {
      String location = target.rawPath() + "/";
      return Response.error(
          HttpStatus.MOVED_PERMANENTLY,
          "This directory is at " + location,
          close,
          new RequestHead.Field("Location", location));
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
      for (Path entry : entries) {
        if (names.size() == MAX_INDEX_ENTRIES) {
          break;
        }
        String name = entry.getFileName().toString();
        try {
          // Only what a request for it would serve: no other types, no links leading out.
          VaultRoot.Found child = root.resolve(target.path() + name);
          names.add(child instanceof VaultRoot.Found.Directory ? name + "/" : name);
        } catch (VaultRoot.Refusal refusal) {
          // Not served, so not listed.
        }
      }
    }
    names.sort(
        Comparator.comparing((String name) -> !name.endsWith("/"))
            .thenComparing(Comparator.naturalOrder()));
    StringBuilder list = new StringBuilder("<ul>\n");
    if (!target.path().equals("/")) {
      list.append("<li><a href=\"../\">../</a></li>\n");
    }
    for (String name : names) {
      boolean isDirectory = name.endsWith("/");
      String bare = isDirectory ? name.substring(0, name.length() - 1) : name;
      String href = Html.encodeSegment(bare) + (isDirectory ? "/" : "");
      list.append("<li><a href=\"")
          .append(Html.escape(href))
          .append("\">")
          .append(Html.escape(name))
          .append("</a></li>\n");
    }
    list.append("</ul>\n");
    byte[] page = Html.page("Index of " + target.path(), list.toString()).getBytes(UTF_8);
    return new Response(
        HttpStatus.OK,
        List.of(
            new RequestHead.Field("Content-Type", ContentTypes.HTML),
            new RequestHead.Field("Cache-Control", "no-cache")),
        new Response.Bytes(page),
        close);
  }

  private Response file(RequestHead head, VaultRoot.Found.File file, boolean close)
      throws IOException {
    FileChannel channel;
    BasicFileAttributes attributes;
    try {
      channel = FileChannel.open(file.path(), StandardOpenOption.READ);
    } catch (NoSuchFileException e) {
      return Response.error(HttpStatus.NOT_FOUND, "no such file", close);
    }
    boolean handedOver = false;
    try {
      attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
      long size = channel.size();
      Instant modified = attributes.lastModifiedTime().toInstant();
      Instant modifiedSeconds = modified.truncatedTo(ChronoUnit.SECONDS);
      String etag = EntityTags.of(size, modified);
      List<RequestHead.Field> fields = new ArrayList<>();
      fields.add(new RequestHead.Field("Content-Type", ContentTypes.of(file.extension())));
      fields.add(new RequestHead.Field("Last-Modified", HttpDates.format(modifiedSeconds)));
      fields.add(new RequestHead.Field("ETag", etag));
      fields.add(new RequestHead.Field("Accept-Ranges", "bytes"));
      fields.add(new RequestHead.Field("X-Content-Type-Options", "nosniff"));
      if (notModified(head, etag, modifiedSeconds)) {
        return new Response(
            HttpStatus.NOT_MODIFIED, fields.subList(1, 3), new Response.Empty(), close);
      }
      ByteRange.Request range =
          head.method().equals("GET") && rangeApplies(head, etag, modifiedSeconds)
              ? ByteRange.parse(head.value("Range"), size)
              : new ByteRange.Whole();
      Response response =
          switch (range) {
            case ByteRange.Whole w ->
                new Response(
                    HttpStatus.OK, fields, new Response.FileRegion(channel, 0, size), close);
            case ByteRange.Part part -> {
              fields.add(new RequestHead.Field("Content-Range", part.range().contentRange(size)));
              yield new Response(
                  HttpStatus.PARTIAL_CONTENT,
                  fields,
                  new Response.FileRegion(channel, part.range().first(), part.range().length()),
                  close);
            }
            case ByteRange.Unsatisfiable u ->
                Response.error(
                    HttpStatus.RANGE_NOT_SATISFIABLE,
                    "the file has " + size + " bytes",
                    close,
                    new RequestHead.Field("Content-Range", "bytes */" + size));
          };
      handedOver = response.body() instanceof Response.FileRegion;
      return response;
    } finally {
      if (!handedOver) {
        channel.close();
      }
    }
  }

  /**
   * RFC 9110 section 13.2.2: If-None-Match (weak comparison) decides when present; otherwise
   * If-Modified-Since, when it is a valid date.
   */
  private static boolean notModified(RequestHead head, String etag, Instant modified) {
    List<String> noneMatch = head.values("If-None-Match");
    if (!noneMatch.isEmpty()) {
      for (String value : noneMatch) {
        if (EntityTags.anyMatchesWeakly(value, etag)) {
          return true;
        }
      }
      return false;
    }
    String since = head.value("If-Modified-Since");
    Instant date = since == null ? null : HttpDates.parse(since);
    return date != null && !modified.isAfter(date);
  }

  /** If-Range (RFC 9110 section 13.1.5): the range only while the validator still matches. */
  private static boolean rangeApplies(RequestHead head, String etag, Instant modified) {
    String ifRange = head.value("If-Range");
    if (ifRange == null) {
      return true;
    }
    if (ifRange.startsWith("\"")) {
      return ifRange.equals(etag);
    }
    Instant date = HttpDates.parse(ifRange);
    return date != null && date.equals(modified);
  }
}
