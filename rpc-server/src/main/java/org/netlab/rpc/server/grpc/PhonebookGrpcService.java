package org.netlab.rpc.server.grpc;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Iterator;
import java.util.Objects;
import org.netlab.domain.phonebook.Phonebook;
import org.netlab.proto.phonebook.v1.AddEntryRequest;
import org.netlab.proto.phonebook.v1.CountEntriesRequest;
import org.netlab.proto.phonebook.v1.CountEntriesResponse;
import org.netlab.proto.phonebook.v1.Entry;
import org.netlab.proto.phonebook.v1.FindNumberRequest;
import org.netlab.proto.phonebook.v1.ListEntriesRequest;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.proto.phonebook.v1.RemoveAllRequest;
import org.netlab.proto.phonebook.v1.RemoveAllResponse;
import org.netlab.proto.phonebook.v1.RemoveEntryRequest;
import org.netlab.proto.phonebook.v1.RemoveEntryResponse;
import org.netlab.proto.phonebook.v1.UpdateEntryRequest;

/**
 * The Phonebook over gRPC: messages in, a domain call, messages out. Failures are thrown on to
 * {@link ErrorMappingInterceptor}. {@code ListEntries} sends only as fast as the client reads, so a
 * slow reader of a large list does not fill the server's memory.
 */
public final class PhonebookGrpcService extends PhonebookServiceGrpc.PhonebookServiceImplBase {
  private final Phonebook phonebook;

  public PhonebookGrpcService(Phonebook phonebook) {
    this.phonebook = Objects.requireNonNull(phonebook, "phonebook");
  }

  @Override
  public void addEntry(AddEntryRequest request, StreamObserver<Entry> response) {
    reply(response, message(phonebook.add(request.getName(), request.getNumber())));
  }

  @Override
  public void updateEntry(UpdateEntryRequest request, StreamObserver<Entry> response) {
    reply(response, message(phonebook.update(request.getName(), request.getNumber())));
  }

  @Override
  public void findNumber(FindNumberRequest request, StreamObserver<Entry> response) {
    reply(response, message(phonebook.find(request.getName())));
  }

  @Override
  public void countEntries(
      CountEntriesRequest request, StreamObserver<CountEntriesResponse> response) {
    reply(response, CountEntriesResponse.newBuilder().setCount(phonebook.count()).build());
  }

  @Override
  public void removeEntry(
      RemoveEntryRequest request, StreamObserver<RemoveEntryResponse> response) {
    phonebook.remove(request.getName());
    reply(response, RemoveEntryResponse.getDefaultInstance());
  }

  @Override
  public void removeAll(RemoveAllRequest request, StreamObserver<RemoveAllResponse> response) {
    reply(response, RemoveAllResponse.newBuilder().setRemoved(phonebook.removeAll()).build());
  }

  @Override
  public void listEntries(ListEntriesRequest request, StreamObserver<Entry> response) {
    Iterator<org.netlab.domain.phonebook.Entry> entries =
        phonebook.list(request.getNamePrefix()).iterator();
    ServerCallStreamObserver<Entry> call = (ServerCallStreamObserver<Entry>) response;
    // A cancelled call (deadline passed, client gone) just stops being fed.
    call.setOnCancelHandler(() -> {});
    call.setOnReadyHandler(
        new Runnable() {
          private boolean completed;

          @Override
          public void run() {
            while (call.isReady() && !call.isCancelled() && entries.hasNext()) {
              call.onNext(message(entries.next()));
            }
            if (!entries.hasNext() && !completed && !call.isCancelled()) {
              completed = true;
              call.onCompleted();
            }
          }
        });
  }

  private static Entry message(org.netlab.domain.phonebook.Entry entry) {
    return Entry.newBuilder().setName(entry.name()).setNumber(entry.number()).build();
  }

  private static <T> void reply(StreamObserver<T> response, T message) {
    response.onNext(message);
    response.onCompleted();
  }
}
