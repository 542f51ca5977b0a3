#!/usr/bin/env bash
# Install what building and testing wirewatch needs on a Debian machine:
# the C toolchain and headers librdkafka is built against (SSL, SASL, zlib),
# Java 17 and Maven for the local Kafka broker, python3 for the quickstart's
# summaries, Prometheus and promtool (Debian's prometheus package) for
# tests/prometheus_loop.rs and deploy/check.sh. Idempotent: installs only what is missing. Needs root (or sudo)
# only when something is missing.
set -euo pipefail

say() { printf 'install-deps: %s\n' "$*"; }

need=()
for pkg in build-essential pkg-config libssl-dev libsasl2-dev zlib1g-dev python3 prometheus; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
command -v java >/dev/null 2>&1 || need+=(openjdk-17-jre-headless)
command -v mvn >/dev/null 2>&1 || need+=(maven)

if ((${#need[@]})); then
  say "installing: ${need[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { say "error: missing ${need[*]} and not root; install them yourself"; exit 1; }
    SUDO=sudo
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  say "system packages present"
fi

if ! command -v cargo >/dev/null 2>&1; then
  say "error: cargo not found; install Rust (https://rustup.rs) and re-run"
  exit 1
fi
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt >/dev/null 2>&1 || true
say "ok: $(cargo --version), $(java -version 2>&1 | head -1), $(mvn -v 2>/dev/null | head -1 | cut -c1-40)"
