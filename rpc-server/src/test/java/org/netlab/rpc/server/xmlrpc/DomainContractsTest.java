package org.netlab.rpc.server.xmlrpc;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.netlab.domain.calculator.Calculator;
import org.netlab.domain.calculator.FiniteCalculator;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.domain.phonebook.jdbc.JdbcPhonebook;

/** The contracts against the domain objects themselves: the reference answers. */
class DomainContractsTest {
  @Nested
  class DomainCalculator extends CalculatorContract {
    private final Calculator calculator = new FiniteCalculator();

    @Override
    protected Calculator calculator() {
      return calculator;
    }
  }

  @Nested
  class DomainPhonebook extends PhonebookContract {
    @TempDir Path directory;
    private JdbcPhonebook phonebook;

    @BeforeEach
    void open() {
      phonebook = JdbcPhonebook.openEmbedded(directory);
    }

    @AfterEach
    void close() {
      phonebook.close();
    }

    @Override
    protected Phonebook phonebook() {
      return phonebook;
    }
  }
}
