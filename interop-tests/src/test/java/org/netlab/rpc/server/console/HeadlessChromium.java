package org.netlab.rpc.server.console;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.logging.Level;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, both named by path so that
 * Selenium downloads nothing. Chromium trusts the test server's key by its hash: its own trust
 * store does not hold the project's CA.
 */
final class HeadlessChromium {
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private HeadlessChromium() {}

  /** Skips the test, saying what to install, unless both programs are there. */
  static void assumeInstalled() {
    assumeTrue(
        Files.isExecutable(CHROMIUM),
        "skipped: " + CHROMIUM + " is missing (Debian package chromium; .ci/install-test-peers)");
    assumeTrue(
        Files.isExecutable(CHROMEDRIVER),
        "skipped: "
            + CHROMEDRIVER
            + " is missing (Debian package chromium-driver; .ci/install-test-peers)");
  }

  /**
   * Starts a browser with a fresh profile in {@code profile} that accepts the certificate whose
   * leaf is the first of {@code serverChain}, and keeps the page's console log.
   */
  static ChromeDriver start(Path profile, Path serverChain) throws IOException {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .withTimeout(Duration.ofSeconds(30))
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1400,1000",
        "--user-data-dir=" + profile,
        "--ignore-certificate-errors-spki-list=" + spkiHash(serverChain));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** The base64 SHA-256 of the leaf certificate's public key, as Chromium's flag wants it. */
  static String spkiHash(Path chain) throws IOException {
    try (InputStream in = Files.newInputStream(chain)) {
      X509Certificate leaf =
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(leaf.getPublicKey().getEncoded());
      return Base64.getEncoder().encodeToString(digest);
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot read the server's certificate " + chain, e);
    }
  }
}
