package org.netlab.labs.pay;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import org.netlab.labs.pay.ledger.JdbcLedger;
import org.netlab.labs.pay.ledger.Ledger;
import org.netlab.labs.pay.peer.OfferDecision;
import org.netlab.labs.pay.peer.PayClient;
import org.netlab.labs.pay.peer.PeerIdentity;
import org.netlab.labs.pay.peer.PeerSession;
import org.netlab.labs.pay.server.PayServer;
import org.netlab.tls.LocalCertificateAuthority;
import org.netlab.tls.SslContexts;

/**
 * A central server on loopback with its own CA and ledger in a temporary directory, and the peers
 * the tests register with it, over the wire as {@code bin/pay} does.
 */
public final class PayLab implements AutoCloseable {
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  final Path directory;
  final LocalCertificateAuthority authority;
  final SSLContext serverTls;
  final Ledger ledger;
  final PayServer server;
  private final List<AutoCloseable> opened = new ArrayList<>();

  private PayLab(Path directory, String ledgerUrl, UnaryOperator<PayServer.Settings> settings)
      throws IOException {
    this.directory = directory;
    this.authority = LocalCertificateAuthority.loadOrCreate(directory.resolve("tls"));
    this.serverTls =
        SslContexts.forServer(authority.serverFiles().withClientCa(authority.certificateFile()));
    this.ledger = JdbcLedger.open(ledgerUrl);
    this.server =
        new PayServer(settings.apply(PayServer.Settings.local(authority, serverTls, ledger)))
            .start();
  }

  /** A lab whose ledger is SQLite in {@code directory}. */
  public static PayLab start(Path directory) throws IOException {
    return start(directory, "jdbc:sqlite:" + directory.resolve("ledger.db"), s -> s);
  }

  public static PayLab start(
      Path directory, String ledgerUrl, UnaryOperator<PayServer.Settings> settings)
      throws IOException {
    return new PayLab(directory, ledgerUrl, settings);
  }

  public InetSocketAddress address() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port());
  }

  public Path caFile() {
    return authority.certificateFile();
  }

  /** Registers {@code name} over the wire and keeps its identity under the lab's directory. */
  public PeerIdentity register(String name) throws IOException {
    PeerIdentity.Request request = PeerIdentity.request(name);
    PayReply reply;
    try (PayClient client = anonymous()) {
      reply = client.call("REGISTER " + name + " " + request.csrBase64());
    }
    if (reply.status() != PayStatus.REGISTERED) {
      throw new IOException("cannot register " + name + ": " + reply);
    }
    return PeerIdentity.save(
        directory.resolve("users").resolve(name), request, reply.text(), authority.certificate());
  }

  /** A connection with no client certificate. */
  PayClient anonymous() throws IOException {
    return track(
        PayClient.connect(address(), SslContexts.forClient(caFile(), null, null), TIMEOUT));
  }

  /** A connection as {@code identity}. */
  PayClient client(PeerIdentity identity) throws IOException {
    return track(PayClient.connect(address(), identity.tls(caFile()), TIMEOUT));
  }

  /**
   * {@code identity} online, its offers answered by {@code decision}; output goes to {@code log}.
   */
  PeerSession online(PeerIdentity identity, OfferDecision decision, StringWriter log)
      throws IOException {
    SSLContext tls = identity.tls(caFile());
    return track(
        new PeerSession(
                identity,
                tls,
                () -> PayClient.connect(address(), tls, TIMEOUT),
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                decision,
                new PrintWriter(log, true))
            .start());
  }

  PeerSession online(PeerIdentity identity, OfferDecision decision) throws IOException {
    return online(identity, decision, new StringWriter());
  }

  public long balance(String name) {
    return ledger.account(name).orElseThrow().balance();
  }

  Clock clock() {
    return Clock.systemUTC();
  }

  private <T extends AutoCloseable> T track(T resource) {
    synchronized (opened) {
      opened.add(resource);
    }
    return resource;
  }

  @Override
  public void close() throws Exception {
    List<AutoCloseable> resources;
    synchronized (opened) {
      resources = new ArrayList<>(opened);
    }
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
    server.close();
    ledger.close();
  }
}
