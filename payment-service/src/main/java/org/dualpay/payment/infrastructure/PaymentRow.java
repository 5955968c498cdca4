package org.dualpay.payment.infrastructure;

import java.time.Instant;

import org.dualpay.payment.domain.Payment;
import org.dualpay.payment.domain.PaymentStatus;

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

    public Payment toDomain() {
        return new Payment(payNo, orderNo, userId, amount, status, paidOutTradeNo, paidAt);
    }
}
