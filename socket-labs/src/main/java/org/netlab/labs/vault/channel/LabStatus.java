package org.netlab.labs.vault.channel;

import org.netlab.labs.vault.VaultRoot;

/** The lab's answers to a request, as the status frame carries them (a 16-bit code). */
public enum LabStatus {
  /** The file follows in data frames. */
  OK(200),
  /** A malformed request or path, or a file of a type that is not served. */
  BAD_REQUEST(400),
  /** A path that names something that is not served as a file here (a directory). */
  NOT_ALLOWED(403),
  /** Nothing is there, or nothing that may be read. */
  NOT_FOUND(404);

  private final int code;

  LabStatus(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * The status of {@code code}.
   *
   * @throws IllegalArgumentException for a code the lab does not define
   */
  public static LabStatus of(int code) {
    for (LabStatus status : values()) {
      if (status.code == code) {
        return status;
      }
    }
    throw new IllegalArgumentException("status " + code + " is not one of the lab's");
  }

  /** How a refusal of the vault is answered. */
  public static LabStatus of(VaultRoot.Refusal.Kind kind) {
    return switch (kind) {
      case MALFORMED_PATH, TYPE_NOT_SERVED -> BAD_REQUEST;
      case NOT_FOUND -> NOT_FOUND;
    };
  }
}
