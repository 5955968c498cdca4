-- Every payment a channel stands behind (a verified notify, or an answer to our query) is stored
-- here before it is acted on; the channel is answered success once the row is durable. One row
-- per channel trade and event: repeats find the row and are answered from it.
-- status: RECEIVED (to process; next_attempt_at is when, or the end of an instance's lease),
-- PROCESSED (outcome says what it became).
CREATE TABLE notify_inbox (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    channel          VARCHAR(16)  NOT NULL,
    channel_trade_no VARCHAR(64)  NOT NULL,
    event            VARCHAR(32)  NOT NULL,
    source           VARCHAR(8)   NOT NULL,
    notify_id        VARCHAR(64)  NOT NULL,
    out_trade_no     VARCHAR(64)  NOT NULL,
    amount           BIGINT       NOT NULL,
    paid_at          DATETIME(3)  NOT NULL,
    status           VARCHAR(16)  NOT NULL,
    outcome          VARCHAR(24)  NULL,
    attempts         INT          NOT NULL DEFAULT 0,
    next_attempt_at  DATETIME(3)  NOT NULL,
    last_error       VARCHAR(255) NULL,
    received_at      DATETIME(3)  NOT NULL,
    processed_at     DATETIME(3)  NULL,
    UNIQUE KEY uk_inbox_trade_event (channel, channel_trade_no, event),
    KEY idx_inbox_due (status, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- Replay guard: the nonce of every verified notify request (WeChat: Wechatpay-Nonce; Alipay:
-- notify_id with notify_time). A request seen before is refused; rows older than the timestamp
-- window are useless (such a request fails the window check) and are purged.
CREATE TABLE notify_nonce (
    channel   VARCHAR(16)  NOT NULL,
    nonce     VARCHAR(128) NOT NULL,
    seen_at   DATETIME(3)  NOT NULL,
    PRIMARY KEY (channel, nonce),
    KEY idx_nonce_seen (seen_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
