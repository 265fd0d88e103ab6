package org.netlab.labs.finger;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.MutableClock;

class HostAccountsTest {
  @TempDir Path dir;
  private Path passwd;
  private Path utmp;
  private Path aliceHome;
  private long myUid;

  @BeforeEach
  void createHost() throws IOException {
    aliceHome = Files.createDirectories(dir.resolve("home/alice"));
    Files.createDirectories(dir.resolve("home/bob"));
    myUid = ((Number) Files.getAttribute(aliceHome, "unix:uid")).longValue();
    passwd = dir.resolve("passwd");
    Files.write(
        passwd,
        List.of(
            "# comment",
            "root:x:0:0:root:/root:/bin/bash",
            "alice:x:" + myUid + ":100:Alice Liddell,Room 1,,:" + aliceHome + ":/bin/bash",
            "bob:x:" + myUid + ":100:& the Builder:" + dir.resolve("home/bob") + ":/bin/sh",
            "broken line",
            "+nis::::::"));
    utmp = dir.resolve("utmp");
  }

  private HostAccounts accounts(int maxFileBytes) {
    return new HostAccounts(passwd, new UtmpFile(utmp), maxFileBytes);
  }

  /** A clock an hour ahead, so that every file counts as settled, moved on by hand. */
  private final MutableClock clock = new MutableClock(Instant.now().plus(Duration.ofHours(1)));

  /** Keeps what it read; files are looked at again once the clock has moved on. */
  private HostAccounts keepingAccounts() {
    return new HostAccounts(passwd, new UtmpFile(utmp), 100, clock);
  }

  /** Moves the clock past the time within which what was read is used unchecked. */
  private void laterOn() {
    clock.advance(Duration.ofMillis(HostAccounts.RECHECK_MILLIS));
  }

  @Test
  void anEditedPlanShowsInTheNextAnswer() throws IOException {
    Files.writeString(aliceHome.resolve(".plan"), "one", US_ASCII);
    HostAccounts accounts = keepingAccounts();
    assertEquals(Optional.of("one"), accounts.find("alice").getFirst().plan());
    assertEquals(Optional.of("one"), accounts.find("alice").getFirst().plan());
    Files.writeString(aliceHome.resolve(".plan"), "one and two", US_ASCII);
    assertEquals(Optional.of("one"), accounts.find("alice").getFirst().plan(), "within a second");
    laterOn();
    assertEquals(Optional.of("one and two"), accounts.find("alice").getFirst().plan());
  }

  @Test
  void aPlanCreatedAfterAnAnswerShowsInTheNext() throws IOException {
    HostAccounts accounts = keepingAccounts();
    assertEquals(Optional.empty(), accounts.find("alice").getFirst().plan());
    Files.writeString(aliceHome.resolve(".project"), "new", US_ASCII);
    laterOn();
    assertEquals(Optional.of("new"), accounts.find("alice").getFirst().project());
  }

  @Test
  void aNofingerCreatedAfterAnAnswerHidesTheUserFromTheNext() throws IOException {
    HostAccounts accounts = keepingAccounts();
    assertEquals(1, accounts.find("alice").size());
    Files.createFile(aliceHome.resolve(".nofinger"));
    laterOn();
    assertTrue(accounts.find("alice").isEmpty());
  }

  @Test
  void aChangedPasswdShowsInTheNextAnswer() throws IOException {
    HostAccounts accounts = keepingAccounts();
    assertEquals("Alice Liddell", accounts.find("alice").getFirst().fullName());
    Files.write(
        passwd, List.of("alice:x:" + myUid + ":100:Alice Hargreaves:" + aliceHome + ":/bin/bash"));
    laterOn();
    assertEquals("Alice Hargreaves", accounts.find("alice").getFirst().fullName());
    assertTrue(accounts.find("bob").isEmpty());
  }

