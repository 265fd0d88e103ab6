package org.netlab.labs.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The served directory: what a request path names inside it, and only inside it. Every way out is
 * refused (a {@code ..} segment, a backslash, a NUL, a symbolic link that leads outside), and a
 * file whose extension is not on the allow-list is refused as the lab did. Both the HTTP server and
 * the lab channel serve through this one class.
 */
public final class VaultRoot {
  /** The lab's text and binary types. */
  public static final Set<String> DEFAULT_EXTENSIONS =
      Set.of(
          "txt", "html", "htm", "css", "js", "json", "csv", "md", "xml", "png", "jpg", "jpeg",
          "gif", "webp", "svg", "pdf", "zip", "gz", "tar", "bin");

  private final Path realRoot;
  private final Set<String> extensions;

  /**
   * @param root the directory to serve; must exist
   * @param extensions lower-case extensions that may be served, without the dot
   * @throws IOException when {@code root} is not a directory that can be resolved
   */
  public VaultRoot(Path root, Set<String> extensions) throws IOException {
    Path real = root.toRealPath();
    if (!Files.isDirectory(real)) {
      throw new IOException(root + " is not a directory");
    }
    this.realRoot = real;
    this.extensions = Set.copyOf(Objects.requireNonNull(extensions, "extensions"));
  }

  /** What a path names in the vault. */
  public sealed interface Found permits Found.File, Found.Directory {
    /** The real path inside the root. */
    Path path();

    /** A regular file whose extension may be served. */
    record File(Path path, String extension) implements Found {}

    /** A directory, for an index page. */
    record Directory(Path path) implements Found {}
  }

  /** Why a path is not served, as the lab answered it. */
  public static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    /** The lab's answers: 400 for a type not served or a malformed path, 404 for the rest. */
    public enum Kind {
      MALFORMED_PATH,
      TYPE_NOT_SERVED,
      NOT_FOUND
    }

    private final Kind kind;

    Refusal(Kind kind, String message) {
      super(message, null, false, false);
      this.kind = kind;
    }

    public Kind kind() {
      return kind;
    }
  }

  /**
   * What {@code path} names: a request path already percent-decoded, {@code /} for the root.
   *
   * @throws Refusal MALFORMED_PATH for a path that does not start with {@code /} or holds a
   *     backslash, a NUL or a {@code .}/{@code ..} segment; NOT_FOUND for a path that does not
   *     exist, cannot be read, or leads outside the root through a link; TYPE_NOT_SERVED for a file
   *     whose extension is not allowed
   */
  public Found resolve(String path) throws Refusal {
    if (!path.startsWith("/") || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) {
      throw new Refusal(Refusal.Kind.MALFORMED_PATH, "malformed path");
    }
    for (String segment : path.substring(1).split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw new Refusal(Refusal.Kind.MALFORMED_PATH, "path segments . and .. are not served");
      }
    }
    Path real;
    try {
      real = realRoot.resolve(path.substring(1)).toRealPath();
    } catch (IOException | InvalidPathException e) {
      throw new Refusal(Refusal.Kind.NOT_FOUND, "no such file");
    }
    if (!real.startsWith(realRoot)) {
      // A link that leads out of the vault: as if there were nothing there.
      throw new Refusal(Refusal.Kind.NOT_FOUND, "no such file");
    }
    if (Files.isDirectory(real, LinkOption.NOFOLLOW_LINKS)) {
      return new Found.Directory(real);
    }
    if (!Files.isRegularFile(real, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(real)) {
      throw new Refusal(Refusal.Kind.NOT_FOUND, "no such file");
    }
    String extension = extension(real);
    if (!extensions.contains(extension)) {
      throw new Refusal(
          Refusal.Kind.TYPE_NOT_SERVED,
          extension.isEmpty()
              ? "files without an extension are not served"
              : "." + extension + " files are not served");
    }
    return new Found.File(real, extension);
  }

  /** The root, as its real path. */
  public Path root() {
    return realRoot;
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
