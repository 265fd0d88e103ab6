package org.netlab.rpc.client.cli;

import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.client.TransportException;

/** A connector for a server that never answers: every connection fails with one kind. */
final class FailingConnector implements ServiceConnector {
  private final TransportException.Kind kind;

  FailingConnector(TransportException.Kind kind) {
    this.kind = kind;
  }

  @Override
  public Connection<Calculator> calculator(ConnectionSettings settings) {
    throw failure(settings);
  }

  @Override
  public Connection<Phonebook> phonebook(ConnectionSettings settings) {
    throw failure(settings);
  }

  private TransportException failure(ConnectionSettings settings) {
    return new TransportException(
        kind,
        "transport says " + kind + " for " + settings.url(),
        new java.io.IOException("cause"));
  }
}
