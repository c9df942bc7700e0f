#!/usr/bin/env python3
"""Writes a small .safetensors checkpoint for the screenshots: a 4-layer transformer whose
embedding stays the same across steps (so checkpoints share its chunks) while the layers
change with the step. Usage: sample_safetensors.py OUT STEP"""
import json
import random
import struct
import sys

out, step = sys.argv[1], int(sys.argv[2])
hidden, vocab, mlp, layers = 64, 32000, 172, 4
tensors = [("model.embed_tokens.weight", "F16", [vocab, hidden], 0)]
for i in range(layers):
    p = f"model.layers.{i}."
    for name in ("q_proj", "k_proj", "v_proj", "o_proj"):
        tensors.append((p + f"self_attn.{name}.weight", "BF16", [hidden, hidden], step))
    tensors.append((p + "mlp.gate_proj.weight", "BF16", [mlp, hidden], step))
    tensors.append((p + "mlp.up_proj.weight", "BF16", [mlp, hidden], step))
    tensors.append((p + "mlp.down_proj.weight", "BF16", [hidden, mlp], step))
    tensors.append((p + "input_layernorm.weight", "F32", [hidden], step))
tensors.append(("model.norm.weight", "F32", [hidden], step))
tensors.append(("lm_head.weight", "BF16", [vocab // 8, hidden], step))

width = {"F16": 2, "BF16": 2, "F32": 4}
header = {"__metadata__": {"format": "pt", "step": str(step), "base_model": "tiny-llama-4l"}}
data = bytearray()
for index, (name, dtype, shape, seed) in enumerate(tensors):
    size = width[dtype]
    for d in shape:
        size *= d
    header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [len(data), len(data) + size]}
    data += random.Random(seed * 1000 + index).randbytes(size)
text = json.dumps(header, separators=(",", ":")).encode()
text += b" " * (-len(text) % 8)  # the data starts 8-byte aligned, as the reference writer does
with open(out, "wb") as f:
    f.write(struct.pack("<Q", len(text)) + text + data)
