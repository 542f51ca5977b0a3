#!/usr/bin/env bash
# The whole test suite: formatting, lints, unit, property, golden and
# real-broker integration tests. Starts the local Kafka broker if it is not
# running (and stops it again afterwards if this script started it).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO"

deploy/local/install-deps.sh
deploy/check.sh

echo "test.sh: cargo fmt --check"
cargo fmt --all -- --check
echo "test.sh: cargo clippy"
cargo clippy --locked --all-targets -- -D warnings

started=0
if ! deploy/local/kafka.sh status >/dev/null 2>&1; then
  deploy/local/kafka.sh start
  started=1
fi
cleanup() { if [[ $started == 1 ]]; then deploy/local/kafka.sh stop; fi; }
trap cleanup EXIT

# Where the running broker listens (its own port, whatever the environment says).
export WIREWATCH_TEST_BROKERS="${WIREWATCH_TEST_BROKERS:-$(deploy/local/kafka.sh bootstrap)}"
deploy/image/test.sh  # the container image: static musl build, buildah, podman run against this broker
echo "test.sh: cargo test (broker $WIREWATCH_TEST_BROKERS)"
cargo test --locked --all-targets
