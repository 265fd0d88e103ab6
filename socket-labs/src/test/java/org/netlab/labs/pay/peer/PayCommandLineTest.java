package org.netlab.labs.pay.peer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.cli.ExitCodes;
import org.netlab.labs.pay.PayLab;
import picocli.CommandLine;

/**
 * {@code bin/pay} as two people use it on one machine: both register, bob goes online and answers
 * the offers shown to him, alice sees him, pays him once and is declined once.
 */
@Timeout(60)
class PayCommandLineTest {
  @TempDir Path directory;

  private PayLab lab;

  /** Each command on a thread of its own: a common pool may have a single thread. */
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

  @BeforeEach
  void start() throws Exception {
    lab = PayLab.start(directory);
  }

  @AfterEach
  void stop() throws Exception {
    threads.shutdownNow();
    lab.close();
  }

  /** One run of a command: its exit code and what it printed. */
  private record Run(int exitCode, String out, String err) {}

  private String[] withLab(String... words) {
    List<String> args = new ArrayList<>(List.of(words));
    args.addAll(
        List.of(
            "--server",
            "127.0.0.1:" + lab.address().getPort(),
            "--data-dir",
            directory.toString()));
    return args.toArray(String[]::new);
  }

  private Run pay(String... words) {
    CommandLine commandLine = PayCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(withLab(words));
    return new Run(code, out.toString(), err.toString());
  }

  /** Bob's {@code pay login}, fed from a pipe, printing into a buffer the test reads. */
  private final class Terminal {
    final StringWriter screen = new StringWriter();
    final PipedOutputStream keyboard = new PipedOutputStream();
    final CompletableFuture<Integer> exit;

    Terminal(String... words) throws IOException {
      CommandLine commandLine = PayCommand.commandLine();
      commandLine.setOut(new PrintWriter(screen, true));
      LoginCommand login = commandLine.getSubcommands().get("login").getCommand();
      login.input = new PipedInputStream(keyboard);
      exit = CompletableFuture.supplyAsync(() -> commandLine.execute(withLab(words)), threads);
    }

    void type(String line) throws IOException {
      keyboard.write((line + "\n").getBytes(UTF_8));
      keyboard.flush();
    }

    void awaitScreen(String text) throws InterruptedException {
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (!screen.toString().contains(text)) {
        assertTrue(System.nanoTime() < deadline, "no '" + text + "' on: " + screen);
        Thread.sleep(20);
      }
    }
  }

  @Test
  void twoPeersRegisterLogInSeeEachOtherPayAndDecline() throws Exception {
    Run registerAlice = pay("register", "alice");
    Run registerBob = pay("register", "bob");
    assertEquals(ExitCodes.OK, registerAlice.exitCode(), registerAlice.err());
    assertTrue(registerAlice.out().startsWith("registered alice;"), registerAlice.out());
    assertEquals(ExitCodes.OK, registerBob.exitCode(), registerBob.err());

    Terminal bob = new Terminal("login", "--user", "bob");
    bob.awaitScreen("bob online");
    Run list = pay("list", "--user", "alice");
    assertTrue(list.out().contains("bob 127.0.0.1 "), list.out());
    assertTrue(list.out().endsWith("1 online\n"), list.out());

    CompletableFuture<Run> paying =
        CompletableFuture.supplyAsync(() -> pay("send", "bob", "2.50", "--user", "alice"), threads);
    bob.awaitScreen("offer 1: alice pays you 2.50");
    bob.type("accept 1");
    Run paid = paying.get(20, TimeUnit.SECONDS);
    assertEquals(ExitCodes.OK, paid.exitCode(), paid.err());
    assertTrue(paid.out().startsWith("paid bob 2.50: 250 SETTLED "), paid.out());
    bob.awaitScreen("received 2.50 from alice: 250 SETTLED");

    CompletableFuture<Run> declining =
        CompletableFuture.supplyAsync(() -> pay("send", "bob", "1", "--user", "alice"), threads);
    bob.awaitScreen("offer 2: alice pays you 1.00");
    bob.type("decline 2");
    Run declined = declining.get(20, TimeUnit.SECONDS);
    assertEquals(ExitCodes.REFUSED, declined.exitCode(), declined.out());
    assertTrue(declined.err().contains("550 DECLINED"), declined.err());

    assertEquals("alice 97.50\n", pay("balance", "--user", "alice").out());
    bob.type("balance");
    bob.awaitScreen("balance 102.50");
    String history = pay("history", "--user", "bob").out();
    assertTrue(
        history.lines().findFirst().orElseThrow().contains(" +2.50 from alice, balance 102.50"),
        history);
    bob.type("quit");
    assertEquals(ExitCodes.OK, bob.exit.get(20, TimeUnit.SECONDS));
    assertTrue(pay("list", "--user", "alice").out().endsWith("0 online\n"), "bob logged out");
  }

  @Test
  void withSeveralUsersHereACommandAsksWhichOne() throws Exception {
    pay("register", "alice");
    pay("register", "bob");

    Run run = pay("balance");

    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertTrue(run.err().contains("choose one with --user NAME"), run.err());
  }

  @Test
  void anAmountThatIsNotOneIsAUsageError() throws Exception {
    pay("register", "alice");

    Run run = pay("send", "bob", "1.005");

    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertTrue(run.err().contains("two decimals at most"), run.err());
  }
}
