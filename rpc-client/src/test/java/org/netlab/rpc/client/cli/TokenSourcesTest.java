package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.netlab.rpc.client.ServerUrl;

/** Which token is sent, from where, and to which servers the local admin token may go. */
class TokenSourcesTest {
  private static final String FILE_TOKEN = "nlt_fileTokenfileTokenfileTokenfileTokenfileTok";
  private static final String ENV_TOKEN = "nlt_envTokenenvTokenenvTokenenvTokenenvTokenenvT";
  private static final String ADMIN_TOKEN = "nlt_adminTokenadminTokenadminTokenadminTokenadm";
  private static final ServerUrl LOCAL = ServerUrl.parse("grpcs://localhost:50051");
  private static final ServerUrl REMOTE = ServerUrl.parse("grpcs://rpc.example.org:50051");

  @TempDir Path dir;
  private Path tokenFile;
  private Path adminToken;

  @BeforeEach
  void writeTokens() throws IOException {
    tokenFile = Files.writeString(dir.resolve("my.token"), "  " + FILE_TOKEN + "  \nsecond line\n");
    adminToken = Files.writeString(dir.resolve("admin.token"), ADMIN_TOKEN + "\n");
  }

  private Optional<TokenSources.Found> choose(
      Map<String, String> environment, Path option, ServerUrl server) {
    return new TokenSources(environment, adminToken).choose(option, server);
  }

  @Test
  void theTokenFileGivesItsFirstLineTrimmed() {
    TokenSources.Found found = choose(Map.of(), tokenFile, REMOTE).orElseThrow();
    assertEquals(FILE_TOKEN, found.token());
    assertEquals("--token-file " + tokenFile, found.source());
  }

  @Test
  void theTokenFileWinsOverTheEnvironmentAndTheLocalAdminToken() {
    assertEquals(
        FILE_TOKEN, choose(Map.of("RPC_TOKEN", ENV_TOKEN), tokenFile, LOCAL).orElseThrow().token());
  }

  @Test
  void theEnvironmentWinsOverTheLocalAdminToken() {
    TokenSources.Found found =
        choose(Map.of("RPC_TOKEN", " " + ENV_TOKEN + "\n"), null, LOCAL).orElseThrow();
    assertEquals(ENV_TOKEN, found.token());
    assertEquals("$RPC_TOKEN", found.source());
  }

  @Test
  void theEnvironmentGoesToAnyServer() {
    assertEquals(
        ENV_TOKEN, choose(Map.of("RPC_TOKEN", ENV_TOKEN), null, REMOTE).orElseThrow().token());
  }

  @Test
  void aBlankEnvironmentVariableCountsAsUnset() {
    assertEquals(ADMIN_TOKEN, choose(Map.of("RPC_TOKEN", "  "), null, LOCAL).orElseThrow().token());
  }

  @Test
  void theLocalAdminTokenGoesToAServerOnThisHost() {
    TokenSources.Found found = choose(Map.of(), null, LOCAL).orElseThrow();
    assertEquals(ADMIN_TOKEN, found.token());
    assertEquals(adminToken.toString(), found.source());
    assertEquals(
        ADMIN_TOKEN,
        choose(Map.of(), null, ServerUrl.parse("http://127.0.0.2:8080/RPC2"))
            .orElseThrow()
            .token());
    assertEquals(
        ADMIN_TOKEN, choose(Map.of(), null, ServerUrl.parse("grpc://[::1]")).orElseThrow().token());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "grpcs://rpc.example.org",
        "grpc://10.0.0.1",
        "https://192.168.1.2/RPC2",
        "grpc://[fe80::1]",
        "grpc://localhost.example.org",
        "grpc://127.0.0.1.nip.io"
      })
  void theLocalAdminTokenNeverGoesToAnotherHost(String url) {
    assertEquals(Optional.empty(), choose(Map.of(), null, ServerUrl.parse(url)));
  }

  @Test
  void withoutAnySourceNoTokenIsSent() throws IOException {
    Files.delete(adminToken);
    assertEquals(Optional.empty(), choose(Map.of(), null, LOCAL));
  }

  @Test
  void anEmptyOrUnreadableLocalAdminTokenIsAsIfAbsent() throws IOException {
    Files.writeString(adminToken, "\n");
    assertEquals(Optional.empty(), choose(Map.of(), null, LOCAL));
    Files.delete(adminToken);
    Files.createDirectory(adminToken);
    assertEquals(Optional.empty(), choose(Map.of(), null, LOCAL));
  }

  @Test
  void aMissingTokenFileIsRefusedNamingIt() {
    Path missing = dir.resolve("missing.token");
    IllegalArgumentException refusal =
        assertThrows(IllegalArgumentException.class, () -> choose(Map.of(), missing, LOCAL));
    assertEquals("--token-file " + missing + ": no such file", refusal.getMessage());
  }

  @Test
  void aTokenFileWhoseFirstLineIsEmptyIsRefusedWithoutItsContent() throws IOException {
    Path blankFirst = Files.writeString(dir.resolve("blank.token"), "\n" + FILE_TOKEN + "\n");
    IllegalArgumentException refusal =
        assertThrows(IllegalArgumentException.class, () -> choose(Map.of(), blankFirst, LOCAL));
    assertEquals("--token-file " + blankFirst + ": its first line is empty", refusal.getMessage());
    Path empty = Files.writeString(dir.resolve("empty.token"), "");
    assertThrows(IllegalArgumentException.class, () -> choose(Map.of(), empty, LOCAL));
  }

  @Test
  void aDirectoryOrAHugeFileIsNotATokenFile() throws IOException {
    IllegalArgumentException directory =
        assertThrows(IllegalArgumentException.class, () -> choose(Map.of(), dir, LOCAL));
    assertEquals(
        "--token-file " + dir + ": cannot read it (it is a directory)", directory.getMessage());
    Path huge = Files.writeString(dir.resolve("huge"), FILE_TOKEN.repeat(2000));
    IllegalArgumentException tooLarge =
        assertThrows(IllegalArgumentException.class, () -> choose(Map.of(), huge, LOCAL));
    assertFalse(tooLarge.getMessage().contains(FILE_TOKEN), tooLarge.getMessage());
    assertTrue(tooLarge.getMessage().contains("larger than 64 KiB"), tooLarge.getMessage());
  }

  @Test
  void foundNeverShowsItsToken() {
    String shown = choose(Map.of(), tokenFile, LOCAL).orElseThrow().toString();
    assertFalse(shown.contains(FILE_TOKEN), shown);
    assertTrue(shown.contains("(hidden)"), shown);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "localhost",
        "LocalHost",
        "127.0.0.1",
        "127.0.0.2",
        "127.255.255.254",
        "::1",
        "[::1]",
        "0:0:0:0:0:0:0:1",
        "::ffff:127.0.0.1"
      })
  void loopbackNamesAndAddressesAreLoopback(String host) {
    assertTrue(TokenSources.isLoopback(host), host);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "example.org",
        "10.0.0.1",
        "128.0.0.1",
        "0.0.0.0",
        "127.0.0.256",
        "127.1",
        "127.0.0.1.nip.io",
        "localhost.example.org",
        "::",
        "::2",
        "fe80::1",
        "[::1",
        "::zz"
      })
  void everyOtherHostIsNot(String host) {
    assertFalse(TokenSources.isLoopback(host), host);
  }
}
