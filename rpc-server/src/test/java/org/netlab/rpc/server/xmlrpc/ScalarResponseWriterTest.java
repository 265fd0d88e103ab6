package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netlab.rpc.server.xmlrpc.XmlRpcCodecTest.assertSameBytes;
import static org.netlab.rpc.server.xmlrpc.XmlRpcMethod.Parameter.required;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.apache.xmlrpc.XmlRpcRequest;
import org.apache.xmlrpc.common.XmlRpcHttpRequestConfigImpl;
import org.apache.xmlrpc.serializer.DefaultXMLWriterFactory;
import org.apache.xmlrpc.serializer.XmlRpcWriter;
import org.junit.jupiter.api.Test;

/**
 * {@link ScalarResponseWriter} and the server's answers against Apache XML-RPC's own writer, over a
 * corpus of values: the same bytes, or the value is left to Apache.
 */
class ScalarResponseWriterTest {
  private static final List<Object> SCALARS =
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

  /** Strings XML 1.0 cannot carry as Apache writes them, and values that are not scalars. */
  private static final List<Object> LEFT_TO_APACHE =
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

  private final XmlRpcCodec codec = XmlRpcCodecTest.codec();
  private final XmlRpcMethodTable methods =
      XmlRpcCodecTest.calculatorAnd(
          List.of(
              new XmlRpcMethod(
                  "corpus",
                  "any",
                  List.of(required("index", "int")),
                  "Answers a value of the corpus.",
                  args -> corpus().get((int) args.number(0))),
              new XmlRpcMethod(
                  "unwritable",
                  "any",
                  List.of(required("index", "int")),
                  "Answers a value XML-RPC cannot carry with extensions off.",
                  args -> Arrays.asList(null, 7L).get((int) args.number(0)))));
  private final XmlRpcDispatcher server = new XmlRpcDispatcher(codec, methods);
  private final ApacheStreamServer apache = new ApacheStreamServer(codec, methods);

  @Test
  void scalarsAreWrittenByteForByteAsApacheWritesThem() throws Exception {
    for (Object value : SCALARS) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertTrue(ScalarResponseWriter.write(value, out), describe(value));
      assertSameBytes(apache(value), out.toByteArray(), describe(value));
    }
  }

  @Test
  void stringsXml10CannotCarryAndValuesThatAreNotScalarsAreLeftToApache() throws Exception {
    List<Object> others = new ArrayList<>(LEFT_TO_APACHE);
    others.add(7L);
    others.add(null);
    for (Object value : others) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertFalse(ScalarResponseWriter.write(value, out), describe(value));
      assertEquals(0, out.size(), describe(value));
    }
  }

  @Test
  void serverAnswersEveryValueAsApacheWould() throws Exception {
    List<Object> corpus = corpus();
    for (int i = 0; i < corpus.size(); i++) {
      String call = XmlRpcCalls.call("corpus", "<int>" + i + "</int>");
      byte[] expected = apache(corpus.get(i));
      assertSameBytes(expected, answer(call), "answer of " + describe(corpus.get(i)));
      assertSameBytes(expected, apache.execute(call), "execute of " + describe(corpus.get(i)));
    }
  }

  @Test
  void valueXmlRpcCannotCarryIsAnInternalFault() throws Exception {
    for (int i = 0; i < 2; i++) {
      String call = XmlRpcCalls.call("unwritable", "<int>" + i + "</int>");
      String fault = new String(answer(call), StandardCharsets.UTF_8);
      assertEquals(500, XmlRpcCodecTest.faultCode(fault));
      Faults.assertNoJava(fault);
      assertSameBytes(answer(call), apache.execute(call), call);
    }
  }

  private static List<Object> corpus() {
    List<Object> corpus = new ArrayList<>(SCALARS);
    corpus.addAll(LEFT_TO_APACHE);
    return corpus;
  }

  private byte[] answer(String body) throws Exception {
    XmlRpcRequest call = server.parse(XmlRpcCodecTest.body(body));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server.answer(server.method(call), call, out);
    return out.toByteArray();
  }

  /** What Apache's writer answers for a value, with extensions off and UTF-8. */
  private byte[] apache(Object value) throws Exception {
    XmlRpcHttpRequestConfigImpl config = new XmlRpcHttpRequestConfigImpl();
    config.setEnabledForExtensions(false);
    config.setEnabledForExceptions(false);
    config.setEncoding(XmlRpcHttpRequestConfigImpl.UTF8_ENCODING);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new XmlRpcWriter(
            config,
            new DefaultXMLWriterFactory().getXmlWriter(config, out),
            // Apache's own type factory: the codec does not replace it.
            codec.types())
        .write(config, value);
    return out.toByteArray();
  }

  private static String describe(Object value) {
    if (value instanceof String s) {
      StringBuilder codes = new StringBuilder("string");
      s.chars().forEach(c -> codes.append(String.format(" %04x", c)));
      return codes.toString();
    }
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
