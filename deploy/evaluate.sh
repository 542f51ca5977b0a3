#!/usr/bin/env bash
# One summary line per evaluation set, scored by the reference scorer
# (../shared/tools/score.py): the development set (when ../shared is there),
# the project's holdout, the breadth sets (stories with events, snippets with
# labels only) and their blind splits. Blind splits are for measuring only:
# read their summary line, never their errors.
#
#   deploy/evaluate.sh [BINARY]     (default: target/release/wirewatch, built if missing)
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$REPO"
SHARED="${WIREWATCH_SHARED:-$REPO/../shared}"
SCORE="$SHARED/tools/score.py"
[[ -f "$SCORE" ]] || { echo "evaluate: the reference scorer is not at $SCORE (set WIREWATCH_SHARED)" >&2; exit 1; }
BIN="${1:-$REPO/target/release/wirewatch}"
if [[ ! -x "$BIN" ]]; then
  cargo build --release --locked --quiet --bin wirewatch
fi
EVAL=tests/fixtures/eval
TMP="$(mktemp -d)"; trap 'rm -rf "$TMP"' EXIT

score() {
  local name=$1; shift
  cat "$@" >"$TMP/gold.jsonl"
  local line
  line=$("$BIN" classify --batch "$TMP/gold.jsonl" | python3 "$SCORE" "$TMP/gold.jsonl" - | tail -1)
  printf '%-22s %5d  %s\n' "$name" "$(wc -l <"$TMP/gold.jsonl")" "$line"
}

printf '%-22s %5s  %s\n' set n summary
[[ -f "$SHARED/data/dev-stories.jsonl" ]] && score dev "$SHARED/data/dev-stories.jsonl"
score holdout "$EVAL/holdout.jsonl"
score breadth-stories "$EVAL/stories-a.jsonl" "$EVAL/stories-b.jsonl" "$EVAL/stories-c.jsonl" "$EVAL/stories-d.jsonl"
score breadth-snippets "$EVAL/snippets-a.jsonl" "$EVAL/snippets-b.jsonl" "$EVAL/snippets-c.jsonl" "$EVAL/snippets-d.jsonl" "$EVAL/snippets-e.jsonl" "$EVAL/snippets-f.jsonl" "$EVAL/snippets-g.jsonl" "$EVAL/snippets-h.jsonl" "$EVAL/snippets-i.jsonl" "$EVAL/snippets-j.jsonl" "$EVAL/snippets-k.jsonl"
score blind-stories "$EVAL/blind/stories-a.jsonl" "$EVAL/blind/stories-b.jsonl" "$EVAL/blind/stories-c.jsonl" "$EVAL/blind/stories-d.jsonl"
score blind-snippets "$EVAL/blind/snippets-a.jsonl" "$EVAL/blind/snippets-b.jsonl" "$EVAL/blind/snippets-c.jsonl" "$EVAL/blind/snippets-d.jsonl" "$EVAL/blind/snippets-e.jsonl" "$EVAL/blind/snippets-f.jsonl" "$EVAL/blind/snippets-g.jsonl" "$EVAL/blind/snippets-h.jsonl" "$EVAL/blind/snippets-i.jsonl" "$EVAL/blind/snippets-j.jsonl" "$EVAL/blind/snippets-k.jsonl"
