package org.netlab.rpc.server.grpc;

import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Exception;
import java.time.Duration;
import java.util.List;
import java.util.logging.Filter;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.netlab.rpc.server.RateLimitedLog;
import org.slf4j.LoggerFactory;

/**
 * What clients do wrong, on purpose or not, and clients that hang up, logged in one line each at
 * most, rate-limited, and never with a stack trace: stack traces are for our own defects.
 *
 * <p>grpc-java logs such events through java.util.logging with a stack trace each: a stream past
 * the per-connection limit as {@code WARNING: Stream Error} from {@code NettyServerHandler}, each
 * call still open when its client goes away as another, a message over the size limit as {@code
 * Exception processing message} from {@code NettyServerStream}, a connection closed for breaking
 * the rules (too many resets) as {@code Transport failed} from {@code
 * NettyServerTransport.connections}; 500 hostile calls made 2.4 MB of log. (It already logs plain
 * I/O errors and failed TLS handshakes at FINE.) {@link #install()} puts a filter on those loggers
 * that turns such records into our lines; every other record (gRPC's own failures, exceptions in
 * our code) passes unchanged.
 */
final class ClientEventLog {
  private static final org.slf4j.Logger log = LoggerFactory.getLogger(ClientEventLog.class);
  private static final Duration WINDOW = Duration.ofSeconds(1);

  /** Client mistakes and attacks: a few lines a second, so a burst shows its kind. */
  private static final RateLimitedLog CLIENT_ERRORS =
      new RateLimitedLog(log, "client errors", 5, WINDOW);

  /** Clients leaving with calls open are normal: one line a second, the rest counted. */
  private static final RateLimitedLog HANG_UPS =
      new RateLimitedLog(log, "calls abandoned by their client", 1, WINDOW);

  // grpc-netty-shaded's loggers, named after its relocated classes. JUL holds loggers weakly:
  // these references keep them, and so their filters, alive.
  private static final String NETTY_PACKAGE = NettyServerBuilder.class.getPackageName();
  private static final Logger STREAMS = Logger.getLogger(NETTY_PACKAGE + ".NettyServerHandler");
  private static final Logger MESSAGES = Logger.getLogger(NETTY_PACKAGE + ".NettyServerStream");
  private static final Logger CONNECTIONS =
      Logger.getLogger(NETTY_PACKAGE + ".NettyServerTransport.connections");

  private static boolean installed;

  private ClientEventLog() {}

  /** Filters gRPC's transport loggers for this JVM; calling it again does nothing. */
  static synchronized void install() {
    if (installed) {
      return;
    }
    installed = true;
    for (Logger logger : List.of(STREAMS, MESSAGES, CONNECTIONS)) {
      Filter previous = logger.getFilter();
      logger.setFilter(
          record ->
              !rewritten(logger, record) && (previous == null || previous.isLoggable(record)));
    }
  }

  /** A request whose message could not be parsed was refused. */
  static void malformedRequest(String line) {
    CLIENT_ERRORS.info(line);
  }

  /** Logs our line for a client-caused record and returns true, or returns false. */
  private static boolean rewritten(Logger logger, LogRecord record) {
    Throwable thrown = record.getThrown();
    if (thrown == null) {
      return false;
    }
    if (logger == STREAMS && "Stream Error".equals(record.getMessage())) {
      Http2Error error = thrown instanceof Http2Exception http2 ? http2.error() : null;
      if (error == Http2Error.STREAM_CLOSED || error == Http2Error.CANCEL) {
        HANG_UPS.info("a client went away with a call open: " + thrown.getMessage());
      } else {
        CLIENT_ERRORS.info("HTTP/2 stream error from a client: " + oneLine(thrown));
      }
      return true;
    }
    // Messages too large, compressed without a compressor or with a bad frame header; any other
    // exception here is a defect and keeps its trace.
    if (logger == MESSAGES && thrown instanceof StatusRuntimeException refusal) {
      CLIENT_ERRORS.info("refused a message from a client: " + refusal.getMessage());
      return true;
    }
    if (logger == CONNECTIONS && "Transport failed".equals(record.getMessage())) {
      CLIENT_ERRORS.info("closed a client's connection: " + oneLine(thrown));
      return true;
    }
    return false;
  }

  /** The innermost cause's type and message: what went wrong, without the trace. */
  private static String oneLine(Throwable thrown) {
    Throwable root = thrown;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    // gRPC throws anonymous subclasses (too_many_rststreams): name the class they extend.
    Class<?> type = root.getClass();
    while (type.getSimpleName().isEmpty()) {
      type = type.getSuperclass();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return (type.getSimpleName() + message).replaceAll("[\\r\\n]+", " ");
  }
}
