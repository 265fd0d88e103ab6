package org.netlab.labs.ftp.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPSClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.labs.ftp.DataConnection;
import org.netlab.labs.ftp.FtpTestServer;
import org.netlab.labs.ftp.TestFiles;

/**
 * A third party that connects to a client's passive port first, or accepts the server's active
 * connection, must get none of the client's file and must not put its bytes in the client's upload.
 * The client gets its file intact, or a 425.
 */
@Timeout(60)
class DataConnectionTheftTest {
  private static final int FILE_SIZE = 1 << 20;

  @TempDir Path dir;

  private FtpTestServer start() throws IOException {
    FtpTestServer server =
        FtpTestServer.start(dir, b -> b.anonymous(true, true).dataTimeout(Duration.ofSeconds(2)));
    TestFiles.random(server.root().resolve("secret.bin"), FILE_SIZE, 11);
    return server;
  }

  @Test
  void aPlaintextConnectionFromAnotherAddressGetsNothingAndTheClientGetsItsFile() throws Exception {
    try (FtpTestServer server = start();
        ScriptedFtpSession victim = ScriptedFtpSession.login(server.port())) {
      InetSocketAddress passive = victim.epsv();
      Socket thief = new Socket();
      thief.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0));
      thief.connect(passive);
      CompletableFuture<Integer> stolen = readAll(thief);
      try (SocketChannel data = SocketChannel.open(passive)) {
        victim.expect(150, victim.command("RETR secret.bin"));
        assertEquals(
            TestFiles.sha256(server.root().resolve("secret.bin")),
            TestFiles.sha256(data.socket().getInputStream()));
      }
      victim.expect(226, victim.reply());
      assertEquals(0, stolen.get(10, TimeUnit.SECONDS), "bytes the thief got");
    }
  }

  @Test
  void aSecondPlaintextConnectionFromTheClientsAddressMakesTheDownload425ForBoth()
      throws Exception {
    try (FtpTestServer server = start();
        ScriptedFtpSession victim = ScriptedFtpSession.login(server.port())) {
      InetSocketAddress passive = victim.epsv();
      CompletableFuture<Integer> stolen =
          readAll(new Socket(passive.getAddress(), passive.getPort()));
      try (SocketChannel data = SocketChannel.open(passive)) {
        victim.expect(150, victim.command("RETR secret.bin"));
        assertEquals(0, count(data.socket().getInputStream()), "bytes the client got");
      }
      victim.expect(425, victim.reply());
      assertEquals(0, stolen.get(10, TimeUnit.SECONDS), "bytes the thief got");
    }
  }

  @Test
  void aSecondPlaintextConnectionFromTheClientsAddressCannotFillTheUpload() throws Exception {
    try (FtpTestServer server = start();
        ScriptedFtpSession victim = ScriptedFtpSession.login(server.port())) {
      InetSocketAddress passive = victim.epsv();
      try (Socket thief = new Socket(passive.getAddress(), passive.getPort());
          SocketChannel data = SocketChannel.open(passive)) {
        thief.getOutputStream().write("forged".getBytes(UTF_8));
        thief.shutdownOutput();
        victim.expect(150, victim.command("STOR report.txt"));
        try {
          data.socket().getOutputStream().write("genuine".getBytes(UTF_8));
        } catch (IOException e) {
          // Refused and closed already.
        }
      }
      int code = victim.reply().code();
      Path report = server.root().resolve("report.txt");
      if (code == 226) {
        assertEquals("genuine", Files.readString(report));
      } else {
        assertEquals(425, code);
        assertFalse(Files.exists(report), "no file under the real name");
      }
    }
  }

  @Test
  void underProtPAnotherSessionResumingItsOwnTlsSessionGetsNothing() throws Exception {
    try (FtpTestServer server = start();
        ScriptedFtpSession victim =
            ScriptedFtpSession.loginOverTls(server.port(), server.clientTls());
        // A client of the server in its own right, with its own TLS session, which it resumes
        // on the victim's passive port.
        ScriptedFtpSession thief =
            ScriptedFtpSession.loginOverTls(server.port(), server.clientTls())) {
      InetSocketAddress passive = victim.epsv();
      SocketChannel thiefChannel = SocketChannel.open(passive);
      CompletableFuture<Integer> stolen =
          CompletableFuture.supplyAsync(
              () -> {
                try (DataConnection connection =
                    DataConnection.tlsClient(thiefChannel, thief.tls(), thief.tlsSessionHost())) {
                  return count(connection.input());
                } catch (IOException e) {
                  return 0;
                }
              });
      assertVictimGetsItsFileOver(server, victim, passive);
      assertEquals(0, stolen.get(10, TimeUnit.SECONDS), "bytes the thief got");
    }
  }

  @Test
  void underProtPAFreshTlsHandshakeFromTheClientsAddressGetsNothing() throws Exception {
    try (FtpTestServer server = start();
        ScriptedFtpSession victim =
            ScriptedFtpSession.loginOverTls(server.port(), server.clientTls())) {
      InetSocketAddress passive = victim.epsv();
      Socket raw = new Socket(passive.getAddress(), passive.getPort());
      SSLContext thiefTls = server.clientTls();
      CompletableFuture<Integer> stolen =
          CompletableFuture.supplyAsync(
              () -> {
                try (SSLSocket tls =
                    (SSLSocket)
                        thiefTls
                            .getSocketFactory()
                            .createSocket(raw, "localhost", passive.getPort(), true)) {
                  tls.startHandshake();
                  return count(tls.getInputStream());
                } catch (IOException e) {
                  return 0;
                }
              });
      assertVictimGetsItsFileOver(server, victim, passive);
      assertEquals(0, stolen.get(10, TimeUnit.SECONDS), "bytes the thief got");
    }
  }

  @Test
  void underProtPAnActiveConnectionAcceptedByAListenerWithoutTheSessionIs425() throws Exception {
    try (FtpTestServer server = start();
        ScriptedFtpSession victim =
            ScriptedFtpSession.loginOverTls(server.port(), server.clientTls());
        ServerSocket listener = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      // Whatever listens on the port the client names, on the client's own address, is not
      // the client unless it resumes the control connection's session.
      victim.expect(200, victim.command("EPRT |1|127.0.0.1|" + listener.getLocalPort() + "|"));
      SSLContext thiefTls = server.clientTls();
      CompletableFuture<Integer> stolen =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket accepted = listener.accept();
                    SSLSocket tls =
                        (SSLSocket)
                            thiefTls
                                .getSocketFactory()
                                .createSocket(accepted, "localhost", server.port(), true)) {
                  tls.setUseClientMode(true);
                  tls.startHandshake();
                  return count(tls.getInputStream());
                } catch (IOException e) {
                  return 0;
                }
              });
      victim.expect(150, victim.command("RETR secret.bin"));
      victim.expect(425, victim.reply());
      assertEquals(0, stolen.get(10, TimeUnit.SECONDS), "bytes the listener got");
    }
  }

  @Test
  void underProtPAClientThatDoesNotResumeItsSessionGets425() throws Exception {
    try (FtpTestServer server = start()) {
      // Commons Net's FTPSClient opens every data connection with a new TLS session.
      FTPSClient ftps = new FTPSClient(false, server.clientTls());
      ftps.setDefaultTimeout(10_000);
      ftps.connect(server.host(), server.port());
      assertTrue(ftps.login("anonymous", "x"));
      ftps.execPBSZ(0);
      ftps.execPROT("P");
      ftps.enterLocalPassiveMode();
      ftps.setFileType(FTP.BINARY_FILE_TYPE);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try {
        assertFalse(ftps.retrieveFile("secret.bin", got));
      } catch (IOException e) {
        // The server resets the connection it refuses; the reply still comes.
        assertFalse(ftps.completePendingCommand());
      }
      assertEquals(425, ftps.getReplyCode(), ftps.getReplyString());
      assertTrue(ftps.getReplyString().contains("did not resume"), ftps.getReplyString());
      assertEquals(0, got.size());
    }
  }

  /** The client connects after the thief, resuming its session, and gets its whole file. */
  private static void assertVictimGetsItsFileOver(
      FtpTestServer server, ScriptedFtpSession victim, InetSocketAddress passive)
      throws IOException {
    SocketChannel channel = SocketChannel.open(passive);
    victim.expect(150, victim.command("RETR secret.bin"));
    try (DataConnection data =
        DataConnection.tlsClient(channel, victim.tls(), victim.tlsSessionHost())) {
      assertEquals(
          TestFiles.sha256(server.root().resolve("secret.bin")), TestFiles.sha256(data.input()));
    }
    victim.expect(226, victim.reply());
  }

  private static CompletableFuture<Integer> readAll(Socket socket) {
    return CompletableFuture.supplyAsync(
        () -> {
          try (socket) {
            socket.setSoTimeout(20_000);
            return count(socket.getInputStream());
          } catch (IOException e) {
            return 0;
          }
        });
  }

  /** Bytes until the end of the stream; a reset after some bytes still counts them. */
  private static int count(InputStream in) {
    int total = 0;
    byte[] buffer = new byte[64 * 1024];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        total += n;
      }
    } catch (IOException e) {
      // Cut off: what came before still counts.
    }
    return total;
  }
}