  @Test
  void aFileChangedWithinTheLastSecondsIsNotTrustedToShowTheNextChange() throws IOException {
    Path plan = Files.writeString(aliceHome.resolve(".plan"), "one", US_ASCII);
    FileStamp stamp = FileStamp.of(plan);
    long now = System.currentTimeMillis();
    assertFalse(stamp.settled(now));
    assertTrue(stamp.settled(now + Duration.ofMinutes(1).toMillis()));
  }

  @Test
  void gecosGivesTheFullNameAndAmpersandTheCapitalisedLogin() throws IOException {
    assertEquals("Alice Liddell", accounts(100).find("alice").getFirst().fullName());
    assertEquals("Bob the Builder", accounts(100).find("bob").getFirst().fullName());
    assertEquals("bob", accounts(100).find("builder").getFirst().login());
  }

  @Test
  void unknownLoginFindsNothing() throws IOException {
    assertTrue(accounts(100).find("mallory").isEmpty());
  }

  @Test
  void planIsReadAndCutAtTheCap() throws IOException {
    Files.writeString(aliceHome.resolve(".plan"), "0123456789abcdef", US_ASCII);
    Files.writeString(aliceHome.resolve(".project"), "short", US_ASCII);
    Account alice = accounts(10).find("alice").getFirst();
    assertEquals(Optional.of("0123456789\n[truncated at 10 bytes]"), alice.plan());
    assertEquals(Optional.of("short"), alice.project());
    assertEquals(Optional.empty(), alice.pgpKey());
  }

  @Test
  void planThatIsASymbolicLinkIsNotFollowed() throws IOException {
    Path secret = Files.writeString(dir.resolve("secret"), "root:hash", US_ASCII);
    Files.createSymbolicLink(aliceHome.resolve(".plan"), secret);
    assertEquals(Optional.empty(), accounts(100).find("alice").getFirst().plan());
  }

  @Test
  void nofingerHidesTheUser() throws IOException {
    Files.createFile(aliceHome.resolve(".nofinger"));
    assertTrue(accounts(100).find("alice").isEmpty());
  }

  @Test
  void sessionsComeFromUtmpUserRecordsOnlyWithEachUsersFiles() throws IOException {
    ByteBuffer records =
        ByteBuffer.allocate(UtmpFile.RECORD_BYTES * 3).order(ByteOrder.LITTLE_ENDIAN);
    record(records, 0, (short) 2, "~", "reboot", "", 1_700_000_000);
    record(records, 1, UtmpFile.USER_PROCESS, "pts/1", "alice", "192.0.2.9", 1_763_715_600);
    record(records, 2, UtmpFile.USER_PROCESS, "pts/2", "ghost", "", 1_763_715_600);
    Files.write(utmp, records.array());
    Files.writeString(aliceHome.resolve(".plan"), "Tea at four.\n", US_ASCII);

    List<Account> loggedIn = accounts(100).loggedIn();

    assertEquals(1, loggedIn.size());
    assertEquals(
        List.of(new Session("alice", "pts/1", Instant.ofEpochSecond(1_763_715_600), "192.0.2.9")),
        loggedIn.getFirst().sessions());
    assertEquals(Optional.of("Tea at four."), loggedIn.getFirst().plan());
  }

  @Test
  void missingUtmpMeansNobodyIsLoggedIn() throws IOException {
    assertTrue(accounts(100).loggedIn().isEmpty());
    assertEquals(List.of(), accounts(100).find("alice").getFirst().sessions());
  }

  private static void record(
      ByteBuffer buffer,
      int index,
      short type,
      String line,
      String user,
      String host,
      int seconds) {
    int at = index * UtmpFile.RECORD_BYTES;
    buffer.putShort(at, type);
    buffer.put(at + UtmpFile.LINE_OFFSET, line.getBytes(US_ASCII));
    buffer.put(at + UtmpFile.USER_OFFSET, user.getBytes(US_ASCII));
    buffer.put(at + UtmpFile.HOST_OFFSET, host.getBytes(US_ASCII));
    buffer.putInt(at + UtmpFile.TIME_OFFSET, seconds);
  }
}
