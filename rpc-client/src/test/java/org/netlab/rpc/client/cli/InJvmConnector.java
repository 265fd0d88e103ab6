package org.netlab.rpc.client.cli;

import java.util.ArrayList;
import java.util.List;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.InMemoryPhonebook;
import org.netlab.domain.phonebook.Phonebook;

/**
 * Hands commands the real domain objects in this JVM (the calculator and the in-memory phonebook)
 * instead of clients of a server, and records the settings of each connection and whether it was
 * closed.
 */
final class InJvmConnector implements ServiceConnector {
  private final Calculator calculator;
  private final Phonebook phonebook = new InMemoryPhonebook();
  private final List<ConnectionSettings> opened = new ArrayList<>();
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
  public synchronized Connection<Calculator> calculator(ConnectionSettings settings) {
    opened.add(settings);
    return new Connection<>(calculator, this::released);
  }

  @Override
  public synchronized Connection<Phonebook> phonebook(ConnectionSettings settings) {
    opened.add(settings);
    return new Connection<>(phonebook, this::released);
  }

  synchronized List<ConnectionSettings> opened() {
    return List.copyOf(opened);
  }

  synchronized int openConnections() {
    return opened.size() - closed;
  }

  private synchronized void released() {
    closed++;
  }
}
