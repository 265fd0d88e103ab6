package org.netlab.rpc.server.xmlrpc.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.netlab.rpc.server.xmlrpc.codec.ApacheAnswers.LEFT_TO_APACHE;
import static org.netlab.rpc.server.xmlrpc.codec.ApacheAnswers.SCALARS;
import static org.netlab.rpc.server.xmlrpc.codec.ApacheAnswers.answer;
import static org.netlab.rpc.server.xmlrpc.codec.ApacheAnswers.assertSameBytes;
import static org.netlab.rpc.server.xmlrpc.codec.ApacheAnswers.describe;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;

/**
 * {@link ScalarResponseWriter} against Apache XML-RPC's own writer, over a corpus of values: the
 * same bytes, or the value is left to Apache.
 */
class ScalarResponseWriterTest {
  private final XmlRpcCodec codec = new XmlRpcCodec(XmlRpcLimits.defaults().maxNestingDepth());

  @Test
  void scalarsAreWrittenByteForByteAsApacheWritesThem() throws Exception {
    for (Object value : SCALARS) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertTrue(ScalarResponseWriter.write(value, out), describe(value));
      assertSameBytes(answer(value, codec), out.toByteArray(), describe(value));
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
}
