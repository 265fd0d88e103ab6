package org.netlab.rpc.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.InMemoryPhonebook;
import org.netlab.rpc.server.ServerTls;
import org.netlab.rpc.server.access.ServerAccess;
import org.netlab.rpc.server.access.TestAccess;
import org.netlab.rpc.server.connect.ConnectRoute;
import org.netlab.rpc.server.metrics.CallMeters;
import org.netlab.rpc.server.xmlrpc.XmlRpcEndpoint;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The console's gRPC calls in a real browser through the JSON gateway, on a port that checks nobody
 * so the page's handling of answers is seen alone: unary JSON answers and errors with their Connect
 * codes, a server stream shown entry by entry as text, an error at the end of a stream, and health
 * read from the gateway.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ConsoleGrpcCallsTest {
  @TempDir static Path directory;

  private static XmlRpcEndpoint endpoint;
  private static ChromeDriver driver;
  private static ConsolePage page;

  @BeforeAll
  static void start() throws IOException {
    HeadlessChromium.assumeInstalled();
    ServerTls tls =
        ServerTls.resolve(null, null, null, Files.createDirectories(directory.resolve("data")));
    FiniteCalculator calculator = new FiniteCalculator();
    InMemoryPhonebook phonebook = new InMemoryPhonebook();
    ServerAccess nobodyChecked = TestAccess.unchecked();
    endpoint =
        new XmlRpcEndpoint(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            tls.files(),
            calculator,
            phonebook,
            nobodyChecked,
            XmlRpcLimits.defaults(),
            List.of(
                ConsoleRoute.forServices(calculator, phonebook, nobodyChecked),
                ConnectRoute.start(calculator, phonebook, nobodyChecked, CallMeters.NONE)),
            CallMeters.NONE);
    endpoint.start();
    driver = HeadlessChromium.start(directory.resolve("profile"), tls.files().chain());
    page = new ConsolePage(driver);
  }

  @AfterAll
  static void stop() {
    if (driver != null) {
      driver.quit();
    }
    if (endpoint != null) {
      endpoint.close();
    }
  }

  @BeforeEach
  void freshConsole() {
    page.openSignedOut(endpoint.uri().resolve("/console/"));
  }

  @Test
  void aUnaryCallAnswersItsMessageAndARefusalItsConnectCode() {
    page.choose("grpc:netlab.calculator.v1.CalculatorService/Add");
    ConsolePage.Answer sum = page.call();
    assertTrue(sum.ok(), sum.status());
    assertEquals(List.of("{\n  \"value\": 5\n}"), sum.messages());

    page.choose("grpc:netlab.calculator.v1.CalculatorService/Divide");
    page.setBody("{\"x\": 1, \"y\": 0}");
    ConsolePage.Answer refused = page.call();
    assertFalse(refused.ok());
    assertTrue(
        refused.status().startsWith("400 Bad Request · invalid_argument: "), refused.status());
  }

  @Test
  void aServerStreamShowsEachEntryAsText() throws IOException {
    page.choose("grpc:netlab.phonebook.v1.PhonebookService/AddEntry");
    page.setBody("{\"name\": \"Dorothy Vaughan\", \"number\": \"+1 757 555 0102\"}");
    assertTrue(page.call().ok());
    page.setBody("{\"name\": \"<img src=x onerror=alert(2)>\", \"number\": \"+1 757 555 0103\"}");
    assertTrue(page.call().ok());

    page.choose("grpc:netlab.phonebook.v1.PhonebookService/ListEntries");
    ConsolePage.Answer listed = page.call();
    assertTrue(listed.ok(), listed.status());
    assertEquals(2, listed.messages().size(), listed.messages().toString());
    assertTrue(listed.messages().get(0).contains("\"name\": \"<img src=x onerror=alert(2)>\""));
    assertTrue(listed.messages().get(1).contains("Dorothy Vaughan"));
    assertTrue(driver.findElements(By.tagName("img")).isEmpty(), "markup ran");
    page.screenshot("grpc-stream");
  }

  @Test
  void anErrorAtTheEndOfAStreamIsShownWithItsCode() {
    page.choose("grpc:netlab.phonebook.v1.PhonebookService/ListEntries");
    page.setBody("{\"namePrefix\": \"" + "x".repeat(101) + "\"}");
    ConsolePage.Answer refused = page.call();
    assertFalse(refused.ok());
    assertTrue(refused.status().contains("invalid_argument"), refused.status());
  }

  @Test
  void healthComesFromTheGatewayAndShowsADrain() {
    assertEquals("health: SERVING", page.awaitText("health", "SERVING"));
    // Draining is for good; no other test here reads health.
    endpoint.beginDrain();
    page.openSignedOut(endpoint.uri().resolve("/console/"));
    assertEquals("health: NOT_SERVING", page.awaitText("health", "NOT_SERVING"));
  }
}
