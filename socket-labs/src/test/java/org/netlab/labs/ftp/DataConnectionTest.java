package org.netlab.labs.ftp;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.SslContexts;

/**
 * Protected data connections (RFC 4217) between a client and a server of this package, over a TLS
 * control connection set up the way our FTP client and server set theirs up.
 */
@Timeout(30)
class DataConnectionTest {
  @TempDir Path dir;

  @Test
  void aClientDataConnectionResumesTheControlConnectionsTlsSession() throws Exception {
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(dir);
    SSLContext serverTls = SslContexts.forServer(ca.serverFiles());
    SSLContext clientTls = SslContexts.forClient(ca.certificateFile(), null, null);
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    try (ServerSocket controlListener = new ServerSocket(0, 1, loopback);
        ServerSocketChannel dataListener =
            ServerSocketChannel.open().bind(new InetSocketAddress(loopback, 0))) {
      int controlPort = controlListener.getLocalPort();
      CompletableFuture<String[]> server =
          CompletableFuture.supplyAsync(
              () -> {
                try (Socket control = controlListener.accept()) {
                  SSLSocket controlTls =
                      (SSLSocket)
                          serverTls
                              .getSocketFactory()
                              .createSocket(control, "127.0.0.1", control.getPort(), true);
                  controlTls.setUseClientMode(false);
                  controlTls.setEnabledProtocols(new String[] {"TLSv1.2"});
                  controlTls.startHandshake();
                  SocketChannel data = dataListener.accept();
                  try (DataConnection connection = DataConnection.tlsServer(data, serverTls);
                      OutputStream out = connection.output()) {
                    out.write("resumed".getBytes(UTF_8));
                    return new String[] {id(controlTls.getSession()), id(connection.tlsSession())};
                  }
                } catch (IOException e) {
                  throw new RuntimeException(e);
                }
              });
      try (Socket control = new Socket(loopback, controlPort)) {
        SSLSocket controlTls =
            (SSLSocket)
                clientTls.getSocketFactory().createSocket(control, "localhost", controlPort, true);
        SSLParameters parameters = controlTls.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        controlTls.setSSLParameters(parameters);
        controlTls.startHandshake();
        SocketChannel data = SocketChannel.open(dataListener.getLocalAddress());
        try (DataConnection connection =
                DataConnection.tlsClient(
                    data, clientTls, new InetSocketAddress("localhost", controlPort));
            InputStream in = connection.input()) {
          assertArrayEquals("resumed".getBytes(UTF_8), in.readAllBytes());
          assertEquals(id(controlTls.getSession()), id(connection.tlsSession()), "client side");
        }
      }
      String[] ids = server.get(20, TimeUnit.SECONDS);
      assertEquals(ids[0], ids[1], "the server resumed the control connection's session");
    }
  }

  private static String id(SSLSession session) {
    return HexFormat.of().formatHex(session.getId());
  }
}
