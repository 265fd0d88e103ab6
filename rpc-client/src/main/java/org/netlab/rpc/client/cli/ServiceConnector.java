package org.netlab.rpc.client.cli;

import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;

/**
 * Opens connections to the services. The one place where transports plug into the command line:
 * commands see only the domain interfaces, so they behave the same over every protocol, and tests
 * can hand them the domain objects themselves. The real one is {@link RpcConnection#open}.
 */
@FunctionalInterface
public interface ServiceConnector {
  /**
   * @throws org.netlab.rpc.client.TransportException when the connection cannot be set up (for
   *     example a missing CA file)
   */
  RpcConnection open(ClientSettings settings);
}
