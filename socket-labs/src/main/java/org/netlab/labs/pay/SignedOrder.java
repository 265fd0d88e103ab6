package org.netlab.labs.pay;

import java.util.Objects;

/**
 * An order with both signatures, as the payee submits it with {@code SETTLE}: the signatures are
 * kept as sent (base64) so the ledger records exactly what was verified.
 */
public record SignedOrder(PaymentOrder order, String payerSignature, String payeeSignature) {
  public SignedOrder {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(payerSignature, "payerSignature");
    Objects.requireNonNull(payeeSignature, "payeeSignature");
  }
}
