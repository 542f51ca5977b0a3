#!/usr/bin/env bash
# Builds the image (deploy/image/build.sh) and runs it the way the Kubernetes
# Deployment does, against the local broker: podman with runc, read-only root
# file system, uid/gid 65532, no capabilities, no privilege escalation, the
# Deployment's args, and a config file mounted over
# /etc/wirewatch/wirewatch.toml (as the ConfigMap's subPath mount). Then:
#   - /readyz answers 200;
#   - the seed story (tests/fixtures/corpus/seed-ap-kyiv-turkey-talks.txt),
#     produced by the image's own `wirewatch replay`, comes out enriched:
#     wirewatch_records_produced_total{category="all"} reaches 1 and the record
#     is on <prefix>wire.events.strike;
#   - SIGTERM (podman stop) ends the container with exit code 0.
# Exits non-zero with a message on the first failure. Uses a fresh topic
# prefix and consumer group per run. Starts the local broker if it is not
# running (and stops it again). Called by deploy/test.sh.
#
# Environment: WIREWATCH_IMAGE (default wirewatch:local), WIREWATCH_TEST_BROKERS
# (default: `deploy/local/kafka.sh bootstrap`), WIREWATCH_IMAGE_TEST_HTTP_PORT (default: a free port),
# WIREWATCH_IMAGE_SKIP_BUILD=1 (test the image already built).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)"
cd "$REPO"

