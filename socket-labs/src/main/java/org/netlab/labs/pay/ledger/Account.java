package org.netlab.labs.pay.ledger;

import java.time.Instant;

/**
 * A user's account as the ledger keeps it.
 *
 * @param certificate DER, as issued at registration
 * @param fingerprint the certificate's SHA-256, lower-case hex
 * @param balance minor units
 */
public record Account(
    String name, byte[] certificate, String fingerprint, long balance, Instant registered) {}
