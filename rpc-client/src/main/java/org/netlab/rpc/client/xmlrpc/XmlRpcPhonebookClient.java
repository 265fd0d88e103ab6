package org.netlab.rpc.client.xmlrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.rpc.client.TransportException;

/**
 * The {@link Phonebook} of a netlab server, over XML-RPC ({@code phonebook.*}). Errors are the
 * domain's {@link org.netlab.domain.ServiceException}, or a {@link TransportException} when the
 * server never answered. Over several servers its writes carry an idempotency key, so that a write
 * sent again after a lost answer is applied once.
 */
final class XmlRpcPhonebookClient implements Phonebook {
  private final XmlRpcCalls connection;

  /** Calls over {@code connection}, which its owner closes. */
  XmlRpcPhonebookClient(XmlRpcCalls connection) {
    this.connection = connection;
  }

  @Override
  public Entry add(String name, String number) {
    return entry(connection.call(Map.class, "phonebook.addEntry", name, number));
  }

  @Override
  public Entry update(String name, String number) {
    return entry(connection.call(Map.class, "phonebook.updateEntry", name, number));
  }

  @Override
  public Entry find(String name) {
    return entry(connection.call(Map.class, "phonebook.findEntry", name));
  }

  @Override
  public long count() {
    return connection.call(Integer.class, "phonebook.countEntries");
  }

  @Override
  public void remove(String name) {
    connection.call(Boolean.class, "phonebook.removeEntry", name);
  }

  @Override
  public long removeAll() {
    return connection.call(Integer.class, "phonebook.removeAll");
  }

  @Override
  public List<Entry> list(String namePrefix) {
    Object[] entries =
        connection.call(
            Object[].class, "phonebook.listEntries", namePrefix == null ? "" : namePrefix);
    List<Entry> list = new ArrayList<>(entries.length);
    for (Object entry : entries) {
      list.add(entry(entry));
    }
    return List.copyOf(list);
  }

  private Entry entry(Object value) {
    if (value instanceof Map<?, ?> struct
        && struct.get("name") instanceof String name
        && struct.get("number") instanceof String number) {
      return new Entry(name, number);
    }
    throw new TransportException(
        TransportException.Kind.PROTOCOL,
        connection.where() + " answered an entry without a string name and number",
        null);
  }
}
