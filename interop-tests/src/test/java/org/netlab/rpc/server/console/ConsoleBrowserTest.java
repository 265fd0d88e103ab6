package org.netlab.rpc.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.client.cli.CopiedCommandLine;
import org.netlab.rpc.server.LoopbackServer;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * The console in a real browser (Debian's headless Chromium) against the real server: sign-in,
 * calls over both protocols, the answers, markup in data shown as text, permalinks, and the copied
 * commands run as they are. Screenshots go to {@code target/console-screenshots/}.
 *
 * <p>The gRPC steps go through the JSON gateway; on a server without it they are skipped, saying
 * so.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ConsoleBrowserTest {
  private static final String MARKUP_NAME = "<img src=x onerror=alert(1)>";

  @TempDir static Path directory;

  private static LoopbackServer server;
  private static ChromeDriver driver;
  private static ConsolePage page;

  @BeforeAll
  static void start() throws IOException {
    HeadlessChromium.assumeInstalled();
    server = LoopbackServer.start(Files.createDirectories(directory.resolve("data")));
    driver = HeadlessChromium.start(directory.resolve("profile"), server.certificateChain());
    page = new ConsolePage(driver);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void freshConsole() {
    page.openSignedOut(console());
  }

  private static URI console() {
    return server.webUrl("/console/");
  }

  @Test
  void aSignedInPersonAddsTwoAndThreeOverXmlRpcAndSeesFive() throws IOException {
    page.signIn(server.adminToken());
    page.choose("xmlrpc:calculator.add");
    assertEquals("[2, 3]", page.body(), "the form starts with the example");
    assertTrue(page.text("method-comment").contains("Returns x + y."));
    ConsolePage.Answer answer = page.call();
    assertTrue(answer.ok(), answer.status());
    assertTrue(answer.status().startsWith("200 OK"), answer.status());
    assertTrue(answer.status().endsWith(" ms"), "the latency: " + answer.status());
    assertEquals(List.of("5"), answer.messages());
    page.screenshot("xmlrpc-add");
  }

  @Test
  void anEntryAddedOverXmlRpcIsFoundAgain() {
    page.signIn(server.adminToken());
    page.choose("xmlrpc:phonebook.addEntry");
    page.setBody("[\"Grace Hopper\", \"+1 202 555 0100\"]");
    ConsolePage.Answer added = page.call();
    assertTrue(added.ok(), added.status());

    page.choose("xmlrpc:phonebook.findEntry");
    page.setBody("[\"grace hopper\"]");
    ConsolePage.Answer found = page.call();
    assertTrue(found.ok(), found.status());
    assertTrue(
        found.messages().get(0).contains("\"number\": \"+1 202 555 0100\""),
        found.messages().toString());

    page.setBody("[\"Nobody Here\"]");
    ConsolePage.Answer missing = page.call();
    assertFalse(missing.ok());
    assertTrue(missing.status().contains("fault 404"), missing.status());
  }

  @Test
  void theCalculatorAnswersAnonymousCallersAndThePhonebookDoesNot() {
    page.choose("xmlrpc:calculator.multiply");
    ConsolePage.Answer product = page.call();
    assertEquals(List.of("6"), product.messages(), product.status());
    page.choose("xmlrpc:phonebook.countEntries");
    ConsolePage.Answer refused = page.call();
    assertTrue(refused.status().contains("fault 401"), refused.status());
  }

  @Test
  void aNameWithMarkupIsShownAsTextAndRunsNothing() throws IOException {
    page.signIn(server.adminToken());
    page.choose("xmlrpc:phonebook.addEntry");
    page.setBody("[\"" + MARKUP_NAME + "\", \"+1 555 0100\"]");
    assertTrue(page.call().ok());

    page.choose("xmlrpc:phonebook.listEntries");
    ConsolePage.Answer listed = page.call();
    assertTrue(listed.ok(), listed.status());
    assertTrue(
        listed.messages().get(0).contains("\"name\": \"" + MARKUP_NAME + "\""),
        listed.messages().toString());
    assertNoMarkupRan();
    page.screenshot("markup-as-text");

    // The same name through a permalink: restored into the form as text.
    String permalink = driver.getCurrentUrl();
    page.choose("xmlrpc:phonebook.findEntry");
    page.setBody("[\"" + MARKUP_NAME + "\"]");
    String withName = driver.getCurrentUrl();
    page.open(URI.create(permalink));
    assertNoMarkupRan();
    page.open(URI.create(withName));
    assertEquals("[\"" + MARKUP_NAME + "\"]", page.body());
    assertTrue(page.text("command-python").contains(MARKUP_NAME));
    assertNoMarkupRan();
  }

  private static void assertNoMarkupRan() {
    assertTrue(driver.findElements(By.tagName("img")).isEmpty(), "an img element was made");
    assertTrue(driver.findElements(By.cssSelector("[onerror]")).isEmpty());
    assertThrows(NoAlertPresentException.class, () -> driver.switchTo().alert());
  }

  @Test
  void theCopiedCommandsHoldNoTokenAndRunAsTheyAre() throws Exception {
    String token = server.adminToken();
    page.signIn(token);
    page.choose("xmlrpc:phonebook.addEntry");
    page.setBody("[\"Ada O'Brien\", \"+353 1 555 0100\"]");
    String curl = page.text("command-curl");
    String rpcClient = page.text("command-rpc-client");
    page.choose("xmlrpc:phonebook.findEntry");
    page.setBody("[\"ada o'brien\"]");
    String python = page.text("command-python");
    for (String command : List.of(curl, rpcClient, python, driver.getCurrentUrl())) {
      assertFalse(command.contains(token), "the token is in " + command);
    }
    assertTrue(curl.contains("-H \"Authorization: Bearer $RPC_TOKEN\""), curl);
    assertTrue(
        rpcClient.startsWith(
            "rpc-client --server "
                + server.xmlRpcUrl()
                + " --ca ca.pem phonebook add 'Ada O'\\''Brien'"),
        rpcClient);
    assertTrue(python.contains("os.environ[\"RPC_TOKEN\"]"), python);
    assertTrue(python.contains("server.phonebook.findEntry(\"ada o'\\''brien\")"), python);

    Path shell = Files.createDirectories(directory.resolve("shell"));
    Files.copy(server.caFile(), shell.resolve("ca.pem"));
    Map<String, String> environment = Map.of("RPC_TOKEN", token);
    assumeTrue(
        PeerPrograms.installed("curl"), "skipped: curl is not installed (Debian package curl)");
    String curlOut = PeerPrograms.bash(shell, environment, curl);
    assertTrue(curlOut.contains("Ada O&apos;Brien") || curlOut.contains("Ada O'Brien"), curlOut);

    CopiedCommandLine.Result cli =
        CopiedCommandLine.run(
            page.text("command-rpc-client")
                .replace("--ca ca.pem", "--ca " + shell.resolve("ca.pem")),
            environment);
    assertEquals(0, cli.exitCode(), cli.err());
    assertTrue(cli.out().contains("+353 1 555 0100"), cli.out());

    assumeTrue(PeerPrograms.installed("python3"), "skipped: python3 is not installed");
    String pythonOut = PeerPrograms.bash(shell, environment, python);
    assertTrue(pythonOut.contains("+353 1 555 0100"), pythonOut);
  }

  @Test
  void aPermalinkRestoresTheCallButDoesNotMakeIt() {
    page.choose("xmlrpc:calculator.subtract");
    page.setBody("[10, 4]");
    String permalink = driver.getCurrentUrl();
    assertTrue(permalink.contains("#call="), permalink);

    page.openSignedOut(URI.create(permalink));
    assertEquals("[10, 4]", page.body());
    assertTrue(page.text("method-title").contains("calculator.subtract"));
    assertEquals("", page.text("answer"), "opening a link calls nothing");
    assertEquals(List.of("6"), page.call().messages());
  }

  @Test
  void signingOutForgetsTheToken() {
    page.signIn(server.adminToken());
    page.choose("xmlrpc:calculator.add");
    assertTrue(page.text("command-curl").contains("$RPC_TOKEN"));
    assertEquals(server.adminToken(), storedToken());

    page.signOut();
    assertNull(storedToken());
    assertFalse(page.text("command-curl").contains("Authorization"), "anonymous: no header");
    assertTrue(page.text("auth-note").contains("Not signed in"));
    assertTrue(driver.manage().getCookies().isEmpty(), "the console sets no cookie");
  }

  @Test
  void aRefusedTokenIsNotKept() {
    String note = page.trySignIn("nlt_" + "A".repeat(43));
    assertTrue(note.contains("refused"), note);
    assertNull(storedToken());
    assertTrue(driver.findElement(By.id("sign-in")).isDisplayed());
  }

  private static Object storedToken() {
    return driver.executeScript("return window.sessionStorage.getItem('netlab.console.token')");
  }

  @Test
  void thePageRunsWithinItsPolicyAndShowsHealthAndMetricsState() {
    page.signIn(server.adminToken());
    page.choose("grpc:netlab.calculator.v1.CalculatorService/Add");
    assertTrue(page.text("method-comment").startsWith("x + y."), "the .proto comment");
    assertTrue(page.text("command-curl").contains("--data '{\"x\":2,\"y\":3}'"));
    assertTrue(page.text("command-rpc-client").contains(" calc add 2 3"));
    page.choose("xmlrpc:calculator.add");
    page.call();
    assertEquals("health: SERVING", page.awaitText("health", "SERVING"));
    // Signing in checked the token with an XML-RPC call, which the metrics count.
    page.awaitText("metrics", "xmlrpc");
    WebElement xmlRpcRow =
        driver.findElement(By.xpath("//table[@id='metrics-figures']//tr[th='xmlrpc']"));
    long calls = Long.parseLong(xmlRpcRow.findElements(By.tagName("td")).get(0).getText());
    assertTrue(calls >= 1, "calls counted over XML-RPC: " + calls);

    for (LogEntry entry : driver.manage().logs().get(LogType.BROWSER)) {
      assertFalse(entry.getMessage().contains("Content Security Policy"), entry.getMessage());
    }
    // The browser enforces the policy: a script added inline does not run.
    driver.executeScript(
        "const s = document.createElement('script');"
            + " s.textContent = 'window.inlineRan = true'; document.head.append(s);");
    assertNull(driver.executeScript("return window.inlineRan"));
  }

  @Test
  void grpcAddThroughTheGatewayAnswersFive() throws Exception {
    page.signIn(server.adminToken());
    page.choose("grpc:netlab.calculator.v1.CalculatorService/Add");
    assertEquals("{\"x\": 2, \"y\": 3}", page.body());
    ConsolePage.Answer answer = page.call();
    assertTrue(answer.ok(), answer.status());
    assertEquals(List.of("{\n  \"value\": 5\n}"), answer.messages());
    page.screenshot("grpc-add");

    page.choose("grpc:netlab.calculator.v1.CalculatorService/Divide");
    page.setBody("{\"x\": 1, \"y\": 0}");
    ConsolePage.Answer refused = page.call();
    assertFalse(refused.ok());
    assertTrue(refused.status().contains("invalid_argument"), refused.status());
  }

  @Test
  void grpcPhonebookEntriesAreAddedFoundAndStreamedThroughTheGateway() throws Exception {
    page.signIn(server.adminToken());
    page.choose("grpc:netlab.phonebook.v1.PhonebookService/AddEntry");
    page.setBody("{\"name\": \"Katherine Johnson\", \"number\": \"+1 757 555 0100\"}");
    assertTrue(page.call().ok());
    page.setBody("{\"name\": \"" + MARKUP_NAME + " grpc\", \"number\": \"+1 757 555 0101\"}");
    assertTrue(page.call().ok());

    page.choose("grpc:netlab.phonebook.v1.PhonebookService/FindNumber");
    page.setBody("{\"name\": \"katherine johnson\"}");
    ConsolePage.Answer found = page.call();
    assertTrue(found.messages().get(0).contains("+1 757 555 0100"), found.messages().toString());

    page.choose("grpc:netlab.phonebook.v1.PhonebookService/ListEntries");
    page.setBody("{\"namePrefix\": \"\"}");
    ConsolePage.Answer listed = page.call();
    assertTrue(listed.ok(), listed.status());
    assertTrue(listed.messages().stream().anyMatch(m -> m.contains("Katherine Johnson")));
    assertTrue(listed.messages().stream().anyMatch(m -> m.contains(MARKUP_NAME + " grpc")));
    assertNoMarkupRan();
    page.screenshot("grpc-list-entries");
  }
}
