package org.netlab.rpc.server.xmlrpc.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.apache.xmlrpc.serializer.XmlRpcWriter;
import org.netlab.rpc.contract.XmlRpcTextWriterFactory;

/**
 * A corpus of values an answer may carry, what Apache XML-RPC's own writer answers for each, and a
 * byte comparison that shows both sides when they differ.
 */
public final class ApacheAnswers {
  /** Values ScalarResponseWriter writes itself. */
  public static final List<Object> SCALARS =
      List.of(
          "",
          "plain ASCII",
          "& < > \" '",
          "<a href=\"x\">&amp;</a> ]]>",
          "caf\u00e9 \u20ac \u4e2d\u6587 \u00ff",
          "\t\n\r",
          "line one\r\nline two",
          "  spaces kept  ",
          "\u007f\u0080\u009f\u00a0",
          "\ud7ff\ue000\ufffd",
          0.0,
          -0.0,
          5.0,
          0.1,
          -2.5,
          1e7,
          1e-5,
          1e-300,
          Double.MIN_VALUE,
          Double.MAX_VALUE,
          1.7976931348623157E308,
          -1.7976931348623157E308,
          Double.NaN,
          Double.POSITIVE_INFINITY,
          Double.NEGATIVE_INFINITY,
          0,
          1,
          -1,
          42,
          Integer.MIN_VALUE,
          Integer.MAX_VALUE,
          true,
          false);

  /**
   * Strings Apache alone would write as XML 1.0 cannot carry them, and values that are not scalars.
   */
  public static final List<Object> LEFT_TO_APACHE =
      List.of(
          "surrogate pair \ud83d\ude00",
          "\ud83d\ude00",
          "lone high \ud83d",
          "lone low \ude00",
          "control \u0001",
          "nul \u0000",
          "\u001f",
          "\ufffe",
          "\uffff",
          List.of(1, "two", 3.0),
          new Object[] {1.5, "x & y"},
          Map.of("name", "Alice", "number", "+33 1 23 45 67 89"),
          new byte[] {1, 2, 3},
          new Date(0));

  private ApacheAnswers() {}

  /** The scalars, then the values left to Apache. */
  public static List<Object> corpus() {
    List<Object> corpus = new ArrayList<>(SCALARS);
    corpus.addAll(LEFT_TO_APACHE);
    return corpus;
  }

  /**
   * What Apache's writer answers for a value, with extensions off, UTF-8, and the text writer both
   * sides of the wire use (which writes what XML cannot carry as U+FFFD, and a character outside
   * the Basic Multilingual Plane as itself).
   */
  public static byte[] answer(Object value, XmlRpcCodec codec) throws Exception {
    XmlRpcHttpRequestConfigImpl config = new XmlRpcHttpRequestConfigImpl();
    config.setEnabledForExtensions(false);
    config.setEnabledForExceptions(false);
    config.setEncoding(XmlRpcHttpRequestConfigImpl.UTF8_ENCODING);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new XmlRpcWriter(
            config,
            new XmlRpcTextWriterFactory().getXmlWriter(config, out),
            // Apache's own type factory: the codec does not replace it.
            codec.types())
        .write(config, value);
    return out.toByteArray();
  }

  public static String describe(Object value) {
    if (value instanceof String s) {
      StringBuilder codes = new StringBuilder("string");
      s.chars().forEach(c -> codes.append(String.format(" %04x", c)));
      return codes.toString();
    }
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }

  public static void assertSameBytes(byte[] expected, byte[] actual, String what) {
    assertArrayEquals(
        expected,
        actual,
        () ->
            what
                + ": expected "
                + new String(expected, StandardCharsets.UTF_8)
                + " but was "
                + new String(actual, StandardCharsets.UTF_8));
  }
}
