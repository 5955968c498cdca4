package org.dualpay.payment.infrastructure;

import org.dualpay.payment.domain.PaymentStatus;
import java.time.Instant;

public class PaymentRow {

    public String payNo;
    public String orderNo;
    public String userId;
    public Long amount;
    public PaymentStatus status;
    public String paidOutTradeNo;
    public Instant paidAt;
    public Instant createdAt;
    public Instant updatedAt;
}
