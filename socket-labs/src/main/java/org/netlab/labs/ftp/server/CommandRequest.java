package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.util.Locale;

/**
 * One command as read from the control connection: the verb, upper-cased because verbs are case
 * insensitive (RFC 959 section 5.3), and everything after the first space as the argument, left as
 * sent because a file name may start or end with a space.
 */
record CommandRequest(String verb, String argument) {

  /**
   * Decodes strict UTF-8 (RFC 2640) after dropping the Telnet IAC sequences some clients send
   * before ABOR, then splits off the verb.
   *
   * @throws CharacterCodingException when the line is not valid UTF-8
   */
  static CommandRequest parse(byte[] line) throws CharacterCodingException {
    int start = 0;
    while (start + 1 < line.length && (line[start] & 0xff) == 0xff) {
      start += 2;
    }
    String text =
        UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(line, start, line.length - start))
            .toString();
    int space = text.indexOf(' ');
    String verb = (space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT);
    return new CommandRequest(verb, space < 0 ? "" : text.substring(space + 1));
  }
}
