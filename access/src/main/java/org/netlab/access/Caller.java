package org.netlab.access;

import java.util.Objects;

/**
 * Who made a call, once the server has checked it.
 *
 * @param name the token's or certificate's name; {@code anonymous} for a caller without identity
 * @param role what the caller may do; null for an anonymous caller, and for a certificate that no
 *     role is given to
 * @param proof how the caller proved who it is
 */
public record Caller(String name, Role role, Proof proof) {
  /** How a caller proved who it is. */
  public enum Proof {
    TOKEN,
    CERTIFICATE,
    /** Nothing: the caller showed no identity. */
    NONE,
    /** Nothing was asked: the server runs with {@code --auth none}. */
    UNCHECKED
  }

  /** The caller who showed no identity. */
  public static final Caller ANONYMOUS = new Caller("anonymous", null, Proof.NONE);

  /** Every caller of a server that checks nothing: it may do anything. */
  public static final Caller UNCHECKED = new Caller("anyone", Role.ADMIN, Proof.UNCHECKED);

  public Caller {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(proof, "proof");
  }

  public boolean anonymous() {
    return proof == Proof.NONE;
  }

  /** How logs and the audit trail name the caller: {@code token:alice}, {@code cert:bob}. */
  public String label() {
    return switch (proof) {
      case TOKEN -> "token:" + name;
      case CERTIFICATE -> "cert:" + name;
      case NONE -> "anonymous";
      case UNCHECKED -> "unchecked";
    };
  }
}
