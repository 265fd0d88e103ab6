package org.netlab.labs.chat;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.SpoofChecker.RestrictionLevel;
import com.ibm.icu.text.UnicodeSet;
import java.util.regex.Pattern;

/**
 * A name in the chat room: 1 to {@value #MAX_LENGTH} letters, digits, {@code - _ .}, kept in NFKC
 * form (a full-width {@code ａ} is an {@code a}). Names that only look alike are one name: the room
 * keys each name by its {@link #key() skeleton} (Unicode UTS #39), so {@code alıce} with a dotless
 * i, or {@code асе} in Cyrillic letters, cannot sit beside {@code alice} or {@code ace}. A name
 * must also be written in one script ({@code аlice} with a Cyrillic {@code а} is refused even when
 * no alice is there), with digits of one system, and only with characters recommended for
 * identifiers.
 */
public record Nick(String value) {
  public static final int MAX_LENGTH = 20;
  private static final Pattern VALID = Pattern.compile("[\\p{L}\\p{N}._-]{1," + MAX_LENGTH + "}");
  private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();

  /** Checks per UTS #39; used read-only after it is built, which ICU allows from many threads. */
  private static final SpoofChecker CHECKER =
      new SpoofChecker.Builder()
          .setRestrictionLevel(RestrictionLevel.HIGHLY_RESTRICTIVE)
          .setAllowedChars(
              new UnicodeSet(SpoofChecker.RECOMMENDED)
                  .addAll(SpoofChecker.INCLUSION)
                  .addAll("._-")
                  .freeze())
          .setChecks(
              SpoofChecker.RESTRICTION_LEVEL
                  | SpoofChecker.MIXED_NUMBERS
                  | SpoofChecker.INVISIBLE
                  | SpoofChecker.CHAR_LIMIT)
          .build();

  public Nick {
    if (value == null) {
      throw new IllegalArgumentException(
          "a name is 1 to " + MAX_LENGTH + " letters, digits, '-', '_' or '.'");
    }
    value = NFKC.normalize(value);
    if (!VALID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "a name is 1 to " + MAX_LENGTH + " letters, digits, '-', '_' or '.'");
    }
    SpoofChecker.CheckResult result = new SpoofChecker.CheckResult();
    if (CHECKER.failsChecks(value, result)) {
      throw new IllegalArgumentException(refusal(result.checks));
    }
  }

  private static String refusal(int failed) {
    if ((failed & SpoofChecker.RESTRICTION_LEVEL) != 0) {
      return "a name must be written in one script (Latin may go with Han, Hiragana, Katakana,"
          + " Hangul or Bopomofo)";
    }
    if ((failed & SpoofChecker.MIXED_NUMBERS) != 0) {
      return "a name must not mix digits of different systems";
    }
    if ((failed & SpoofChecker.INVISIBLE) != 0) {
      return "a name must not stack invisible marks";
    }
    return "a name must use only characters recommended for identifiers (Unicode UTS #39)";
  }

  /**
   * The key under which the room keeps this name: the confusable skeleton of its case folding, the
   * same for names that differ only in case or in characters that look alike.
   */
  String key() {
    return CHECKER.getSkeleton(UCharacter.foldCase(value, true));
  }

  /**
   * Whether the two names could be taken for one another: the same {@link #key()}, or the same
   * skeleton as written, which catches what case folding hides ({@code bobI} with a capital i
   * beside {@code bob1}).
   */
  boolean looksLike(Nick other) {
    return key().equals(other.key())
        || CHECKER.getSkeleton(value).equals(CHECKER.getSkeleton(other.value));
  }

  /** Whether this is {@code other} but for case, as opposed to a look-alike of it. */
  boolean sameIgnoringCase(Nick other) {
    return UCharacter.foldCase(value, true).equals(UCharacter.foldCase(other.value, true));
  }

  @Override
  public String toString() {
    return value;
  }
}
