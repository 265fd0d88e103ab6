package org.netlab.rpc.client.xmlrpc;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into one array of at most a number of bytes: a larger body, announced by its
 * {@code Content-Length} or found while reading, fails the call with {@link TooLarge} and closes
 * the connection, so that a hostile or broken server cannot fill the client's memory.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
  /** A body over the limit. */
  static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    TooLarge(int maxBytes) {
      super("the answer is larger than the limit of " + maxBytes + " bytes");
    }
  }

  private final int maxBytes;
  private final long declaredLength;
  private final CompletableFuture<byte[]> body = new CompletableFuture<>();
  private Flow.Subscription subscription;
  private byte[] bytes;
  private int size;

  private LimitedBody(int maxBytes, long declaredLength) {
    this.maxBytes = maxBytes;
    this.declaredLength = declaredLength;
  }

  /** Bodies of at most {@code maxBytes}, whatever the status. */
  static HttpResponse.BodyHandler<byte[]> handler(int maxBytes) {
    return response ->
        new LimitedBody(maxBytes, response.headers().firstValueAsLong("Content-Length").orElse(-1));
  }

  @Override
  public void onSubscribe(Flow.Subscription subscription) {
    this.subscription = subscription;
    if (declaredLength > maxBytes) {
      subscription.cancel();
      body.completeExceptionally(new TooLarge(maxBytes));
      return;
    }
    bytes = new byte[declaredLength >= 0 ? (int) declaredLength : 1024];
    subscription.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> buffers) {
    if (body.isDone()) {
      return;
    }
    for (ByteBuffer buffer : buffers) {
      int count = buffer.remaining();
      if (count > maxBytes - size) {
        subscription.cancel();
        body.completeExceptionally(new TooLarge(maxBytes));
        return;
      }
      if (size + count > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.min(maxBytes, Math.max(size + count, 2 * bytes.length)));
      }
      buffer.get(bytes, size, count);
      size += count;
    }
  }

  @Override
  public void onError(Throwable failure) {
    body.completeExceptionally(failure);
  }

  @Override
  public void onComplete() {
    if (body.isDone()) {
      return;
    }
    body.complete(size == bytes.length ? bytes : Arrays.copyOf(bytes, size));
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return body;
  }
}
