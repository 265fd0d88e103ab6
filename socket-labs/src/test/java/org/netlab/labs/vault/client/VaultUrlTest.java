package org.netlab.labs.vault.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.netlab.labs.vault.VaultPorts;

class VaultUrlTest {
  @Test
  void withNoPortTheClientGoesWhereTheServerListens() {
    VaultUrl url = VaultUrl.parse("https://LocalHost/docs/a.txt");
    assertEquals(new VaultUrl(true, "localhost", VaultPorts.DEFAULT, "/docs/a.txt"), url);
    assertEquals("localhost:" + VaultPorts.DEFAULT, url.hostField());
    assertEquals(8444, VaultPorts.DEFAULT);
  }

  @Test
  void theHostFieldLeavesOutTheSchemesOwnPort() {
    assertEquals("example.org", VaultUrl.parse("http://example.org:80/").hostField());
    assertEquals("[::1]:8444", VaultUrl.parse("https://[::1]:8444/").hostField());
    assertEquals("::1", VaultUrl.parse("https://[::1]/").host());
  }

  @Test
  void spacesAndNonAsciiAreEncodedAndEscapesKept() {
    VaultUrl url = VaultUrl.parse("http://h:1/a b/%C3%A9t%C3%A9 é.txt?x=1#frag");
    assertEquals("/a%20b/%C3%A9t%C3%A9%20%C3%A9.txt?x=1", url.target());
    assertEquals("été é.txt", url.fileName());
    assertEquals("/a%20b/%C3%A9t%C3%A9%20%C3%A9.txt", url.path());
  }

  @Test
  void anEmptyPathIsTheRoot() {
    assertEquals("/", VaultUrl.parse("http://h:1").target());
    assertEquals("/?q", VaultUrl.parse("http://h:1?q").target());
    assertEquals("", VaultUrl.parse("http://h:1/dir/").fileName());
  }

  @Test
  void whatARequestCannotCarryIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> VaultUrl.parse("ftp://h/x"));
    assertThrows(IllegalArgumentException.class, () -> VaultUrl.parse("http://user:pw@h/x"));
    assertThrows(IllegalArgumentException.class, () -> VaultUrl.parse("http://h:0/x"));
    assertThrows(IllegalArgumentException.class, () -> VaultUrl.parse("http://h:99999/x"));
    assertThrows(IllegalArgumentException.class, () -> VaultUrl.parse("http:///x"));
    assertThrows(IllegalArgumentException.class, () -> VaultUrl.parse("http://h/a\r\nX: y"));
    assertThrows(
        IllegalArgumentException.class, () -> VaultUrl.parse("http://h/%2e%2e").fileName());
  }

  @Test
  void aRedirectResolvesRelativeLocationsAndComparesOrigins() {
    VaultUrl base = VaultUrl.parse("http://127.0.0.1:8080/docs");
    VaultUrl slash = base.resolve("/docs/");
    assertEquals("/docs/", slash.target());
    assertTrue(slash.sameOrigin(base));
    assertTrue(base.resolve("http://127.0.0.1:8080/docs/").sameOrigin(base));
    assertFalse(base.resolve("https://127.0.0.1:8080/docs/").sameOrigin(base));
    assertFalse(base.resolve("http://127.0.0.1:8081/docs/").sameOrigin(base));
    assertFalse(base.resolve("http://evil.example:8080/docs/").sameOrigin(base));
  }
}
