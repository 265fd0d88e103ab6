package org.netlab.rpc.server.console;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The console as a person uses it in the browser: sign in, choose a method, call it, read. */
final class ConsolePage {
  /** Where screenshots go: test artefacts of the module's build. */
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

  /** A finished call as the page shows it. */
  record Answer(String status, boolean ok, List<String> messages) {}

  private final ChromeDriver driver;
  private final WebDriverWait wait;

  ConsolePage(ChromeDriver driver) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
  }

  /**
   * Loads {@code url} as a new page (not a jump within the one shown) and waits until the console
   * has read the services.
   */
  void open(URI url) {
    driver.get("about:blank");
    driver.get(url.toString());
    wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getDomAttribute("data-ready")));
  }

  /** Loads the console afresh, signed out. */
  void openSignedOut(URI url) {
    open(url);
    driver.executeScript("window.sessionStorage.clear()");
    open(url);
  }

  void signIn(String token) {
    WebElement input = driver.findElement(By.id("token"));
    input.clear();
    input.sendKeys(token);
    driver.findElement(By.id("sign-in-button")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("signed-in")));
  }

  /** Tries a token and answers what the page then says. */
  String trySignIn(String token) {
    WebElement input = driver.findElement(By.id("token"));
    input.clear();
    input.sendKeys(token);
    driver.findElement(By.id("sign-in-button")).click();
    wait.until(
        d -> {
          String note = text("session-note");
          return !note.isEmpty() && !note.startsWith("Checking") ? note : null;
        });
    return text("session-note");
  }

  void signOut() {
    driver.findElement(By.id("sign-out")).click();
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("sign-in")));
  }

  /** Chooses a method in the menu by its key, e.g. {@code xmlrpc:calculator.add}. */
  void choose(String key) {
    driver.findElement(By.cssSelector("button.method[data-key='" + key + "']")).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("call")));
  }

  String body() {
    return driver.findElement(By.id("body")).getDomProperty("value");
  }

  void setBody(String json) {
    WebElement body = driver.findElement(By.id("body"));
    body.clear();
    body.sendKeys(json);
  }

  /** Presses Call and waits for the answer. */
  @SuppressWarnings("unchecked")
  Answer call() {
    driver.findElement(By.id("call")).click();
    // Read in one script, so that the answer cannot change between reads.
    Map<String, Object> shown =
        wait.until(
            d ->
                (Map<String, Object>)
                    driver.executeScript(
                        "const s = document.getElementById('answer-status');"
                            + " if (!s || s.classList.contains('pending')) return null;"
                            + " return {status: s.textContent, ok: s.classList.contains('good'),"
                            + " messages: [...document.querySelectorAll('#answer-messages"
                            + " pre.message')].map(p => p.textContent)};"));
    return new Answer(
        (String) shown.get("status"),
        (Boolean) shown.get("ok"),
        (List<String>) shown.get("messages"));
  }

  /** The text of the element {@code id}, exactly as the page holds it. */
  String text(String id) {
    return driver.findElement(By.id(id)).getDomProperty("textContent");
  }

  /** Waits until the element {@code id} shows text containing {@code wanted}; answers it. */
  String awaitText(String id, String wanted) {
    wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id(id), wanted));
    return text(id);
  }

  /** Saves what the browser shows as {@code target/console-screenshots/NAME.png}. */
  Path screenshot(String name) throws IOException {
    Files.createDirectories(SCREENSHOTS);
    Path file = SCREENSHOTS.resolve(name + ".png");
    Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    return file;
  }
}
