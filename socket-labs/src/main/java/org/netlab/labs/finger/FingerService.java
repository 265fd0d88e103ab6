package org.netlab.labs.finger;

import java.io.IOException;
import java.util.List;

/**
 * Answers local finger queries from a user directory. It knows nothing of sockets: forwarding is
 * the connection handler's business.
 */
public final class FingerService {
  private final UserDirectory directory;
  private final boolean listAllowed;

  /**
   * @param directory where users come from
   * @param listAllowed false to refuse the user list ({@code {C}} queries)
   */
  public FingerService(UserDirectory directory, boolean listAllowed) {
    this.directory = directory;
    this.listAllowed = listAllowed;
  }

  /** An answer: how it went, and the text (LF line ends) to send. */
  public record Reply(Outcome outcome, String text) {}

  /**
   * Answers a query that does not forward.
   *
   * @throws IOException when the directory cannot be read
   */
  public Reply answer(FingerQuery query) throws IOException {
    if (query.isForwarding()) {
      throw new IllegalArgumentException("forwarding query given to the local service");
    }
    if (query.isList()) {
      if (!listAllowed) {
        return new Reply(Outcome.LIST_REFUSED, "finger: user listing denied\n");
      }
      List<Account> accounts = directory.loggedIn();
      String text =
          query.longForm() && !accounts.isEmpty()
              ? FingerReport.accounts(accounts, true)
              : FingerReport.list(accounts);
      return new Reply(Outcome.ANSWERED, text);
    }
    List<Account> found = directory.find(query.user());
    if (found.isEmpty()) {
      return new Reply(Outcome.NO_SUCH_USER, "finger: " + query.user() + ": no such user\n");
    }
    return new Reply(Outcome.ANSWERED, FingerReport.accounts(found, query.longForm()));
  }
}
