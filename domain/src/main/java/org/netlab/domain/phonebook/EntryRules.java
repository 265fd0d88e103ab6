package org.netlab.domain.phonebook;

import java.util.Locale;
import org.netlab.domain.ServiceException;

/**
 * The rules for names and numbers. Each check returns the trimmed value or throws an {@code
 * INVALID_ARGUMENT} {@link ServiceException} that says which field is wrong and why.
 */
public final class EntryRules {
  public static final int MAX_NAME_LENGTH = 100;
  public static final int MIN_NUMBER_DIGITS = 3;
  public static final int MAX_NUMBER_DIGITS = 20;

  /** Digits plus separators; bounds what a store must hold. */
  public static final int MAX_NUMBER_LENGTH = 40;

  private EntryRules() {}

  /**
   * Returns the trimmed name, 1 to 100 characters without control characters, lone surrogates or
   * noncharacters.
   */
  public static String name(String name) {
    if (name == null) {
      throw ServiceException.invalidArgument("name is missing");
    }
    String trimmed = name.strip();
    if (trimmed.isEmpty()) {
      throw ServiceException.invalidArgument("name must not be empty");
    }
    int length = trimmed.codePointCount(0, trimmed.length());
    if (length > MAX_NAME_LENGTH) {
      throw ServiceException.invalidArgument(
          "name is " + length + " characters long; the limit is " + MAX_NAME_LENGTH);
    }
    rejectUnusableCharacters("name", trimmed);
    return trimmed;
  }

  /**
   * Returns the trimmed number: digits with an optional leading '+', spaces, dots, dashes and
   * parentheses allowed, 3 to 20 digits in all.
   */
  public static String number(String number) {
    if (number == null) {
      throw ServiceException.invalidArgument("number is missing");
    }
    String trimmed = number.strip();
    if (trimmed.isEmpty()) {
      throw ServiceException.invalidArgument("number must not be empty");
    }
    if (trimmed.length() > MAX_NUMBER_LENGTH) {
      throw ServiceException.invalidArgument(
          "number is " + trimmed.length() + " characters long; the limit is " + MAX_NUMBER_LENGTH);
    }
    int digits = 0;
    for (int i = 0; i < trimmed.length(); i++) {
      char c = trimmed.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '+') {
        if (i != 0) {
          throw ServiceException.invalidArgument("number may hold '+' only as its first character");
        }
      } else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') {
        throw ServiceException.invalidArgument(
            "number may hold only digits, a leading '+', spaces, dots, dashes and"
                + " parentheses; found "
                + describe(trimmed.codePointAt(i)));
      }
    }
    if (digits < MIN_NUMBER_DIGITS || digits > MAX_NUMBER_DIGITS) {
      throw ServiceException.invalidArgument(
          "number must hold "
              + MIN_NUMBER_DIGITS
              + " to "
              + MAX_NUMBER_DIGITS
              + " digits; it holds "
              + digits);
    }
    return trimmed;
  }

  /** Returns a name prefix for listing: empty (all names) or at most 100 characters. */
  public static String prefix(String prefix) {
    if (prefix == null || prefix.isEmpty()) {
      return "";
    }
    int length = prefix.codePointCount(0, prefix.length());
    if (length > MAX_NAME_LENGTH) {
      throw ServiceException.invalidArgument(
          "prefix is " + length + " characters long; the limit is " + MAX_NAME_LENGTH);
    }
    rejectUnusableCharacters("prefix", prefix);
    return prefix.stripLeading();
  }

  /** The key under which names are unique: the name ignoring case. */
  public static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Refuses control characters, and what no protocol can carry as text: a lone surrogate (not
   * Unicode at all) or a noncharacter (U+FFFE, U+FDD0... reserved never to be exchanged).
   */
  private static void rejectUnusableCharacters(String field, String value) {
    for (int i = 0; i < value.length(); ) {
      int c = value.codePointAt(i);
      i += Character.charCount(c);
      if (Character.isISOControl(c)) {
        throw ServiceException.invalidArgument(
            field + " must not contain control characters; found " + describe(c));
      }
      if (c <= Character.MAX_VALUE && Character.isSurrogate((char) c)) {
        throw ServiceException.invalidArgument(
            field + String.format(" must not contain a lone surrogate; found U+%04X", c));
      }
      if ((c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) {
        throw ServiceException.invalidArgument(
            field + String.format(" must not contain a noncharacter; found U+%04X", c));
      }
    }
  }

  private static String describe(int codePoint) {
    if (Character.isISOControl(codePoint) || Character.isWhitespace(codePoint)) {
      return String.format("U+%04X", codePoint);
    }
    return "'" + Character.toString(codePoint) + "'";
  }
}
