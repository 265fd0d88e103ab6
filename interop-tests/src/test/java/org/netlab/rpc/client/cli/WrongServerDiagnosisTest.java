package org.netlab.rpc.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.server.LoopbackServer;
import org.netlab.tls.LocalCertificateAuthority;

/**
 * A URL that names the wrong protocol, port, TLS setting or path gets one line naming the real
 * cause and the fix, exit 3, with nothing else on standard error; TLS files that are not PEM are
 * usage errors; bench stops at once when the server is unusable.
 */
@Timeout(60)
class WrongServerDiagnosisTest {
  @TempDir static Path directory;
  private static LoopbackServer tls;
  private static LoopbackServer plaintext;
  private static String ca;

  @BeforeAll
  static void startServers() throws Exception {
    tls = LoopbackServer.start(directory.resolve("tls"));
    plaintext = LoopbackServer.startPlaintext(directory.resolve("plain"));
    ca = tls.caFile().toString();
  }

  @AfterAll
  static void stopServers() {
    tls.close();
    plaintext.close();
  }

  private static int port(String url) {
    return URI.create(url).getPort();
  }

  private Cli.Run run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--ca", ca));
    return Cli.with(RpcConnection::open).run(all.toArray(String[]::new));
  }

  private static void assertNoAnswer(String line, Cli.Run run) {
    assertEquals(new Cli.Run(3, "", "error: " + line + "\n"), run);
  }

  @Test
  void xmlRpcAtTheGrpcPortIsToldTheGrpcUrl() {
    int grpc = tls.port();
    assertNoAnswer(
        "port " + grpc + " speaks gRPC; use grpcs://127.0.0.1:" + grpc,
        run("calc", "add", "1", "2", "--server", "https://127.0.0.1:" + grpc + "/RPC2"));
  }

  @Test
  void grpcAtTheXmlRpcPortIsToldTheXmlRpcUrl() {
    int xmlRpc = port(tls.xmlRpcUrl());
    assertNoAnswer(
        "port " + xmlRpc + " speaks XML-RPC; use https://127.0.0.1:" + xmlRpc + "/RPC2",
        run("calc", "add", "1", "2", "--server", "grpcs://127.0.0.1:" + xmlRpc));
  }

  @Test
  void tlsUrlsAgainstAPlaintextServerAreToldToDropTls() {
    int grpc = plaintext.port();
    assertNoAnswer(
        "the server at 127.0.0.1:" + grpc + " does not use TLS; use grpc://127.0.0.1:" + grpc,
        run("phonebook", "count", "--server", "grpcs://127.0.0.1:" + grpc));
    int xmlRpc = port(plaintext.xmlRpcUrl());
    assertNoAnswer(
        "the server at 127.0.0.1:"
            + xmlRpc
            + " does not use TLS; use http://127.0.0.1:"
            + xmlRpc
            + "/RPC2",
        run("phonebook", "count", "--server", "https://127.0.0.1:" + xmlRpc + "/RPC2"));
  }

  @Test
  void plaintextUrlsAgainstATlsServerAreToldToUseTls() {
    int xmlRpc = port(tls.xmlRpcUrl());
    assertNoAnswer(
        "the server at 127.0.0.1:"
            + xmlRpc
            + " uses TLS; use https://127.0.0.1:"
            + xmlRpc
            + "/RPC2",
        run("calc", "abs", "1", "--server", "http://127.0.0.1:" + xmlRpc + "/RPC2"));
    int grpc = tls.port();
    assertNoAnswer(
        "the server at 127.0.0.1:" + grpc + " uses TLS; use grpcs://127.0.0.1:" + grpc,
        run("calc", "abs", "1", "--server", "grpc://127.0.0.1:" + grpc));
  }

  @Test
  void xmlRpcAtAPlaintextGrpcPortIsToldTheGrpcUrlNotAFault() {
    int grpc = plaintext.port();
    assertNoAnswer(
        "port " + grpc + " speaks gRPC; use grpc://127.0.0.1:" + grpc,
        run("calc", "add", "1", "2", "--server", "http://127.0.0.1:" + grpc + "/RPC2"));
  }

  @Test
  void aWrongXmlRpcPathIsToldThePathNotAFault() {
    int xmlRpc = port(tls.xmlRpcUrl());
    assertNoAnswer(
        "no XML-RPC endpoint at /foo; the path is /RPC2",
        run("phonebook", "find", "Ada", "--server", "https://127.0.0.1:" + xmlRpc + "/foo"));
  }

  @Test
  void noTransportLogReachesStandardErrorOrAnyLogHandler() {
    List<LogRecord> records = new ArrayList<>();
    Handler recorder =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.INFO.intValue()) {
              records.add(record);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger root = Logger.getLogger("");
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    root.addHandler(recorder);
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int grpc = plaintext.port();
      run("calc", "add", "1", "2", "--server", "grpcs://127.0.0.1:" + grpc);
      run("calc", "add", "1", "2", "--server", "grpcs://127.0.0.1:" + port(tls.xmlRpcUrl()));
    } finally {
      System.setErr(stderr);
      root.removeHandler(recorder);
    }
    assertEquals("", captured.toString(StandardCharsets.UTF_8));
    assertEquals(List.of(), records.stream().map(LogRecord::getMessage).toList());
  }

  @Test
  void aCaFileThatIsNotPemIsAUsageErrorInOneLine() throws Exception {
    Path notPem = Files.writeString(directory.resolve("ca.der"), "not a certificate");
    Cli.Run run =
        Cli.with(RpcConnection::open)
            .run("calc", "add", "1", "2", "--server", tls.url(), "--ca", notPem.toString());
    assertEquals(
        new Cli.Run(
            2,
            "",
            "rpc-client: --ca "
                + notPem
                + " is not a PEM certificate (no BEGIN CERTIFICATE line)\n"
                + "try 'rpc-client --help'\n"),
        run);
  }

  @Test
  void aMissingOrNonPemClientCertificateOrKeyIsAUsageError() throws Exception {
    Path missing = directory.resolve("missing.pem");
    Path key = directory.resolve("client.key");
    Path chain = directory.resolve("client.pem");
    LocalCertificateAuthority.loadOrCreate(directory.resolve("tls/tls"))
        .issue("ada", LocalCertificateAuthority.Purpose.CLIENT, List.of(), chain, key);
    Cli.Run noCert =
        run(
            "calc",
            "add",
            "1",
            "2",
            "--server",
            tls.url(),
            "--cert",
            missing.toString(),
            "--key",
            key.toString());
    assertEquals(2, noCert.exitCode(), noCert.toString());
    assertEquals(
        "rpc-client: --cert " + missing + ": no such file", noCert.err().lines().findFirst().get());
    Cli.Run certAsKey =
        run(
            "calc",
            "add",
            "1",
            "2",
            "--server",
            tls.url(),
            "--cert",
            chain.toString(),
            "--key",
            chain.toString());
    assertEquals(2, certAsKey.exitCode(), certAsKey.toString());
    assertEquals(
        "rpc-client: --key " + chain + " is not a PEM private key (no BEGIN PRIVATE KEY line)",
        certAsKey.err().lines().findFirst().get());
  }

  @Test
  void benchAgainstNothingStopsAtOnceWithExitThreeAndNoReport() throws Exception {
    int dead;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      dead = probe.getLocalPort();
    }
    String url = "grpcs://127.0.0.1:" + dead;
    long start = System.nanoTime();
    Cli.Run run = run("bench", "--server", url, "--duration", "30s", "--warmup", "0");
    assertTrue(System.nanoTime() - start < 10_000_000_000L, "bench did not stop at once");
    assertEquals(3, run.exitCode(), run.toString());
    assertEquals("", run.out());
    assertEquals(
        "error: server not reachable at " + url + " — is bin/rpc-server running?",
        run.err().lines().findFirst().get());
  }

  @Test
  void benchAgainstAnUntrustedServerStopsWithExitThree() throws Exception {
    Path otherCa =
        LocalCertificateAuthority.loadOrCreate(directory.resolve("other")).certificateFile();
    Cli.Run run =
        Cli.with(RpcConnection::open)
            .run("bench", "--server", tls.url(), "--ca", otherCa.toString(), "--duration", "30s");
    assertEquals(3, run.exitCode(), run.toString());
    assertEquals("", run.out());
    assertTrue(
        run.err().startsWith("error: server certificate not trusted by " + otherCa + " — "),
        run.err());
  }

  @Test
  void benchAtTheWrongPortGetsTheSameOneLineDiagnosis() {
    int grpc = tls.port();
    assertNoAnswer(
        "port " + grpc + " speaks gRPC; use grpcs://127.0.0.1:" + grpc,
        run("bench", "--server", "https://127.0.0.1:" + grpc + "/RPC2", "--duration", "30s"));
  }
}
