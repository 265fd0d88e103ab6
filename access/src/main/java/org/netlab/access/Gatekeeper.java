package org.netlab.access;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.netlab.domain.ServiceException;

/**
 * Decides, for every call of every transport, who the caller is and whether it may go on: the one
 * place where tokens, client certificates, the {@link AccessPolicy} and the rate limits are
 * applied. Transports only find the {@link Credentials} and map methods to {@link Operation}s.
 */
public final class Gatekeeper {
  private static final String NEEDS_IDENTITY =
      " needs an identity: a token ('authorization: Bearer TOKEN', or HTTP Basic with the token"
          + " as password) or a client certificate";

  private final boolean checking;
  private final AccessSettings settings;
  private final TokenCache tokens;
  private final Clock clock;
  private final Consumer<String> failureLog;
  private final Buckets<String> calls;
  private final Buckets<Optional<InetAddress>> failures;

  /**
   * @param failureLog where one line per failed authentication goes (never the token); the caller
   *     rate-limits it
   */
  public Gatekeeper(
      AccessSettings settings, TokenStore tokens, Clock clock, Consumer<String> failureLog) {
    this(true, settings, tokens, clock, failureLog);
  }

  private Gatekeeper(
      boolean checking,
      AccessSettings settings,
      TokenStore tokens,
      Clock clock,
      Consumer<String> failureLog) {
    this.checking = checking;
    this.settings = Objects.requireNonNull(settings, "settings");
    this.tokens = new TokenCache(Objects.requireNonNull(tokens, "tokens"));
    this.clock = Objects.requireNonNull(clock, "clock");
    this.failureLog = Objects.requireNonNull(failureLog, "failureLog");
    this.calls = new Buckets<>(settings.perCaller(), 100_000);
    this.failures = new Buckets<>(settings.failedAuthentications(), 100_000);
  }

  /**
   * A gatekeeper that checks nothing and lets every call through as {@link Caller#UNCHECKED}: for
   * {@code --auth none}, and for tests of what lies behind it.
   */
  public static Gatekeeper unchecked() {
    return new Gatekeeper(
        false, AccessSettings.defaults(), NO_TOKENS, Clock.systemUTC(), line -> {});
  }

  private static final TokenStore NO_TOKENS =
      new TokenStore() {
        @Override
        public void create(TokenRecord token) {
          throw new UnsupportedOperationException("no token store");
        }

        @Override
        public Optional<TokenRecord> findByHash(String hash) {
          return Optional.empty();
        }

        @Override
        public List<TokenRecord> list() {
          return List.of();
        }

        @Override
        public boolean revoke(String name) {
          return false;
        }
      };

  /** Whether callers are checked at all. */
  public boolean checking() {
    return checking;
  }

  /** Identifies the caller, then {@link #authorize}s the call. */
  public Caller admit(Credentials credentials, Operation operation) {
    Caller caller = identify(credentials);
    authorize(caller, operation, credentials.source());
    return caller;
  }

  /**
   * Who showed {@code credentials}: the token's identity when a token is sent, else the
   * certificate's, else {@link Caller#ANONYMOUS}.
   *
   * @throws ServiceException UNAUTHENTICATED for a token that is unknown, revoked or expired;
   *     RESOURCE_EXHAUSTED when the address sent too many of those lately
   */
  public Caller identify(Credentials credentials) {
    if (!checking) {
      return Caller.UNCHECKED;
    }
    if (credentials.token() != null) {
      return tokenHolder(credentials.token(), credentials.source());
    }
    if (!credentials.certificateNames().isEmpty()) {
      List<String> names = credentials.certificateNames();
      return settings
          .certificateRoles()
          .roleOf(names)
          .map(named -> new Caller(named.getKey(), named.getValue(), Caller.Proof.CERTIFICATE))
          .orElseGet(() -> new Caller(names.get(0), null, Caller.Proof.CERTIFICATE));
    }
    return Caller.ANONYMOUS;
  }

  /**
   * Lets {@code caller} go on with {@code operation}, or refuses it.
   *
   * @throws ServiceException RESOURCE_EXHAUSTED over the caller's rate limit; UNAUTHENTICATED when
   *     an anonymous caller may not do this; PERMISSION_DENIED when the caller's role may not
   */
  public void authorize(Caller caller, Operation operation, InetAddress source) {
    if (!checking) {
      return;
    }
    if (caller.role() != Role.ADMIN) {
      // Refused calls count too: a caller cannot probe faster than it may call.
      String key = caller.anonymous() ? "address " + address(source) : caller.label();
      Duration wait = calls.take(key);
      if (!wait.isZero()) {
        throw ServiceException.resourceExhausted(
            "over the rate limit of "
                + settings.perCaller()
                + " calls for "
                + (caller.anonymous() ? "anonymous callers from " + address(source) : caller.name())
                + "; try again in "
                + millis(wait));
      }
    }
    if (caller.anonymous()) {
      if (!settings.policy().permitsAnonymous(operation)) {
        throw ServiceException.unauthenticated("to " + operation.description() + NEEDS_IDENTITY);
      }
      return;
    }
    if (caller.role() == null) {
      throw ServiceException.permissionDenied(
          "the client certificate of '"
              + caller.name()
              + "' has no role on this server; it may not "
              + operation.description());
    }
    if (!settings.policy().permits(caller.role(), operation)) {
      throw ServiceException.permissionDenied(
          "'"
              + caller.name()
              + "' ("
              + caller.role().label()
              + ") may not "
              + operation.description()
              + "; that needs the "
              + AccessPolicy.leastRole(operation).label()
              + " role");
    }
  }

  /** Forgets remembered token lookups; call it when a token is revoked through this server. */
  public void tokensChanged() {
    tokens.forgetAll();
  }

  private Caller tokenHolder(String token, InetAddress source) {
    Optional<InetAddress> from = Optional.ofNullable(source);
    Duration wait = failures.waitFor(from);
    if (!wait.isZero()) {
      throw ServiceException.resourceExhausted(
          "too many failed authentications from "
              + address(source)
              + "; try again in "
              + millis(wait));
    }
    Optional<TokenRecord> found = tokens.lookup(token);
    String problem;
    if (found.isEmpty()) {
      problem = "unknown or revoked token";
    } else if (found.get().expiredAt(clock.instant())) {
      problem = "expired token of '" + found.get().name() + "'";
    } else {
      return new Caller(found.get().name(), found.get().role(), Caller.Proof.TOKEN);
    }
    failures.take(from);
    failureLog.accept("authentication failed from " + address(source) + ": " + problem);
    throw ServiceException.unauthenticated("the token is not valid: unknown, revoked or expired");
  }

  private static String address(InetAddress source) {
    return source == null ? "this process" : source.getHostAddress();
  }

  private static String millis(Duration wait) {
    return Math.max(1, wait.toMillis()) + " ms";
  }
}
