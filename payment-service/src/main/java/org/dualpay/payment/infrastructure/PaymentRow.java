package org.dualpay.payment.infrastructure;

import java.time.Instant;

public class PaymentRow {

    public String payNo;
    public String orderNo;
    public String userId;
    public Long amount;
    public String status;
    public String paidOutTradeNo;
    public Instant paidAt;
    public Instant createdAt;
    public Instant updatedAt;
}
