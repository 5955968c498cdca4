-- One payment per order; one attempt per channel trade the shopper started (out_trade_no is what
-- the merchant gives the channel). Exactly one attempt of a PAID payment is "applied": the one
-- that paid the order. Any other successful attempt is money to give back.
CREATE TABLE payment (
    pay_no            VARCHAR(40) NOT NULL PRIMARY KEY,
    order_no          VARCHAR(40) NOT NULL,
    user_id           VARCHAR(64) NOT NULL,
    amount            BIGINT      NOT NULL,
    status            VARCHAR(16) NOT NULL,
    paid_out_trade_no VARCHAR(64) NULL,
    paid_at           DATETIME(3) NULL,
    created_at        DATETIME(3) NOT NULL,
    updated_at        DATETIME(3) NOT NULL,
    UNIQUE KEY uk_payment_order (order_no)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE payment_attempt (
    out_trade_no     VARCHAR(64)  NOT NULL PRIMARY KEY,
    pay_no           VARCHAR(40)  NOT NULL,
    order_no         VARCHAR(40)  NOT NULL,
    channel          VARCHAR(16)  NOT NULL,
    amount           BIGINT       NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    applied          TINYINT(1)   NOT NULL DEFAULT 0,
    channel_trade_no VARCHAR(64)  NULL,
    pay_url          VARCHAR(512) NULL,
    expire_at        DATETIME(3)  NOT NULL,
    success_at       DATETIME(3)  NULL,
    created_at       DATETIME(3)  NOT NULL,
    updated_at       DATETIME(3)  NOT NULL,
    UNIQUE KEY uk_attempt_channel_trade (channel, channel_trade_no),
    KEY idx_attempt_order (order_no),
    KEY idx_attempt_status (status, created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
