package org.netlab.domain;

/**
 * Why a service refused a call. Every transport maps these codes one to one, so a client sees the
 * same code whichever protocol carried the call.
 */
public enum ErrorCode {
  /** The caller sent a value that breaks a rule; the message names the field. */
  INVALID_ARGUMENT,
  /** The named thing does not exist. */
  NOT_FOUND,
  /** The thing to create exists already. */
  ALREADY_EXISTS,
  /** The caller did not prove who it is. */
  UNAUTHENTICATED,
  /** The caller is known but not allowed to do this. */
  PERMISSION_DENIED,
  /** The caller has used up its share (calls per second, failed sign-ins); waiting works. */
  RESOURCE_EXHAUSTED,
  /** A resource the service needs is out of reach for now; retrying may work. */
  UNAVAILABLE,
  /** An unexpected failure; the message is generic and the details are logged. */
  INTERNAL
}
