#!/usr/bin/env python3
"""Writes a small .safetensors file of a 4-layer transformer for the screenshots.
Usage: sample_safetensors.py OUT STEP

STEP 0 is the base model. A later step is the fine-tuning run's checkpoint at that step, as
its trainer saves it: the attention q_proj and v_proj weights trained (LoRA merged), the other
weights frozen (so checkpoints share their chunks), 8 special tokens added to the vocabulary
(embeddings and lm_head reshaped) and no rotary_emb.inv_freq buffers, which the base model's
older writer kept. The layers come first in the file, so their bytes lie in its first chunk,
where a tensor diff compares them exactly."""
import json
import random
import struct
import sys

out, step = sys.argv[1], int(sys.argv[2])
hidden, vocab, mlp, layers = 64, 32000, 128, 4
added_tokens = 8 if step else 0


def randbytes(key, size):
    return random.Random(key).randbytes(size)


tensors = []  # (name, dtype, shape, bytes)
width = {"F16": 2, "BF16": 2, "F32": 4}


def add(name, dtype, shape, trained=False):
    size = width[dtype]
    for d in shape:
        size *= d
    tensors.append((name, dtype, shape, randbytes(f"{name}@{step if trained else 0}", size)))


for i in range(layers):
    p = f"model.layers.{i}."
    for name in ("q_proj", "k_proj", "v_proj", "o_proj"):
        add(p + f"self_attn.{name}.weight", "BF16", [hidden, hidden], trained=name in ("q_proj", "v_proj"))
    add(p + "mlp.gate_proj.weight", "BF16", [mlp, hidden])
    add(p + "mlp.up_proj.weight", "BF16", [mlp, hidden])
    add(p + "mlp.down_proj.weight", "BF16", [hidden, mlp])
    add(p + "input_layernorm.weight", "F32", [hidden])
    add(p + "post_attention_layernorm.weight", "F32", [hidden])
    if not step:
        add(p + "self_attn.rotary_emb.inv_freq", "F32", [hidden // 2])
add("model.norm.weight", "F32", [hidden])
# The vocabulary's rows stay; the added tokens' rows follow them.
for name in ("lm_head.weight", "model.embed_tokens.weight"):
    rows = randbytes(f"{name}@0", vocab * hidden * 2) + randbytes(f"{name}@added", added_tokens * hidden * 2)
    tensors.append((name, "BF16", [vocab + added_tokens, hidden], rows))

metadata = {"format": "pt", "base_model": "tiny-llama-4l"}
if step:
    metadata["step"] = str(step)
header = {"__metadata__": metadata}
data = bytearray()
for name, dtype, shape, blob in tensors:
    header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + len(blob)]}
    data += blob
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * (-len(text) % 8)  # the data starts 8-byte aligned, as the reference writer does
with open(out, "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + data)
