package org.netlab.labs.vault.client;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The response parser on answers given byte for byte: what it reads, and what it refuses. */
class ResponseParserTest {
  private static InputStream bytes(String text) {
    return new BufferedInputStream(new ByteArrayInputStream(text.getBytes(ISO_8859_1)));
  }

  private static String body(String answer) throws IOException {
    InputStream in = bytes(answer);
    ResponseHead head = ResponseParser.readHead(in);
    return new String(ResponseParser.body(head, in).readAllBytes(), ISO_8859_1);
  }

  private static String refusal(String answer) {
    return assertThrows(MalformedResponseException.class, () -> body(answer)).getMessage();
  }

  @Test
  void aContentLengthBodyEndsAtItsLength() throws IOException {
    assertEquals("hello", body("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello, and more"));
  }

  @Test
  void statusReasonAndFieldsAreReadWithBareLineFeedsToo() throws IOException {
    ResponseHead head =
        ResponseParser.readHead(bytes("HTTP/1.0 404 Not Found\nServer:  x  \nETag: \"a\"\n\n"));
    assertEquals(404, head.status());
    assertEquals("Not Found", head.reason());
    assertEquals(0, head.minorVersion());
    assertEquals("x", head.fields().first("server").orElseThrow());
    assertEquals("\"a\"", head.fields().first("ETAG").orElseThrow());
  }

  @Test
  void anEmptyReasonIsAllowed() throws IOException {
    assertEquals("", ResponseParser.readHead(bytes("HTTP/1.1 204\r\n\r\n")).reason());
  }

  @Test
  void informationalAnswersBeforeTheFinalOneAreSkipped() throws IOException {
    assertEquals(
        "ok",
        body(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"));
  }

  @Test
  void chunkedBodiesAreJoinedWithExtensionsAndTrailersDropped() throws IOException {
    assertEquals(
        "Wikipedia in\r\n\r\nchunks.",
        body(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4;name=value\r\nWiki\r\n5\r\npedia\r\nE\r\n in\r\n\r\nchunks.\r\n"
                + "0\r\nChecksum: abc\r\n\r\n"));
  }

  @Test
  void aBodyWithNoLengthEndsWithTheConnection() throws IOException {
    assertEquals("until close", body("HTTP/1.0 200 OK\r\n\r\nuntil close"));
  }

  @Test
  void foldedFieldLinesAreJoinedWithASpace() throws IOException {
    ResponseHead head = ResponseParser.readHead(bytes("HTTP/1.1 200 OK\r\nX: a\r\n  b\r\n\r\n"));
    assertEquals("a b", head.fields().first("X").orElseThrow());
  }

  @Test
  void equalRepeatedLengthsAreOneLength() throws IOException {
    assertEquals(
        "abc", body("HTTP/1.1 200 OK\r\nContent-Length: 3, 3\r\nContent-Length: 3\r\n\r\nabc"));
  }

  @Test
  void aFieldNameFollowedBySpaceIsRefused() {
    assertTrue(
        refusal("HTTP/1.1 200 OK\r\nContent-Length : 3\r\n\r\nabc")
            .contains("bad header field name"));
  }

  @Test
  void lengthAndChunkedTogetherAreRefused() {
    assertTrue(
        refusal("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n")
            .contains("both Content-Length and Transfer-Encoding"));
  }

  @Test
  void lengthsThatDisagreeAreRefused() {
    assertTrue(
        refusal("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd")
            .contains("Content-Length values differ"));
  }

  @Test
  void aLengthThatIsNotDigitsIsRefused() {
    for (String length : List.of("-1", "+3", "0x10", "", "99999999999999999999")) {
      assertTrue(
          refusal("HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\n")
              .contains("bad Content-Length"),
          length);
    }
  }

  @Test
  void transferCodingsOtherThanChunkedAreRefused() {
    assertTrue(
        refusal("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n")
            .contains("transfer coding gzip, chunked is not supported"));
  }

  @Test
  void aHeadOverSixteenKibibytesIsRefused() {
    String big =
        "HTTP/1.1 200 OK\r\n" + "X-Pad: " + "a".repeat(ResponseParser.MAX_HEAD_BYTES) + "\r\n\r\n";
    assertTrue(refusal(big).contains("longer than 16384 bytes"));
  }

  @Test
  void aHeadJustUnderTheLimitIsRead() throws IOException {
    String start = "HTTP/1.1 200 OK\r\nX-Pad: ";
    String end = "\r\nContent-Length: 0\r\n\r\n";
    String pad = "a".repeat(ResponseParser.MAX_HEAD_BYTES - start.length() - end.length());
    assertEquals("", body(start + pad + end));
  }

  @Test
  void somethingThatIsNotHttpSaysToCheckTheScheme() {
    assertTrue(refusal("\u0015\u0003\u0003\u0000\u0002\u0002\u0050\r\n").contains("not HTTP"));
    assertTrue(refusal("HTTP/2 200\r\n\r\n").contains("not an HTTP/1.x status line"));
  }

  @Test
  void controlCharactersAndLoneCarriageReturnsAreRefused() {
    assertTrue(refusal("HTTP/1.1 200 OK\r\nX: a\u0000b\r\n\r\n").contains("control character"));
    assertTrue(refusal("HTTP/1.1 200 OK\r\nX: a\rb\r\n\r\n").contains("a CR not followed by LF"));
  }

  @Test
  void badChunkSizesAndOverlongChunksAreRefused() {
    assertTrue(
        refusal("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n")
            .contains("bad chunk size"));
    assertTrue(
        refusal("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + "f".repeat(16) + "\r\n")
            .contains("bad chunk size"));
    assertTrue(
        refusal("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n")
            .contains("chunk data longer than its size"));
  }

  @Test
  void aBodyCutShortIsTruncatedNotShort() {
    TruncatedBodyException cut =
        assertThrows(
            TruncatedBodyException.class,
            () -> body("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc"));
    assertEquals("the connection closed after 3 of 10 bytes", cut.getMessage());
    assertThrows(
        TruncatedBodyException.class,
        () -> body("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"));
  }

  @Test
  void anAnswerThatNeverComesIsSaidSo() {
    assertTrue(refusal("").contains("closed the connection without answering"));
    assertTrue(refusal("HTTP/1.1 200 OK\r\nX: y\r\n").contains("inside the header fields"));
  }
}
