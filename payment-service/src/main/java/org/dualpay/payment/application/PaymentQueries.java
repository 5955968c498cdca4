package org.dualpay.payment.application;

import java.util.List;
import java.util.Optional;

import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.infrastructure.PaymentMapper;
import org.dualpay.payment.infrastructure.PaymentRow;
import org.springframework.stereotype.Service;

@Service
public class PaymentQueries {

    public record PaymentWithAttempts(PaymentRow payment, List<AttemptRow> attempts) {
    }

    private final PaymentMapper payments;
    private final AttemptMapper attempts;

    public PaymentQueries(PaymentMapper payments, AttemptMapper attempts) {
        this.payments = payments;
        this.attempts = attempts;
    }

    public Optional<PaymentWithAttempts> byOrder(String orderNo) {
        return Optional.ofNullable(payments.findByOrder(orderNo))
                .map(payment -> new PaymentWithAttempts(payment, attempts.findByOrder(orderNo)));
    }
}
