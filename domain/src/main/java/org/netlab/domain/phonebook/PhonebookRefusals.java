package org.netlab.domain.phonebook;

import org.netlab.domain.ServiceException;

/** The refusals every {@link Phonebook} makes in the same words, whatever keeps its entries. */
public final class PhonebookRefusals {
  private PhonebookRefusals() {}

  /** {@code NOT_FOUND} for a name no entry has. */
  public static ServiceException noEntryNamed(String name) {
    return ServiceException.notFound("no entry named '" + name + "'");
  }

  /** {@code ALREADY_EXISTS} for a name that is taken, ignoring case. */
  public static ServiceException nameTaken(String name) {
    return ServiceException.alreadyExists("an entry named '" + name + "' exists already");
  }
}
