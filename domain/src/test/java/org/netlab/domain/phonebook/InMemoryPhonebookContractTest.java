package org.netlab.domain.phonebook;

/** The reference answers: the phonebook contract against the domain's own phonebook. */
class InMemoryPhonebookContractTest extends PhonebookContract {
  private final Phonebook phonebook = new InMemoryPhonebook();

  @Override
  protected Phonebook phonebook() {
    return phonebook;
  }
}
