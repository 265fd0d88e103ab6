package org.netlab.rpc.server.xmlrpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.netlab.domain.ErrorCode;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.Phonebook;

/**
 * What every {@link Phonebook} does, the domain object and its clients alike; each test starts from
 * an empty phonebook.
 */
@Timeout(60)
abstract class PhonebookContract {
  /** The phonebook under test, empty. */
  protected abstract Phonebook phonebook();

  @Test
  void addedEntryIsFoundIgnoringCase() {
    assertEquals(new Entry("Alice", "+33 1 23 45"), phonebook().add(" Alice ", "+33 1 23 45"));
    assertEquals(new Entry("Alice", "+33 1 23 45"), phonebook().find("ALICE"));
    assertEquals(1, phonebook().count());
  }

  @Test
  void addingATakenNameIsAlreadyExists() {
    phonebook().add("Alice", "123");
    ServiceException error =
        assertThrows(ServiceException.class, () -> phonebook().add("alice", "456"));
    assertEquals(ErrorCode.ALREADY_EXISTS, error.code());
    assertEquals("an entry named 'alice' exists already", error.getMessage());
  }

  @Test
  void findOfUnknownNameIsNotFound() {
    ServiceException error = assertThrows(ServiceException.class, () -> phonebook().find("Bob"));
    assertEquals(ErrorCode.NOT_FOUND, error.code());
    assertEquals("no entry named 'Bob'", error.getMessage());
  }

  @Test
  void updateAndRemoveOfUnknownNameAreNotFound() {
    assertEquals(
        ErrorCode.NOT_FOUND,
        assertThrows(ServiceException.class, () -> phonebook().update("Bob", "123")).code());
    assertEquals(
        ErrorCode.NOT_FOUND,
        assertThrows(ServiceException.class, () -> phonebook().remove("Bob")).code());
  }

  @Test
  void invalidNumberIsInvalidArgumentNamingTheField() {
    ServiceException error =
        assertThrows(ServiceException.class, () -> phonebook().add("Alice", "12"));
    assertEquals(ErrorCode.INVALID_ARGUMENT, error.code());
    assertEquals("number must hold 3 to 20 digits; it holds 2", error.getMessage());
  }

  @Test
  void updateListRemoveAndRemoveAll() {
    phonebook().add("bob", "555-0100");
    phonebook().add("Alice", "123");
    assertEquals(new Entry("Alice", "999"), phonebook().update("alice", "999"));
    assertEquals(
        List.of(new Entry("Alice", "999"), new Entry("bob", "555-0100")), phonebook().list(""));
    assertEquals(List.of(new Entry("bob", "555-0100")), phonebook().list("BO"));
    phonebook().remove("ALICE");
    assertEquals(1, phonebook().count());
    assertEquals(1, phonebook().removeAll());
    assertEquals(0, phonebook().count());
  }
}
