package org.netlab.rpc.client.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.domain.phonebook.jdbc.JdbcPhonebook;

/**
 * Hands commands the real domain objects in this JVM (the calculator, and a phonebook stored in a
 * temporary directory) instead of clients of a server, and records the settings of each connection
 * and whether it was closed.
 */
final class InJvmConnector implements ServiceConnector, AutoCloseable {
  private final Calculator calculator;
  private final JdbcPhonebook phonebook;
  private final List<ConnectionSettings> opened = new ArrayList<>();
  private int closed;

  InJvmConnector(Path storeDirectory) {
    this(new FiniteCalculator(), storeDirectory);
  }

  InJvmConnector(Calculator calculator, Path storeDirectory) {
    this.calculator = calculator;
    this.phonebook = JdbcPhonebook.openEmbedded(storeDirectory);
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

  @Override
  public void close() {
    phonebook.close();
  }
}
