#!/bin/bash
# Compose: the services' database user, with the cluster's generated password. The MySQL image runs
# this once, after the .sql files, on an empty data directory (the local cluster creates the user
# itself: cluster.sh apply_db_user).
set -euo pipefail
: "${DUALPAY_DB_USER:=dualpay}"
: "${DUALPAY_DB_PASSWORD:?the cluster's secrets are missing: run deploy/docker/secrets.sh}"
mysql --protocol=socket -uroot -p"$MYSQL_ROOT_PASSWORD" <<SQL
CREATE USER IF NOT EXISTS '$DUALPAY_DB_USER'@'%' IDENTIFIED BY '$DUALPAY_DB_PASSWORD';
GRANT ALL PRIVILEGES ON order_db.* TO '$DUALPAY_DB_USER'@'%';
GRANT ALL PRIVILEGES ON payment_db.* TO '$DUALPAY_DB_USER'@'%';
GRANT ALL PRIVILEGES ON inventory_db.* TO '$DUALPAY_DB_USER'@'%';
GRANT ALL PRIVILEGES ON seata.* TO '$DUALPAY_DB_USER'@'%';
FLUSH PRIVILEGES;
SQL
