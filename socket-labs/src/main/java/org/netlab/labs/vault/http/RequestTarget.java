package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;

/**
 * The path a request names (RFC 9112 section 3.2): origin-form {@code /a/b?q}, or absolute-form
 * {@code http://host/a/b}, whose path is taken the same way. The path is percent-decoded strictly:
 * an escape that is not two hex digits, an encoded {@code /} (which would let a segment hide a
 * separator) and bytes that are not UTF-8 are refused. {@code %2e%2e} decodes to {@code ..}, which
 * {@link org.netlab.labs.vault.VaultRoot} then refuses, as it refuses a plain {@code ..}.
 *
 * @param rawPath the path as sent, still encoded (for a redirect to it)
 * @param path the decoded path, starting with {@code /}
 */
record RequestTarget(String rawPath, String path) {
  /** Parses {@code target}; the query is checked for syntax and then ignored. */
  static RequestTarget parse(String target) throws RequestHeadException {
    String rest = target;
    String lower = target.toLowerCase(Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://")) {
      int authority = target.indexOf("//") + 2;
      int slash = target.indexOf('/', authority);
      int question = target.indexOf('?', authority);
      if (slash < 0 || (question >= 0 && question < slash)) {
        rest = "/" + (question >= 0 ? target.substring(question) : "");
      } else {
        rest = target.substring(slash);
      }
    }
    if (!rest.startsWith("/")) {
      throw bad("the request target must be a path starting with /");
    }
    int question = rest.indexOf('?');
    String rawPath = question < 0 ? rest : rest.substring(0, question);
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      boolean inQuery = question >= 0 && i >= question;
      if (!pathCharacter(c) && !(inQuery && (c == '?' || c == '/'))) {
        throw bad(
            c == '#'
                ? "a fragment is not sent in a request target"
                : "character " + printable(c) + " is not allowed in a request target");
      }
    }
    return new RequestTarget(rawPath, decode(rawPath));
  }

  private static String decode(String raw) throws RequestHeadException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '%') {
        bytes.write(c);
        continue;
      }
      if (i + 2 >= raw.length()) {
        throw bad("an escape must be % and two hex digits");
      }
      int high = Character.digit(raw.charAt(i + 1), 16);
      int low = Character.digit(raw.charAt(i + 2), 16);
      if (high < 0 || low < 0) {
        throw bad("an escape must be % and two hex digits");
      }
      int b = high * 16 + low;
      if (b == '/') {
        throw bad("an encoded / (%2F) is not served");
      }
      bytes.write(b);
      i += 2;
    }
    try {
      return UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw bad("the decoded path is not UTF-8");
    }
  }

  /** pchar and "/" of RFC 3986: unreserved, sub-delims, ":", "@", and "%" for escapes. */
  private static boolean pathCharacter(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || "-._~!$&'()*+,;=:@/%".indexOf(c) >= 0;
  }

  private static String printable(char c) {
    return c > 0x20 && c < 0x7f ? "'" + c + "'" : String.format("0x%02X", (int) c);
  }

  private static RequestHeadException bad(String message) {
    return new RequestHeadException(HttpStatus.BAD_REQUEST, message);
  }
}
