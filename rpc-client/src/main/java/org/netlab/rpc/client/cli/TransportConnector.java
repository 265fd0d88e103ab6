package org.netlab.rpc.client.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.client.TransportException;

/**
 * The production {@link ServiceConnector}: picks the gRPC or the XML-RPC client by the URL's
 * scheme.
 */
public final class TransportConnector implements ServiceConnector {

  @Override
  public Connection<Calculator> calculator(ConnectionSettings settings) {
    requireTrustMaterial(settings);
    return switch (settings.url().protocol()) {
      case GRPC -> notWired("gRPC calculator");
      case XML_RPC -> notWired("XML-RPC calculator");
    };
  }

  @Override
  public Connection<Phonebook> phonebook(ConnectionSettings settings) {
    requireTrustMaterial(settings);
    return switch (settings.url().protocol()) {
      case GRPC -> notWired("gRPC phonebook");
      case XML_RPC -> notWired("XML-RPC phonebook");
    };
  }

  /**
   * Fails early, with the file named, when a TLS connection lacks its CA file or client key pair;
   * the TLS libraries' own messages for this say much less.
   */
  static void requireTrustMaterial(ConnectionSettings settings) {
    if (!settings.url().tls()) {
      return;
    }
    if (!Files.isReadable(settings.caFile())) {
      throw new TransportException(
          TransportException.Kind.UNTRUSTED,
          "cannot read the CA certificate "
              + settings.caFile()
              + "; bin/rpc-server creates it on first start",
          null);
    }
    if (settings.mutualTls()) {
      for (Path file : new Path[] {settings.clientCertificate(), settings.clientKey()}) {
        if (!Files.isReadable(file)) {
          throw new TransportException(
              TransportException.Kind.UNTRUSTED,
              "cannot read " + file + ", given to --cert or --key",
              null);
        }
      }
    }
  }

  private static <T> Connection<T> notWired(String client) {
    throw new UnsupportedOperationException(client + " client not wired yet");
  }
}
