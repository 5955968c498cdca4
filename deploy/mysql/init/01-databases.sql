-- One server, one schema per service plus the TC's own. Idempotent: the local cluster applies it
-- on every start; the MySQL image runs it once, as root, on an empty data directory.
CREATE DATABASE IF NOT EXISTS order_db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS payment_db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS inventory_db CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE DATABASE IF NOT EXISTS seata CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- The services' user and its password are the cluster's own: deploy/local/cluster.sh creates it
-- (apply_db_user), and in compose 03-dualpay-user.sh does, from the generated secrets.
