package org.netlab.rpc.server.http;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.AttributeKey;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Caps the connections open at once, in all and from one client address: one over a cap is closed
 * as soon as it is accepted, before any TLS handshake spends CPU on it. The cap per address keeps
 * one client from taking every connection while others wait.
 */
@ChannelHandler.Sharable
final class ConnectionLimit extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ConnectionLimit.class);

  /** At most one warning a minute, so that a flood of connections does not flood the log. */
  private static final long WARNING_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  /** The address a channel was counted under, so that it is counted out under the same one. */
  private static final AttributeKey<InetAddress> COUNTED =
      AttributeKey.valueOf(ConnectionLimit.class, "counted");

  private final int maxConnections;
  private final int maxPerAddress;
  private final AtomicInteger open = new AtomicInteger();
  private final ConcurrentHashMap<InetAddress, Integer> openByAddress = new ConcurrentHashMap<>();
  private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);

  ConnectionLimit(int maxConnections, int maxPerAddress) {
    this.maxConnections = maxConnections;
    this.maxPerAddress = maxPerAddress;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    if (open.incrementAndGet() > maxConnections) {
      warn(ctx, maxConnections + " are open already");
      ctx.close();
      return;
    }
    InetAddress client = addressOf(ctx.channel().remoteAddress());
    if (client != null) {
      ctx.channel().attr(COUNTED).set(client);
      if (openByAddress.merge(client, 1, Integer::sum) > maxPerAddress) {
        warn(ctx, maxPerAddress + " are open from that address already");
        ctx.close();
        return;
      }
    }
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    open.decrementAndGet();
    InetAddress client = ctx.channel().attr(COUNTED).getAndSet(null);
    if (client != null) {
      openByAddress.computeIfPresent(client, (address, count) -> count == 1 ? null : count - 1);
    }
    ctx.fireChannelInactive();
  }

  /** Connections open now, those over a cap included until they are closed. */
  int open() {
    return open.get();
  }

  private void warn(ChannelHandlerContext ctx, String why) {
    long now = System.nanoTime();
    long last = lastWarning.get();
    if (now - last >= WARNING_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
      log.warn(
          "refusing connections (from {} and maybe others): {}",
          ctx.channel().remoteAddress(),
          why);
    }
  }

  private static InetAddress addressOf(SocketAddress remote) {
    return remote instanceof InetSocketAddress inet ? inet.getAddress() : null;
  }
}
