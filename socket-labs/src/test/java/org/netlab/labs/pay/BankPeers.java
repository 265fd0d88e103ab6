package org.netlab.labs.pay;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.netlab.labs.pay.peer.OfferDecision;
import org.netlab.labs.pay.peer.PayClient;
import org.netlab.labs.pay.peer.PeerIdentity;
import org.netlab.labs.pay.peer.PeerSession;
import org.netlab.tls.Pem;
import org.netlab.tls.SslContexts;

/**
 * Users of a central server that runs anywhere, in this JVM or in a process of its own: registered
 * over the wire, online with their own servers, or connected as themselves. Only the server's
 * address and the CA file its peers trust are needed, so the users survive a restart of the server.
 */
final class BankPeers implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final InetSocketAddress server;
  private final Path caFile;
  private final Path directory;
  private final List<PeerSession> sessions = new ArrayList<>();
  private final StringWriter log = new StringWriter();

  /**
   * @param caFile the certificate of the server's CA ({@code DATA_DIR/tls/ca.pem})
   * @param directory where the users' keys and certificates are kept
   */
  BankPeers(InetSocketAddress server, Path caFile, Path directory) {
    this.server = server;
    this.caFile = caFile;
    this.directory = directory;
  }

  InetSocketAddress server() {
    return server;
  }

  Path caFile() {
    return caFile;
  }

  /** Registers {@code name} with the server's opening balance. */
  PeerIdentity register(String name) throws IOException {
    PeerIdentity.Request request = PeerIdentity.request(name);
    PayReply reply;
    try (PayClient client =
        PayClient.connect(server, SslContexts.forClient(caFile, null, null), TIMEOUT)) {
      reply = client.call("REGISTER " + name + " " + request.csrBase64());
    }
    if (reply.status() != PayStatus.REGISTERED) {
      throw new IOException("cannot register " + name + ": " + reply);
    }
    return PeerIdentity.save(
        directory.resolve(name), request, reply.text(), Pem.readCertificates(caFile).get(0));
  }

  /** {@code identity} online, accepting every offer, until {@link #close}. */
  PeerSession online(PeerIdentity identity) throws IOException {
    SSLContext tls = identity.tls(caFile);
    PeerSession session =
        new PeerSession(
                identity,
                tls,
                () -> PayClient.connect(server, tls, TIMEOUT),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                OfferDecision.acceptAll(),
                new PrintWriter(log, true))
            .start();
    synchronized (sessions) {
      sessions.add(session);
    }
    return session;
  }

  /** A new connection to the server as {@code identity}; the caller closes it. */
  PayClient client(PeerIdentity identity) throws IOException {
    return PayClient.connect(server, identity.tls(caFile), TIMEOUT);
  }

  /** What the online peers said (lost the server, logged in again...). */
  String log() {
    synchronized (log) {
      return log.toString();
    }
  }

  /** Logs every peer out and stops their servers. */
  @Override
  public void close() {
    synchronized (sessions) {
      for (PeerSession session : sessions.reversed()) {
        session.close();
      }
      sessions.clear();
    }
  }
}
