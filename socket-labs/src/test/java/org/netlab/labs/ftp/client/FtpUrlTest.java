package org.netlab.labs.ftp.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FtpUrlTest {
  @Test
  void hostPortAndPathAreParsed() {
    FtpUrl url = FtpUrl.parse("ftp://localhost:2121/pub/file.txt");
    assertEquals(new FtpUrl(false, "localhost", 2121, null, "/pub/file.txt"), url);
    assertEquals("file.txt", url.fileName());
  }

  @Test
  void defaultsAreFtpdsPort2121AndTheRoot() {
    FtpUrl url = FtpUrl.parse("FTP://example.org");
    assertEquals(2121, url.port());
    assertEquals("/", url.path());
    assertTrue(url.isDirectory());
  }

  @Test
  void ftpsAsksForTlsOnTheSameDefaultPort() {
    FtpUrl url = FtpUrl.parse("ftps://bob@localhost/pub/");
    assertEquals(new FtpUrl(true, "localhost", 2121, "bob", "/pub/"), url);
    assertEquals(false, FtpUrl.parse("ftp://localhost/").tls());
  }

  @Test
  void userAndPercentEscapesAreDecoded() {
    FtpUrl url = FtpUrl.parse("ftp://al%40ce@[::1]:2121/my%20docs/");
    assertEquals("al@ce", url.user());
    assertEquals("::1", url.host());
    assertEquals("/my docs/", url.path());
  }

  @Test
  void badUrlsAreRejectedWithTheReason() {
    assertThrows(IllegalArgumentException.class, () -> FtpUrl.parse("http://x/"));
    assertThrows(IllegalArgumentException.class, () -> FtpUrl.parse("ftp://host:99999/"));
    assertThrows(IllegalArgumentException.class, () -> FtpUrl.parse("ftp:///path"));
    assertThrows(IllegalArgumentException.class, () -> FtpUrl.parse("ftp://h/a%0d%0aDELE%20x"));
  }
}
