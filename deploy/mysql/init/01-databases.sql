-- One server, one schema per service plus the TC's own. Idempotent: the local cluster applies it
-- on every start; the MySQL image runs it once, as root, on an empty data directory.
CREATE DATABASE IF NOT EXISTS order_db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS payment_db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS inventory_db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS seata CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- Demo credentials; set MYSQL_USER / MYSQL_PASSWORD for anything else.
CREATE USER IF NOT EXISTS 'dualpay'@'%' IDENTIFIED BY 'dualpay';
CREATE USER IF NOT EXISTS 'dualpay'@'localhost' IDENTIFIED BY 'dualpay';
CREATE USER IF NOT EXISTS 'dualpay'@'127.0.0.1' IDENTIFIED BY 'dualpay';
GRANT ALL PRIVILEGES ON order_db.* TO 'dualpay'@'%', 'dualpay'@'localhost', 'dualpay'@'127.0.0.1';
GRANT ALL PRIVILEGES ON payment_db.* TO 'dualpay'@'%', 'dualpay'@'localhost', 'dualpay'@'127.0.0.1';
GRANT ALL PRIVILEGES ON inventory_db.* TO 'dualpay'@'%', 'dualpay'@'localhost', 'dualpay'@'127.0.0.1';
GRANT ALL PRIVILEGES ON seata.* TO 'dualpay'@'%', 'dualpay'@'localhost', 'dualpay'@'127.0.0.1';
FLUSH PRIVILEGES;
