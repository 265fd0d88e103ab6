package org.netlab.labs.ftp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DataAddressTest {
  @Test
  void sixNumbersRoundTrip() {
    InetSocketAddress address = DataAddress.parseSixNumbers("192,168,1,2,19,137");
    assertEquals("192.168.1.2", address.getAddress().getHostAddress());
    assertEquals(19 * 256 + 137, address.getPort());
    assertEquals("192,168,1,2,19,137", DataAddress.formatSixNumbers(address));
  }

  @Test
  void sixNumbersAreFoundInsideA227Reply() {
    assertEquals(
        54101, DataAddress.parseSixNumbers("Entering Passive Mode (127,0,0,1,211,85)").getPort());
  }

  @Test
  void numbersAbove255AreRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> DataAddress.parseSixNumbers("1,2,3,256,1,1"));
    assertThrows(IllegalArgumentException.class, () -> DataAddress.parseSixNumbers("1,2,3,4,1"));
  }

  @Test
  void extendedAddressesParseBothFamiliesAndNeverLookUpNames() {
    assertEquals(6275, DataAddress.parseExtended("|1|132.235.1.2|6275|").getPort());
    assertEquals(
        "0:0:0:0:0:0:0:1", DataAddress.parseExtended("|2|::1|5282|").getAddress().getHostAddress());
    assertThrows(
        IllegalArgumentException.class, () -> DataAddress.parseExtended("|1|localhost|2000|"));
    assertThrows(
        IllegalArgumentException.class, () -> DataAddress.parseExtended("|2|127.0.0.1|2000|"));
    assertThrows(
        DataAddress.UnsupportedProtocolException.class,
        () -> DataAddress.parseExtended("|3|127.0.0.1|2000|"));
    assertThrows(
        IllegalArgumentException.class, () -> DataAddress.parseExtended("|1|127.0.0.1|0|"));
  }

  @Test
  void epsvReplyGivesThePort() {
    assertEquals(6446, DataAddress.parseEpsvReply("Entering Extended Passive Mode (|||6446|)"));
    assertThrows(IllegalArgumentException.class, () -> DataAddress.parseEpsvReply("no port here"));
  }
}
