package org.netlab.labs.vault.http;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestHeadReaderTest {
  private static RequestHead read(String text) throws Exception {
    return new RequestHeadReader(new ByteArrayInputStream(text.getBytes(ISO_8859_1)))
        .read(() -> {});
  }

  private static HttpStatus refusal(String text) {
    return assertThrows(RequestHeadException.class, () -> read(text)).status();
  }

  @Test
  void aWellFormedGetIsReadWithItsFields() throws Exception {
    RequestHead head = read("GET /a.txt?x=1 HTTP/1.1\r\nHost: localhost:8444\r\nX-A:  b \r\n\r\n");
    assertEquals("GET", head.method());
    assertEquals("/a.txt?x=1", head.target());
    assertEquals(1, head.minorVersion());
    assertEquals("b", head.value("x-a"));
    assertTrue(head.keepAlive());
  }

  @Test
  void pipelinedHeadsAreReadOneAfterTheOther() throws Exception {
    RequestHeadReader reader =
        new RequestHeadReader(
            new ByteArrayInputStream((RawHttp.get("/a") + RawHttp.get("/b")).getBytes(ISO_8859_1)));
    assertEquals("/a", reader.read(() -> {}).target());
    assertEquals("/b", reader.read(() -> {}).target());
    assertNull(reader.read(() -> {}));
  }

  @Test
  void http10KeepsAliveOnlyWhenAsked() throws Exception {
    assertFalse(read("GET / HTTP/1.0\r\n\r\n").keepAlive());
    assertTrue(read("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").keepAlive());
    assertFalse(read("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n").keepAlive());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GET / HTTP/1.1\nHost: h\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n",
        "GET  / HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET / HTTP/1.1 \r\nHost: h\r\n\r\n",
        "GET /\tx HTTP/1.1\r\nHost: h\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\n folded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\n\tfolded\r\n\r\n",
        "GET / HTTP/1.1\r\nHost : h\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\n",
        "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: +5\r\n\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: a b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nX: a\u0000b\r\n\r\n",
        "GET / HTTP/1.1\r\nHost: h\r\nno colon\r\n\r\n",
        "GET / HTTP/x\r\nHost: h\r\n\r\n",
        "GET /\r\n\r\n"
      })
  void malformedAndSmugglingShapesAre400(String text) {
    assertEquals(HttpStatus.BAD_REQUEST, refusal(text));
  }

  @Test
  void otherMajorVersionsAre505() {
    assertEquals(HttpStatus.HTTP_VERSION_NOT_SUPPORTED, refusal("GET / HTTP/2.0\r\n\r\n"));
  }

  @Test
  void aRequestLineOver8KiBIs414() {
    String path = "/" + "a".repeat(RequestHeadReader.MAX_REQUEST_LINE_BYTES);
    assertEquals(HttpStatus.URI_TOO_LONG, refusal("GET " + path + " HTTP/1.1\r\n\r\n"));
  }

  @Test
  void aHeaderSectionOver16KiBOrOver100FieldsIs431() {
    String big = "X: " + "a".repeat(RequestHeadReader.MAX_HEADER_SECTION_BYTES) + "\r\n";
    assertEquals(
        HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
        refusal("GET / HTTP/1.1\r\nHost: h\r\n" + big + "\r\n"));
    String many = "X: a\r\n".repeat(RequestHeadReader.MAX_FIELDS + 1);
    assertEquals(
        HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
        refusal("GET / HTTP/1.1\r\nHost: h\r\n" + many + "\r\n"));
  }

  @Test
  void exactlyTheLimitsAreAccepted() throws Exception {
    String many = "X: a\r\n".repeat(RequestHeadReader.MAX_FIELDS - 1);
    assertEquals(100, read("GET / HTTP/1.1\r\nHost: h\r\n" + many + "\r\n").fields().size());
  }

  @Test
  void aConnectionEndingWithinAHeadIsAnEndOfStream() {
    assertThrows(EOFException.class, () -> read("GET / HTTP/1.1\r\nHost: h\r\n"));
  }

  @Test
  void percentDecodingIsStrict() throws Exception {
    assertEquals("/a b/é.txt", RequestTarget.parse("/a%20b/%C3%A9.txt?q=1").path());
    assertEquals("/../x", RequestTarget.parse("/%2e%2e/x").path());
    assertEquals("/x.txt", RequestTarget.parse("http://localhost:1/x.txt").path());
    for (String bad :
        new String[] {"/%2F", "/..%2f", "/%zz", "/%4", "/%C3", "x", "/a#b", "/a\\b"}) {
      assertThrows(RequestHeadException.class, () -> RequestTarget.parse(bad), bad);
    }
  }

  @Test
  void rangesFollowRfc9110() {
    assertEquals(new ByteRange.Part(new ByteRange(0, 10)), ByteRange.parse("bytes=0-9", 100));
    assertEquals(new ByteRange.Part(new ByteRange(90, 10)), ByteRange.parse("bytes=-10", 100));
    assertEquals(new ByteRange.Part(new ByteRange(50, 50)), ByteRange.parse("bytes=50-", 100));
    assertEquals(new ByteRange.Part(new ByteRange(50, 50)), ByteRange.parse("bytes=50-1000", 100));
    assertEquals(new ByteRange.Unsatisfiable(), ByteRange.parse("bytes=100-", 100));
    assertEquals(new ByteRange.Unsatisfiable(), ByteRange.parse("bytes=-0", 100));
    assertEquals(new ByteRange.Whole(), ByteRange.parse("bytes=0-1,5-6", 100));
    assertEquals(new ByteRange.Whole(), ByteRange.parse("items=0-1", 100));
    assertEquals(new ByteRange.Whole(), ByteRange.parse("bytes=9-1", 100));
  }

  @Test
  void addressRangesContainWhatTheySay() throws Exception {
    AddressRange ten = AddressRange.parse("10.0.0.0/8");
    assertTrue(ten.contains(java.net.InetAddress.getByName("10.1.2.3")));
    assertFalse(ten.contains(java.net.InetAddress.getByName("11.0.0.1")));
    assertFalse(ten.contains(java.net.InetAddress.getByName("::1")));
    assertTrue(AddressRange.parse("fd00::/8").contains(java.net.InetAddress.getByName("fd12::1")));
    assertTrue(AddressRange.parse("::1").contains(java.net.InetAddress.getByName("::1")));
    for (String bad : new String[] {"10.0.0.1/8", "example.com", "10.0.0.0/33", "300.0.0.0"}) {
      assertThrows(IllegalArgumentException.class, () -> AddressRange.parse(bad), bad);
    }
  }

  @Test
  void httpDatesAreReadInAllThreeForms() {
    java.time.Instant expected = java.time.Instant.parse("1994-11-06T08:49:37Z");
    assertEquals(expected, HttpDates.parse("Sun, 06 Nov 1994 08:49:37 GMT"));
    assertEquals(expected, HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT"));
    assertEquals(expected, HttpDates.parse("Sun Nov  6 08:49:37 1994"));
    assertEquals("Sun, 06 Nov 1994 08:49:37 GMT", HttpDates.format(expected));
    assertNull(HttpDates.parse("yesterday"));
  }
}
