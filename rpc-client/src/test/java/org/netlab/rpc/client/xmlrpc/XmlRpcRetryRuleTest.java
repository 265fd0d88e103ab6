package org.netlab.rpc.client.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.client.xmlrpc.XmlRpcRetryRule.Failure;

class XmlRpcRetryRuleTest {
  @Test
  void failuresBeforeTheRequestWasSeenAreRetriedForEveryMethod() {
    for (Failure failure :
        new Failure[] {
          Failure.NOT_CONNECTED, Failure.CLOSED_BEFORE_ANSWER, Failure.SERVICE_UNAVAILABLE
        }) {
      assertTrue(XmlRpcRetryRule.mayRetry("token.create", failure), failure.name());
      assertTrue(XmlRpcRetryRule.mayRetry("phonebook.addEntry", failure), failure.name());
      assertTrue(XmlRpcRetryRule.marksServerDown(failure), failure.name());
    }
  }

  @Test
  void failuresAfterTheRequestMayHaveBeenProcessedAreRetriedOnlyWhenHarmless() {
    for (Failure failure : new Failure[] {Failure.CUT_OFF, Failure.UNAVAILABLE_FAULT}) {
      assertTrue(XmlRpcRetryRule.mayRetry("calculator.divide", failure));
      assertTrue(XmlRpcRetryRule.mayRetry("phonebook.listEntries", failure));
      assertTrue(XmlRpcRetryRule.mayRetry("system.listMethods", failure));
      assertTrue(XmlRpcRetryRule.mayRetry("phonebook.removeAll", failure), "a keyed write");
      assertFalse(XmlRpcRetryRule.mayRetry("token.create", failure));
      assertFalse(XmlRpcRetryRule.mayRetry("token.revoke", failure));
      assertFalse(XmlRpcRetryRule.marksServerDown(failure));
    }
  }

  @Test
  void finalAnswersAreNeverRetried() {
    assertFalse(XmlRpcRetryRule.mayRetry("calculator.add", Failure.FINAL));
    assertFalse(XmlRpcRetryRule.mayRetry("phonebook.addEntry", Failure.FINAL));
    assertFalse(XmlRpcRetryRule.marksServerDown(Failure.FINAL));
  }

  @Test
  void onlyThePhonebooksWritesCarryAKey() {
    for (String write :
        new String[] {
          "phonebook.addEntry",
          "phonebook.updateEntry",
          "phonebook.removeEntry",
          "phonebook.removeAll"
        }) {
      assertTrue(XmlRpcRetryRule.carriesKey(write), write);
      assertFalse(XmlRpcRetryRule.idempotent(write), write);
    }
    assertFalse(XmlRpcRetryRule.carriesKey("phonebook.findEntry"));
    assertFalse(XmlRpcRetryRule.carriesKey("calculator.add"));
    assertFalse(XmlRpcRetryRule.carriesKey("token.create"));
  }

  @Test
  void failuresAreReadFromWhatTheCallFailedWith() {
    assertEquals(
        Failure.NOT_CONNECTED,
        XmlRpcRetryRule.ofNoAnswer(
            new KeepAliveHttpClient.NotConnected(new ConnectException("refused"))));
    assertEquals(
        Failure.CLOSED_BEFORE_ANSWER,
        XmlRpcRetryRule.ofNoAnswer(new KeepAliveHttpClient.ClosedBeforeAnswer(null)));
    assertEquals(Failure.CUT_OFF, XmlRpcRetryRule.ofNoAnswer(new SocketTimeoutException("read")));
    assertEquals(Failure.CUT_OFF, XmlRpcRetryRule.ofNoAnswer(new SocketException("reset")));
    assertEquals(Failure.CUT_OFF, XmlRpcRetryRule.ofNoAnswer(new EOFException("mid-answer")));
    assertEquals(Failure.FINAL, XmlRpcRetryRule.ofNoAnswer(new HttpAnswerReader.NotHttp("HTTP/2")));
    assertEquals(Failure.FINAL, XmlRpcRetryRule.ofNoAnswer(new HttpAnswerReader.TooLarge(1)));
    assertEquals(Failure.SERVICE_UNAVAILABLE, XmlRpcRetryRule.ofStatus(503));
    assertEquals(Failure.FINAL, XmlRpcRetryRule.ofStatus(404));
    assertEquals(Failure.FINAL, XmlRpcRetryRule.ofStatus(429));
    assertEquals(
        Failure.UNAVAILABLE_FAULT,
        XmlRpcRetryRule.ofFault(new ServiceException(ErrorCode.UNAVAILABLE, "store down")));
    assertEquals(
        Failure.FINAL,
        XmlRpcRetryRule.ofFault(new ServiceException(ErrorCode.ALREADY_EXISTS, "Alice")));
    assertEquals(
        Failure.FINAL,
        XmlRpcRetryRule.ofFault(
            new TransportException(TransportException.Kind.PROTOCOL, "unknown method", null)));
  }

  @Test
  void anIoFailureOfAnotherKindMayHaveBeenProcessed() {
    assertEquals(Failure.CUT_OFF, XmlRpcRetryRule.ofNoAnswer(new IOException("odd")));
  }
}
