package org.netlab.rpc.client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.client.grpc.GrpcTransport;
import org.netlab.rpc.client.xmlrpc.XmlRpcTransport;

/**
 * A connection to a netlab server and the services it serves. The services answer as the domain
 * objects do, whatever the protocol: a refusal is the server's {@link
 * org.netlab.domain.ServiceException} with the same code and message, a call that got no answer a
 * {@link TransportException}. One connection may be used by many threads at once; closing it closes
 * its services, and closing twice is safe.
 */
public interface RpcConnection extends AutoCloseable {
  /** The server's calculator. */
  Calculator calculator();

  /** The server's phonebook. */
  Phonebook phonebook();

  /**
   * The server's calculator, asynchronous. Over gRPC no thread waits for an answer, so a few
   * threads can keep thousands of calls in flight; over XML-RPC each call waits on a virtual thread
   * of its own.
   */
  AsyncCalculator asyncCalculator();

  /** The server's phonebook, asynchronous, as {@link #asyncCalculator()}. */
  AsyncPhonebook asyncPhonebook();

  /**
   * How many answers each server gave, by the name it sends ({@code x-served-by}), in name order:
   * how calls spread over the servers of a list, or behind a balancer. Empty when no server named
   * itself.
   */
  Map<String, Long> servedBy();

  /** Releases the connection, waiting briefly for calls in progress. */
  @Override
  void close();

  /**
   * Opens a connection over the protocol the URL names. Nothing is sent before the first call.
   *
   * @throws TransportException of kind {@code UNTRUSTED} when a TLS file cannot be read
   */
  static RpcConnection open(ClientSettings settings) {
    requireTlsFiles(settings);
    return switch (settings.url().protocol()) {
      case GRPC -> GrpcTransport.open(settings);
      case XML_RPC -> XmlRpcTransport.open(settings);
    };
  }

  /**
   * A connection to services that {@code release} frees: how transports (and tests that hand out
   * the domain objects themselves) build one. Closing twice runs {@code release} once. Its
   * asynchronous services run each call of the blocking ones on a virtual thread.
   */
  static RpcConnection of(Calculator calculator, Phonebook phonebook, Runnable release) {
    return of(
        calculator,
        phonebook,
        AsyncCalculator.over(calculator, Thread::startVirtualThread),
        AsyncPhonebook.over(phonebook, Thread::startVirtualThread),
        release);
  }

  /** A connection of four services, blocking and asynchronous, and what frees them. */
  static RpcConnection of(
      Calculator calculator,
      Phonebook phonebook,
      AsyncCalculator asyncCalculator,
      AsyncPhonebook asyncPhonebook,
      Runnable release) {
    return of(calculator, phonebook, asyncCalculator, asyncPhonebook, release, new ServedByTally());
  }

  /** As above, counting in {@code servedBy} which server gave each answer. */
  static RpcConnection of(
      Calculator calculator,
      Phonebook phonebook,
      AsyncCalculator asyncCalculator,
      AsyncPhonebook asyncPhonebook,
      Runnable release,
      ServedByTally servedBy) {
    return new ServicesConnection(
        calculator, phonebook, asyncCalculator, asyncPhonebook, release, servedBy);
  }

  /**
   * Fails early when a TLS file the settings need cannot be read, naming the file: the TLS
   * libraries' own messages for this say much less.
   *
   * @throws TransportException of kind {@code UNTRUSTED}
   */
  static void requireTlsFiles(ClientSettings settings) {
    if (settings.url().tls()) {
      requireReadable(settings.caFile(), "the CA certificate");
      if (settings.mutualTls()) {
        requireReadable(settings.clientCertificate(), "the client certificate");
        requireReadable(settings.clientKey(), "the client key");
      }
    }
  }

  /** Fails early, naming the file: the TLS libraries' own messages for this say much less. */
  private static void requireReadable(Path file, String what) {
    if (!Files.isReadable(file)) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED,
          "cannot read " + what + " " + file + "; a local rpc-server creates its CA on first start",
          null);
    }
  }
}
