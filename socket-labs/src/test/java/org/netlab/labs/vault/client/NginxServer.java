package org.netlab.labs.vault.client;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.netlab.labs.PeerProgram;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.TlsFiles;

/**
 * nginx serving a directory on loopback, with a configuration this class writes: plain HTTP on one
 * port, HTTPS on another with a certificate from a {@link LocalCertificateAuthority}, HTTPS that
 * requires a client certificate from that CA on a third; {@code autoindex on}, and {@code /secret/}
 * denied (403). It runs in the foreground and stops on {@link #close()}. The test that makes one is
 * skipped, saying why, when nginx is not installed.
 */
final class NginxServer implements AutoCloseable {
  private final Process process;
  private final int port;
  private final int tlsPort;
  private final int mutualTlsPort;
  private final Path caFile;
  private final LocalCertificateAuthority ca;

  private NginxServer(
      Process process,
      int port,
      int tlsPort,
      int mutualTlsPort,
      Path caFile,
      LocalCertificateAuthority ca) {
    this.process = process;
    this.port = port;
    this.tlsPort = tlsPort;
    this.mutualTlsPort = mutualTlsPort;
    this.caFile = caFile;
    this.ca = ca;
  }

  /** Starts nginx serving {@code root}, its files under {@code work}. */
  static NginxServer start(Path root, Path work) throws Exception {
    Path nginx = PeerProgram.NGINX.assumeInstalled();
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(work.resolve("tls"));
    TlsFiles server = ca.serverFiles();
    IOException last = null;
    // A port found free can be taken before nginx binds it: try again with others.
    for (int attempt = 0; attempt < 3; attempt++) {
      int[] ports = {freePort(), freePort(), freePort()};
      Path conf = work.resolve("nginx.conf");
      Files.createDirectories(work.resolve("temp"));
      Files.writeString(conf, config(root, work, server, ca.certificateFile(), ports));
      Process process =
          new ProcessBuilder(
                  nginx.toString(),
                  "-p",
                  work.toString(),
                  "-c",
                  conf.toString(),
                  "-e",
                  work.resolve("error.log").toString())
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("nginx.out").toFile())
              .start();
      if (awaitListening(process, ports)) {
        return new NginxServer(process, ports[0], ports[1], ports[2], ca.certificateFile(), ca);
      }
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      last = new IOException("nginx did not start: " + log(work));
    }
    throw last;
  }

  private static String config(Path root, Path work, TlsFiles tls, Path clientCa, int[] ports) {
    // As root, nginx's workers would switch to nobody, who cannot read a test's directories.
    String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
    String temp = work.resolve("temp").toString();
    String site =
        """
            root %s;
            autoindex on;
            location /secret/ { deny all; }
        """
            .formatted(root);
    return user
        + """
        daemon off;
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 64; }
        http {
          access_log off;
          client_body_temp_path %2$s/body;
          proxy_temp_path %2$s/proxy;
          fastcgi_temp_path %2$s/fastcgi;
          uwsgi_temp_path %2$s/uwsgi;
          scgi_temp_path %2$s/scgi;
          types { text/html html; text/plain txt; application/octet-stream bin; }
          default_type application/octet-stream;
          ssl_certificate %3$s;
          ssl_certificate_key %4$s;
          server {
            listen 127.0.0.1:%6$d;
            listen 127.0.0.1:%7$d ssl;
        %5$s
          }
          server {
            listen 127.0.0.1:%8$d ssl;
            ssl_client_certificate %9$s;
            ssl_verify_client on;
        %5$s
          }
        }
        """
            .formatted(
                work, temp, tls.chain(), tls.key(), site, ports[0], ports[1], ports[2], clientCa);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static boolean awaitListening(Process process, int[] ports) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        return false;
      }
      if (List.of(ports[0], ports[1], ports[2]).stream().allMatch(NginxServer::accepts)) {
        return true;
      }
      Thread.sleep(50);
    }
    return false;
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String log(Path work) {
    try {
      return Files.readString(work.resolve("nginx.out"))
          + (Files.exists(work.resolve("error.log"))
              ? Files.readString(work.resolve("error.log"))
              : "");
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** {@code http://127.0.0.1:PORT} + path. */
  String url(String path) {
    return "http://127.0.0.1:" + port + path;
  }

  /** {@code https://localhost:PORT} + path: the name the certificate is for. */
  String tlsUrl(String path) {
    return "https://localhost:" + tlsPort + path;
  }

  /** HTTPS that requires a client certificate issued by {@link #ca()}. */
  String mutualTlsUrl(String path) {
    return "https://localhost:" + mutualTlsPort + path;
  }

  int port() {
    return port;
  }

  /** The CA certificate that nginx's certificate is issued by. */
  Path caFile() {
    return caFile;
  }

  LocalCertificateAuthority ca() {
    return ca;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      fail("nginx did not stop within 10 s of SIGTERM");
    }
  }
}
