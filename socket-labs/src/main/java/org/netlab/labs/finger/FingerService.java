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
      return listAllowed ? list(query, directory.loggedIn()) : LIST_REFUSED;
    }
    return user(query, directory.find(query.user()));
  }

  /**
   * The answer {@link #answer} would give, when the directory can tell it from memory alone; null
   * when it would have to read or look at a file.
   */
  public Reply answerInMemory(FingerQuery query) {
    if (query.isForwarding()) {
      throw new IllegalArgumentException("forwarding query given to the local service");
    }
    if (query.isList()) {
      if (!listAllowed) {
        return LIST_REFUSED;
      }
      List<Account> accounts = directory.loggedInInMemory();
      return accounts == null ? null : list(query, accounts);
    }
    List<Account> found = directory.findInMemory(query.user());
    return found == null ? null : user(query, found);
  }

  private static final Reply LIST_REFUSED =
      new Reply(Outcome.LIST_REFUSED, "finger: user listing denied\n");

  private static Reply list(FingerQuery query, List<Account> accounts) {
    String text =
        query.longForm() && !accounts.isEmpty()
            ? FingerReport.accounts(accounts, true)
            : FingerReport.list(accounts);
    return new Reply(Outcome.ANSWERED, text);
  }

  private static Reply user(FingerQuery query, List<Account> found) {
    if (found.isEmpty()) {
      return new Reply(Outcome.NO_SUCH_USER, "finger: " + query.user() + ": no such user\n");
    }
    return new Reply(Outcome.ANSWERED, FingerReport.accounts(found, query.longForm()));
  }
}
