package org.netlab.rpc.server.connect;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.InvalidProtocolBufferException;
import org.junit.jupiter.api.Test;

class JsonNestingTest {
  @Test
  void nestingUpToTheBoundIsTakenAndOneLevelMoreIsRefused() {
    assertDoesNotThrow(() -> JsonNesting.check("[".repeat(3) + "]".repeat(3), 3));
    assertThrows(
        InvalidProtocolBufferException.class, () -> JsonNesting.check("{\"a\": [[{}]]}", 3));
  }

  @Test
  void bracketsInsideStringsDoNotCountEvenAfterAnEscapedQuote() {
    assertDoesNotThrow(() -> JsonNesting.check("{\"name\": \"\\\"[[[[[[[[\"}", 2));
  }
}
