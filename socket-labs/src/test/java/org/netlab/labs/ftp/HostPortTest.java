package org.netlab.labs.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class HostPortTest {
  @Test
  void sixNumbersRoundTrip() {
    InetSocketAddress address = HostPort.parseSixNumbers("192,168,1,2,19,137");
    assertEquals("192.168.1.2", address.getAddress().getHostAddress());
    assertEquals(19 * 256 + 137, address.getPort());
    assertEquals("192,168,1,2,19,137", HostPort.formatSixNumbers(address));
  }

  @Test
  void sixNumbersAreFoundInsideA227Reply() {
    assertEquals(
        54101, HostPort.parseSixNumbers("Entering Passive Mode (127,0,0,1,211,85)").getPort());
  }

  @Test
  void numbersAbove255AreRejected() {
    assertThrows(IllegalArgumentException.class, () -> HostPort.parseSixNumbers("1,2,3,256,1,1"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parseSixNumbers("1,2,3,4,1"));
  }

  @Test
  void extendedAddressesParseBothFamiliesAndNeverLookUpNames() {
    assertEquals(6275, HostPort.parseExtended("|1|132.235.1.2|6275|").getPort());
    assertEquals(
        "0:0:0:0:0:0:0:1", HostPort.parseExtended("|2|::1|5282|").getAddress().getHostAddress());
    assertThrows(
        IllegalArgumentException.class, () -> HostPort.parseExtended("|1|localhost|2000|"));
    assertThrows(
        IllegalArgumentException.class, () -> HostPort.parseExtended("|2|127.0.0.1|2000|"));
    assertThrows(
        HostPort.UnsupportedProtocolException.class,
        () -> HostPort.parseExtended("|3|127.0.0.1|2000|"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parseExtended("|1|127.0.0.1|0|"));
  }

  @Test
  void epsvReplyGivesThePort() {
    assertEquals(6446, HostPort.parseEpsvReply("Entering Extended Passive Mode (|||6446|)"));
    assertThrows(IllegalArgumentException.class, () -> HostPort.parseEpsvReply("no port here"));
  }
}
