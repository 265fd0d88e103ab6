package org.netlab.rpc.server.xmlrpc;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The two clocks of a connection. Between requests (and before the first) it may stay silent for
 * the idle timeout, then it is closed. Once a request's head has arrived, its body must arrive
 * within the request timeout, or the client is told 408 and the connection is closed. No clock runs
 * while a call is being answered: a slow call is the server's doing, not the client's.
 *
 * <p>A request head sent a byte at a time is bounded by the idle clock, which does not restart on
 * reads.
 */
final class ConnectionDeadlines extends ChannelDuplexHandler {
  private final long idleNanos;
  private final long requestNanos;
  private ScheduledFuture<?> deadline;

  /** Requests received in full and not answered yet (more than one when a client pipelines). */
  private int unanswered;

  /** Whether a request's head has arrived and its body has not yet ended. */
  private boolean receiving;

  ConnectionDeadlines(Duration idleTimeout, Duration requestTimeout) {
    this.idleNanos = idleTimeout.toNanos();
    this.requestNanos = requestTimeout.toNanos();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    awaitNextRequest(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    if (message instanceof HttpRequest) {
      receiving = true;
      schedule(
          ctx,
          requestNanos,
          () ->
              Refusal.send(
                  ctx,
                  HttpResponseStatus.REQUEST_TIMEOUT,
                  "the request did not arrive within "
                      + TimeUnit.NANOSECONDS.toSeconds(requestNanos)
                      + " s"));
    }
    if (message instanceof LastHttpContent) {
      receiving = false;
      unanswered++;
      cancel();
    }
    ctx.fireChannelRead(message);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object message, ChannelPromise promise) {
    if (message instanceof LastHttpContent) {
      promise = promise.unvoid();
      promise.addListener(
          (ChannelFutureListener)
              written -> {
                unanswered = Math.max(0, unanswered - 1);
                if (written.isSuccess() && unanswered == 0 && !receiving) {
                  awaitNextRequest(ctx);
                }
              });
    }
    ctx.write(message, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  private void awaitNextRequest(ChannelHandlerContext ctx) {
    schedule(ctx, idleNanos, ctx::close);
  }

  private void schedule(ChannelHandlerContext ctx, long nanos, Runnable onExpiry) {
    cancel();
    deadline = ctx.executor().schedule(onExpiry, nanos, TimeUnit.NANOSECONDS);
  }

  private void cancel() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
