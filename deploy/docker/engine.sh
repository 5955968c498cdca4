#!/usr/bin/env bash
# Makes sure a Docker engine answers and a Compose is at hand; idempotent.
#
#   deploy/docker/engine.sh            install what is missing, start dockerd if needed, wait, ensure compose
#   deploy/docker/engine.sh compose    print the compose command to use ("docker compose" or "docker-compose")
#
# 1. Debian packages, when missing: docker.io (dockerd 20.10, containerd, runc), debootstrap (for the
#    local base image, deploy/docker/images.sh), curl.
# 2. When `docker info` does not answer and no dockerd runs, dockerd is started in the background as
#    root, its log in $ENGINE_LOG (default /var/log/dualpay-dockerd.log, or .cluster/dockerd.log
#    when /var/log is not writable). A dockerd that already runs (systemd, Docker Desktop, an
#    earlier run of this script) is left alone. Waits at most ENGINE_WAIT_SECONDS (60) and prints
#    the last log lines when the engine does not come up. The dockerd started here publishes a port
#    that names no address on 127.0.0.1 only (`--ip`, ENGINE_BIND_IP): the compose file names its
#    own, but Testcontainers' ambassador, which the cluster tests reach every replica through
#    (fault points and /internal/** included), names none and would otherwise listen on every
#    interface.
# 3. Compose: the v2 CLI plugin when `docker compose` answers; otherwise it is built once from the Go
#    module proxy (github.com/docker/compose/v2 $COMPOSE_VERSION, kept in ~/go/bin) and installed as
#    ~/.docker/cli-plugins/docker-compose. When that cannot be done (no Go, no proxy), Debian's
#    docker-compose 1.29 is the fallback.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
ENGINE_WAIT_SECONDS=${ENGINE_WAIT_SECONDS:-60}
COMPOSE_VERSION=${COMPOSE_VERSION:-v2.29.7}
if [ -z "${ENGINE_LOG:-}" ]; then
  if [ -w /var/log ]; then ENGINE_LOG=/var/log/dualpay-dockerd.log; else ENGINE_LOG=$ROOT/.cluster/dockerd.log; fi
fi

say() { printf '%s\n' "$*" >&2; }
die() { say "engine.sh: $*"; exit 1; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || [ -x /usr/sbin/dockerd ] || missing+=(docker.io)
  command -v docker >/dev/null 2>&1 || missing+=(docker.io)
  command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || missing+=(debootstrap)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get; install Docker yourself"
    say "== installing ${missing[*]} (Debian packages)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

engine_answers() { docker info >/dev/null 2>&1; }

ensure_engine() {
  if engine_answers; then
    say "engine: running (server $(docker version --format '{{.Server.Version}}' 2>/dev/null || echo '?'))"
    return
  fi
  local t0=$SECONDS started=""
  if pgrep -x dockerd >/dev/null 2>&1; then
    say "engine: a dockerd runs but does not answer yet; waiting for it"
  else
    mkdir -p "$(dirname "$ENGINE_LOG")"
    say "engine: starting dockerd (log $ENGINE_LOG)"
    printf '\n==== dockerd started by engine.sh at %s\n' "$(date -Is)" >>"$ENGINE_LOG"
    # Own session, no stdin: it outlives this script and the shell that ran it.
    as_root setsid "$(command -v dockerd || echo /usr/sbin/dockerd)" --ip "${ENGINE_BIND_IP:-127.0.0.1}" \
      </dev/null >>"$ENGINE_LOG" 2>&1 &
    started=$!
  fi
  local deadline=$((SECONDS + ENGINE_WAIT_SECONDS))
  until engine_answers; do
    if [ $SECONDS -ge $deadline ]; then
      say "engine.sh: the Docker engine did not answer within ${ENGINE_WAIT_SECONDS}s; last lines of $ENGINE_LOG:"
      tail -n 30 "$ENGINE_LOG" >&2 2>/dev/null || true
      exit 1
    fi
    if [ -n "$started" ] && ! kill -0 "$started" 2>/dev/null; then
      say "engine.sh: dockerd exited; last lines of $ENGINE_LOG:"
      tail -n 30 "$ENGINE_LOG" >&2 2>/dev/null || true
      exit 1
    fi
    sleep 0.5
  done
  say "engine: up in $((SECONDS - t0)) s (server $(docker version --format '{{.Server.Version}}'), storage $(docker info --format '{{.Driver}}'))"
}

# The compose command, on stdout; empty when none.
compose_cmd() {
  if docker compose version >/dev/null 2>&1; then echo "docker compose"
  elif command -v docker-compose >/dev/null 2>&1; then echo "docker-compose"
  fi
}

ensure_compose() {
  if docker compose version >/dev/null 2>&1; then
    say "compose: $(docker compose version --short 2>/dev/null) (CLI plugin)"
    return
  fi
  local plugin_dir=$HOME/.docker/cli-plugins gobin
  gobin=$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin
  if [ ! -x "$gobin/docker-compose-$COMPOSE_VERSION" ] && command -v go >/dev/null 2>&1; then
    say "== building Docker Compose $COMPOSE_VERSION from the Go module proxy (about 90 s, once)"
    local tmp
    tmp=$(mktemp -d)
    if (cd "$tmp" && GOFLAGS=-mod=mod GOBIN="$tmp" go install \
        -ldflags "-X github.com/docker/compose/v2/internal.Version=$COMPOSE_VERSION" \
        "github.com/docker/compose/v2/cmd@$COMPOSE_VERSION") >&2; then
      mkdir -p "$gobin"
      mv "$tmp/cmd" "$gobin/docker-compose-$COMPOSE_VERSION"
    else
      say "compose: building $COMPOSE_VERSION failed"
    fi
    rm -rf "$tmp"
  fi
  if [ -x "$gobin/docker-compose-$COMPOSE_VERSION" ]; then
    mkdir -p "$plugin_dir"
    cp "$gobin/docker-compose-$COMPOSE_VERSION" "$plugin_dir/docker-compose"
    say "compose: $(docker compose version --short) (CLI plugin, built from source, $plugin_dir/docker-compose)"
    return
  fi
  if ! command -v docker-compose >/dev/null 2>&1; then
    say "== installing docker-compose (Debian's 1.29, fallback)"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
  fi
  say "compose: falling back to docker-compose $(docker-compose version --short)"
}

case ${1:-} in
  compose) compose_cmd ;;
  "")
    ensure_packages
    ensure_engine
    ensure_compose
    ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
esac
