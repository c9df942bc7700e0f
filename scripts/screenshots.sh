#!/bin/sh
# Renders the desktop app at 1280x800 under Xvfb into docs/screenshots/: a sample volume with
# pending changes (main.png), History open (history.png), the stores dialog (stores.png), two
# watched folders (watched-folders.png), an empty store (welcome.png, watched-folders-empty.png)
# and a store that cannot be opened (error.png). Needs a build (scripts/setup.sh) and xvfb-run.
# `scripts/screenshots.sh zh_TW` takes them in that language instead: main-zh_TW.png, ...
set -eu
cd "$(dirname "$0")/.."
TROVE=${TROVE:-build/app/desktop/trove}
CLI=${TROVE_CLI:-build/app/cli/trove-cli}
OUT=docs/screenshots
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export XDG_DATA_HOME="$WORK/data" XDG_CACHE_HOME="$WORK/cache" XDG_CONFIG_HOME="$WORK/config"
export LC_ALL=C.UTF-8 QT_SCALE_FACTOR=1 QT_QPA_PLATFORM=xcb
unset QT_QPA_PLATFORMTHEME LANGUAGE
APP_LOCALE="${1:-C}.UTF-8" # the app's language; trove-cli below stays English

# A sample store: a fine-tuning volume with three versions, and two more volumes.
STORE="$WORK/store"
S="$WORK/sample"
mkdir -p "$S/v1/configs" "$S/v2/checkpoints" "$S/v3/checkpoints" "$S/v3/eval"
printf 'model: llama-3-8b\nlr: 2e-5\nepochs: 3\n' > "$S/v1/configs/train.yaml"
printf 'base: llama-3-8b\nlora_rank: 16\n' > "$S/v1/configs/lora.yaml"
printf '# Fine-tune of llama-3-8b on support tickets\n' > "$S/v1/README.md"
head -c 180000 /dev/urandom > "$S/v1/tokenizer.json"
for step in 1000 2000; do scripts/sample_safetensors.py "$S/v2/checkpoints/step-$step.safetensors" $step; done
for step in 3000 10000; do scripts/sample_safetensors.py "$S/v3/checkpoints/step-$step.safetensors" $step; done
printf '{"accuracy": 0.87}\n' > "$S/v3/eval/results.json"
find "$S" -exec touch -d '2026-11-20 14:30:00' {} +
TROVE_STORE="$STORE"
export TROVE_STORE
"$CLI" volume create finetune-llama3 >/dev/null
"$CLI" volume put finetune-llama3 "$S/v1/" / -m "Configs and tokenizer" >/dev/null
"$CLI" volume put finetune-llama3 "$S/v2/checkpoints" checkpoints -m "Checkpoints 1000 and 2000" >/dev/null
"$CLI" volume put finetune-llama3 "$S/v3/checkpoints/" checkpoints/ -m "Checkpoints 3000 and 10000" >/dev/null
"$CLI" volume put finetune-llama3 "$S/v3/eval" eval -m "Evaluation" >/dev/null
"$CLI" volume create imagenet-subset --version 1 >/dev/null
"$CLI" volume create scratch >/dev/null
# Two watched folders: the checkpoints folder of a training run, kept in sync, and a paused
# one. The app finds them in its list, as it would after binding them itself.
RUNS="$WORK/runs"
"$CLI" volume sync finetune-llama3 "$RUNS/llama3/checkpoints" --path checkpoints >/dev/null
"$CLI" volume sync scratch "$RUNS/notebooks" >/dev/null
mkdir -p "$XDG_DATA_HOME/trove"
cat > "$XDG_DATA_HOME/trove/watched-folders.json" <<EOF
{"folders": [
 {"folder": "$RUNS/llama3/checkpoints", "store": "$STORE", "volume": "finetune-llama3", "remotePath": "checkpoints", "paused": false},
 {"folder": "$RUNS/notebooks", "store": "$STORE", "volume": "scratch", "remotePath": "", "paused": true}
]}
EOF

# The stores the app lists: the sample store by name, and an S3 store whose endpoint does not
# answer, so stores.png shows the connection test's verdict on a failing step.
mkdir -p "$XDG_CONFIG_HOME/trove"
cat > "$XDG_CONFIG_HOME/trove/stores.json" <<JSON
{"version": 1, "stores": [
  {"name": "Fine-tuning runs", "url": "file://$STORE"},
  {"name": "Team weights (Ceph)", "url": "s3://team-weights/llm/?endpoint=http://127.0.0.1:9&region=us-east-1&addressing=path"}]}
JSON

mkdir -p "$OUT"
shoot() { # STORE: runs the app's screenshot tour on that store
    LC_ALL="$APP_LOCALE" xvfb-run -a -s "-screen 0 1280x800x24" "$TROVE" --store "$1" --screenshots "$OUT"
}
shoot "file://$STORE"
rm -rf "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"
shoot "$WORK/empty-store"
printf 'not a store\n' > "$WORK/not-a-store"
shoot "$WORK/not-a-store"
