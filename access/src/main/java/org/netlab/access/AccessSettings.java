package org.netlab.access;

import java.util.Objects;

/**
 * How a server checks its callers.
 *
 * @param policy who may do what, with what anonymous callers may do
 * @param perCaller calls each identity may make (each address, for anonymous callers); admins are
 *     not limited
 * @param failedAuthentications bad tokens each address may send before it must wait
 * @param certificateRoles the role of each client certificate name
 */
public record AccessSettings(
    AccessPolicy policy,
    RateLimit perCaller,
    RateLimit failedAuthentications,
    CertificateRoles certificateRoles) {
  /** Anonymous callers may calculate; 1,000 calls a second per caller; 10 bad tokens a minute. */
  public static final RateLimit DEFAULT_PER_CALLER = RateLimit.parse("1000/1s");

  public static final RateLimit DEFAULT_FAILED_AUTHENTICATIONS = RateLimit.parse("10/1m");

  public AccessSettings {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(perCaller, "perCaller");
    Objects.requireNonNull(failedAuthentications, "failedAuthentications");
    Objects.requireNonNull(certificateRoles, "certificateRoles");
  }

  public static AccessSettings defaults() {
    return new AccessSettings(
        new AccessPolicy(AnonymousAccess.CALCULATOR),
        DEFAULT_PER_CALLER,
        DEFAULT_FAILED_AUTHENTICATIONS,
        CertificateRoles.NONE);
  }

  public AccessSettings withPolicy(AccessPolicy other) {
    return new AccessSettings(other, perCaller, failedAuthentications, certificateRoles);
  }

  public AccessSettings withPerCaller(RateLimit other) {
    return new AccessSettings(policy, other, failedAuthentications, certificateRoles);
  }

  public AccessSettings withFailedAuthentications(RateLimit other) {
    return new AccessSettings(policy, perCaller, other, certificateRoles);
  }

  public AccessSettings withCertificateRoles(CertificateRoles other) {
    return new AccessSettings(policy, perCaller, failedAuthentications, other);
  }
}
