-- One refund per received payment. A refund gave back one successful attempt (unique on
-- out_trade_no); a signed notify that disagrees with its attempt (amount, currency, channel) is
-- money received too, refunded on its own: payment_key names the received payment, the attempt's
-- out_trade_no for an attempt's money, 'ANOMALY:<channel>:<channel trade no>' for an anomaly.
ALTER TABLE refund ADD COLUMN payment_key VARCHAR(96) NULL AFTER out_trade_no;
UPDATE refund SET payment_key = out_trade_no WHERE payment_key IS NULL;
ALTER TABLE refund MODIFY payment_key VARCHAR(96) NOT NULL;
ALTER TABLE refund ADD UNIQUE KEY uk_refund_payment (payment_key);
ALTER TABLE refund ADD KEY idx_refund_trade (out_trade_no);
ALTER TABLE refund DROP INDEX uk_refund_attempt;
-- When the current run of failures began: a refund is parked MANUAL once it has failed for
-- dualpay.refunds.give-up-after (a duration, not a count); cleared by success and by an operator's retry.
ALTER TABLE refund ADD COLUMN failing_since DATETIME(3) NULL AFTER attempts;

-- A verified notify (or query answer) whose amount, currency or channel disagrees with its attempt:
-- stored all the same (it is money the channel received), never applied, refunded. NULL for a
-- notify that matches its attempt.
ALTER TABLE notify_inbox ADD COLUMN anomaly VARCHAR(128) NULL AFTER amount;
ALTER TABLE notify_inbox ADD KEY idx_inbox_trade (out_trade_no);

-- When the active query asks about an open attempt next: pushed forward with a backoff after each
-- query, so stuck attempts do not starve newer ones (the query takes the smallest). A table of its
-- own, written by no global transaction: payment_attempt is an AT table, whose local writers would
-- have to take its global locks.
CREATE TABLE attempt_query (
    out_trade_no  VARCHAR(64) NOT NULL PRIMARY KEY,
    next_query_at DATETIME(3) NOT NULL,
    queries       INT         NOT NULL DEFAULT 0,
    KEY idx_attempt_query_due (next_query_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
INSERT INTO attempt_query (out_trade_no, next_query_at, queries)
    SELECT out_trade_no, created_at, 0 FROM payment_attempt WHERE status = 'CREATED';
