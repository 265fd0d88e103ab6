package org.netlab.rpc.client.grpc;

import io.grpc.stub.StreamObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.netlab.domain.ServiceException;
import org.netlab.domain.phonebook.Entry;
import org.netlab.proto.phonebook.v1.CountEntriesRequest;
import org.netlab.proto.phonebook.v1.CountEntriesResponse;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc;
import org.netlab.proto.phonebook.v1.PhonebookServiceGrpc.PhonebookServiceStub;
import org.netlab.proto.phonebook.v1.RemoveAllRequest;
import org.netlab.proto.phonebook.v1.RemoveAllResponse;
import org.netlab.proto.phonebook.v1.RemoveEntryResponse;
import org.netlab.rpc.client.AsyncPhonebook;

/**
 * The Phonebook on a gRPC server, without a thread waiting for each answer, as {@link
 * GrpcAsyncCalculator}. Text protobuf cannot carry fails the future, as the server's refusals do.
 * Thread-safe.
 */
final class GrpcAsyncPhonebook implements AsyncPhonebook {
  private final GrpcConnection connection;
  private final PhonebookServiceStub stub;

  /** Calls over {@code connection}, which its owner closes. */
  GrpcAsyncPhonebook(GrpcConnection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.stub = connection.asyncStub(PhonebookServiceGrpc.newStub(connection.channel()));
  }

  @Override
  public CompletableFuture<Entry> add(String name, String number) {
    return start(
        () -> PhonebookMessages.add(name, number),
        PhonebookMessages::entry,
        (request, answer) -> stub().addEntry(request, answer));
  }

  @Override
  public CompletableFuture<Entry> update(String name, String number) {
    return start(
        () -> PhonebookMessages.update(name, number),
        PhonebookMessages::entry,
        (request, answer) -> stub().updateEntry(request, answer));
  }

  @Override
  public CompletableFuture<Entry> find(String name) {
    return start(
        () -> PhonebookMessages.find(name),
        PhonebookMessages::entry,
        (request, answer) -> stub().findNumber(request, answer));
  }

  @Override
  public CompletableFuture<Long> count() {
    return start(
        CountEntriesRequest::getDefaultInstance,
        CountEntriesResponse::getCount,
        (request, answer) -> stub().countEntries(request, answer));
  }

  @Override
  public CompletableFuture<Void> remove(String name) {
    return start(
        () -> PhonebookMessages.remove(name),
        (RemoveEntryResponse response) -> null,
        (request, answer) -> stub().removeEntry(request, answer));
  }

  @Override
  public CompletableFuture<Long> removeAll() {
    return start(
        RemoveAllRequest::getDefaultInstance,
        RemoveAllResponse::getRemoved,
        (request, answer) -> stub().removeAll(request, answer));
  }

  @Override
  public CompletableFuture<List<Entry>> list(String namePrefix) {
    EntriesObserver entries = new EntriesObserver(connection);
    try {
      stub().listEntries(PhonebookMessages.list(namePrefix), entries);
    } catch (ServiceException e) {
      return CompletableFuture.failedFuture(e);
    }
    return entries.future;
  }

  /** How one method is called: its request, with the observer of its answer. */
  private interface Method<Q, A> {
    void call(Q request, StreamObserver<A> answer);
  }

  private <Q, A, T> CompletableFuture<T> start(
      Supplier<Q> request, Function<A, T> toResult, Method<Q, A> method) {
    AnswerObserver<A, T> answer = connection.answer(toResult);
    try {
      method.call(request.get(), answer);
    } catch (ServiceException e) {
      return CompletableFuture.failedFuture(e);
    }
    return answer.future();
  }

  private PhonebookServiceStub stub() {
    return connection.withDeadline(stub);
  }

  /** Gathers a streamed list, then completes with all of it, or with the stream's failure. */
  private static final class EntriesObserver
      implements StreamObserver<org.netlab.proto.phonebook.v1.Entry> {
    private final GrpcConnection connection;
    private final List<Entry> entries = new ArrayList<>();
    private final CompletableFuture<List<Entry>> future = new CompletableFuture<>();

    EntriesObserver(GrpcConnection connection) {
      this.connection = connection;
    }

    @Override
    public void onNext(org.netlab.proto.phonebook.v1.Entry message) {
      entries.add(PhonebookMessages.entry(message));
    }

    @Override
    public void onError(Throwable failure) {
      future.completeExceptionally(connection.failure(failure));
    }

    @Override
    public void onCompleted() {
      future.complete(List.copyOf(entries));
    }
  }
}
