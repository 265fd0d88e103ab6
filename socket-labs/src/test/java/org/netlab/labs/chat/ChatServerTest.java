package org.netlab.labs.chat;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.labs.integrity.MessageCodec;
import org.netlab.labs.net.LineReader;
import org.netlab.labs.net.TcpServer;
import org.netlab.labs.net.TricklingClient;

@Timeout(30)
class ChatServerTest {
  static final Clock NOON = Clock.fixed(Instant.parse("2026-01-02T12:00:00Z"), ZoneOffset.UTC);
  private TcpServer server;

  private void start() throws IOException {
    start(ChatConnectionHandler.Limits.defaults(8192), 16);
  }

  private void start(ChatConnectionHandler.Limits limits, int maxClients) throws IOException {
    server =
        new TcpServer(
                "chat",
                new TcpServer.Options(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                    maxClients,
                    Duration.ofSeconds(20)),
                new ChatConnectionHandler(new ChatRoom(NOON), limits, MessageCodec::plain))
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A person at a plain socket: sends lines, reads what the room says. */
  private final class Person implements AutoCloseable {
    final Socket socket;
    final BufferedReader in;
    final OutputStream out;

    Person(String nick) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
      socket.setSoTimeout(10_000);
      in = new BufferedReader(new InputStreamReader(socket.getInputStream(), UTF_8));
      out = socket.getOutputStream();
      assertTrue(readUntil("* welcome, guest-").startsWith("* welcome, guest-"));
      if (nick != null) {
        send("/nick " + nick);
        readUntil(" is now " + nick);
      }
    }

    void send(String line) throws IOException {
      out.write((line + LineReader.CRLF).getBytes(UTF_8));
      out.flush();
    }

    String readLine() throws IOException {
      return in.readLine();
    }

    /** Reads until a line containing {@code text}, which it returns. */
    String readUntil(String text) throws IOException {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.contains(text)) {
          return line;
        }
      }
      throw new IOException("connection closed before a line with " + text);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  @Test
  void messageReachesEveryoneWithSenderAndTime() throws IOException {
    start();
    try (Person alice = new Person("alice");
        Person bob = new Person("bob")) {
      alice.readUntil("bob");
      alice.send("hello bob");
      assertEquals("12:00:00 <alice> hello bob", bob.readLine());
      assertEquals("12:00:00 <alice> hello bob", alice.readLine());
    }
  }

