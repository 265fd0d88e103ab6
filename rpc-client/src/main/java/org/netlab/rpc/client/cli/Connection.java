package org.netlab.rpc.client.cli;

import java.util.Objects;

/**
 * A service client together with what releases it (a channel, an HTTP client). Closing twice is
 * safe when the release action is.
 *
 * @param <T> the domain interface the client implements
 */
public record Connection<T>(T service, Runnable release) implements AutoCloseable {
  public Connection {
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(release, "release");
  }

  @Override
  public void close() {
    release.run();
  }
}
