package org.netlab.rpc.client.cli;

import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;
import org.netlab.rpc.client.TransportException;

/** A connector for a server that never answers: every connection fails with one kind. */
final class FailingConnector implements ServiceConnector {
  private final TransportException.Kind kind;

  FailingConnector(TransportException.Kind kind) {
    this.kind = kind;
  }

  @Override
  public RpcConnection open(ClientSettings settings) {
    throw new TransportException(
        kind,
        "transport says " + kind + " for " + settings.url(),
        new java.io.IOException("cause"));
  }
}
