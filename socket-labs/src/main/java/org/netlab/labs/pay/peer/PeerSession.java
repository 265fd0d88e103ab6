package org.netlab.labs.pay.peer;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.netlab.labs.pay.Amounts;
import org.netlab.labs.pay.PayProtocol;
import org.netlab.labs.pay.PayReply;
import org.netlab.labs.pay.PayStatus;
import org.netlab.labs.pay.SignedOrder;

/**
 * A logged-in peer: its own server where payers reach it, its connection to the central server
 * (LOGIN with that server's port, then a PING every {@link PayProtocol#HEARTBEAT}), and a new
 * connection and LOGIN whenever that one is lost, so a server restart only pauses the peer.
 */
public final class PeerSession implements AutoCloseable {
  private final PeerIdentity me;
  private final SSLContext tls;
  private final PeerServer peerServer;
  private final PrintWriter out;
  private final ScheduledExecutorService heartbeat =
      Executors.newSingleThreadScheduledExecutor(
          task -> Thread.ofPlatform().name("pay-heartbeat").daemon().unstarted(task));
  private final Connector connect;
  private volatile PayClient server;

  /** Opens a new connection to the central server, with this peer's certificate. */
  @FunctionalInterface
  public interface Connector {
    PayClient connect() throws IOException;
  }

  public PeerSession(
      PeerIdentity me,
      SSLContext tls,
      Connector connect,
      InetSocketAddress listen,
      OfferDecision decision,
      PrintWriter out) {
    this.me = me;
    this.tls = tls;
    this.connect = connect;
    this.out = out;
    this.peerServer = new PeerServer(me, tls, listen, decision, this::settle, Clock.systemUTC());
  }

  /** Starts the peer's own server, logs in, starts the heartbeat. */
  public PeerSession start() throws IOException {
    peerServer.start();
    try {
      PeerOptions.expectSuccess(login());
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    long seconds = PayProtocol.HEARTBEAT.toSeconds();
    heartbeat.scheduleWithFixedDelay(this::beat, seconds, seconds, TimeUnit.SECONDS);
    return this;
  }

  private PayReply login() throws IOException {
    PayClient client = connect.connect();
    PayReply reply = client.call(PayProtocol.LOGIN + " " + peerServer.port());
    PayClient previous = server;
    server = client;
    if (previous != null) {
      closeQuietly(previous);
    }
    return reply;
  }

  private void beat() {
    try {
      PayReply pong = server.call(PayProtocol.PING);
      if (pong.status() == PayStatus.OK) {
        return;
      }
    } catch (IOException e) {
      say("lost the server (" + e.getMessage() + "); logging in again");
    }
    try {
      PayReply login = login();
      if (login.status() == PayStatus.LOGGED_IN) {
        say("logged in again");
      } else {
        say("the server refused the login: " + login);
      }
    } catch (IOException e) {
      say(
          "cannot reach the server: "
              + e.getMessage()
              + "; trying again in "
              + PayProtocol.HEARTBEAT.toSeconds()
              + "s");
    }
  }

  /** The payee's half of a payment: the countersigned order goes to the central server. */
  private PayReply settle(SignedOrder order) throws IOException {
    PayReply reply =
        server.call(
            PayProtocol.SETTLE
                + " "
                + order.payerSignature()
                + " "
                + order.payeeSignature()
                + " "
                + order.order().text());
    say(
        String.format(
            "%s %s from %s: %s",
            reply.status() == PayStatus.SETTLED ? "received" : "not received",
            Amounts.format(order.order().amount()),
            order.order().payer(),
            reply));
    return reply;
  }

  /** The connection to the central server, for this peer's own commands. */
  public PayClient server() {
    return server;
  }

  public SSLContext tls() {
    return tls;
  }

  public PeerIdentity identity() {
    return me;
  }

  public int peerPort() {
    return peerServer.port();
  }

  /** How many connections payers opened to this peer's own server so far. */
  public int acceptedConnections() {
    return peerServer.acceptedConnections();
  }

  private void say(String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }

  /** Logs out and stops the peer's server. */
  @Override
  public void close() {
    heartbeat.shutdownNow();
    peerServer.close();
    PayClient client = server;
    if (client != null) {
      try {
        client.call(PayProtocol.LOGOUT);
      } catch (IOException e) {
        // Offline anyway once the connection closes.
      }
      closeQuietly(client);
    }
  }

  private static void closeQuietly(PayClient client) {
    try {
      client.close();
    } catch (IOException e) {
      // Nothing more to do with it.
    }
  }
}
