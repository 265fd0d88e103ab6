package org.netlab.rpc.server.xmlrpc.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.netlab.rpc.server.xmlrpc.codec.ApacheAnswers.assertSameBytes;
import static org.netlab.rpc.server.xmlrpc.codec.ApacheAnswers.describe;
import static org.netlab.rpc.server.xmlrpc.dispatch.XmlRpcMethod.Parameter.required;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.xmlrpc.XmlRpcRequest;
import org.junit.jupiter.api.Test;
import org.netlab.access.Gatekeeper;
import org.netlab.access.Operation;
import org.netlab.rpc.server.access.TestAccess;
import org.netlab.rpc.server.xmlrpc.Faults;
import org.netlab.rpc.server.xmlrpc.XmlRpcCalls;
import org.netlab.rpc.server.xmlrpc.codec.ApacheAnswers;
import org.netlab.rpc.server.xmlrpc.codec.XmlRpcCodec;

/**
 * The server's answers against Apache XML-RPC's own writer, over the corpus of values of {@link
 * ApacheAnswers}: every value answered as Apache would, through the dispatcher and through Apache's
 * stream server alike, and a value XML-RPC cannot carry answered as an INTERNAL fault.
 */
class XmlRpcAnswerCorpusTest {
  private final XmlRpcCodec codec = XmlRpcDispatcherTest.codec();
  private final XmlRpcMethodTable methods =
      XmlRpcDispatcherTest.calculatorAnd(
          List.of(
              new XmlRpcMethod(
                  Operation.CALCULATE,
                  "corpus",
                  "any",
                  List.of(required("index", "int")),
                  "Answers a value of the corpus.",
                  args -> ApacheAnswers.corpus().get((int) args.number(0))),
              new XmlRpcMethod(
                  Operation.CALCULATE,
                  "unwritable",
                  "any",
                  List.of(required("index", "int")),
                  "Answers a value XML-RPC cannot carry with extensions off.",
                  args -> Arrays.asList(null, 7L).get((int) args.number(0)))));
  private final XmlRpcDispatcher server =
      new XmlRpcDispatcher(codec, methods, Gatekeeper.unchecked());
  private final ApacheStreamServer apache = new ApacheStreamServer(codec, methods);

  @Test
  void serverAnswersEveryValueAsApacheWould() throws Exception {
    List<Object> corpus = ApacheAnswers.corpus();
    for (int i = 0; i < corpus.size(); i++) {
      String call = XmlRpcCalls.call("corpus", "<int>" + i + "</int>");
      byte[] expected = ApacheAnswers.answer(corpus.get(i), codec);
      assertSameBytes(expected, answer(call), "answer of " + describe(corpus.get(i)));
      assertSameBytes(expected, apache.execute(call), "execute of " + describe(corpus.get(i)));
    }
  }

  @Test
  void valueXmlRpcCannotCarryIsAnInternalFault() throws Exception {
    for (int i = 0; i < 2; i++) {
      String call = XmlRpcCalls.call("unwritable", "<int>" + i + "</int>");
      String fault = new String(answer(call), StandardCharsets.UTF_8);
      assertEquals(500, Faults.faultCode(fault));
      Faults.assertNoJava(fault);
      assertSameBytes(answer(call), apache.execute(call), call);
    }
  }

  private byte[] answer(String body) throws Exception {
    XmlRpcRequest call = server.parse(XmlRpcDispatcherTest.body(body));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    server.answer(server.method(call), call, TestAccess.noCredentials(), out);
    return out.toByteArray();
  }
}
