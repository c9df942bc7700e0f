#!/bin/sh
# Renders the desktop app at 1280x800 under Xvfb into docs/screenshots/: a sample volume with
# pending changes (main.png) and the details of a .safetensors file (details.png), History open
# (history.png) and the tensors its newest version changed (history-tensors.png), the stores
# dialog (stores.png), two watched folders (watched-folders.png), an empty store (welcome.png,
# watched-folders-empty.png) and a store that cannot be opened (error.png). Needs a build
# (scripts/setup.sh) and xvfb-run.
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

# A sample store: a fine-tuning volume laid out as a model repository (config, tokenizer,
# weights, model card) with five versions, and two more volumes. Its newest version brings the
# fine-tuned weights, so History compares their tensors with the base model's.
STORE="$WORK/store"
S="$WORK/sample"
mkdir -p "$S/base" "$S/checkpoints" "$S/eval" "$S/tuned/checkpoints"
cat > "$S/base/config.json" <<'JSON'
{
  "architectures": ["LlamaForCausalLM"],
  "model_type": "llama",
  "hidden_size": 64,
  "intermediate_size": 128,
  "num_attention_heads": 4,
  "num_hidden_layers": 4,
  "vocab_size": 32000,
  "max_position_embeddings": 2048,
  "rms_norm_eps": 1e-05,
  "torch_dtype": "bfloat16"
}
JSON
printf '{\n  "bos_token_id": 1,\n  "eos_token_id": 2,\n  "temperature": 0.6,\n  "top_p": 0.9\n}\n' > "$S/base/generation_config.json"
python3 -c 'import json, random, sys
r = random.Random(7)
vocab = {"".join(r.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(r.randint(2, 9))) + str(i): i for i in range(32000)}
json.dump({"version": "1.0", "model": {"type": "BPE", "vocab": vocab}}, sys.stdout)' > "$S/base/tokenizer.json"
cat > "$S/base/README.md" <<'MD'
# tiny-llama-4l, fine-tuned on support tickets

A 4-layer Llama-style model. `model.safetensors` holds the weights, `checkpoints/` the
training run's checkpoints, `eval/` the evaluation of each.
MD
scripts/sample_safetensors.py "$S/base/model.safetensors" 0
for step in 1000 2000; do scripts/sample_safetensors.py "$S/checkpoints/step-$step.safetensors" $step; done
printf '{"step": 2000, "accuracy": 0.84, "loss": 0.61}\n' > "$S/eval/results.json"
scripts/sample_safetensors.py "$S/tuned/model.safetensors" 3000
cp "$S/tuned/model.safetensors" "$S/tuned/checkpoints/step-3000.safetensors"
find "$S" -exec touch -d '2026-11-20 14:30:00' {} +
TROVE_STORE="$STORE"
export TROVE_STORE
"$CLI" volume create finetune-llama3 >/dev/null
"$CLI" volume put finetune-llama3 "$S/base/" / -m "Base model: weights, config and tokenizer" >/dev/null
"$CLI" volume put finetune-llama3 "$S/checkpoints" checkpoints -m "Checkpoints 1000 and 2000" >/dev/null
"$CLI" volume put finetune-llama3 "$S/eval" eval -m "Evaluation at step 2000" >/dev/null
"$CLI" volume put finetune-llama3 "$S/tuned/" / --force -m "Fine-tuned weights after 3000 steps" >/dev/null
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
