package org.netlab.rpc.client;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.phonebook.Phonebook;

/** The {@link RpcConnection} of {@link RpcConnection#of}: the services and what frees them. */
final class ServicesConnection implements RpcConnection {
  private final Calculator calculator;
  private final Phonebook phonebook;
  private final AsyncCalculator asyncCalculator;
  private final AsyncPhonebook asyncPhonebook;
  private final Runnable release;
  private final ServedByTally servedBy;
  private final AtomicBoolean closed = new AtomicBoolean();

  ServicesConnection(
      Calculator calculator,
      Phonebook phonebook,
      AsyncCalculator asyncCalculator,
      AsyncPhonebook asyncPhonebook,
      Runnable release,
      ServedByTally servedBy) {
    this.calculator = Objects.requireNonNull(calculator, "calculator");
    this.phonebook = Objects.requireNonNull(phonebook, "phonebook");
    this.asyncCalculator = Objects.requireNonNull(asyncCalculator, "asyncCalculator");
    this.asyncPhonebook = Objects.requireNonNull(asyncPhonebook, "asyncPhonebook");
    this.release = Objects.requireNonNull(release, "release");
    this.servedBy = Objects.requireNonNull(servedBy, "servedBy");
  }

  @Override
  public Map<String, Long> servedBy() {
    return servedBy.counts();
  }

  @Override
  public Calculator calculator() {
    return calculator;
  }

  @Override
  public Phonebook phonebook() {
    return phonebook;
  }

  @Override
  public AsyncCalculator asyncCalculator() {
    return asyncCalculator;
  }

  @Override
  public AsyncPhonebook asyncPhonebook() {
    return asyncPhonebook;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      release.run();
    }
  }
}
