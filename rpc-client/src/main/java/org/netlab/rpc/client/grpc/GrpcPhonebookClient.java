package org.netlab.rpc.client.grpc;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.netlab.domain.phonebook.Entry;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.proto.phonebook.v1.AddEntryRequest;
import org.netlab.proto.phonebook.v1.CountEntriesRequest;
import org.netlab.proto.phonebook.v1.FindNumberRequest;
import org.netlab.proto.phonebook.v1.ListEntriesRequest;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc.PhonebookServiceBlockingStub;
import org.netlab.proto.phonebook.v1.RemoveAllRequest;
import org.netlab.proto.phonebook.v1.RemoveEntryRequest;
import org.netlab.proto.phonebook.v1.UpdateEntryRequest;

/**
 * The Phonebook on a gRPC server. Methods block until the answer or the deadline; a refusal is the
 * server's {@link org.netlab.domain.ServiceException}, a call that got no answer a {@link
 * org.netlab.rpc.client.TransportException}. {@link #list} collects the whole stream within one
 * deadline. Thread-safe.
 */
final class GrpcPhonebookClient implements Phonebook {
  private final GrpcConnection connection;

  /** Calls over {@code connection}, which its owner closes. */
  GrpcPhonebookClient(GrpcConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  @Override
  public Entry add(String name, String number) {
    AddEntryRequest request = PhonebookMessages.add(name, number);
    return connection.call(() -> entry(stub().addEntry(request)));
  }

  @Override
  public Entry update(String name, String number) {
    UpdateEntryRequest request = PhonebookMessages.update(name, number);
    return connection.call(() -> entry(stub().updateEntry(request)));
  }

  @Override
  public Entry find(String name) {
    FindNumberRequest request = PhonebookMessages.find(name);
    return connection.call(() -> entry(stub().findNumber(request)));
  }

  @Override
  public long count() {
    return connection.call(
        () -> stub().countEntries(CountEntriesRequest.getDefaultInstance()).getCount());
  }

  @Override
  public void remove(String name) {
    RemoveEntryRequest request = PhonebookMessages.remove(name);
    connection.call(() -> stub().removeEntry(request));
  }

  @Override
  public long removeAll() {
    return connection.call(
        () -> stub().removeAll(RemoveAllRequest.getDefaultInstance()).getRemoved());
  }

  @Override
  public List<Entry> list(String namePrefix) {
    ListEntriesRequest request = PhonebookMessages.list(namePrefix);
    return connection.call(
        () -> {
          List<Entry> entries = new ArrayList<>();
          Iterator<org.netlab.proto.phonebook.v1.Entry> stream = stub().listEntries(request);
          stream.forEachRemaining(message -> entries.add(entry(message)));
          return entries;
        });
  }

  private PhonebookServiceBlockingStub stub() {
    return connection.withDeadline(PhonebookServiceGrpc.newBlockingStub(connection.channel()));
  }

  private static Entry entry(org.netlab.proto.phonebook.v1.Entry message) {
    return PhonebookMessages.entry(message);
  }
}
