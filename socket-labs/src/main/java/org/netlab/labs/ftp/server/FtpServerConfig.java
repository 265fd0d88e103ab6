package org.netlab.labs.ftp.server;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.netlab.labs.ftp.FtpPorts;

/**
 * Everything an {@link FtpServer} is configured with. Build one with {@link #builder}; the defaults
 * are the safe ones (loopback, anonymous read-only, no TLS requirement).
 *
 * @param passivePorts null lets the system pick any free port
 * @param tls null disables AUTH TLS; make it with {@link FtpsContexts#forServer}, since protected
 *     data connections must resume their control connection's session
 * @param syncUploads whether an upload, and any other change to the tree, reaches the disk (fsync
 *     of the file and of its directory) before its reply
 */
public record FtpServerConfig(
    Path root,
    InetSocketAddress bind,
    boolean anonymousEnabled,
    boolean anonymousWritable,
    UserDatabase users,
    PortRange passivePorts,
    int maxSessions,
    int maxSessionsPerAddress,
    Duration idleTimeout,
    Duration lineTimeout,
    Duration dataTimeout,
    Duration loginFailureDelay,
    SSLContext tls,
    boolean requireTls,
    boolean syncUploads) {
  public static final int DEFAULT_PORT = FtpPorts.DEFAULT;

  /** Wrong passwords allowed in one session; the next one closes it (421). */
  public static final int MAX_LOGIN_FAILURES = 3;

  public FtpServerConfig {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(users, "users");
    if (maxSessions < 1 || maxSessionsPerAddress < 1) {
      throw new IllegalArgumentException("session caps must be at least 1");
    }
    for (Duration d : new Duration[] {idleTimeout, lineTimeout, dataTimeout}) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("timeouts must be positive");
      }
    }
    if (loginFailureDelay.isNegative()) {
      throw new IllegalArgumentException("loginFailureDelay must not be negative");
    }
    if (requireTls && tls == null) {
      throw new IllegalArgumentException("requireTls needs a TLS context");
    }
  }

  public static Builder builder(Path root) {
    return new Builder(root);
  }

  /** Builder with the defaults of {@code bin/ftpd}. */
  public static final class Builder {
    private final Path root;
    private InetSocketAddress bind =
        new InetSocketAddress(InetAddress.getLoopbackAddress(), DEFAULT_PORT);
    private boolean anonymousEnabled = true;
    private boolean anonymousWritable;
    private UserDatabase users = UserDatabase.empty();
    private PortRange passivePorts;
    private int maxSessions = 200;
    private int maxSessionsPerAddress = 100;
    private Duration idleTimeout = Duration.ofSeconds(300);
    private Duration lineTimeout = Duration.ofSeconds(30);
    private Duration dataTimeout = Duration.ofSeconds(30);
    private Duration loginFailureDelay = Duration.ofSeconds(1);
    private SSLContext tls;
    private boolean requireTls;
    private boolean syncUploads = true;

    private Builder(Path root) {
      this.root = root;
    }

    public Builder bind(InetSocketAddress bind) {
      this.bind = bind;
      return this;
    }

    public Builder anonymous(boolean enabled, boolean writable) {
      this.anonymousEnabled = enabled;
      this.anonymousWritable = writable;
      return this;
    }

    public Builder users(UserDatabase users) {
      this.users = users;
      return this;
    }

    public Builder passivePorts(PortRange passivePorts) {
      this.passivePorts = passivePorts;
      return this;
    }

    public Builder maxSessions(int total, int perAddress) {
      this.maxSessions = total;
      this.maxSessionsPerAddress = perAddress;
      return this;
    }

    public Builder idleTimeout(Duration idleTimeout) {
      this.idleTimeout = idleTimeout;
      return this;
    }

    /** How long a command line may take to come whole once its first byte is in. */
    public Builder lineTimeout(Duration lineTimeout) {
      this.lineTimeout = lineTimeout;
      return this;
    }

    public Builder dataTimeout(Duration dataTimeout) {
      this.dataTimeout = dataTimeout;
      return this;
    }

    public Builder loginFailureDelay(Duration loginFailureDelay) {
      this.loginFailureDelay = loginFailureDelay;
      return this;
    }

    public Builder tls(SSLContext tls, boolean required) {
      this.tls = tls;
      this.requireTls = required;
      return this;
    }

    public Builder syncUploads(boolean syncUploads) {
      this.syncUploads = syncUploads;
      return this;
    }

    public FtpServerConfig build() {
      return new FtpServerConfig(
          root,
          bind,
          anonymousEnabled,
          anonymousWritable,
          users,
          passivePorts,
          maxSessions,
          maxSessionsPerAddress,
          idleTimeout,
          lineTimeout,
          dataTimeout,
          loginFailureDelay,
          tls,
          requireTls,
          syncUploads);
    }
  }
}
