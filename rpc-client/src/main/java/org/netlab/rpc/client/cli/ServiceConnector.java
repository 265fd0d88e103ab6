package org.netlab.rpc.client.cli;

import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;

/**
 * Opens clients of the services. The one place where transports plug into the command line:
 * commands see only the domain interfaces, so they behave the same over every protocol, and tests
 * can hand them the domain objects themselves.
 *
 * <p>Both methods throw {@link org.netlab.rpc.client.TransportException} when the connection cannot
 * be set up (for example a missing CA file); the clients they return throw it when a call gets no
 * answer, and {@link org.netlab.domain.ServiceException} when the service refuses a call. One
 * client may be used by many threads at once.
 */
public interface ServiceConnector {
  Connection<Calculator> calculator(ConnectionSettings settings);

  Connection<Phonebook> phonebook(ConnectionSettings settings);
}
