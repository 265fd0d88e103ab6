package org.netlab.access;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The one table of who may do what. Each operation needs a least role; anonymous callers may do
 * what {@link AnonymousAccess} allows, and nothing that changes data.
 *
 * <pre>
 * operation         anonymous     reader  writer  admin
 * CALCULATE         yes (1)       yes     yes     yes
 * DESCRIBE          yes (1)       yes     yes     yes
 * READ_PHONEBOOK    -             yes     yes     yes
 * WRITE_PHONEBOOK   -             -       yes     yes
 * CLEAR_PHONEBOOK   -             -       -       yes
 * MANAGE_TOKENS     -             -       -       yes
 * READ_METRICS      - (2)         yes     yes     yes
 * (1) unless the server runs with --anonymous none
 * (2) unless the server runs with --metrics-public, which skips the check
 * </pre>
 */
public final class AccessPolicy {
  private static final Map<Operation, Role> LEAST_ROLE = new EnumMap<>(Operation.class);

  static {
    LEAST_ROLE.put(Operation.CALCULATE, Role.READER);
    LEAST_ROLE.put(Operation.DESCRIBE, Role.READER);
    LEAST_ROLE.put(Operation.READ_PHONEBOOK, Role.READER);
    LEAST_ROLE.put(Operation.WRITE_PHONEBOOK, Role.WRITER);
    LEAST_ROLE.put(Operation.CLEAR_PHONEBOOK, Role.ADMIN);
    LEAST_ROLE.put(Operation.MANAGE_TOKENS, Role.ADMIN);
    // Counts and times only, no personal data: any known caller may read them.
    LEAST_ROLE.put(Operation.READ_METRICS, Role.READER);
  }

  private final AnonymousAccess anonymous;

  public AccessPolicy(AnonymousAccess anonymous) {
    this.anonymous = Objects.requireNonNull(anonymous, "anonymous");
  }

  /** The least role that may do {@code operation}. */
  public static Role leastRole(Operation operation) {
    return LEAST_ROLE.get(operation);
  }

  /** Whether a caller with {@code role} may do {@code operation}. */
  public boolean permits(Role role, Operation operation) {
    return role.includes(leastRole(operation));
  }

  /** Whether a caller with no identity may do {@code operation}. */
  public boolean permitsAnonymous(Operation operation) {
    return anonymous == AnonymousAccess.CALCULATOR
        && (operation == Operation.CALCULATE || operation == Operation.DESCRIBE);
  }

  public AnonymousAccess anonymous() {
    return anonymous;
  }
}
