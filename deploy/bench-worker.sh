#!/usr/bin/env bash
# End-to-end throughput and memory of the release worker on the local broker:
# replays N stories (the corpus in tests/fixtures/corpus, repeated with fresh
# ids) to a fresh topic prefix, runs the worker until every story is consumed
# and acknowledged, and prints stories/s, MB/s and the worker's peak RSS.
#
#   deploy/bench-worker.sh [N]      (default 20000)
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO"
N="${1:-20000}"
STATE="$REPO/.local/bench"
mkdir -p "$STATE"

deploy/local/kafka.sh start >/dev/null
RUN="bench$(date +%s)"
export WIREWATCH_TOPIC_PREFIX="$RUN."
export WIREWATCH_GROUP_ID="wirewatch-$RUN"
export WIREWATCH_HTTP_ADDR="${WIREWATCH_HTTP_ADDR:-127.0.0.1:9899}"
WIREWATCH_KAFKA_PARTITIONS=3 deploy/local/kafka.sh topics >/dev/null
cargo build --release --locked --quiet
BIN="$REPO/target/release/wirewatch"

python3 - "$N" "$STATE/batch.jsonl" <<'PY'
import json, pathlib, sys
n, out = int(sys.argv[1]), sys.argv[2]
bodies = [p.read_text(encoding="utf-8") for p in sorted(pathlib.Path("tests/fixtures/corpus").glob("*.txt"))]
with open(out, "w", encoding="utf-8") as f:
    for i in range(n):
        f.write(json.dumps({"key": f"bench-{i}", "payload": json.dumps({"id": f"bench-{i}", "body": bodies[i % len(bodies)]})}) + "\n")
PY
BYTES=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['payload'].encode()) for l in open(sys.argv[1])))" "$STATE/batch.jsonl")
"$BIN" replay "$STATE/batch.jsonl" --topic "$RUN.wire.stories.raw" 2>/dev/null

metric() {
  python3 -c "import urllib.request; print(urllib.request.urlopen('http://$WIREWATCH_HTTP_ADDR/metrics', timeout=2).read().decode())" 2>/dev/null \
    | awk -v m="$1" '$1 == m {print $2}'
}
start=$(date +%s.%N)
"$BIN" run --config config/wirewatch.toml >"$STATE/worker.log" 2>&1 &
PID=$!
trap 'kill -TERM $PID 2>/dev/null || true' EXIT
enriched="wirewatch_records_produced_total{category=\"all\",topic=\"$RUN.wire.stories.enriched\"}"
while :; do
  got=$(metric "$enriched" || true); got=${got:-0}
  [[ "$got" -ge "$N" ]] && break
  kill -0 $PID 2>/dev/null || { tail -20 "$STATE/worker.log"; exit 1; }
  sleep 0.2
done
end=$(date +%s.%N)
peak_kb=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
kill -TERM $PID; wait $PID || true; trap - EXIT
python3 - "$N" "$BYTES" "$start" "$end" "$peak_kb" <<'PY'
import sys
n, b, s, e, kb = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5])
t = e - s
print(f"worker end to end: {n} stories, {b/1e6:.1f} MB in {t:.2f} s (incl. start-up and group join): "
      f"{n/t:.0f} stories/s, {b/1e6/t:.2f} MB/s; peak RSS {kb/1024:.0f} MiB")
PY
