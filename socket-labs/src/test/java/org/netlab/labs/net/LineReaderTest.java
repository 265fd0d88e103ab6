package org.netlab.labs.net;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class LineReaderTest {
  private static LineReader reader(String text, int limit) {
    return new LineReader(new ByteArrayInputStream(text.getBytes(US_ASCII)), limit);
  }

  @Test
  void splitsOnCrlfAndOnBareLf() throws IOException {
    LineReader lines = reader("one\r\ntwo\nthree", 10);
    assertArrayEquals("one".getBytes(US_ASCII), lines.readLine());
    assertArrayEquals("two".getBytes(US_ASCII), lines.readLine());
    assertArrayEquals("three".getBytes(US_ASCII), lines.readLine());
    assertNull(lines.readLine());
  }

  @Test
  void lineOfExactlyTheLimitWithCrlfIsAccepted() throws IOException {
    assertArrayEquals("abcd".getBytes(US_ASCII), reader("abcd\r\n", 4).readLine());
  }

  @Test
  void lineOverTheLimitIsRefused() {
    assertThrows(LineReader.LineTooLongException.class, () -> reader("abcde\r\n", 4).readLine());
    assertThrows(LineReader.LineTooLongException.class, () -> reader("abcd\rx", 4).readLine());
  }

  @Test
  void emptyLineIsEmptyNotEnd() throws IOException {
    assertArrayEquals(new byte[0], reader("\r\n", 4).readLine());
  }
}
