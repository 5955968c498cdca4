#!/usr/bin/env bash
# Chooses the third-party images deploy/docker-compose.yml runs, building faithful local stand-ins
# where the official ones cannot be pulled, and writes the choice to deploy/.images.env (git-ignored,
# read by deploy/docker/compose.sh with --env-file).
#
#   deploy/docker/images.sh            choose (pull or build), write deploy/.images.env
#   deploy/docker/images.sh --standins build and use the stand-ins even where a pull would work
#
# For each image: an official image already on the engine is used; otherwise one pull is tried
# (it fails within a second when no registry answers; after one failure no other pull is tried);
# otherwise the stand-in below is built, or reused when its inputs did not change (each stand-in
# carries the label dualpay.inputs, a hash of its recipe folder, its base image and the files
# copied in; a stand-in is rebuilt only when that hash changes).
#
#   variable       official image               stand-in (deploy/docker/standins/<dir>)
#   (base)         -                            dualpay-local/debian:bookworm, debootstrap minbase, docker import
#   RUNTIME_IMAGE  eclipse-temurin:17-jre       dualpay-local/jre:17        jre/: openjdk-17-jre-headless + curl
#   MYSQL_IMAGE    mysql:8.0                    dualpay-local/mysql:8.0     mysql/: MariaDB 10.11 + the image's entrypoint contract
#   NACOS_IMAGE    nacos/nacos-server:v2.3.2    dualpay-local/nacos:rnacos  rnacos/: the host's rnacos (deploy/local/cluster.sh installs it)
#   SEATA_IMAGE    seataio/seata-server:2.0.0   dualpay-local/seata:tc      seata-tc/: deploy/seata-server's jar + target/lib on RUNTIME_IMAGE
#   NGINX_IMAGE    nginx:1.26-alpine            dualpay-local/nginx:debian  nginx/: Debian's nginx + curl
#   PROMETHEUS_IMAGE prom/prometheus:v2.42.0    dualpay-local/prometheus:2.42 prometheus/: Debian's prometheus 2.42
#   ZIPKIN_IMAGE   openzipkin/zipkin:3.4.4      dualpay-local/zipkin:3.4.4  zipkin/: the server's exec jar from Maven Central
#                                               (io.zipkin:zipkin-server, as cluster.sh runs it) on RUNTIME_IMAGE
#   SOCAT_IMAGE    alpine/socat:1.7.4.3-r0      dualpay-local/socat:debian  socat/: Debian's socat (Testcontainers'
#                                               ambassador, for the cluster tests against compose)
#   TOXIPROXY_IMAGE ghcr.io/shopify/toxiproxy:2.5.0 dualpay-local/toxiproxy:2.5.0 toxiproxy/: the server deploy/lib/toxiproxy.sh
#                                               builds from the Go module proxy (the links of FAULTY_LINKS=1); only
#                                               with FAULTY_LINKS=1, or when it was built before
#   GRAFANA_IMAGE  grafana/grafana:10.4.2       none (no registry here has Grafana): used when present or pullable,
#                                               for the profile dashboards only
#   MAVEN_IMAGE    maven:3.9-eclipse-temurin-17 none: without it APP_DOCKERFILE=Dockerfile.prebuilt, so the
#                                               app images are made from the jars the reactor built on the host
#
# DEBIAN_MIRROR (http://deb.debian.org/debian) is where debootstrap and the stand-ins' apt-get look.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HERE=$ROOT/deploy/docker
ENV_FILE=${IMAGES_ENV_FILE:-$ROOT/deploy/.images.env}
WORK=$ROOT/.cluster/images
DEBIAN_MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
DEBIAN_SUITE=bookworm
PULL_TIMEOUT=${PULL_TIMEOUT:-120}
STANDINS=${DUALPAY_STANDINS:-0}
[ "${1:-}" = --standins ] && STANDINS=1

say() { printf '%s\n' "$*" >&2; }
die() { say "images.sh: $*"; exit 1; }

# shellcheck source=../lib/toxiproxy.sh
. "$ROOT/deploy/lib/toxiproxy.sh"

docker info >/dev/null 2>&1 || die "no Docker engine answers; run deploy/docker/engine.sh first"

REGISTRY=unknown # unknown | yes | no
have_image() { docker image inspect "$1" >/dev/null 2>&1; }

# official <image>: succeeds when the official image is (now) on the engine
official() {
  [ "$STANDINS" = 1 ] && return 1
  have_image "$1" && return 0
  [ "$REGISTRY" = no ] && return 1
  say "   pulling $1"
  if timeout "$PULL_TIMEOUT" docker pull -q "$1" >/dev/null 2>"$WORK/pull.err"; then
    REGISTRY=yes
    return 0
  fi
  say "   cannot pull $1: $(tail -n 1 "$WORK/pull.err")"
  say "   (no registry: stand-ins from here on)"
  REGISTRY=no
  return 1
}