IMAGE="${WIREWATCH_IMAGE:-wirewatch:local}"
export WIREWATCH_IMAGE="$IMAGE"
SEED=tests/fixtures/corpus/seed-ap-kyiv-turkey-talks.txt
PODMAN=(podman --storage-driver vfs)
# Explicit limits: podman's defaults (nofile and nproc of 1048576 and more)
# are above what a VM or CI sandbox may grant, and runc then refuses to start.
ULIMITS=(--ulimit "nofile=$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096)

say() { printf 'image/test.sh: %s\n' "$*"; }
fail() {
  printf 'image/test.sh: FAIL: %s\n' "$*" >&2
  if [[ -n ${CONTAINER:-} ]]; then
    printf 'image/test.sh: container log (last 40 lines):\n' >&2
    "${PODMAN[@]}" logs --tail 40 "$CONTAINER" >&2 2>&1 || true
  fi
  exit 1
}

t0=$SECONDS
if [[ ${WIREWATCH_IMAGE_SKIP_BUILD:-0} == 1 ]]; then
  say "WIREWATCH_IMAGE_SKIP_BUILD=1: testing the existing $IMAGE"
else
  deploy/image/build.sh
fi
t_build=$((SECONDS - t0))

started=0
if ! deploy/local/kafka.sh status >/dev/null 2>&1; then
  deploy/local/kafka.sh start
  started=1
fi
CONTAINER=""
STATE="$(mktemp -d)"
cleanup() {
  [[ -n $CONTAINER ]] && "${PODMAN[@]}" rm -f -t 0 "$CONTAINER" >/dev/null 2>&1
  rm -rf "$STATE"
  if [[ $started == 1 ]]; then deploy/local/kafka.sh stop; fi
}
trap cleanup EXIT

# The running broker's own address (deploy/test.sh exports it).
BROKERS="${WIREWATCH_TEST_BROKERS:-$(deploy/local/kafka.sh bootstrap 2>/dev/null || echo "127.0.0.1:${WIREWATCH_KAFKA_PORT:-9092}")}"
RUN="img$(date +%s)$$"
export WIREWATCH_TOPIC_PREFIX="$RUN."
deploy/local/kafka.sh topics >/dev/null || fail "could not create the ${RUN}.* topics"

PORT="${WIREWATCH_IMAGE_TEST_HTTP_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
ADDR="127.0.0.1:$PORT"
# What the ConfigMap mounts (subPath) over the baked /etc/wirewatch/wirewatch.toml,
# minus SASL_SSL (the local broker is plaintext); the environment overrides the
# brokers, prefix, group and address, as the Deployment's env does.
cat >"$STATE/wirewatch.toml" <<'EOF'
rules_dir = "/etc/wirewatch"
[worker]
shutdown_grace_secs = 10
[log]
format = "json"
EOF
chmod 0755 "$STATE"
chmod 0644 "$STATE/wirewatch.toml"

say "running $IMAGE (read-only, uid 65532, runc, host network) on topics ${RUN}.*, http $ADDR"
CONTAINER="wirewatch-$RUN"
t_run=$SECONDS
"${PODMAN[@]}" run -d --name "$CONTAINER" --runtime runc --network host "${ULIMITS[@]}" \
  --read-only --user 65532:65532 --cap-drop ALL --security-opt no-new-privileges \
  -v "$STATE/wirewatch.toml:/etc/wirewatch/wirewatch.toml:ro" \
  -e WIREWATCH_BROKERS="$BROKERS" -e WIREWATCH_TOPIC_PREFIX="$WIREWATCH_TOPIC_PREFIX" \
  -e WIREWATCH_GROUP_ID="wirewatch-$RUN" -e WIREWATCH_HTTP_ADDR="$ADDR" \
  "$IMAGE" run --config /etc/wirewatch/wirewatch.toml >/dev/null \
  || fail "podman run failed"

running() { [[ "$("${PODMAN[@]}" inspect --format '{{.State.Running}}' "$CONTAINER" 2>/dev/null)" == true ]]; }
http() { # http PATH: prints "STATUS BODY", or "000" when nothing answers
  python3 - "http://$ADDR$1" <<'PY'
import sys, urllib.request, urllib.error
try:
    r = urllib.request.urlopen(sys.argv[1], timeout=2)
    print(r.status, r.read().decode())
except urllib.error.HTTPError as e:
    print(e.code, e.read().decode())
except Exception:
    print("000")
PY
}

ready=""
deadline=$((SECONDS + 90))
while ((SECONDS < deadline)); do
  running || fail "the container exited during start-up (exit code $("${PODMAN[@]}" inspect --format '{{.State.ExitCode}}' "$CONTAINER"))"
  ready="$(http /readyz)"
  [[ $ready == "200 "* ]] && break
  sleep 0.5
done
[[ $ready == "200 "* ]] || fail "/readyz did not answer 200 within 90 s (last: ${ready:0:200})"
say "PASS /readyz 200 after $((SECONDS - t_run)) s"

# The seed story, produced with the image's own binary (no kcat, no debug build).
python3 - "$SEED" >"$STATE/seed.jsonl" <<'PY'
import json, pathlib, sys
p = pathlib.Path(sys.argv[1])
print(json.dumps({"key": p.stem, "payload": p.read_text(encoding="utf-8")}))
PY
"${PODMAN[@]}" run --rm -i --runtime runc --network host "${ULIMITS[@]}" --read-only --user 65532:65532 \
  --cap-drop ALL "$IMAGE" replay - --brokers "$BROKERS" --topic "${RUN}.wire.stories.raw" \
  <"$STATE/seed.jsonl" || fail "wirewatch replay (in the image) could not produce the seed story"

produced() { # produced CATEGORY: the counter's value, 0 if absent
  http /metrics | awk -v c="category=\"$1\"" '/^wirewatch_records_produced_total\{/ && index($0, c) {s += $NF} END {print s + 0}'
}
n=0
deadline=$((SECONDS + 60))
while ((SECONDS < deadline)); do
  n="$(produced all)"
  [[ $n -ge 1 ]] && break
  sleep 0.5
done
[[ $n -eq 1 ]] || fail "wirewatch_records_produced_total{category=\"all\"} is $n after 60 s, expected 1"
say "PASS wirewatch_records_produced_total{category=\"all\"} = 1"

record="$(deploy/local/kafka.sh consume "${RUN}.wire.events.strike" 1 15000)"
grep -q '^seed-ap-kyiv-turkey-talks	{"schema_version":1,' <<<"$record" \
  || fail "no enriched record of the seed story on ${RUN}.wire.events.strike (got: ${record:0:200})"
for label in diplomacy sanctions procurement strike; do
  grep -q "\"$label\"" <<<"$record" || fail "the seed story's record lacks the label $label"
done
say "PASS the seed story's record is on ${RUN}.wire.events.strike with its four labels"

"${PODMAN[@]}" stop -t 30 "$CONTAINER" >/dev/null
code="$("${PODMAN[@]}" inspect --format '{{.State.ExitCode}}' "$CONTAINER")"
[[ $code == 0 ]] || fail "the worker exited with code $code on SIGTERM, expected 0"
say "PASS SIGTERM: exit code 0"
say "PASS: image $IMAGE works (build ${t_build} s, whole test $((SECONDS - t0)) s)"
