-- Price in fen. stock is what can still be sold; every change of it is a row in stock_movement, so
-- that (sum of movements) = stock holds for every SKU and can be checked.
CREATE TABLE sku (
    sku_code   VARCHAR(32)  NOT NULL PRIMARY KEY,
    name       VARCHAR(128) NOT NULL,
    price      BIGINT       NOT NULL,
    stock      INT          NOT NULL,
    updated_at DATETIME(3)  NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    CONSTRAINT ck_sku_price CHECK (price > 0),
    CONSTRAINT ck_sku_stock CHECK (stock >= 0)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;

-- kind: INITIAL (seed), DEDUCT (an order paid), RESTORE (a paid order refunded), SET (admin).
-- One DEDUCT and one RESTORE at most per order and SKU: the unique key is the idempotency guard.
CREATE TABLE stock_movement (
    id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    sku_code   VARCHAR(32) NOT NULL,
    kind       VARCHAR(16) NOT NULL,
    order_no   VARCHAR(40) NULL,
    delta      INT         NOT NULL,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    UNIQUE KEY uk_movement_order (order_no, sku_code, kind),
    KEY idx_movement_sku (sku_code)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4;
