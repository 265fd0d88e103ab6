package org.netlab.rpc.server.connect;

import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Refuses JSON nested deeper than a bound before any parser builds a tree of it: a megabyte of
 * {@code [} costs a linear scan here, not a parser's recursion. Brackets inside strings do not
 * count.
 */
final class JsonNesting {
  private JsonNesting() {}

  static void check(String json, int maxDepth) throws InvalidProtocolBufferException {
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < json.length(); i++) {
      char c = json.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        if (++depth > maxDepth) {
          throw new InvalidProtocolBufferException(
              "the JSON nests deeper than " + maxDepth + " levels");
        }
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
  }
}
