package org.netlab.xmlrpc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.xmlrpc.parser.XmlRpcResponseParser;
import org.junit.jupiter.api.Test;

/**
 * {@link ScalarResponse} reads back what it writes, and reads what Apache XML-RPC's parser (fed by
 * {@link XmlRpcMessageReader}) reads from the same bytes; anything else it leaves to that parser.
 */
class ScalarResponseTest {
  private static final List<Object> READ_WITHOUT_A_PARSER =
      List.of(
          5.0,
          -0.5,
          1.0E10,
          4.9E-324,
          Double.MAX_VALUE,
          0,
          -7,
          Integer.MIN_VALUE,
          true,
          false,
          "",
          "Ada Lovelace",
          "+44 20 7946 0000",
          "quotes \" and ' stay");

  private static final List<Object> LEFT_TO_THE_PARSER =
      List.of(
          Double.NaN,
          Double.NEGATIVE_INFINITY,
          "Zoë",
          "a & b",
          "a < b",
          "a > b",
          "tab\there",
          "cr\r");

  @Test
  void scalarsWrittenAsBytesAreReadBackAsTheParserReadsThem() throws Exception {
    for (Object value : READ_WITHOUT_A_PARSER) {
      byte[] answer = ScalarResponse.bytes(value);
      assertNotNull(answer, String.valueOf(value));
      assertEquals(value, ScalarResponse.read(answer), String.valueOf(value));
      assertEquals(value, parsed(answer), String.valueOf(value));
    }
  }

  @Test
  void otherScalarsAreLeftToTheParser() throws Exception {
    for (Object value : LEFT_TO_THE_PARSER) {
      byte[] answer = ScalarResponse.bytes(value);
      if (answer != null) {
        assertNull(ScalarResponse.read(answer), String.valueOf(value));
      }
    }
  }

  @Test
  void faultsOtherSpacingAndMalformedValuesAreLeftToTheParser() {
    String head =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><params><param><value>";
    String tail = "</value></param></params></methodResponse>";
    for (String answer :
        List.of(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><methodResponse><fault><value><struct>"
                + "<member><name>faultCode</name><value><int>404</int></value></member>"
                + "</struct></value></fault></methodResponse>",
            head.replace("<params>", "<params>\n") + "<double>1.0</double>" + tail,
            head + "<double>1.0</i4>" + tail,
            head + "<double>1.0</double><double>2.0</double>" + tail,
            head + "<double>0x1p3</double>" + tail,
            head + "<i4>12345678901</i4>" + tail,
            head + "<boolean>true</boolean>" + tail,
            head + "<array><data></data></array>" + tail,
            head + "<string>Ada</string>" + tail,
            head + "Ada<b" + tail,
            head + "<double>1.0</double>" + tail + " ",
            head)) {
      assertNull(ScalarResponse.read(answer.getBytes(StandardCharsets.UTF_8)), answer);
    }
  }

  private static Object parsed(byte[] answer) throws Exception {
    XmlRpcResponseParser parser =
        new XmlRpcResponseParser(XmlRpcDialect.config(), XmlRpcDialect.types());
    new XmlRpcMessageReader(8).read(new ByteArrayInputStream(answer), parser);
    return parser.getResult();
  }
}
