package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.client.RpcConnection;

/**
 * How {@code rpc-client} is given a token, which connection gets it, and what a person reads when a
 * server refuses the caller: one line, exit 1, and never the token.
 */
@Timeout(30)
class TokenCommandLineTest {
  private static final String TOKEN = "nlt_Cq1Wd5Rf8Tg2Yh6Uj9Ik3Ol7Pz0Xs4Ev8Bn1Mm5Ka2S";
  private static final String OTHER = "nlt_OtherOtherOtherOtherOtherOtherOtherOtherOth";

  @TempDir Path dir;
  private final InJvmConnector connector = new InJvmConnector();
  private HttpServer peer;

  @AfterEach
  void stopPeer() {
    if (peer != null) {
      peer.stop(0);
    }
  }

  private String sentToken() {
    return connector.opened().get(0).token();
  }

  private Path tokenFile(String content) throws IOException {
    return Files.writeString(dir.resolve("my.token"), content);
  }

  @Test
  void theTokenFileGivesTheTokenOfTheConnectionWhereverTheOptionStands() throws IOException {
    String file = tokenFile(TOKEN + "\n").toString();
    Cli.Run after = Cli.with(connector).run("calc", "add", "1", "2", "--token-file", file);
    assertEquals(0, after.exitCode(), after.err());
    Cli.Run before = Cli.with(connector).run("--token-file", file, "phonebook", "count");
    assertEquals(0, before.exitCode(), before.err());
    assertEquals(TOKEN, connector.opened().get(0).token());
    assertEquals(TOKEN, connector.opened().get(1).token());
  }

  @Test
  void theEnvironmentVariableGivesTheTokenAndTheTokenFileWinsOverIt() throws IOException {
    Cli.with(connector).environment(Map.of("RPC_TOKEN", OTHER)).run("calc", "add", "1", "2");
    Cli.with(connector)
        .environment(Map.of("RPC_TOKEN", OTHER))
        .run("calc", "add", "1", "2", "--token-file", tokenFile(TOKEN).toString());
    assertEquals(OTHER, connector.opened().get(0).token());
    assertEquals(TOKEN, connector.opened().get(1).token());
  }

  @Test
  void theLocalAdminTokenGoesToTheLocalServerByDefaultAndNowhereElse() throws IOException {
    Files.writeString(dir.resolve("admin.token"), TOKEN + "\n");
    Map<String, String> environment = Map.of("NETLAB_DATA_DIR", dir.toString());
    Cli.with(connector).environment(environment).run("calc", "add", "1", "2");
    Cli.with(connector)
        .environment(environment)
        .run("calc", "add", "1", "2", "--server", "grpc://10.0.0.1:50051");
    assertEquals(TOKEN, connector.opened().get(0).token());
    assertNull(connector.opened().get(1).token());
  }

  @Test
  void noTokenIsSentWhenNoneIsGiven() {
    Cli.with(connector)
        .environment(Map.of("NETLAB_DATA_DIR", dir.toString()))
        .run("calc", "add", "1", "2");
    assertNull(sentToken());
  }

  @Test
  void aMissingTokenFileIsAUsageErrorNamingIt() {
    Path missing = dir.resolve("missing.token");
    Cli.Run run =
        Cli.with(connector).run("calc", "add", "1", "2", "--token-file", missing.toString());
    assertEquals(
        new Cli.Run(
            2,
            "",
            "rpc-client: --token-file "
                + missing
                + ": no such file\n"
                + "try 'rpc-client --help'\n"),
        run);
  }

  @Test
  void aTokenThatCannotBeSentIsAUsageErrorThatDoesNotShowIt() throws IOException {
    Path file = tokenFile("nlt_half token\n");
    Cli.Run run = Cli.with(connector).run("calc", "add", "1", "2", "--token-file", file.toString());
    assertEquals(2, run.exitCode());
    assertTrue(
        run.err()
            .startsWith("rpc-client: --token-file " + file + ": a token must be printable ASCII"),
        run.err());
    assertFalse(run.err().contains("nlt_half"), run.err());
    assertFalse(run.err().contains("token\n"), run.err());
  }

