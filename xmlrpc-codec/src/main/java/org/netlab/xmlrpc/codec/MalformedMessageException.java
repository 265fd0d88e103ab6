package org.netlab.xmlrpc.codec;

/**
 * An XML-RPC message that could not be read: not well-formed XML, a DOCTYPE, nesting over the
 * limit, a body in an encoding not read, or a body that could not be read at all. The message says
 * what went wrong and, where known, at which line and column; it never quotes more of the body.
 */
public final class MalformedMessageException extends Exception {
  private static final long serialVersionUID = 1L;

  MalformedMessageException(String detail) {
    super(detail);
  }
}
