package org.netlab.rpc.server.grpc;

import java.util.List;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.Phonebook;

/** A phonebook with a bug: every method fails with an exception full of internals. */
final class BrokenPhonebook implements Phonebook {
  static final String SECRET = "password=hunter2 at /srv/netlab/phonebook.db";

  private static RuntimeException bug() {
    return new IllegalStateException(SECRET);
  }

  @Override
  public Entry add(String name, String number) {
    throw bug();
  }

  @Override
  public Entry update(String name, String number) {
    throw bug();
  }

  @Override
  public Entry find(String name) {
    throw bug();
  }

  @Override
  public long count() {
    throw bug();
  }

  @Override
  public void remove(String name) {
    throw bug();
  }

  @Override
  public long removeAll() {
    throw bug();
  }

  @Override
  public List<Entry> list(String namePrefix) {
    throw bug();
  }
}
