package org.netlab.rpc.server.access;

import org.netlab.access.Credentials;
import org.netlab.access.InMemoryAuditTrail;
import org.netlab.access.InMemoryTokenStore;

/**
 * Access for tests of what lies behind the access check (codecs, limits, the store): nobody is
 * checked, as with {@code --auth none}. Tests of the check itself build a checking one.
 */
public final class TestAccess {
  private TestAccess() {}

  public static ServerAccess unchecked() {
    return ServerAccess.unchecked(new InMemoryTokenStore(), new InMemoryAuditTrail(1_000));
  }

  /** What an in-process caller shows: nothing. */
  public static Credentials noCredentials() {
    return Credentials.none(null);
  }
}
