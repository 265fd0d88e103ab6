package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.CharacterCodingException;
import org.junit.jupiter.api.Test;

class CommandRequestTest {
  @Test
  void theVerbIsUpperCasedAndTheArgumentKeptAsSent() throws Exception {
    assertEquals(
        new CommandRequest("RETR", " a b "), CommandRequest.parse("retr  a b ".getBytes(UTF_8)));
    assertEquals(new CommandRequest("PWD", ""), CommandRequest.parse("pwd".getBytes(UTF_8)));
  }

  @Test
  void telnetInterruptBeforeAborIsDropped() throws Exception {
    byte[] line = {(byte) 0xff, (byte) 0xf4, (byte) 0xff, (byte) 0xf2, 'A', 'B', 'O', 'R'};
    assertEquals(new CommandRequest("ABOR", ""), CommandRequest.parse(line));
  }

  @Test
  void aLineThatIsNotUtf8IsRefused() {
    byte[] line = {'C', 'W', 'D', ' ', (byte) 0xc3, '('};
    assertThrows(CharacterCodingException.class, () -> CommandRequest.parse(line));
  }
}
