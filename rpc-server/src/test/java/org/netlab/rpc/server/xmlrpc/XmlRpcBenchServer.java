package org.netlab.rpc.server.xmlrpc;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.jdbc.JdbcPhonebook;
import org.netlab.tls.LocalCertificateAuthority;

/**
 * Starts the endpoint alone for load tests with an external tool (see {@code
 * src/test/bench/xmlrpc-add.lua}); runs until killed.
 *
 * <p>usage: {@code XmlRpcBenchServer PORT DATA_DIR [WORKER_THREADS]}.
 */
public final class XmlRpcBenchServer {
  private XmlRpcBenchServer() {}

  public static void main(String[] args) throws Exception {
    int port = Integer.parseInt(args[0]);
    Path dataDir = Path.of(args[1]);
    XmlRpcLimits defaults = XmlRpcLimits.defaults();
    XmlRpcLimits limits =
        args.length < 3
            ? defaults
            : new XmlRpcLimits(
                defaults.maxRequestBytes(),
                defaults.maxNestingDepth(),
                Integer.parseInt(args[2]),
                defaults.maxQueuedRequests(),
                defaults.maxConnections(),
                defaults.requestTimeout(),
                defaults.idleTimeout());
    LocalCertificateAuthority ca = LocalCertificateAuthority.loadOrCreate(dataDir.resolve("tls"));
    try (JdbcPhonebook phonebook = JdbcPhonebook.openEmbedded(dataDir);
        XmlRpcEndpoint endpoint =
            new XmlRpcEndpoint(
                new InetSocketAddress("127.0.0.1", port),
                ca.serverFiles(),
                new FiniteCalculator(),
                phonebook,
                limits)) {
      endpoint.start();
      System.out.println("serving " + endpoint.uri() + " with CA " + ca.certificateFile());
      new CountDownLatch(1).await();
    }
  }
}
