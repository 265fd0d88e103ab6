package org.netlab.labs.ftp;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import org.junit.jupiter.api.Test;

class AsciiLineEndingsTest {
  private static String through(boolean toNetwork, String... pieces) throws IOException {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    OutputStream out =
        toNetwork ? AsciiLineEndings.toNetwork(sink) : AsciiLineEndings.fromNetwork(sink);
    for (String piece : pieces) {
      out.write(piece.getBytes(US_ASCII));
    }
    out.close();
    return sink.toString(US_ASCII);
  }

  @Test
  void bareLineFeedsBecomeCrLfOnTheWayOut() throws IOException {
    assertEquals("a\r\nb\r\n", through(true, "a\nb\n"));
    assertEquals("a\r\nb\r\n", through(true, "a\r\nb\n"), "an existing CRLF stays one");
    assertEquals("a\r\n\r\n", through(true, "a\r", "\n\n"), "CR at a write boundary");
  }

  @Test
  void crLfBecomesLineFeedOnTheWayIn() throws IOException {
    assertEquals("a\nb\n", through(false, "a\r\nb\r\n"));
    assertEquals("a\nb", through(false, "a\r", "\nb"), "CRLF split across writes");
    assertEquals("a\rb\r", through(false, "a\rb\r"), "lone CRs are kept");
  }
}
