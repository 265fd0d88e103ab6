package org.netlab.rpc.server.http;

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
 *
 * <p>Requests only move a deadline; a single timer per connection checks it when due and sets
 * itself again if the deadline has moved on, so calls do not schedule and cancel a timer each.
 */
final class ConnectionDeadlines extends ChannelDuplexHandler {
  private static final long NONE = Long.MAX_VALUE;

  private final long idleNanos;
  private final long requestNanos;

  private ChannelHandlerContext ctx;

  /** When the current wait expires, by {@link System#nanoTime()}; {@link #NONE} while answering. */
  private long deadline = NONE;

  /** Whether the current wait is for a request's body (else for a next request). */
  private boolean receiving;

  /** Requests received in full and not answered yet (more than one when a client pipelines). */
  private int unanswered;

  private ScheduledFuture<?> timer;
  private long timerDue;

  ConnectionDeadlines(Duration idleTimeout, Duration requestTimeout) {
    this.idleNanos = idleTimeout.toNanos();
    this.requestNanos = requestTimeout.toNanos();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    this.ctx = ctx;
    awaitNextRequest();
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    if (message instanceof HttpRequest) {
      receiving = true;
      expireIn(requestNanos);
    }
    if (message instanceof LastHttpContent) {
      receiving = false;
      unanswered++;
      deadline = NONE;
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
                  awaitNextRequest();
                }
              });
    }
    ctx.write(message, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    deadline = NONE;
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
    super.channelInactive(ctx);
  }

  private void awaitNextRequest() {
    expireIn(idleNanos);
  }

  private void expireIn(long nanos) {
    deadline = System.nanoTime() + nanos;
    if (timer == null || deadline - timerDue < 0) {
      if (timer != null) {
        timer.cancel(false);
      }
      setTimer(deadline);
    }
  }

  private void setTimer(long due) {
    timerDue = due;
    timer = ctx.executor().schedule(this::check, due - System.nanoTime(), TimeUnit.NANOSECONDS);
  }

  private void check() {
    timer = null;
    if (deadline == NONE || !ctx.channel().isActive()) {
      return; // answering: the next wait sets the timer again
    }
    if (System.nanoTime() - deadline < 0) {
      setTimer(deadline);
      return;
    }
    if (receiving) {
      Refusal.send(
          ctx,
          HttpResponseStatus.REQUEST_TIMEOUT,
          "the request did not arrive within "
              + TimeUnit.NANOSECONDS.toSeconds(requestNanos)
              + " s");
    } else {
      ctx.close();
    }
  }
}
