package org.netlab.rpc.client.bench;

/** A call answered, but not what the call must answer: counted by {@code bench} as an error. */
public final class WrongAnswer extends RuntimeException {
  private static final long serialVersionUID = 1L;

  WrongAnswer(String call, Object expected, Object got) {
    super(call + " answered " + got + " where " + expected + " was expected", null, false, false);
  }
}
