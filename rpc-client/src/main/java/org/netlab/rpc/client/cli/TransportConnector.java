package org.netlab.rpc.client.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.client.TransportException;
import org.netlab.rpc.client.grpc.GrpcCalculatorClient;
import org.netlab.rpc.client.grpc.GrpcClientSettings;
import org.netlab.rpc.client.grpc.GrpcConnection;
import org.netlab.rpc.client.grpc.GrpcPhonebookClient;
import org.netlab.rpc.client.xmlrpc.XmlRpcCalculatorClient;
import org.netlab.rpc.client.xmlrpc.XmlRpcClientSettings;
import org.netlab.rpc.client.xmlrpc.XmlRpcPhonebookClient;

/**
 * The production {@link ServiceConnector}: picks the gRPC or the XML-RPC client by the URL's
 * scheme.
 */
public final class TransportConnector implements ServiceConnector {

  @Override
  public Connection<Calculator> calculator(ConnectionSettings settings) {
    requireTrustMaterial(settings);
    return switch (settings.url().protocol()) {
      case GRPC -> overGrpc(settings, GrpcCalculatorClient::new);
      case XML_RPC ->
          overXmlRpc(
              settings,
              xmlRpc -> {
                XmlRpcCalculatorClient client = new XmlRpcCalculatorClient(xmlRpc);
                return new Connection<Calculator>(client, client::close);
              });
    };
  }

  @Override
  public Connection<Phonebook> phonebook(ConnectionSettings settings) {
    requireTrustMaterial(settings);
    return switch (settings.url().protocol()) {
      case GRPC -> overGrpc(settings, GrpcPhonebookClient::new);
      case XML_RPC ->
          overXmlRpc(
              settings,
              xmlRpc -> {
                XmlRpcPhonebookClient client = new XmlRpcPhonebookClient(xmlRpc);
                return new Connection<Phonebook>(client, client::close);
              });
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

  private static <T> Connection<T> overGrpc(
      ConnectionSettings settings, Function<GrpcConnection, T> client) {
    ServerUrl url = settings.url();
    GrpcClientSettings grpc =
        new GrpcClientSettings(
            url.host(),
            url.port(),
            !url.tls(),
            url.tls() ? settings.caFile() : null,
            settings.clientCertificate(),
            settings.clientKey(),
            settings.timeout());
    GrpcConnection connection;
    try {
      connection = GrpcConnection.open(grpc);
    } catch (IOException e) {
      throw unreadableTlsFiles(e);
    }
    return new Connection<>(client.apply(connection), connection::close);
  }

  private static <T> Connection<T> overXmlRpc(ConnectionSettings settings, XmlRpcOpener<T> opener) {
    XmlRpcClientSettings xmlRpc =
        XmlRpcClientSettings.forUrl(URI.create(settings.url().toString()))
            .withTimeouts(settings.timeout(), settings.timeout());
    if (settings.url().tls()) {
      xmlRpc = xmlRpc.withCaFile(settings.caFile());
      if (settings.mutualTls()) {
        xmlRpc = xmlRpc.withClientCertificate(settings.clientCertificate(), settings.clientKey());
      }
    }
    try {
      return opener.open(xmlRpc);
    } catch (IOException e) {
      throw unreadableTlsFiles(e);
    }
  }

  /** Opens one XML-RPC client; IOException when its TLS files cannot be read. */
  @FunctionalInterface
  private interface XmlRpcOpener<T> {
    Connection<T> open(XmlRpcClientSettings settings) throws IOException;
  }

  private static TransportException unreadableTlsFiles(IOException e) {
    return new TransportException(
        TransportException.Kind.UNTRUSTED, "cannot use the TLS files: " + e.getMessage(), e);
  }
}
