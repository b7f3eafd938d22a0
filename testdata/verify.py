#!/usr/bin/env python3
"""Checks the golden cases with Keras in a fresh process (no generator state).

    /work/venv-keras/bin/python testdata/verify.py [names or prefixes...]

For every case folder: exactly one model file, float32 C-order .npy files matching
case.json, and the model reloaded from its file reproduces output_*.npy through
predict (bit-identical on the CPU that generated them; within the case tolerance on another CPU,
whose TensorFlow kernels may round differently, said so in the report, and for a case whose outputs come from
another "keras_backend") and through model(x, training=False) (within the case
tolerance). Cases with "calls" (stateful models) replay call<k>_input_*.npy in
order on the same model and compare with call<k>_output_*.npy; cases with
"layer_outputs" must hold layers/<name>.npy for each name. ONNX cases (onnx_*) are
checked by generate_onnx.py, not here. Exits 1 on any failure. Writes nothing.
"""

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["KERAS_BACKEND"] = "tensorflow"

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402

tf.get_logger().setLevel("ERROR")

CASES_DIR = Path(__file__).resolve().parent / "cases"


def as_list(y):
    return [np.asarray(v) for v in y] if isinstance(y, (list, tuple)) else [np.asarray(y)]


def load_arrays(d, meta, prefix=""):
    ins = [np.load(d / f"{prefix}input_{i}.npy") for i in range(meta["inputs"])]
    outs = [np.load(d / f"{prefix}output_{i}.npy") for i in range(meta["outputs"])]
    for a in ins + outs:
        assert a.dtype == np.float32 and a.flags.c_contiguous, a.dtype
    return ins, outs


def predict(model, ins):
    x = ins if len(ins) > 1 else ins[0]
    return as_list(model.predict(x, batch_size=len(ins[0]), verbose=0))


def check(d):
    meta = json.loads((d / "case.json").read_text())
    models = sorted(p.name for p in d.iterdir() if p.name.startswith("model."))
    assert models == [meta["model"]], f"model files {models} vs case.json {meta['model']}"
    ins, outs = load_arrays(d, meta)
    assert not (d / f"input_{meta['inputs']}.npy").exists() and not (d / f"output_{meta['outputs']}.npy").exists()
    for name in meta.get("layer_outputs", []):
        assert (d / "layers" / f"{name}.npy").is_file(), f"layers/{name}.npy missing"
    keras.backend.clear_session()
    model = keras.models.load_model(str(d / meta["model"]), compile=False)
    assert len(model.inputs) == len(ins) and len(model.outputs) == len(outs)
    tol = meta["tolerance"]
    identical = ["keras_backend" not in meta]  # TensorFlow's outputs: predict gives the same bits again on their CPU

    def ratio(g, want):
        """The largest difference of g from want, as a fraction of the tolerance."""
        return float((np.abs(np.asarray(g, np.float64) - want) / (tol["atol"] + tol["rtol"] * np.abs(want))).max())

    def same(g, want):
        identical[0] = identical[0] and np.array_equal(g, want)
        return g.shape == want.shape and ratio(g, want) <= 1.0

    got = predict(model, ins)
    for k in range(1, meta.get("calls", 1)):  # same model: stateful layers carry their states on
        call_ins, call_outs = load_arrays(d, meta, f"call{k}_")
        for want, g in zip(call_outs, predict(model, call_ins)):
            assert same(g, want), f"call {k} differs"
    if meta.get("calls", 1) > 1:  # a fresh model for model(x): its states start at zero again
        keras.backend.clear_session()
        model = keras.models.load_model(str(d / meta["model"]), compile=False)
    got_call = as_list(model(ins if len(ins) > 1 else ins[0], training=False))
    worst_call = 0.0
    for want, g, gc in zip(outs, got, got_call):
        assert g.shape == want.shape, (g.shape, want.shape)
        assert same(g, want), f"predict differs from the golden output by {float(np.abs(g - want).max()):.3g}"
        worst_call = max(worst_call, ratio(gc, want))
    assert worst_call <= 1.0, f"model(x) is {worst_call:.3g} of the tolerance away"
    if "keras_backend" in meta:
        return worst_call, f"within tolerance of Keras on {meta['keras_backend']}"
    worst = max(ratio(g, want) for want, g in zip(outs, got))
    return worst_call, "bit-identical" if identical[0] else f"not bit-identical on this CPU, at {worst:.2g} of tolerance"


def main(argv):
    dirs = [d for d in sorted(CASES_DIR.iterdir()) if d.is_dir() and not d.name.startswith("onnx_")
            and (not argv or any(d.name == p or d.name.startswith(p) for p in argv))]
    failed = 0
    for d in dirs:
        try:
            r, how = check(d)
            print(f"ok   {d.name}  (predict {how}; model(x) at {r:.2g} of tolerance)", flush=True)
        except Exception as e:  # noqa: BLE001
            failed += 1
            print(f"FAIL {d.name}: {type(e).__name__}: {e}", flush=True)
    print(f"{len(dirs) - failed} passed, {failed} failed")
    return 1 if failed or not dirs else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
