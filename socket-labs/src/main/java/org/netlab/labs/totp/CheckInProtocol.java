package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import org.netlab.labs.net.LineReader;

/**
 * The check-in wire format. The client connects, sends one line {@code name&id&otp} in UTF-8 ending
 * with CRLF (a bare LF or the end of its output also ends it), at most {@value #MAX_LINE_BYTES}
 * bytes; the server answers one line (a {@link Verdict} message) and closes.
 */
public final class CheckInProtocol {
  /** The lab's port. */
  public static final int DEFAULT_PORT = 21000;

  public static final int MAX_LINE_BYTES = 256;
  public static final char SEPARATOR = '&';
  public static final String CRLF = LineReader.CRLF;

  private CheckInProtocol() {}

  /** Thrown for a line that is not a valid request; the message says why. */
  public static final class MalformedRequestException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedRequestException(String reason) {
      super(reason);
    }
  }

  /** The request line, terminator included. */
  public static byte[] encode(CheckInRequest request) {
    return (request.name() + SEPARATOR + request.id() + SEPARATOR + request.otp() + CRLF)
        .getBytes(UTF_8);
  }

  /** Parses a request line read without its terminator. */
  public static CheckInRequest decode(byte[] line) throws MalformedRequestException {
    String text;
    try {
      text =
          UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(line))
              .toString();
    } catch (CharacterCodingException e) {
      throw new MalformedRequestException("not UTF-8");
    }
    String[] fields = text.split(String.valueOf(SEPARATOR), -1);
    if (fields.length != 3) {
      throw new MalformedRequestException(
          "expected name"
              + SEPARATOR
              + "id"
              + SEPARATOR
              + "otp, found "
              + fields.length
              + (fields.length == 1 ? " field" : " fields"));
    }
    try {
      return new CheckInRequest(fields[0], fields[1], fields[2]);
    } catch (IllegalArgumentException e) {
      throw new MalformedRequestException(e.getMessage());
    }
  }
}
