# Compose: the services' database user, with the stack's generated password. The MySQL image (and
# its stand-in, deploy/docker/standins/mysql) sources this once, after the .sql files, on an empty
# data directory; the local cluster creates the user itself (cluster.sh apply_db_user).
# Sourced, not executed (no exec bit): it runs inside the image's entrypoint, whose SQL client it uses.
if [ -z "${DUALPAY_DB_PASSWORD:-}" ]; then
  echo "03-dualpay-user.sh: DUALPAY_DB_PASSWORD is not set; run deploy/docker/secrets.sh" >&2
  exit 1
fi
dualpay_user_sql="CREATE USER IF NOT EXISTS '${DUALPAY_DB_USER:-dualpay}'@'%' IDENTIFIED BY '$DUALPAY_DB_PASSWORD';
GRANT ALL PRIVILEGES ON order_db.* TO '${DUALPAY_DB_USER:-dualpay}'@'%';
GRANT ALL PRIVILEGES ON payment_db.* TO '${DUALPAY_DB_USER:-dualpay}'@'%';
GRANT ALL PRIVILEGES ON inventory_db.* TO '${DUALPAY_DB_USER:-dualpay}'@'%';
GRANT ALL PRIVILEGES ON seata.* TO '${DUALPAY_DB_USER:-dualpay}'@'%';
FLUSH PRIVILEGES;"
if declare -F docker_process_sql >/dev/null; then
  # the official mysql image's entrypoint
  docker_process_sql <<<"$dualpay_user_sql"
else
  # the stand-in's entrypoint: its client, as root, on the temporary server's socket
  "${sql[@]}" <<<"$dualpay_user_sql"
fi
