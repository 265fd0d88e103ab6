package org.netlab.rpc.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;

/**
 * Names with a character of every Unicode plane in use survive every protocol: stored over gRPC,
 * they are listed and quoted in faults by XML-RPC as well-formed XML that our client and Python's
 * {@code xmlrpc.client} (sending the token as HTTP Basic credentials) read back exactly. Text no
 * protocol can carry (a lone surrogate, a noncharacter) is refused on the way in.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EveryPlaneRoundTripTest {
  /** One name per plane: BMP, SMP (emoji), SIP, TIP, SSP (a variation selector), and both PUAs. */
  private static final List<String> NAMES =
      List.of(
          "Émile Zoë 王",
          "Emoji \uD83D\uDE00",
          "Ideograph \uD840\uDC00",
          "Tertiary \uD880\uDC00",
          "Selector a\uDB40\uDD00",
          "Private \uDB80\uDC00",
          "Private \uDBFF\uDFFD");

  @TempDir static Path dataDir;
  private static LoopbackServer server;
  private static RpcConnection grpc;
  private static RpcConnection xmlRpc;

  @BeforeAll
  static void start() throws Exception {
    server = LoopbackServer.start(dataDir);
    grpc = RpcConnection.open(server.clientSettings());
    xmlRpc = RpcConnection.open(server.xmlRpcClientSettings());
    for (String name : NAMES) {
      grpc.phonebook().add(name, "555-0100");
    }
  }

  @AfterAll
  static void stop() {
    grpc.close();
    xmlRpc.close();
    server.close();
  }

  @Test
  void everyPlaneIsListedExactlyOverBothProtocols() {
    List<String> sorted = grpc.phonebook().list("").stream().map(Entry::name).toList();
    assertEquals(NAMES.size(), sorted.size());
    assertEquals(sorted, xmlRpc.phonebook().list("").stream().map(Entry::name).toList());
    for (String name : NAMES) {
      assertEquals(name, xmlRpc.phonebook().find(name).name());
    }
  }

  @Test
  void aFaultQuotingAnyPlaneKeepsItsWordsOverXmlRpc() {
    for (String name : NAMES) {
      ServiceException refusal =
          assertThrows(ServiceException.class, () -> xmlRpc.phonebook().add(name, "555-0199"));
      assertEquals(ErrorCode.ALREADY_EXISTS, refusal.code());
      assertEquals("an entry named '" + name + "' exists already", refusal.getMessage());
    }
  }

  @Test
  void namesAddedOverXmlRpcReadBackOverGrpc() {
    String name = "Added over XML-RPC \uD83C\uDF0D";
    xmlRpc.phonebook().add(name, "555-0101");
    try {
      assertEquals(name, grpc.phonebook().find(name).name());
    } finally {
      grpc.phonebook().remove(name);
    }
  }

  @Test
  void loneSurrogatesAndNoncharactersAreRefusedByEveryProtocol() {
    for (String bad : List.of("Lone \uD83D high", "Lone \uDE00 low", "Non \uFFFE", "Non \uFDD0")) {
      for (RpcConnection connection : List.of(grpc, xmlRpc)) {
        ServiceException refusal =
            assertThrows(ServiceException.class, () -> connection.phonebook().add(bad, "555"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, refusal.code(), refusal::getMessage);
      }
    }
  }

  @Test
  void pythonsXmlRpcClientReadsEveryPlaneInListsAndFaults() throws Exception {
    assumeTrue(pythonAvailable(), "skipped: python3 is not installed (Debian package python3)");
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "python3",
            "src/test/python/every_plane.py",
            server.xmlRpcUrl().replace("127.0.0.1", "localhost"),
            server.caFile().toString()));
    command.addAll(NAMES);
    ProcessBuilder python3 = new ProcessBuilder(command).redirectErrorStream(true);
    // The script puts it in the URL as Basic credentials; the environment keeps it off ps.
    python3.environment().put("RPC_TOKEN", server.adminToken());
    Process python = python3.start();
    String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(python.waitFor(30, TimeUnit.SECONDS), output);
    assertEquals(0, python.exitValue(), output);
    List<String> expected = new ArrayList<>();
    grpc.phonebook().list("").forEach(entry -> expected.add("entry " + points(entry.name())));
    expected.add(
        "fault "
            + XmlRpcFaultCodes.faultCode(ErrorCode.ALREADY_EXISTS)
            + " "
            + points("an entry named '" + NAMES.get(0) + "' exists already"));
    assertEquals(expected, output.lines().toList());
  }

  private static String points(String text) {
    return text.codePoints()
        .mapToObj(c -> String.format("U+%04X", c))
        .collect(Collectors.joining(" "));
  }

  private static boolean pythonAvailable() {
    try {
      return new ProcessBuilder("python3", "--version").start().waitFor() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }
}
