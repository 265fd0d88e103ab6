package org.netlab.labs.pay;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.PeerProgram;
import org.netlab.labs.pay.peer.OfferDecision;
import org.netlab.labs.pay.peer.PayClient;
import org.netlab.labs.pay.peer.Payer;
import org.netlab.labs.pay.peer.PeerIdentity;
import org.netlab.labs.pay.peer.PeerSession;

/**
 * Peers nobody here wrote, against the lab: {@code src/test/python/pay_peer.py}, written from
 * docs/pay.md with Python's {@code ssl} and {@code cryptography}, pays and is paid by the Java
 * peer; {@code openssl s_client} with a user's certificate speaks the central server's line
 * protocol, and is turned away by a peer's own server without one. Skipped, saying why, when
 * python3, its {@code cryptography} package or openssl is missing.
 */
@Timeout(90)
class IndependentPeersTest {
  private static final Path SCRIPT = Path.of("src/test/python/pay_peer.py");
  private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(40);

  @TempDir Path directory;

  private PayLab lab;
  private final List<Program> started = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    lab = PayLab.start(directory);
  }

  @AfterEach
  void stop() throws Exception {
    for (Program program : started) {
      program.close();
    }
    lab.close();
  }

  /** A program's run: its exit code and everything it wrote, stderr included. */
  private record Run(int exit, String out) {}

  /**
   * A running program whose output is read as it comes, so that a test can wait for a line and
   * still show everything the program said when an assertion fails.
   */
  private static final class Program implements AutoCloseable {
    private final List<String> command;
    private final Process process;
    private final StringBuffer out = new StringBuffer();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;

    Program(List<String> command) throws IOException {
      this.command = command;
      this.process = new ProcessBuilder(command).redirectErrorStream(true).start();
      this.reader =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (BufferedReader in =
                        new BufferedReader(
                            new InputStreamReader(process.getInputStream(), UTF_8))) {
                      for (String line = in.readLine(); line != null; line = in.readLine()) {
                        out.append(line).append('\n');
                        lines.add(line);
                      }
                    } catch (IOException e) {
                      out.append("(output unreadable: ").append(e).append(")\n");
                    }
                  });
    }

    /** Writes {@code input} to the program's stdin and closes it. */
    Program input(String input) throws IOException {
      try (OutputStream in = process.getOutputStream()) {
        in.write(input.getBytes(UTF_8));
      }
      return this;
    }

    /** Waits for a line starting with {@code prefix}, failing after {@code within}. */
    String awaitLine(String prefix, Duration within) throws InterruptedException {
      long deadline = System.nanoTime() + within.toNanos();
      while (true) {
        long left = deadline - System.nanoTime();
        String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
        if (line == null) {
          throw new AssertionError(
              command + " printed no line starting with '" + prefix + "':\n" + out);
        }
        if (line.startsWith(prefix)) {
          return line;
        }
      }
    }

    /** Waits for the program to end, killing it after {@code within}. */
    Run finish(Duration within) throws InterruptedException {
      if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        throw new AssertionError(command + " did not finish within " + within + ":\n" + out);
      }
      reader.join(Duration.ofSeconds(5));
      return new Run(process.exitValue(), out.toString());
    }

    @Override
    public void close() throws InterruptedException {
      process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
    }
  }

  private Program launch(List<String> command) throws IOException {
    Program program = new Program(command);
    started.add(program);
    return program;
  }

  private Run run(List<String> command) throws Exception {
    Program program = launch(command);
    program.input("");
    return program.finish(PROCESS_TIMEOUT);
  }

  /** Whether python3 imports cryptography: asked once, as each python3 start takes a second. */
  private static Boolean pythonHasCryptography;

  private Path python3() throws Exception {
    Path python3 = PeerProgram.PYTHON3.assumeInstalled();
    if (pythonHasCryptography == null) {
      pythonHasCryptography = probeCryptography(python3);
    }
    assumeTrue(
        pythonHasCryptography,
        "Python's cryptography package is not installed (Debian package python3-cryptography):"
            + " this independent peer's test is skipped");
    return python3;
  }

  private boolean probeCryptography(Path python3) throws Exception {
    Run probe =
        run(
            List.of(
                python3.toString(),
                "-c",
                "from cryptography import x509;"
                    + " from cryptography.hazmat.primitives.asymmetric import ec;"
                    + " x509.CertificateSigningRequestBuilder;"
                    + " ec.generate_private_key(ec.SECP256R1())"));
    return probe.exit() == 0;
  }

  /** The Python peer's command line for {@code subcommand}, its identity in {@code who}. */
  private List<String> python(Path python3, String subcommand, Path who, String... arguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
                python3.toString(),
                SCRIPT.toAbsolutePath().toString(),
                subcommand,
                "--server",
                "localhost:" + lab.server.port(),
                "--ca",
                lab.caFile().toString(),
                "--dir",
                who.toString()));
    command.addAll(List.of(arguments));
    return command;
  }

  private Path registerInPython(Path python3, String name) throws Exception {
    Path who = directory.resolve("python").resolve(name);
    Run registered = run(python(python3, "register", who, name));
    assertEquals(0, registered.exit(), registered.out());
    assertTrue(Files.isRegularFile(who.resolve("key.pem")), registered.out());
    assertEquals(
        "registered " + name + " " + lab.ledger.account(name).orElseThrow().fingerprint() + "\n",
        registered.out());
    return who;
  }

  private void assertBalances(long py, String other, long otherBalance) {
    assertEquals(py, lab.balance("py"));
    assertEquals(otherBalance, lab.balance(other));
    assertEquals(0, lab.ledger.snapshot().total());
  }

  @Test
  void aPythonPeerPaysAJavaPeer() throws Exception {
    Path python3 = python3();
    lab.online(lab.register("bob"), OfferDecision.acceptAll());
    Path py = registerInPython(python3, "py");

    Run paid = run(python(python3, "pay", py, "bob", "500"));

    assertEquals(0, paid.exit(), paid.out());
    assertTrue(paid.out().startsWith("250 SETTLED "), paid.out());
    assertBalances(95_00, "bob", 105_00);
  }

  @Test
  void aPythonPeerDeclinedByAJavaPeerMovesNothing() throws Exception {
    Path python3 = python3();
    lab.online(lab.register("bob"), OfferDecision.declineAll());
    Path py = registerInPython(python3, "py");

    Run declined = run(python(python3, "pay", py, "bob", "500"));

    assertEquals(1, declined.exit(), declined.out());
    assertTrue(declined.out().startsWith("550 DECLINED"), declined.out());
    assertBalances(100_00, "bob", 100_00);
  }

  @Test
  void aJavaPeerPaysAPythonPeerTwiceThoughItClosesEachConnection() throws Exception {
    Path python3 = python3();
    PeerIdentity alice = lab.register("alice");
    Path py = registerInPython(python3, "py");
    Program serving = launch(python(python3, "serve", py, "--accept", "2"));
    serving.awaitLine("listening ", PROCESS_TIMEOUT);

    PayReply first;
    PayReply second;
    // One payer keeps its connection to a payee for the next payment; this payee closes it after
    // each answer, so the second offer goes out again on a new connection.
    try (PayClient server = lab.client(alice);
        Payer payer =
            new Payer(alice, alice.tls(lab.caFile()), server, Clock.systemUTC(), PayLab.TIMEOUT)) {
      first = payer.pay("py", 3_00, Duration.ofMinutes(1));
      second = payer.pay("py", 3_00, Duration.ofMinutes(1));
    }

    assertEquals(PayStatus.SETTLED, first.status(), first.toString());
    assertEquals(PayStatus.SETTLED, second.status(), second.toString());
    Run served = serving.finish(PROCESS_TIMEOUT);
    assertEquals(0, served.exit(), served.out());
    assertTrue(served.out().contains("\n" + first + "\n"), served.out());
    assertTrue(served.out().contains("\n" + second + "\n"), served.out());
    assertBalances(106_00, "alice", 94_00);
  }

  @Test
  void aJavaPeerDeclinedByAPythonPeerMovesNothing() throws Exception {
    Path python3 = python3();
    PeerIdentity alice = lab.register("alice");
    Path py = registerInPython(python3, "py");
    Program serving = launch(python(python3, "serve", py, "--accept", "1", "--decline"));
    serving.awaitLine("listening ", PROCESS_TIMEOUT);

    PayReply declined;
    try (PayClient server = lab.client(alice)) {
      declined =
          new Payer(alice, alice.tls(lab.caFile()), server, Clock.systemUTC(), PayLab.TIMEOUT)
              .pay("py", 3_00, Duration.ofMinutes(1));
    }

    assertEquals(PayStatus.DECLINED, declined.status(), declined.toString());
    Run served = serving.finish(PROCESS_TIMEOUT);
    assertEquals(1, served.exit(), served.out());
    assertTrue(served.out().contains("\n550 DECLINED "), served.out());
    assertBalances(100_00, "alice", 100_00);
  }

  @Test
  void aPythonPeerRefusesAnExpiredOrderFromAJavaPeerAndNothingMoves() throws Exception {
    Path python3 = python3();
    PeerIdentity alice = lab.register("alice");
    Path py = registerInPython(python3, "py");
    Program serving = launch(python(python3, "serve", py, "--accept", "1"));
    serving.awaitLine("listening ", PROCESS_TIMEOUT);
    Clock late = Clock.fixed(Instant.now().minus(Duration.ofMinutes(5)), ZoneOffset.UTC);

    PayReply refused;
    try (PayClient server = lab.client(alice)) {
      refused =
          new Payer(alice, alice.tls(lab.caFile()), server, late, PayLab.TIMEOUT)
              .pay("py", 3_00, Duration.ofMinutes(1));
    }

    assertEquals(PayStatus.EXPIRED, refused.status(), refused.toString());
    Run served = serving.finish(PROCESS_TIMEOUT);
    assertEquals(1, served.exit(), served.out());
    assertTrue(served.out().contains("\n553 EXPIRED "), served.out());
    assertBalances(100_00, "alice", 100_00);
  }

  /** The central server's certificate names 127.0.0.1; a peer's names no host. */
  private List<String> sClientToCentral(PeerIdentity who) throws Exception {
    List<String> command = sClient(lab.server.port(), who);
    command.addAll(List.of("-verify_ip", "127.0.0.1"));
    return command;
  }

  private List<String> sClient(int port, PeerIdentity who) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                PeerProgram.OPENSSL.assumeInstalled().toString(),
                "s_client",
                "-connect",
                "127.0.0.1:" + port,
                "-tls1_3",
                "-CAfile",
                lab.caFile().toString(),
                "-verify_return_error",
                "-quiet",
                "-crlf"));
    if (who != null) {
      Path files = directory.resolve("users").resolve(who.name());
      command.addAll(
          List.of(
              "-cert",
              files.resolve(PeerIdentity.CERTIFICATE_FILE).toString(),
              "-key",
              files.resolve(PeerIdentity.KEY_FILE).toString()));
    }
    return command;
  }

  @Test
  void opensslSClientWithAUsersCertificateSpeaksTheLineProtocol() throws Exception {
    PeerIdentity carol = lab.register("carol");
    lab.register("dave");
    PeerSession erinOnline = lab.online(lab.register("erin"), OfferDecision.acceptAll());

    Run session =
        launch(sClientToCentral(carol))
            .input("BALANCE\nLIST\nHISTORY\nQUIT\n")
            .finish(PROCESS_TIMEOUT);

    String out = session.out();
    assertEquals(0, session.exit(), out);
    assertTrue(out.contains("220 READY"), out);
    assertTrue(out.contains("211 BALANCE 10000\n"), out);
    assertTrue(
        out.contains(
            "210-erin 127.0.0.1 "
                + erinOnline.peerPort()
                + " "
                + erinOnline.identity().fingerprint()
                + "\n210 ONLINE 1\n"),
        out);
    assertTrue(out.contains(" open:carol @issuer 10000 10000\n212 HISTORY 1\n"), out);
    assertTrue(out.contains("221 BYE"), out);
  }

  @Test
  void opensslSClientWithoutACertificateIsAnonymous() throws Exception {
    Run session = launch(sClientToCentral(null)).input("BALANCE\nQUIT\n").finish(PROCESS_TIMEOUT);

    String out = session.out();
    assertEquals(0, session.exit(), out);
    assertTrue(out.contains("220 READY"), out);
    assertTrue(out.contains("530 CERTIFICATE_REQUIRED"), out);
    assertFalse(out.contains("211 BALANCE"), out);
    assertTrue(out.contains("221 BYE"), out);
  }

  @Test
  void aPayeesOwnServerGreetsOpensslWithACertificateAndRefusesItWithout() throws Exception {
    PeerIdentity carol = lab.register("carol");
    PeerSession bobOnline = lab.online(lab.register("bob"), OfferDecision.acceptAll());

    Run withCertificate =
        launch(sClient(bobOnline.peerPort(), carol)).input("QUIT\n").finish(PROCESS_TIMEOUT);
    Run without =
        launch(sClient(bobOnline.peerPort(), null)).input("QUIT\n").finish(PROCESS_TIMEOUT);

    assertEquals(0, withCertificate.exit(), withCertificate.out());
    assertTrue(withCertificate.out().contains("220 READY bob\n"), withCertificate.out());
    assertFalse(without.out().contains("220 READY"), without.out());
    assertNotEquals(0, without.exit(), without.out());
    assertTrue(without.out().contains("alert certificate required"), without.out());
  }
}
