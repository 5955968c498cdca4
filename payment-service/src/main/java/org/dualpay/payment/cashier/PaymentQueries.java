package org.dualpay.payment.cashier;

import java.util.List;
import java.util.Optional;

import org.dualpay.payment.domain.Attempt;
import org.dualpay.payment.domain.Payment;
import org.dualpay.payment.domain.Refund;
import org.dualpay.payment.infrastructure.AttemptMapper;
import org.dualpay.payment.infrastructure.AttemptRow;
import org.dualpay.payment.infrastructure.PaymentMapper;
import org.dualpay.payment.refund.RefundMapper;
import org.dualpay.payment.refund.RefundRow;
import org.springframework.stereotype.Service;

@Service
public class PaymentQueries {

    public record PaymentWithAttempts(Payment payment, List<Attempt> attempts, List<Refund> refunds) {
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
        return Optional.ofNullable(payments.findByOrder(orderNo)).map(payment -> new PaymentWithAttempts(
                payment.toDomain(), attempts.findByOrder(orderNo).stream().map(AttemptRow::toDomain).toList(),
                refunds.findByOrder(orderNo).stream().map(RefundRow::toDomain).toList()));
    }
}
