package org.netlab.rpc.client.xmlrpc;

/**
 * One attempt of a call that failed: the error its caller would see, and what kind of failure it
 * was, which decides whether the call is tried again ({@link XmlRpcRetryRule}).
 */
final class FailedAttempt extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient RuntimeException error;
  private final XmlRpcRetryRule.Failure failure;

  FailedAttempt(RuntimeException error, XmlRpcRetryRule.Failure failure) {
    // No stack trace of its own: the error carries the one that matters.
    super(error.getMessage(), error, false, false);
    this.error = error;
    this.failure = failure;
  }

  /** The {@link org.netlab.domain.ServiceException} or transport error, thrown unchanged. */
  RuntimeException error() {
    return error;
  }

  XmlRpcRetryRule.Failure failure() {
    return failure;
  }
}
