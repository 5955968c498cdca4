INSERT INTO sku (sku_code, name, price, stock) VALUES
    ('SKU-KEYBOARD', 'Mechanical keyboard', 39900, 1000),
    ('SKU-MOUSE', 'Wireless mouse', 12900, 1000),
    ('SKU-MONITOR', '27-inch monitor', 169900, 500),
    ('SKU-HEADSET', 'Noise-cancelling headset', 89900, 500),
    ('SKU-CABLE', 'USB-C cable', 2900, 5000),
    ('SKU-LAST-ONE', 'Limited edition print', 50000, 1);

INSERT INTO stock_movement (sku_code, kind, order_no, delta)
SELECT sku_code, 'INITIAL', NULL, stock FROM sku;
