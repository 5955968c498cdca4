-- A refund gives back the whole amount of one successful attempt, so there is at most one per
-- attempt (the unique key): frozen (TRYING) plus refunded never exceeds what was paid.
-- status: TRYING (TCC try: recorded, amount frozen), PENDING (confirmed, waiting for the
-- dispatcher), PROCESSING (accepted by the channel), SUCCESS, MANUAL (retries exhausted: customer
-- support), CANCELLED (TCC cancel: the global transaction rolled back).
CREATE TABLE refund (
    refund_no         VARCHAR(40)  NOT NULL PRIMARY KEY,
    out_trade_no      VARCHAR(64)  NOT NULL,
    order_no          VARCHAR(40)  NOT NULL,
    user_id           VARCHAR(64)  NOT NULL,
    channel           VARCHAR(16)  NOT NULL,
    amount            BIGINT       NOT NULL,
    reason            VARCHAR(24)  NOT NULL,
    status            VARCHAR(16)  NOT NULL,
    attempts          INT          NOT NULL DEFAULT 0,
    next_attempt_at   DATETIME(3)  NOT NULL,
    last_error        VARCHAR(255) NULL,
    xid               VARCHAR(128) NULL,
    created_at        DATETIME(3)  NOT NULL,
    updated_at        DATETIME(3)  NOT NULL,
    finished_at       DATETIME(3)  NULL,
    UNIQUE KEY uk_refund_attempt (out_trade_no),
    KEY idx_refund_due (status, next_attempt_at),
    KEY idx_refund_order (order_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- What the shopper was told. One row per refund and kind: the detection of a duplicate, late or
-- out-of-stock payment, and the refund's success.
CREATE TABLE user_notification (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id    VARCHAR(64)  NOT NULL,
    kind       VARCHAR(32)  NOT NULL,
    order_no   VARCHAR(40)  NOT NULL,
    refund_no  VARCHAR(40)  NOT NULL,
    channel    VARCHAR(16)  NOT NULL,
    amount     BIGINT       NOT NULL,
    reason     VARCHAR(24)  NOT NULL,
    message    VARCHAR(255) NOT NULL,
    created_at DATETIME(3)  NOT NULL,
    UNIQUE KEY uk_notification_refund_kind (refund_no, kind),
    KEY idx_notification_user (user_id, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