  @Test
  void noOptionTakesTheTokenItself() {
    Cli.Run run = Cli.with(connector).run("calc", "add", "1", "2", "--token", TOKEN);
    assertEquals(2, run.exitCode());
    assertTrue(connector.opened().isEmpty());
  }

  @Test
  void helpSaysHowATokenIsGivenAndListsTheEnvironment() {
    String help = Cli.with(connector).run("--help").out();
    assertTrue(help.contains("--token-file=FILE"), help);
    assertTrue(help.contains("never as an argument"), help);
    assertTrue(help.contains("<data-dir>/admin.token"), help);
    assertTrue(help.contains("\nEnvironment:\n  RPC_SERVER "), help);
    assertTrue(help.contains("\n  RPC_TOKEN "), help);
    assertTrue(help.contains("\n  NETLAB_DATA_DIR "), help);
    assertTrue(Cli.with(connector).run("phonebook", "--help").out().contains("--token-file"));
  }

  @Test
  void httpStatus401IsARefusalWithTheHintAndNeverTheToken() throws IOException {
    String url = peer(401, "");
    Cli.Run run =
        Cli.with(RpcConnection::open)
            .environment(Map.of("RPC_TOKEN", TOKEN))
            .run("--server", url, "calc", "add", "1", "2");
    assertEquals(1, run.exitCode(), run.err());
    assertEquals("", run.out());
    assertEquals(
        "error: not authenticated: "
            + url
            + " answered calculator.add with HTTP status 401 Unauthorized: the token is missing or"
            + " malformed — give a token with RPC_TOKEN or --token-file; a local server's admin"
            + " token is <data-dir>/admin.token\n",
        run.err());
  }

  @Test
  void aRefusalThatEchoesTheTokenIsShownWithTheTokenHidden() throws IOException {
    String url = peer(200, fault(401, "unknown token " + TOKEN));
    Cli.Run run =
        Cli.with(RpcConnection::open)
            .environment(Map.of("RPC_TOKEN", TOKEN))
            .run("--server", url, "phonebook", "count");
    assertEquals(1, run.exitCode());
    assertTrue(
        run.err().startsWith("error: not authenticated: unknown token (hidden) — "), run.err());
    assertFalse(run.err().contains(TOKEN), run.err());
  }

  @Test
  void permissionDeniedIsOneLineSayingSo() throws IOException {
    String url = peer(200, fault(403, "'ada' (reader) may not add entries"));
    Cli.Run run =
        Cli.with(RpcConnection::open)
            .environment(Map.of("RPC_TOKEN", TOKEN))
            .run("--server", url, "phonebook", "add", "Bob", "0123");
    assertEquals(
        new Cli.Run(1, "", "error: permission denied: 'ada' (reader) may not add entries\n"), run);
  }

  @Test
  void rateLimitedIsOneLineSayingSo() throws IOException {
    String url = peer(200, fault(429, "over the rate limit; try again in 120 ms"));
    Cli.Run run = Cli.with(RpcConnection::open).run("--server", url, "calc", "add", "1", "2");
    assertEquals(
        new Cli.Run(1, "", "error: rate limited: over the rate limit; try again in 120 ms\n"), run);
  }

  private static String fault(int code, String text) {
    return "<?xml version=\"1.0\"?><methodResponse><fault><value><struct><member>"
        + "<name>faultCode</name><value><int>"
        + code
        + "</int></value></member><member><name>faultString</name><value><string>"
        + text
        + "</string></value></member></struct></value></fault></methodResponse>";
  }

  /** A plain-HTTP peer on 127.0.0.1 that answers every request with this status and body. */
  private String peer(int status, String body) throws IOException {
    peer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    peer.createContext("/", exchange -> answer(exchange, status, body));
    peer.start();
    return "http://127.0.0.1:" + peer.getAddress().getPort() + "/RPC2";
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    exchange.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/xml");
    if (status == 401) {
      exchange
          .getResponseHeaders()
          .set("WWW-Authenticate", "Bearer realm=\"netlab\", Basic realm=\"netlab\"");
    }
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
