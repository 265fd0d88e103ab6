package org.netlab.labs.totp;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a student sends: a name (for the record), the enrolled id and the current code. Valid by
 * construction; messages say which field is wrong and why.
 */
public record CheckInRequest(String name, String id, String otp) {
  public static final int MAX_NAME_CHARACTERS = 64;
  private static final Pattern OTP = Pattern.compile("[0-9]{6,8}");

  public CheckInRequest {
    name = validName(name);
    id = Enrolment.validId(id);
    Objects.requireNonNull(otp, "otp");
    if (!OTP.matcher(otp).matches()) {
      throw new IllegalArgumentException("code must be 6 to 8 digits");
    }
  }

  private static String validName(String name) {
    Objects.requireNonNull(name, "name");
    String stripped = name.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException("name must not be empty");
    }
    if (stripped.codePointCount(0, stripped.length()) > MAX_NAME_CHARACTERS) {
      throw new IllegalArgumentException(
          "name must be at most " + MAX_NAME_CHARACTERS + " characters");
    }
    if (stripped.indexOf(CheckInProtocol.SEPARATOR) >= 0) {
      throw new IllegalArgumentException("name must not contain '&'");
    }
    if (stripped
        .codePoints()
        .anyMatch(
            c ->
                Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT
                    || Character.getType(c) == Character.LINE_SEPARATOR
                    || Character.getType(c) == Character.PARAGRAPH_SEPARATOR)) {
      throw new IllegalArgumentException("name must not contain control characters");
    }
    return stripped;
  }
}