label_of() { docker image inspect --format '{{ index .Config.Labels "dualpay.inputs" }}' "$1" 2>/dev/null || true; }

hash_of() { # hash_of <path|string>...: one sha256 over files (sorted, with names) and strings
  local item
  for item in "$@"; do
    if [ -d "$item" ]; then
      (cd "$item" && find . -type f -print0 | sort -z | xargs -0 sha256sum)
    elif [ -f "$item" ]; then
      sha256sum <"$item"
    else
      printf '%s\n' "$item"
    fi
  done | sha256sum | cut -c1-16
}

base_image() {
  local tag=dualpay-local/debian:$DEBIAN_SUITE want
  want=$(hash_of "debootstrap --variant=minbase $DEBIAN_SUITE $DEBIAN_MIRROR v1")
  if [ "$(label_of "$tag")" = "$want" ]; then echo "$tag"; return; fi
  command -v debootstrap >/dev/null 2>&1 || [ -x /usr/sbin/debootstrap ] || die "debootstrap is missing; run deploy/docker/engine.sh"
  say "   building $tag (debootstrap --variant=minbase $DEBIAN_SUITE, about 40 s)"
  local dir=$WORK/rootfs
  rm -rf "$dir"
  mkdir -p "$dir"
  debootstrap --variant=minbase "$DEBIAN_SUITE" "$dir" "$DEBIAN_MIRROR" >"$WORK/debootstrap.log" 2>&1 \
    || { tail -n 20 "$WORK/debootstrap.log" >&2; die "debootstrap failed (log $WORK/debootstrap.log)"; }
  # apt inside the containers: the same mirror, plain HTTP; no recommends, no caches kept.
  echo "deb $DEBIAN_MIRROR $DEBIAN_SUITE main" >"$dir/etc/apt/sources.list"
  printf 'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n' >"$dir/etc/apt/apt.conf.d/90dualpay"
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker import --change "LABEL dualpay.inputs=$want" --change 'ENV LANG=C.UTF-8' \
    --change 'CMD ["/bin/bash"]' - "$tag" >/dev/null
  rm -rf "$dir"
  echo "$tag"
}

# standin <tag> <recipe dir> <base image> [file to copy into the context...]
standin() {
  local tag=$1 name=$2 recipe=$HERE/standins/$2 base=$3 want
  shift 3
  want=$(hash_of "$recipe" "$(docker image inspect --format '{{.Id}}' "$base")" "$@")
  if [ "$(label_of "$tag")" = "$want" ]; then
    say "   $tag: up to date"
    echo "$tag"
    return
  fi
  say "   building $tag"
  local ctx=$WORK/ctx-$name t0=$SECONDS item
  rm -rf "$ctx"
  mkdir -p "$ctx"
  cp -a "$recipe/." "$ctx/"
  for item in "$@"; do cp -a "$item" "$ctx/"; done
  # The classic builder: it needs nothing beyond the engine, and these are one-stage recipes.
  if ! DOCKER_BUILDKIT=0 docker build -q --build-arg "BASE=$base" --label "dualpay.inputs=$want" \
      -t "$tag" "$ctx" >"$WORK/build-$name.log" 2>&1; then
    tail -n 30 "$WORK/build-$name.log" >&2
    die "building $tag failed (log $WORK/build-$name.log)"
  fi
  rm -rf "$ctx"
  say "   $tag built in $((SECONDS - t0)) s"
  echo "$tag"
}

rnacos_binary() {
  local candidate
  for candidate in "${RNACOS_BIN:-}" "$(command -v rnacos 2>/dev/null || true)" "$HOME/.cargo/bin/rnacos"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; return 0; fi
  done
  die "the Nacos stand-in needs the rnacos binary: run 'deploy/local/cluster.sh up nacos' once (it installs rnacos 0.8.8 with cargo) or set RNACOS_BIN"
}

# The links' proxy is chosen only where it is wanted (FAULTY_LINKS=1) or already there: building it
# needs Go and a minute, which a stack without links should not pay.
toxiproxy_image() {
  local official_tag=ghcr.io/shopify/toxiproxy:$TOXIPROXY_VERSION standin_tag=dualpay-local/toxiproxy:$TOXIPROXY_VERSION
  if [ "${FAULTY_LINKS:-0}" != 1 ]; then
    if have_image "$official_tag" && [ "$STANDINS" != 1 ]; then echo "$official_tag"; elif have_image "$standin_tag"; then echo "$standin_tag"; fi
    return 0
  fi
  if official "$official_tag"; then echo "$official_tag"; return 0; fi
  ensure_toxiproxy || die "the links' proxy needs Toxiproxy's server (deploy/lib/toxiproxy.sh)"
  local server=$WORK/toxiproxy-server
  cp "$(toxiproxy_bin)" "$server"
  need_base
  standin "$standin_tag" toxiproxy "$base" "$server"
}

