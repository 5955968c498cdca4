package org.dualpay.payment.application;

import java.util.List;
import java.util.Optional;

import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.infrastructure.PaymentMapper;
import org.dualpay.payment.infrastructure.PaymentRow;
import org.dualpay.payment.infrastructure.RefundMapper;
import org.dualpay.payment.infrastructure.RefundRow;
import org.springframework.stereotype.Service;

@Service
public class PaymentQueries {

    public record PaymentWithAttempts(PaymentRow payment, List<AttemptRow> attempts, List<RefundRow> refunds) {
    }

    private final PaymentMapper payments;
    private final AttemptMapper attempts;
    private final RefundMapper refunds;

    public PaymentQueries(PaymentMapper payments, AttemptMapper attempts, RefundMapper refunds) {
        this.payments = payments;
        this.attempts = attempts;
        this.refunds = refunds;
    }

    public Optional<PaymentWithAttempts> byOrder(String orderNo) {
        return Optional.ofNullable(payments.findByOrder(orderNo)).map(payment -> new PaymentWithAttempts(payment,
                attempts.findByOrder(orderNo), refunds.findByOrder(orderNo)));
    }
}
