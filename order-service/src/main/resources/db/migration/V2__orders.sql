-- Amounts in fen. An order keeps the prices it was created with. The idempotency key of the
-- request that created it is unique, with a hash of the request body to tell a repeat from a reuse.
CREATE TABLE orders (
    order_no          VARCHAR(40)  NOT NULL PRIMARY KEY,
    user_id           VARCHAR(64)  NOT NULL,
    status            VARCHAR(24)  NOT NULL,
    total_amount      BIGINT       NOT NULL,
    currency          CHAR(3)      NOT NULL DEFAULT 'CNY',
    expire_at         DATETIME(3)  NOT NULL,
    idempotency_key   VARCHAR(128) NOT NULL,
    request_hash      CHAR(64)     NOT NULL,
    paid_channel      VARCHAR(16)  NULL,
    paid_out_trade_no VARCHAR(64)  NULL,
    paid_trade_no     VARCHAR(64)  NULL,
    paid_at           DATETIME(3)  NULL,
    created_at        DATETIME(3)  NOT NULL,
    updated_at        DATETIME(3)  NOT NULL,
    UNIQUE KEY uk_orders_idempotency_key (idempotency_key),
    KEY idx_orders_user_status (user_id, status, created_at),
    KEY idx_orders_status_expire (status, expire_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

CREATE TABLE order_item (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_no   VARCHAR(40)  NOT NULL,
    sku_code   VARCHAR(32)  NOT NULL,
    sku_name   VARCHAR(128) NOT NULL,
    unit_price BIGINT       NOT NULL,
    quantity   INT          NOT NULL,
    amount     BIGINT       NOT NULL,
    UNIQUE KEY uk_item_order_sku (order_no, sku_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- One row per transition; xid is set when the transition ran inside a global transaction.
CREATE TABLE order_timeline (
    id          BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    order_no    VARCHAR(40)  NOT NULL,
    from_status VARCHAR(24)  NULL,
    to_status   VARCHAR(24)  NOT NULL,
    reason      VARCHAR(40)  NOT NULL,
    detail      VARCHAR(255) NULL,
    xid         VARCHAR(128) NULL,
    created_at  DATETIME(3)  NOT NULL,
    KEY idx_timeline_order (order_no, id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
