#!/bin/bash
# The part of the official mysql image's entrypoint contract that deploy/docker-compose.yml relies
# on, for MariaDB:
#   - arguments starting with "-" are server options (compose's `command:`);
#   - on an empty /var/lib/mysql: a data directory is created, root gets MYSQL_ROOT_PASSWORD (for
#     'root'@'localhost' and 'root'@'%'; MYSQL_ALLOW_EMPTY_PASSWORD=yes or MYSQL_RANDOM_ROOT_PASSWORD
#     =yes instead), MYSQL_DATABASE is created, MYSQL_USER/MYSQL_PASSWORD get all rights on it, then
#     /docker-entrypoint-initdb.d/*.sh, *.sql and *.sql.gz run once, in name order, as root, on a
#     temporary server that listens on its socket only (so a TCP health check fails until done);
#   - the server then listens on 0.0.0.0:3306 (Debian's config says 127.0.0.1).
set -euo pipefail

log() { echo "$(date -u '+%F %T') [Entrypoint] $*"; }

if [ "${1:0:1}" = '-' ]; then set -- mariadbd "$@"; fi
case $1 in mariadbd | mysqld) ;; *) exec "$@" ;; esac
shift

DATADIR=/var/lib/mysql
mkdir -p "$DATADIR" /run/mysqld
chown mysql:mysql "$DATADIR" /run/mysqld

if [ ! -d "$DATADIR/mysql" ]; then
  if [ -z "${MYSQL_ROOT_PASSWORD:-}" ] && [ "${MYSQL_ALLOW_EMPTY_PASSWORD:-}" != yes ] && [ "${MYSQL_RANDOM_ROOT_PASSWORD:-}" != yes ]; then
    log "error: database is uninitialized and no root password option is given; set MYSQL_ROOT_PASSWORD"
    exit 1
  fi
  if [ "${MYSQL_RANDOM_ROOT_PASSWORD:-}" = yes ]; then
    MYSQL_ROOT_PASSWORD=$(head -c 18 /dev/urandom | base64)
    log "GENERATED ROOT PASSWORD: $MYSQL_ROOT_PASSWORD"
  fi
  log "initializing the data directory"
  mariadb-install-db --user=mysql --datadir="$DATADIR" --auth-root-authentication-method=normal \
    --skip-test-db --skip-name-resolve >/dev/null
  SOCKET=/run/mysqld/init.sock
  mariadbd --user=mysql --datadir="$DATADIR" --skip-networking --socket="$SOCKET" "$@" &
  tmp_pid=$!
  for _ in $(seq 1 60); do
    mariadb-admin --no-defaults --socket="$SOCKET" -uroot ping --silent 2>/dev/null && break
    kill -0 "$tmp_pid" 2>/dev/null || { log "error: the temporary server exited"; exit 1; }
    sleep 1
  done
  sql=(mariadb --no-defaults --protocol=socket --socket="$SOCKET" -uroot)
  quote() { printf '%s' "$1" | sed "s/'/''/g; s/\\\\/\\\\\\\\/g"; }
  pw=$(quote "${MYSQL_ROOT_PASSWORD:-}")
  {
    echo "SET @@SESSION.SQL_LOG_BIN=0;"
    echo "DELETE FROM mysql.global_priv WHERE User='' OR (User='root' AND Host NOT IN ('localhost'));"
    echo "ALTER USER 'root'@'localhost' IDENTIFIED BY '$pw';"
    echo "CREATE USER 'root'@'%' IDENTIFIED BY '$pw';"
    echo "GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;"
    if [ -n "${MYSQL_DATABASE:-}" ]; then echo "CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;"; fi
    if [ -n "${MYSQL_USER:-}" ] && [ -n "${MYSQL_PASSWORD:-}" ]; then
      echo "CREATE USER IF NOT EXISTS '$(quote "$MYSQL_USER")'@'%' IDENTIFIED BY '$(quote "$MYSQL_PASSWORD")';"
      if [ -n "${MYSQL_DATABASE:-}" ]; then echo "GRANT ALL ON \`$MYSQL_DATABASE\`.* TO '$(quote "$MYSQL_USER")'@'%';"; fi
    fi
    echo "FLUSH PRIVILEGES;"
  } | "${sql[@]}"
  sql+=(-p"${MYSQL_ROOT_PASSWORD:-}")
  for f in /docker-entrypoint-initdb.d/*; do
    case $f in
      *.sh)
        log "running $f"
        # shellcheck disable=SC1090 # the image's contract: init scripts are sourced
        . "$f" ;;
      *.sql) log "running $f"; "${sql[@]}" <"$f" ;;
      *.sql.gz) log "running $f"; gunzip -c "$f" | "${sql[@]}" ;;
      *) [ -e "$f" ] && log "ignoring $f" ;;
    esac
  done
  kill "$tmp_pid"
  wait "$tmp_pid" || true
  log "initialization done"
fi

exec mariadbd --user=mysql --datadir="$DATADIR" --bind-address=0.0.0.0 --port=3306 \
  --socket=/run/mysqld/mysqld.sock --skip-name-resolve "$@"
