package org.netlab.rpc.client.cli;

import java.util.ArrayList;
import java.util.List;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.InMemoryPhonebook;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.client.ClientSettings;
import org.netlab.rpc.client.RpcConnection;

/**
 * Hands commands the real domain objects in this JVM (the calculator and the in-memory phonebook)
 * instead of clients of a server, and records the settings of each connection and whether it was
 * closed.
 */
final class InJvmConnector implements ServiceConnector {
  private final Calculator calculator;
  private final Phonebook phonebook = new InMemoryPhonebook();
  private final List<ClientSettings> opened = new ArrayList<>();
  private int closed;

  InJvmConnector() {
    this(new FiniteCalculator());
  }

  InJvmConnector(Calculator calculator) {
    this.calculator = calculator;
  }

  /** The store the commands talk to, for arranging and checking its content. */
  Phonebook phonebook() {
    return phonebook;
  }

  @Override
  public synchronized RpcConnection open(ClientSettings settings) {
    opened.add(settings);
    return RpcConnection.of(calculator, phonebook, this::released);
  }

  synchronized List<ClientSettings> opened() {
    return List.copyOf(opened);
  }

  synchronized int openConnections() {
    return opened.size() - closed;
  }

  private synchronized void released() {
    closed++;
  }
}
