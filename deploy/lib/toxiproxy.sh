#!/usr/bin/env bash
# Toxiproxy's server (https://github.com/Shopify/toxiproxy), the links' proxy of the network chaos
# scenarios, sourced by deploy/local/cluster.sh (FAULTY_LINKS=1): the server, built once from the Go
# module proxy (about 30 s on 2 cores) into Go's bin folder.
#
#   toxiproxy_bin       where the server is, or will be
#   ensure_toxiproxy    builds it when missing (installs Debian's golang-go first when there is no Go)
TOXIPROXY_VERSION=2.5.0

toxiproxy_bin() { echo "$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin/toxiproxy-server-$TOXIPROXY_VERSION"; }

ensure_toxiproxy() {
  [ -x "$(toxiproxy_bin)" ] && return 0
  if ! command -v go >/dev/null; then
    echo "== installing golang-go (Debian package) to build Toxiproxy" >&2
    if [ "$(id -u)" -eq 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null
    else sudo apt-get update -qq && sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq golang-go >/dev/null; fi
  fi
  echo "== building Toxiproxy $TOXIPROXY_VERSION from the Go module proxy (about 30 s, once)" >&2
  local tmp bin
  tmp=$(mktemp -d)
  if ! (cd "$tmp" && GOFLAGS=-mod=mod GOBIN="$tmp" go install "github.com/Shopify/toxiproxy/v2/cmd/server@v$TOXIPROXY_VERSION") >&2; then
    rm -rf "$tmp"
    echo "building Toxiproxy $TOXIPROXY_VERSION failed" >&2
    return 1
  fi
  bin=$(toxiproxy_bin)
  mkdir -p "$(dirname "$bin")"
  mv "$tmp/server" "$bin"
  rm -rf "$tmp"
}