tc_jar() {
  local jar=$ROOT/deploy/seata-server/target/seata-server.jar
  if [ ! -f "$jar" ] || [ ! -d "${jar%/*}/lib" ]; then
    say "   building the TC module (deploy/seata-server)"
    (cd "$ROOT" && ./mvnw -q -B -DskipTests package -pl deploy/seata-server) >&2
  fi
  echo "$jar"
}

ZIPKIN_VERSION=${ZIPKIN_VERSION:-3.4.4}
zipkin_jar() { # the exec jar, fetched by Maven into where deploy/local/cluster.sh keeps it
  local jar=$ROOT/.cluster/zipkin/zipkin-server-$ZIPKIN_VERSION-exec.jar
  if [ ! -f "$jar" ]; then
    say "   fetching the Zipkin server $ZIPKIN_VERSION (io.zipkin:zipkin-server, exec jar) from Maven Central"
    (cd "$ROOT" && ./mvnw -q -B org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy \
      -Dartifact="io.zipkin:zipkin-server:$ZIPKIN_VERSION:jar:exec" -DoutputDirectory="${jar%/*}") >&2
  fi
  echo "$jar"
}

main() {
  mkdir -p "$WORK"
  local t0=$SECONDS base="" runtime mysql nacos seata nginx prometheus grafana="" socat toxiproxy zipkin app_dockerfile=Dockerfile maven=maven:3.9-eclipse-temurin-17
  need_base() { [ -n "$base" ] || base=$(base_image); }

  say "== images (official where present or pullable, local stand-ins otherwise)"
  if official eclipse-temurin:17-jre; then runtime=eclipse-temurin:17-jre; else
    need_base; runtime=$(standin dualpay-local/jre:17 jre "$base"); fi
  if official mysql:8.0; then mysql=mysql:8.0; else
    need_base; mysql=$(standin dualpay-local/mysql:8.0 mysql "$base"); fi
  if official nacos/nacos-server:v2.3.2; then nacos=nacos/nacos-server:v2.3.2; else
    need_base; nacos=$(standin dualpay-local/nacos:rnacos rnacos "$base" "$(rnacos_binary)"); fi
  if official seataio/seata-server:2.0.0; then seata=seataio/seata-server:2.0.0; else
    local jar
    jar=$(tc_jar)
    # the TC stand-in runs on the JRE stand-in (or on eclipse-temurin when that one is present)
    seata=$(standin dualpay-local/seata:tc seata-tc "$runtime" "$jar" "${jar%/*}/lib"); fi
  if official nginx:1.26-alpine; then nginx=nginx:1.26-alpine; else
    need_base; nginx=$(standin dualpay-local/nginx:debian nginx "$base"); fi
  if official prom/prometheus:v2.42.0; then prometheus=prom/prometheus:v2.42.0; else
    need_base; prometheus=$(standin dualpay-local/prometheus:2.42 prometheus "$base"); fi
  # Grafana has no stand-in: the profile dashboards runs only where its official image is there
  if official grafana/grafana:10.4.2; then grafana=grafana/grafana:10.4.2; fi
  if official alpine/socat:1.7.4.3-r0; then socat=alpine/socat:1.7.4.3-r0; else
    need_base; socat=$(standin dualpay-local/socat:debian socat "$base"); fi
  if official "openzipkin/zipkin:$ZIPKIN_VERSION"; then zipkin=openzipkin/zipkin:$ZIPKIN_VERSION; else
    zipkin=$(standin "dualpay-local/zipkin:$ZIPKIN_VERSION" zipkin "$runtime" "$(zipkin_jar)"); fi
  toxiproxy=$(toxiproxy_image)
  # The full Maven build in a container needs Maven Central from inside it.
  if ! official "$maven"; then app_dockerfile=Dockerfile.prebuilt; fi

  mkdir -p "$(dirname "$ENV_FILE")"
  cat >"$ENV_FILE" <<EOF
# Written by deploy/docker/images.sh at $(date -u +%FT%TZ); read by deploy/docker/compose.sh.
RUNTIME_IMAGE=$runtime
MYSQL_IMAGE=$mysql
NACOS_IMAGE=$nacos
SEATA_IMAGE=$seata
NGINX_IMAGE=$nginx
PROMETHEUS_IMAGE=$prometheus
${grafana:+GRAFANA_IMAGE=$grafana
}SOCAT_IMAGE=$socat
ZIPKIN_IMAGE=$zipkin
${toxiproxy:+TOXIPROXY_IMAGE=$toxiproxy
}MAVEN_IMAGE=$maven
APP_DOCKERFILE=$app_dockerfile
EOF
  say "   images ready in $((SECONDS - t0)) s; written to ${ENV_FILE#"$ROOT"/}:"
  grep -v '^#' "$ENV_FILE" | sed 's/^/     /' >&2
}

main
