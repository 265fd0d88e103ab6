package org.netlab.rpc.client.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.jdbc.JdbcPhonebook;
import org.netlab.rpc.server.RpcServer;
import org.netlab.rpc.server.grpc.GrpcEndpoint;
import org.netlab.rpc.server.grpc.GrpcEndpointSettings;
import org.netlab.rpc.server.xmlrpc.XmlRpcEndpoint;
import org.netlab.rpc.server.xmlrpc.XmlRpcLimits;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.SslContexts;
import org.netlab.tls.TlsFiles;

/**
 * The real server, as {@code bin/rpc-server} assembles it: gRPC and XML-RPC endpoints on loopback
 * ports picked by the system, over one SQLite store, with TLS from a CA generated in a temporary
 * directory unless plaintext.
 */
final class RunningServer implements AutoCloseable {
  final RpcServer server;
  final Path caFile;
  final LocalCertificateAuthority ca;

  private RunningServer(RpcServer server, LocalCertificateAuthority ca) {
    this.server = server;
    this.ca = ca;
    this.caFile = ca.certificateFile();
  }

  static RunningServer start(Path directory, boolean tls) throws IOException {
    return start(directory, tls, false);
  }

  /** With {@code mutual}, both endpoints require a client certificate signed by the same CA. */
  static RunningServer start(Path directory, boolean tls, boolean mutual) throws IOException {
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(directory.resolve("tls"));
    TlsFiles files = tls ? ca.serverFiles() : null;
    if (mutual) {
      files = files.withClientCa(ca.certificateFile());
    }
    InetAddress loopback = InetAddress.getLoopbackAddress();
    JdbcPhonebook store = JdbcPhonebook.openEmbedded(directory.resolve("data"));
    FiniteCalculator calculator = new FiniteCalculator();
    RpcServer server =
        new RpcServer(
            store,
            List.of(
                new GrpcEndpoint(
                    new GrpcEndpointSettings(new InetSocketAddress(loopback, 0), files),
                    calculator,
                    store),
                new XmlRpcEndpoint(
                    new InetSocketAddress(loopback, 0),
                    tls ? SslContexts.forServer(files) : null,
                    mutual,
                    calculator,
                    store,
                    XmlRpcLimits.defaults())));
    server.start();
    return new RunningServer(server, ca);
  }

  String grpcUrl() {
    return server.urls().get(0);
  }

  String xmlRpcUrl() {
    return server.urls().get(1);
  }

  @Override
  public void close() {
    server.close();
  }
}
