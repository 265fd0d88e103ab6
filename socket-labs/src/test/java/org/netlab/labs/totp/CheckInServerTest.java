package org.netlab.labs.totp;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.MutableClock;
import org.netlab.labs.PeerProgram;
import org.netlab.labs.net.TricklingClient;

@Timeout(30)
class CheckInServerTest {
  // 10 s into a step, so codes one step either side are both in reach.
  private static final Instant START = Instant.parse("2026-03-02T09:00:10Z");
  private static final String ID = "20231234";

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(START);
  private final OtpSecret secret = OtpSecret.generate(new SecureRandom());
  private final Totp totp = new Totp(OtpParameters.DEFAULT, clock);
  private Path secrets;
  private Path log;
  private CheckInServer server;

  @BeforeEach
  void enrolAndStart() throws IOException {
    secrets = dir.resolve("secrets");
    log = dir.resolve("checkins.log");
    SecretsFile.add(secrets, new Enrolment(ID, secret, OtpParameters.DEFAULT));
    server = start(Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  private CheckInServer start(Duration idleTimeout) throws IOException {
    return start(idleTimeout, 64);
  }

  private CheckInServer start(Duration idleTimeout, int maxConnections) throws IOException {
    return CheckInServer.start(
        new CheckInServer.Config(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            secrets,
            log,
            maxConnections,
            idleTimeout),
        clock);
  }

  private String checkIn(String name, String id, String otp) throws IOException {
    return new CheckInClient(server.address(), Duration.ofSeconds(5))
        .checkIn(new CheckInRequest(name, id, otp));
  }

  /** Sends raw bytes as they are and returns the reply line. */
  private String exchange(byte[] bytes) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(bytes);
      return new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8)).readLine();
    }
  }

  /** Sends raw bytes as they are and returns every byte of the answer. */
  private byte[] exchangeAll(byte[] bytes) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      socket.setSoTimeout(5000);
      socket.getOutputStream().write(bytes);
      return socket.getInputStream().readAllBytes();
    }
  }

  private String codeAt(Duration offset) {
    return totp.codeAt(secret, clock.instant().plus(offset));
  }

  private List<CheckInRecord> logged() throws IOException {
    return CheckInLog.readSince(log, Instant.EPOCH);
  }

  @Test
  void currentCodeIsAcceptedAndLogged() throws IOException {
    assertEquals("accepted", checkIn("Ada Lovelace", ID, totp.code(secret)));
    CheckInRecord record = logged().getLast();
    assertEquals(START, record.time());
    assertEquals("Ada Lovelace", record.name());
    assertEquals(ID, record.id());
    assertTrue(record.client().startsWith("127.0.0.1:"), record.client());
    assertEquals("accepted", record.result());
  }

  @Test
  void codesOneStepEitherSideAreAccepted() throws IOException {
    assertEquals("accepted", checkIn("Ada", ID, codeAt(Duration.ofSeconds(-30))));
    assertEquals("accepted", checkIn("Ada", ID, codeAt(Duration.ZERO)));
    assertEquals("accepted", checkIn("Ada", ID, codeAt(Duration.ofSeconds(30))));
  }

  @Test
  void codeFromTwoStepsAgoIsRefused() throws IOException {
    assertEquals("code expired or wrong", checkIn("Ada", ID, codeAt(Duration.ofSeconds(-60))));
    assertEquals("code expired or wrong", checkIn("Ada", ID, codeAt(Duration.ofSeconds(60))));
  }

  @Test
  void sameCodeTwiceIsRefused() throws IOException {
    String code = totp.code(secret);
    assertEquals("accepted", checkIn("Ada", ID, code));
    assertEquals("code already used", checkIn("Ada", ID, code));
    // An older code, still inside the window, is no way around it either.
    assertEquals("code already used", checkIn("Ada", ID, codeAt(Duration.ofSeconds(-30))));
  }

  @Test
  void concurrentUsesOfOneCodeAcceptExactlyOne() throws Exception {
    String code = totp.code(secret);
    List<Callable<String>> tries = new ArrayList<>();
    // Five: one acceptance and four replays, one short of a lock-out.
    for (int i = 0; i < 5; i++) {
      tries.add(() -> checkIn("Ada", ID, code));
    }
    List<String> replies = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(tries.size())) {
      for (Future<String> reply : pool.invokeAll(tries)) {
        replies.add(reply.get());
      }
    }
    assertEquals(1, replies.stream().filter("accepted"::equals).count(), replies.toString());
    assertEquals(
        4, replies.stream().filter("code already used"::equals).count(), replies.toString());
  }

  @Test
  void unknownIdIsRefusedAsAWrongCodeAndLoggedAsUnknown() throws IOException {
    assertEquals("code expired or wrong", checkIn("Eve", "99999999", totp.code(secret)));
    assertEquals("unknown id", logged().getLast().result());
  }

  @Test
  void unknownIdAndWrongCodeGetByteIdenticalAnswers() throws IOException {
    String wrong = totp.code(secret).equals("000000") ? "111111" : "000000";
    byte[] unknown = exchangeAll(("Eve&99999999&" + wrong + "\r\n").getBytes(UTF_8));
    byte[] known = exchangeAll(("Eve&" + ID + "&" + wrong + "\r\n").getBytes(UTF_8));
    assertEquals(new String(known, UTF_8), new String(unknown, UTF_8));
    assertArrayEquals(known, unknown);
  }

  @Test
  void rapidAttemptsOnAnUnknownIdAreLimitedExactlyLikeOnAKnownOne() throws IOException {
    String wrong = totp.code(secret).equals("000000") ? "111111" : "000000";
    List<String> known = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      known.add(checkIn("Mallory", ID, wrong));
      unknown.add(checkIn("Mallory", "99999999", wrong));
      clock.advance(Duration.ofSeconds(1));
    }
    assertEquals(
        List.of(
            "code expired or wrong",
            "code expired or wrong",
            "code expired or wrong",
            "code expired or wrong",
            "code expired or wrong",
            "too many attempts, retry in 295 s",
            "too many attempts, retry in 294 s"),
        known);
    assertEquals(known, unknown);
  }

  @Test
  void lineWithoutSeparatorIsMalformed() throws IOException {
    assertEquals(
        "malformed request: expected name&id&otp, found 1 field",
        exchange("Ada 20231234 123456\r\n".getBytes(UTF_8)));
  }

  @Test
  void lineWithTooManyFieldsIsMalformed() throws IOException {
    assertEquals(
        "malformed request: expected name&id&otp, found 4 fields",
        exchange(("Ada&" + ID + "&123456&extra\r\n").getBytes(UTF_8)));
  }

  @Test
  void invalidFieldsAreMalformedAndSayWhich() throws IOException {
    assertEquals(
        "malformed request: code must be 6 to 8 digits",
        exchange(("Ada&" + ID + "&12345\r\n").getBytes(UTF_8)));
    assertEquals(
        "malformed request: id must be 1 to 32 letters, digits, '.', '-' or '_'",
        exchange(("Ada&../etc&123456\r\n").getBytes(UTF_8)));
    assertEquals(
        "malformed request: name must not be empty",
        exchange(("&" + ID + "&123456\r\n").getBytes(UTF_8)));
    assertEquals(
        "malformed request: name must not contain control characters",
        exchange(("Ada\tL&" + ID + "&123456\r\n").getBytes(UTF_8)));
  }

  @Test
  void tenKilobyteLineIsMalformedAndTheServerKeepsServing() throws IOException {
    byte[] huge = new byte[10 * 1024];
    Arrays.fill(huge, (byte) 'a');
    huge[huge.length - 1] = '\n';
    assertEquals("malformed request: line longer than 256 bytes", exchange(huge));
    assertEquals("accepted", checkIn("Ada", ID, totp.code(secret)));
  }

  @Test
  void nonUtf8LineIsMalformed() throws IOException {
    byte[] latin1 = ("Zo\u00e9&" + ID + "&123456\r\n").getBytes(ISO_8859_1);
    assertEquals("malformed request: not UTF-8", exchange(latin1));
  }

  @Test
  void utf8NamesAreKeptAsSent() throws IOException {
    assertEquals(
        "accepted",
        exchange(("Zo\u00e9 \u674e&" + ID + "&" + totp.code(secret) + "\r\n").getBytes(UTF_8)));
    assertEquals("Zo\u00e9 \u674e", logged().getLast().name());
  }

  @Test
  void fiveFailuresLockTheIdOutForFiveMinutes() throws IOException {
    String wrong = totp.code(secret).equals("000000") ? "111111" : "000000";
    for (int i = 0; i < 5; i++) {
      assertEquals("code expired or wrong", checkIn("Mallory", ID, wrong));
      clock.advance(Duration.ofSeconds(1));
    }
    // Even the right code is refused now, and not even looked at.
    // The first failure was 5 s ago: it leaves the 5-minute window in 295 s.
    assertEquals("too many attempts, retry in 295 s", checkIn("Ada", ID, totp.code(secret)));
    clock.advance(Duration.ofSeconds(294));
    assertEquals("too many attempts, retry in 1 s", checkIn("Ada", ID, totp.code(secret)));
    clock.advance(Duration.ofSeconds(1));
    assertEquals("accepted", checkIn("Ada", ID, totp.code(secret)));
  }

  @Test
  void lockOutOfOneIdLeavesOthersAlone() throws IOException {
    OtpSecret other = OtpSecret.generate(new SecureRandom());
    SecretsFile.add(secrets, new Enrolment("7", other, OtpParameters.DEFAULT));
    for (int i = 0; i < 5; i++) {
      checkIn("Mallory", ID, "00000000");
    }
    assertTrue(checkIn("Ada", ID, totp.code(secret)).startsWith("too many attempts"));
    assertEquals("accepted", checkIn("Bob", "7", totp.code(other)));
  }

  @Test
  void enrolmentAddedWhileRunningIsUsedWithoutRestart() throws IOException {
    OtpSecret late = OtpSecret.generate(new SecureRandom());
    assertEquals("code expired or wrong", checkIn("Bob", "late", totp.code(late)));
    SecretsFile.add(secrets, new Enrolment("late", late, OtpParameters.DEFAULT));
    assertEquals("accepted", checkIn("Bob", "late", totp.code(late)));
  }

  @Test
  void logHoldsEveryAttemptAfterARestart() throws IOException {
    String code = totp.code(secret);
    List<String> replies = new ArrayList<>();
    replies.add(checkIn("Ada", ID, code));
    replies.add(checkIn("Ada", ID, code));
    replies.add(checkIn("Eve", "404", "123456"));
    replies.add(exchange("nonsense\r\n".getBytes(UTF_8)));
    server.close();

    server = start(Duration.ofSeconds(5));
    // Replay protection survives the restart.
    replies.add(checkIn("Ada", ID, code));
    clock.advance(Duration.ofSeconds(60));
    replies.add(checkIn("Ada", ID, totp.code(secret)));

    assertEquals(
        List.of(
            "accepted",
            "code already used",
            "code expired or wrong",
            "malformed request: expected name&id&otp, found 1 field",
            "code already used",
            "accepted"),
        replies);
    List<CheckInRecord> records = logged();
    // The log tells the operator what the client is not told: that the id is unknown.
    List<String> results = new ArrayList<>(replies);
    results.set(2, "unknown id");
    assertEquals(results, records.stream().map(CheckInRecord::result).toList());
    assertEquals(
        List.of("Ada", "Ada", "Eve", "-", "Ada", "Ada"),
        records.stream().map(CheckInRecord::name).toList());
    assertEquals(
        List.of(ID, ID, "404", "-", ID, ID), records.stream().map(CheckInRecord::id).toList());
  }

  @Test
  void lockOutSurvivesARestart() throws IOException {
    for (int i = 0; i < 5; i++) {
      checkIn("Mallory", ID, "00000000");
    }
    server.close();
    server = start(Duration.ofSeconds(5));
    assertEquals("too many attempts, retry in 300 s", checkIn("Ada", ID, totp.code(secret)));
  }

  @Test
  void lockOutOfAnUnknownIdSurvivesARestartLikeAnyOther() throws IOException {
    for (int i = 0; i < 5; i++) {
      checkIn("Mallory", "99999999", "00000000");
    }
    server.close();
    server = start(Duration.ofSeconds(5));
    assertEquals("too many attempts, retry in 300 s", checkIn("Eve", "99999999", "123456"));
  }

  @Test
  void secretsAndLogAreCreatedOwnerOnly() throws IOException {
    assertEquals(
        "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log)));
  }

  @Test
  void secretsFileReadableByOthersStopsTheServerFromStarting() throws IOException {
    server.close();
    Files.setPosixFilePermissions(secrets, PosixFilePermissions.fromString("rw-r--r--"));
    IOException error = assertThrows(IOException.class, () -> start(Duration.ofSeconds(5)));
    assertEquals(
        "secrets file "
            + secrets
            + " is open to group or others (mode rw-r--r--); run: chmod 600 "
            + secrets,
        error.getMessage());
  }

  @Test
  void independentPythonClientChecksIn() throws Exception {
    Path python3 = PeerProgram.PYTHON3.assumeInstalled();
    // Python's socket module, not our client: the wire format is what the README says.
    String script =
        String.join(
            "\n",
            "import socket, sys",
            "with socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=5) as s:",
            "    s.sendall(sys.argv[2].encode('utf-8') + b'\\r\\n')",
            "    s.shutdown(socket.SHUT_WR)",
            "    reply = b''",
            "    while chunk := s.recv(256):",
            "        reply += chunk",
            "sys.stdout.write(reply.decode('utf-8'))");
    String line = "Zo\u00e9&" + ID + "&" + totp.code(secret);
    Process python =
        new ProcessBuilder(python3.toString(), "-c", script, Integer.toString(server.port()), line)
            .redirectErrorStream(true)
            .start();
    String output = new String(python.getInputStream().readAllBytes(), UTF_8);
    assertTrue(python.waitFor(10, TimeUnit.SECONDS));
    assertEquals("accepted\r\n", output);
    assertEquals("Zo\u00e9", logged().getLast().name());
  }

  @Test
  void silentClientIsDisconnectedAndOthersAreServed() throws IOException {
    server.close();
    server = start(Duration.ofMillis(300));
    try (Socket silent = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      silent.setSoTimeout(5000);
      assertEquals("accepted", checkIn("Ada", ID, totp.code(secret)));
      assertEquals(-1, silent.getInputStream().read());
    }
  }

  @Test
  void tricklersFillingTheCapAreCutAtTheDeadlineAndANewcomerIsServed() throws Exception {
    server.close();
    server = start(Duration.ofSeconds(1), 2);
    try (TricklingClient first = TricklingClient.connect(server.address(), Duration.ofMillis(300));
        TricklingClient second =
            TricklingClient.connect(server.address(), Duration.ofMillis(300))) {
      for (TricklingClient slow : List.of(first, second)) {
        assertEquals(
            "malformed request: line not complete within 1s\r\n",
            slow.awaitClose(Duration.ofSeconds(5)));
        assertTrue(slow.closedAfterMillis() < 2500, slow.closedAfterMillis() + " ms");
      }
      // The server reads what they still send for a moment before it frees their slots.
      String reply = checkIn("Ada", ID, totp.code(secret));
      while (reply.equals(CheckInServer.BUSY)) {
        Thread.sleep(50);
        reply = checkIn("Ada", ID, totp.code(secret));
      }
      assertEquals("accepted", reply);
    }
  }
}
