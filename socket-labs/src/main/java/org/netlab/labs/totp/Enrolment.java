package org.netlab.labs.totp;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One id's TOTP secret, as the check-in server knows it. In a secrets file it is one line: {@code
 * id secret algorithm digits period}, e.g. {@code 42 GEZD... SHA1 6 30}.
 */
public record Enrolment(String id, OtpSecret secret, OtpParameters parameters) {
  /** Ids are 1 to 32 letters, digits, dots, dashes or underscores (a student number). */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

  public Enrolment {
    id = validId(id);
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(parameters, "parameters");
  }

  /** Returns the id, or throws saying what a valid id is. */
  public static String validId(String id) {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id must be 1 to 32 letters, digits, '.', '-' or '_'");
    }
    return id;
  }

  /** The line of a secrets file, without terminator. */
  public String toLine() {
    return String.join(
        " ",
        id,
        secret.base32(),
        parameters.algorithm().uriName(),
        Integer.toString(parameters.digits()),
        Long.toString(parameters.period().getSeconds()));
  }

  /**
   * Parses a line written by {@link #toLine()}.
   *
   * @throws IllegalArgumentException saying which field is wrong; never quoting the secret
   */
  public static Enrolment parse(String line) {
    String[] fields = line.strip().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "expected 5 fields (id secret algorithm digits period), found " + fields.length);
    }
    OtpSecret secret = OtpSecret.fromBase32(fields[1]);
    HmacAlgorithm algorithm = HmacAlgorithm.parse(fields[2]);
    int digits;
    long period;
    try {
      digits = Integer.parseInt(fields[3]);
      period = Long.parseLong(fields[4]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("digits and period must be whole numbers");
    }
    return new Enrolment(
        fields[0], secret, new OtpParameters(algorithm, digits, Duration.ofSeconds(period)));
  }
}