  @Test
  void threeClientsSeeEachSendersMessagesInOrder() throws Exception {
    start();
    int messages = 200;
    List<String> nicks = List.of("ann", "ben", "cat");
    List<Person> people = new ArrayList<>();
    for (String nick : nicks) {
      people.add(new Person(nick));
    }
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      // Everyone listens for "* done" lines from all three, collecting messages meanwhile.
      List<Future<List<String>>> heard = new ArrayList<>();
      for (Person person : people) {
        heard.add(
            pool.submit(
                () -> {
                  List<String> lines = new ArrayList<>();
                  int done = 0;
                  while (done < nicks.size()) {
                    String line = person.readLine();
                    if (line.endsWith("> done")) {
                      done++;
                    } else if (line.matches("12:00:00 <\\w+> \\d+")) {
                      lines.add(line.substring(9));
                    }
                  }
                  return lines;
                }));
      }
      for (Person person : people) {
        pool.submit(
            () -> {
              for (int i = 0; i < messages; i++) {
                person.send(Integer.toString(i));
              }
              person.send("done");
              return null;
            });
      }
      List<String> first = null;
      for (Future<List<String>> future : heard) {
        List<String> lines = future.get();
        assertEquals(nicks.size() * messages, lines.size());
        Map<String, Integer> next = new HashMap<>();
        for (String line : lines) {
          String sender = line.substring(1, line.indexOf('>'));
          int number = Integer.parseInt(line.substring(line.indexOf('>') + 2));
          assertEquals(next.getOrDefault(sender, 0), number, "order of " + sender);
          next.put(sender, number + 1);
        }
        // The room serialises broadcasts, so everyone sees one and the same order.
        if (first == null) {
          first = lines;
        }
        assertEquals(first, lines);
      }
    } finally {
      for (Person person : people) {
        person.close();
      }
    }
  }

  @Test
  void whoListsEveryoneSortedAndNicksAreUnique() throws IOException {
    start();
    try (Person zoe = new Person("Zoe");
        Person adam = new Person("adam");
        Person guest = new Person(null)) {
      guest.send("/nick ZOE");
      assertEquals("! the name ZOE is taken", guest.readUntil("! "));
      guest.send("/nick no spaces!");
      assertEquals("! a name is 1 to 20 letters, digits, '-', '_' or '.'", guest.readUntil("! "));
      guest.send("/who");
      String who = guest.readUntil("* in the room:");
      assertTrue(who.matches("\\* in the room: adam, guest-\\d+, Zoe"), who);
    }
  }

  @Test
  void namesThatLookLikeOneInUseAreRefused() throws IOException {
    start();
    try (Person alice = new Person("alice");
        Person ace = new Person("ace");
        Person bob = new Person("bob1");
        Person guest = new Person(null)) {
      // Dotless ı: Latin like the rest, but its skeleton is alice's.
      guest.send("/nick al\u0131ce");
      assertEquals("! the name al\u0131ce looks like alice, which is taken", guest.readUntil("! "));
      // Full-width ａ is a plain a once normalised (NFKC).
      guest.send("/nick \uFF41lice");
      assertEquals("! the name alice is taken", guest.readUntil("! "));
      guest.send("/nick ALICE");
      assertEquals("! the name ALICE is taken", guest.readUntil("! "));
      // All Cyrillic (а с е): one script, and confusable with ace as a whole.
      guest.send("/nick \u0430\u0441\u0435");
      assertEquals(
          "! the name \u0430\u0441\u0435 looks like ace, which is taken", guest.readUntil("! "));
      // l and a capital I for the digit 1, seen with case folding and without.
      guest.send("/nick bobl");
      assertEquals("! the name bobl looks like bob1, which is taken", guest.readUntil("! "));
      guest.send("/nick bobI");
      assertEquals("! the name bobI looks like bob1, which is taken", guest.readUntil("! "));
      guest.send("/who");
      assertTrue(
          guest
              .readUntil("* in the room")
              .matches("\\* in the room: ace, alice, bob1, guest-\\d+"));
    }
  }

  @Test
  void mixedScriptAndInvisibleNamesAreRefusedEvenWhenFree() throws IOException {
    start();
    try (Person guest = new Person(null)) {
      // Cyrillic а among Latin letters.
      guest.send("/nick \u0430lice");
      assertEquals(
          "! a name must be written in one script (Latin may go with Han, Hiragana, Katakana,"
              + " Hangul or Bopomofo)",
          guest.readUntil("! "));
      guest.send("/nick ali\u200Bce");
      assertEquals("! a name is 1 to 20 letters, digits, '-', '_' or '.'", guest.readUntil("! "));
      guest.send("/nick ali\u200Dce");
      assertEquals("! a name is 1 to 20 letters, digits, '-', '_' or '.'", guest.readUntil("! "));
      // Digits of two systems: the Arabic-Indic ١ and the Extended Arabic-Indic ۱.
      guest.send("/nick \u0628\u0648\u0628\u0661\u06f1");
      assertEquals("! a name must not mix digits of different systems", guest.readUntil("! "));
    }
  }

  @Test
  void namesInOneScriptOrJapaneseAreWelcome() throws IOException {
    start();
    try (Person guest = new Person(null)) {
      for (String name :
          List.of(
              "Zo\u00eb",
              "\u674e\u96f7",
              "\u0395\u03bb\u03ad\u03bd\u03b7",
              "alice-\u65e5\u672c\u30ca")) {
        guest.send("/nick " + name);
        assertTrue(guest.readUntil(" is now ").endsWith(" is now " + name));
      }
    }
  }

  @Test
  void quitSaysByeClosesAndTellsTheRoom() throws IOException {
    start();
    try (Person stays = new Person("stays");
        Person leaves = new Person("leaves")) {
      leaves.send("/quit");
      assertEquals("* bye", leaves.readUntil("* bye"));
      assertNull(leaves.readLine());
      assertEquals("12:00:00 * leaves left (quit)", stays.readUntil("leaves left"));
    }
  }

  @Test
  void personBeyondTheCapIsToldTheRoomIsFull() throws IOException {
    start(ChatConnectionHandler.Limits.defaults(8192), 1);
    try (Person inside = new Person("inside");
        Socket late = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      late.setSoTimeout(5000);
      BufferedReader in = new BufferedReader(new InputStreamReader(late.getInputStream(), UTF_8));
      assertEquals("! the room is full, try again later", in.readLine());
      assertNull(in.readLine());
      inside.send("/who");
      assertEquals("* in the room: inside", inside.readUntil("* in the room"));
    }
  }

  @Test
  void lineOverTheCapIsRefusedAndItsSenderDisconnected() throws IOException {
    start();
    try (Person stays = new Person("stays");
        Person floods = new Person("floods")) {
      floods.send("y".repeat(30_000));
      assertEquals("! line longer than 8192 bytes", floods.readUntil("! "));
      assertNull(floods.readLine());
      assertEquals("12:00:00 * floods left (line too long)", stays.readUntil("floods left"));
    }
  }

  @Test
  void unknownCommandsAndControlCharactersAreHarmless() throws IOException {
    start();
    try (Person alice = new Person("alice")) {
      alice.send("/shout hi");
      assertEquals("! unknown command /shout; commands: /nick NAME, /who, /quit", alice.readLine());
      alice.send("red \u001b[31malert");
      assertEquals("12:00:00 <alice> red \uFFFD[31malert", alice.readLine());
    }
  }

  @Test
  void tricklersFillingTheRoomAreCutAtTheLineDeadlineAndANewcomerGetsIn() throws Exception {
    start(
        new ChatConnectionHandler.Limits(
            8192, Duration.ofSeconds(1), 64 * 1024, Duration.ofSeconds(5)),
        2);
    try (TricklingClient first = TricklingClient.connect(server.address(), Duration.ofMillis(300));
        TricklingClient second =
            TricklingClient.connect(server.address(), Duration.ofMillis(300))) {
      for (TricklingClient slow : List.of(first, second)) {
        String said = slow.awaitClose(Duration.ofSeconds(5));
        assertTrue(said.contains("\n! line not complete within 1s\r\n"), said);
        assertTrue(slow.closedAfterMillis() < 2500, slow.closedAfterMillis() + " ms");
      }
      // The server reads what they still send for a moment before it frees their places.
      while (server.activeConnections() > 0) {
        Thread.sleep(10);
      }
      try (Person newcomer = new Person("newcomer")) {
        newcomer.send("/who");
        assertEquals("* in the room: newcomer", newcomer.readUntil("* in the room"));
      }
    }
  }

  @Test
  void readersThatKeepUpGetEveryLineOfABurstAndStay() throws Exception {
    start();
    int burst = 512;
    int rounds = 4;
    List<Person> readers = new ArrayList<>();
    try (Person sender = new Person("sender")) {
      for (String nick : List.of("ann", "ben", "cat")) {
        readers.add(new Person(nick));
      }
      readers.getLast().send("/who");
      readers.getLast().readUntil("* in the room:");
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<List<String>>> heard = new ArrayList<>();
        for (Person reader : readers) {
          heard.add(
              pool.submit(
                  () -> {
                    List<String> lines = new ArrayList<>();
                    for (String line = reader.readLine();
                        line != null && !line.endsWith("<sender> end");
                        line = reader.readLine()) {
                      if (line.contains("<sender> ") || line.contains(" left ")) {
                        lines.add(line);
                      }
                    }
                    return lines;
                  }));
        }
        // Bursts of 512 short lines (about 5 KB), each in one write, then a line to end.
        for (int round = 0; round < rounds; round++) {
          StringBuilder lines = new StringBuilder();
          for (int i = 0; i < burst; i++) {
            lines.append("line ").append(round * burst + i).append(LineReader.CRLF);
          }
          sender.out.write(lines.toString().getBytes(UTF_8));
          sender.out.flush();
        }
        sender.send("end");
        for (Future<List<String>> future : heard) {
          List<String> got = future.get();
          assertEquals(rounds * burst, got.size(), got.isEmpty() ? "none" : got.getLast());
          for (int i = 0; i < rounds * burst; i++) {
            assertEquals("12:00:00 <sender> line " + i, got.get(i));
          }
        }
      }
      readers.getFirst().send("/who");
      assertEquals(
          "* in the room: ann, ben, cat, sender", readers.getFirst().readUntil("* in the room"));
    } finally {
      for (Person reader : readers) {
        reader.close();
      }
    }
  }

  @Test
  void messageShownToTheRoomIsNoLongerThanTheLineLimitWhateverItHolds() throws IOException {
    start();
    try (Person alice = new Person("alice");
        Person bob = new Person("bob")) {
      alice.readUntil("bob");
      String prefix = "12:00:00 <alice> ";
      // Control characters and bytes that are not UTF-8 each show as U+FFFD, 3 bytes for 1.
      for (byte b : new byte[] {0x01, (byte) 0xff}) {
        byte[] line = new byte[8192];
        java.util.Arrays.fill(line, b);
        alice.out.write(line);
        alice.send("");
        String shown = bob.readUntil(prefix);
        int bytes = shown.getBytes(UTF_8).length;
        assertTrue(bytes <= prefix.length() + 8192, bytes + " bytes");
        assertTrue(shown.substring(prefix.length()).matches("\uFFFD+"), shown);
      }
    }
  }

  @Test
  void bidiOverridesAndZeroWidthCharactersReachOthersVisible() throws IOException {
    start();
    try (Person alice = new Person("alice");
        Person bob = new Person("bob")) {
      alice.readUntil("bob");
      alice.send("pay ‮01$‬ to ​mallory");
      assertEquals(
          "12:00:00 <alice> pay <U+202E>01$<U+202C> to <U+200B>mallory", bob.readUntil("<alice>"));
    }
  }

  @Test
  void readerThatStopsIsDroppedAfterItsByteAndTimeAllowanceAndTheOthersGoOn() throws Exception {
    start(
        new ChatConnectionHandler.Limits(
            8192, Duration.ofSeconds(30), 16 * 1024, Duration.ofSeconds(1)),
        16);
    String big = "x".repeat(4000);
    try (Person talker = new Person("talker");
        Person listener = new Person("listener");
        Socket stalled = new Socket()) {
      // A tiny receive window, and it never reads: the server's writes to it stall soon.
      stalled.setReceiveBufferSize(4096);
      stalled.connect(server.address());
      talker.readUntil("joined");
      listener.readUntil("joined");
      int sent = 0;
      String gone = null;
      long start = System.nanoTime();
      // Stop once the room says the stalled one left; the count bounds a broken server.
      while (gone == null && sent < 5000) {
        talker.send(sent + " " + big);
        String line = listener.readLine();
        while (!line.contains("<talker> " + sent + " ")) {
          if (line.contains(" left (too slow)")) {
            gone = line;
          }
          line = listener.readLine();
        }
        talker.readUntil("<talker> " + sent + " ");
        sent++;
      }
      long droppedAfter = (System.nanoTime() - start) / 1_000_000;
      assertTrue(
          gone != null && gone.matches("12:00:00 \\* guest-\\d+ left \\(too slow\\)"),
          "after " + sent + " messages: " + gone);
      // Over 16 KiB queued and not back to half of it for a second: not sooner.
      assertTrue(droppedAfter >= 1000, droppedAfter + " ms");
      talker.send("/who");
      assertEquals("* in the room: listener, talker", talker.readUntil("* in the room"));
      long after = System.nanoTime();
      for (int i = 0; i < 50; i++) {
        talker.send("after " + i + " " + big);
        assertEquals("12:00:00 <talker> after " + i + " " + big, listener.readUntil("after " + i));
      }
      long goingOn = (System.nanoTime() - after) / 1_000_000;
      assertTrue(goingOn < 1000, "50 messages took " + goingOn + " ms");
    }
  }
}
