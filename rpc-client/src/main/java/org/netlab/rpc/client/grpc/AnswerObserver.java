package org.netlab.rpc.client.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Receives the answer of one asynchronous unary call and completes {@link #future()} with its
 * result, or with the failure as our exceptions, as the blocking clients throw them.
 */
final class AnswerObserver<A, T> implements StreamObserver<A> {
  private final GrpcConnection connection;
  private final Function<A, T> toResult;
  private final CompletableFuture<T> future = new CompletableFuture<>();
  private A answer;

  AnswerObserver(GrpcConnection connection, Function<A, T> toResult) {
    this.connection = connection;
    this.toResult = toResult;
  }

  CompletableFuture<T> future() {
    return future;
  }

  @Override
  public void onNext(A value) {
    answer = value;
  }

  @Override
  public void onError(Throwable failure) {
    future.completeExceptionally(connection.failure(failure));
  }

  @Override
  public void onCompleted() {
    try {
      future.complete(toResult.apply(answer));
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
  }

  static StatusRuntimeException asStatusException(Throwable failure) {
    return failure instanceof StatusRuntimeException statusFailure
        ? statusFailure
        : Status.fromThrowable(failure).asRuntimeException(Status.trailersFromThrowable(failure));
  }
}
