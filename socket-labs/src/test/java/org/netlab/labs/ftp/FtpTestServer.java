package org.netlab.labs.ftp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.apache.commons.net.ftp.FTP;
import org.netlab.labs.ftp.server.FtpServer;
import org.netlab.labs.ftp.server.FtpServerConfig;
import org.netlab.labs.ftp.server.FtpsContexts;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.SslContexts;

/**
 * Our FTP server on 127.0.0.1, port 0, serving {@code <dir>/root}, with a generated CA under {@code
 * <dir>/tls} for FTPS. Login failures wait only briefly here.
 */
public final class FtpTestServer implements AutoCloseable {
  private final FtpServer server;
  private final Path root;
  private final Path caFile;

  private FtpTestServer(FtpServer server, Path root, Path caFile) {
    this.server = server;
    this.root = root;
    this.caFile = caFile;
  }

  public static FtpTestServer start(Path dir, UnaryOperator<FtpServerConfig.Builder> customize)
      throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(dir.resolve("tls"));
    FtpServerConfig.Builder builder =
        FtpServerConfig.builder(root)
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .loginFailureDelay(Duration.ofMillis(100))
            .dataTimeout(Duration.ofSeconds(5))
            .tls(FtpsContexts.forServer(ca.serverFiles()), false);
    FtpServer server = new FtpServer(customize.apply(builder).build()).start();
    return new FtpTestServer(server, root, ca.certificateFile());
  }

  public static FtpTestServer start(Path dir) throws IOException {
    return start(dir, b -> b);
  }

  /**
   * A Commons Net client logged in, in passive mode and binary type.
   *
   * @throws AssertionError when the login is refused
   */
  public RawDataFtpClient login(String user, String password) throws IOException {
    RawDataFtpClient ftp = new RawDataFtpClient();
    ftp.setDefaultTimeout(20_000);
    ftp.connect(host(), port());
    if (!ftp.login(user, password)) {
      throw new AssertionError("login refused: " + ftp.getReplyString());
    }
    ftp.enterLocalPassiveMode();
    ftp.setFileType(FTP.BINARY_FILE_TYPE);
    return ftp;
  }

  public int port() {
    return server.port();
  }

  public String host() {
    return "127.0.0.1";
  }

  public Path root() {
    return root;
  }

  public Path caFile() {
    return caFile;
  }

  public SSLContext clientTls() throws IOException {
    return SslContexts.forClient(caFile, null, null);
  }

  public String url(String path) {
    return "ftp://127.0.0.1:" + port() + path;
  }

  @Override
  public void close() {
    server.close();
  }
}
