#!/usr/bin/env python3
"""Writes a keras4j case folder for YOUR Keras model, with outputs computed by Keras.

    python tools/make_case.py MODEL OUT_DIR [--input X.npy ...] [--batch N] [--timesteps T]
                              [--seed S] [--no-layers] [--description TEXT] [--force]

MODEL is a model saved by Keras (.keras, .h5 or .hdf5). The script loads it with
keras.models.load_model(MODEL, compile=False), feeds it the given inputs (one .npy per model
input, in model input order) or random ones matching its input shapes, and writes to OUT_DIR:

    model.keras / model.h5   a byte copy of MODEL
    input_<i>.npy            the inputs, float32
    output_<i>.npy           Keras' outputs, model.predict(inputs), float32, in model output order
    layers/<name>.npy        Keras' output of every top-level layer (not with --no-layers)
    case.json                description, file names, versions, tolerance 1e-5 / 1e-5

which `./keras4j verify OUT_DIR` and `./keras4j convert MODEL OUT.k4j --golden OUT_DIR`
understand. Random inputs: standard normal float32, seeded; the batch dimension is --batch
(default 2) unless the model fixes it (stateful models); an unknown dimension (timesteps) is
--timesteps (default 8). An input read by an Embedding gets token ids: integers in
[0, input_dim), or for mask_zero=True in [1, input_dim) with the last third of every second
sample set to 0 (padding), stored as float32. Needs only keras, numpy and Keras' backend.
"""

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

MODEL_SUFFIXES = {".keras": "model.keras", ".h5": "model.h5", ".hdf5": "model.h5"}
TOLERANCE = {"atol": 1e-5, "rtol": 1e-5}


class CaseError(Exception):
    """A problem the user can fix; printed without a traceback."""


# --------------------------------------------------------------------------- model structure

def _inbound_nodes(layer):
    return getattr(layer, "_inbound_nodes", None) or getattr(layer, "inbound_nodes", None) or []


def _node_inputs(node):
    for attr in ("input_tensors", "keras_inputs"):
        ts = getattr(node, attr, None)
        if ts is not None:
            return list(ts) if isinstance(ts, (list, tuple)) else [ts]
    return []


def _node_outputs(node):
    ts = getattr(node, "output_tensors", None)
    if ts is None:
        ts = getattr(node, "outputs", [])
    return list(ts) if isinstance(ts, (list, tuple)) else [ts]


def _is_model(layer):
    return hasattr(layer, "layers") and hasattr(layer, "inputs") and type(layer).__name__ in ("Sequential", "Functional",
                                                                                              "Model")


def input_readers(model, index, depth=0):
    """The layers that read model input `index` directly (looking into nested models)."""
    if depth > 10:
        return []
    if type(model).__name__ == "Sequential":
        first = [lyr for lyr in model.layers if type(lyr).__name__ != "InputLayer"][:1]
        out = []
        for lyr in first:
            out += input_readers(lyr, 0, depth + 1) if _is_model(lyr) else [lyr]
        return out
    try:
        target = model.inputs[index]
    except (AttributeError, IndexError, TypeError):
        return []
    out = []
    for lyr in model.layers:
        if type(lyr).__name__ == "InputLayer":
            continue
        for node in _inbound_nodes(lyr):
            ins = _node_inputs(node)
            if any(t is target for t in ins):
                if _is_model(lyr):
                    pos = [i for i, t in enumerate(ins) if t is target][0]
                    out += input_readers(lyr, pos, depth + 1)
                else:
                    out.append(lyr)
    return out


def input_specs(model):
    shapes = []
    for t in model.inputs:
        shape = tuple(None if d is None else int(d) for d in t.shape)
        dtype = str(getattr(t, "dtype", "float32"))
        dtype = getattr(t.dtype, "name", dtype)
        shapes.append((shape, dtype))
    return shapes


# --------------------------------------------------------------------------- inputs

def random_inputs(np, model, batch, timesteps, seed):
    rng = np.random.default_rng(seed)
    specs = input_specs(model)
    fixed = {s[0] for s, _ in specs if s and s[0] is not None}
    if len(fixed) > 1:
        raise CaseError(f"the model's inputs fix different batch sizes {sorted(fixed)}; pass --input files")
    if fixed:
        b = fixed.pop()
        if batch is not None and batch != b:
            print(f"note: the model fixes the batch size to {b} (stateful or batch_shape); --batch {batch} ignored",
                  file=sys.stderr)
        batch = b
    batch = batch or 2
    xs, notes = [], []
    for i, (shape, dtype) in enumerate(specs):
        if not shape:
            raise CaseError(f"input {i} has no shape; pass --input files")
        dims = [batch] + [timesteps if d is None else d for d in shape[1:]]
        readers = input_readers(model, i)
        embeddings = [lyr for lyr in readers if type(lyr).__name__ == "Embedding"]
        if embeddings:
            vocab = min(int(e.input_dim) for e in embeddings)
            mask_zero = any(getattr(e, "mask_zero", False) for e in embeddings)
            if mask_zero:
                x = rng.integers(1, vocab, size=dims) if vocab > 1 else np.zeros(dims, dtype=np.int64)
                t = dims[1] if len(dims) > 1 else 0
                if t > 2:
                    x[1::2, t - t // 3:] = 0
                notes.append(f"input {i}: token ids in [1, {vocab}), the last {t // 3 if t > 2 else 0} steps of every "
                             "second sample 0 (padding, masked)")
            else:
                x = rng.integers(0, vocab, size=dims)
                notes.append(f"input {i}: token ids in [0, {vocab})")
            xs.append(x.astype(np.float32))
        elif "int" in dtype or "bool" in dtype or "string" in dtype:
            raise CaseError(f"input {i} has dtype {dtype} and is not read by an Embedding: cannot draw meaningful "
                            f"random values; pass --input files")
        else:
            xs.append(rng.standard_normal(dims).astype(np.float32))
            notes.append(f"input {i}: standard normal, shape {dims}")
    return xs, notes


def load_inputs(np, model, paths):
    specs = input_specs(model)
    if len(paths) != len(specs):
        raise CaseError(f"the model has {len(specs)} input(s) but {len(paths)} --input file(s) were given")
    xs = []
    for i, (p, (shape, _)) in enumerate(zip(paths, specs)):
        p = Path(p)
        if not p.is_file():
            raise CaseError(f"--input {p}: no such file")
        try:
            x = np.load(p, allow_pickle=False)
        except Exception as e:  # noqa: BLE001
            raise CaseError(f"--input {p}: not a readable .npy file ({e})") from None
        if x.dtype.kind not in "fiub":
            raise CaseError(f"--input {p}: unsupported dtype {x.dtype} (use float or integer arrays)")
        if x.dtype.kind in "iu" and x.size and np.abs(x).max() > 2 ** 24:
            raise CaseError(f"--input {p}: integer values above 2^24 cannot be stored exactly as float32")
        if len(x.shape) != len(shape):
            raise CaseError(f"--input {p}: shape {x.shape} has rank {x.ndim}, model input {i} expects {shape}")
        for got, want in zip(x.shape, shape):
            if want is not None and got != want:
                raise CaseError(f"--input {p}: shape {x.shape} does not fit model input {i} {shape}")
        xs.append(np.ascontiguousarray(x, dtype=np.float32))
    if len({x.shape[0] for x in xs}) > 1:
        raise CaseError(f"--input files have different batch sizes {[x.shape[0] for x in xs]}")
    return xs


# --------------------------------------------------------------------------- outputs

def as_list(np, y):
    if isinstance(y, dict):
        raise CaseError("the model returns a dict of outputs; keras4j case folders need a list (model.outputs order)")
    if isinstance(y, (list, tuple)):
        return [np.asarray(v) for v in y]
    return [np.asarray(y)]


def layer_outputs(keras, np, model, xs):
    """[(layer name, first output of the layer's first call)] for every top-level layer but InputLayer."""
    names, tensors = [], []
    for lyr in model.layers:
        if type(lyr).__name__ == "InputLayer":
            continue
        nodes = _inbound_nodes(lyr)
        if not nodes:
            raise CaseError(f"layer {lyr.name} has no call in the model graph")
        outs = _node_outputs(nodes[0])
        names.append(lyr.name)
        tensors.append(outs[0])
    probe = keras.Model(model.inputs, tensors)
    ys = as_list(np, probe.predict(xs if len(xs) > 1 else xs[0], batch_size=len(xs[0]), verbose=0))
    return list(zip(names, ys))


def is_stateful(model):
    def stateful(lyr):
        if getattr(lyr, "stateful", False):
            return True
        for attr in ("forward_layer", "backward_layer", "layer"):
            inner = getattr(lyr, attr, None)
            if inner is not None and inner is not lyr and stateful(inner):
                return True
        return _is_model(lyr) and any(stateful(x) for x in lyr.layers)
    return any(stateful(lyr) for lyr in model.layers)


def backend_versions(keras):
    name = keras.backend.backend() if hasattr(keras.backend, "backend") else "tensorflow"
    out = {"keras_version": keras.__version__, "backend": name}
    try:
        mod = __import__(name)
        out[f"{name}_version"] = getattr(mod, "__version__", "unknown")
    except ImportError:
        pass
    return out


# --------------------------------------------------------------------------- main

def main(argv=None):
    ap = argparse.ArgumentParser(
        prog="make_case.py",
        description="Write a keras4j case folder (model copy, inputs, Keras' outputs and per-layer outputs, case.json) "
                    "for a Keras model, for `keras4j verify DIR` and `keras4j convert MODEL OUT.k4j --golden DIR`.")
    ap.add_argument("model", help="the Keras model file (.keras, .h5 or .hdf5)")
    ap.add_argument("out_dir", help="the case folder to write (created if missing)")
    ap.add_argument("--input", action="append", default=[], metavar="X.npy",
                    help="an input array, once per model input in model input order (default: random inputs)")
    ap.add_argument("--batch", type=int, default=None, help="batch size of random inputs (default 2)")
    ap.add_argument("--timesteps", type=int, default=8,
                    help="length of every unknown (None) dimension of random inputs (default 8)")
    ap.add_argument("--seed", type=int, default=0, help="seed of the random inputs (default 0)")
    ap.add_argument("--no-layers", action="store_true", help="do not write layers/<name>.npy")
    ap.add_argument("--description", default=None, help="description stored in case.json")
    ap.add_argument("--force", action="store_true", help="replace the case files already in OUT_DIR")
    args = ap.parse_args(argv)
    try:
        return run(args)
    except CaseError as e:
        print(f"make_case.py: error: {e}", file=sys.stderr)
        return 2


def run(args):
    src = Path(args.model)
    if not src.is_file():
        raise CaseError(f"{src}: no such model file")
    target_name = MODEL_SUFFIXES.get(src.suffix.lower())
    if target_name is None:
        raise CaseError(f"{src}: unsupported model file; expected .keras, .h5 or .hdf5 (a SavedModel directory or "
                        ".tflite cannot be read by keras4j: re-save with model.save('model.keras'))")
    if args.batch is not None and args.batch < 1:
        raise CaseError("--batch must be at least 1")
    if args.timesteps < 1:
        raise CaseError("--timesteps must be at least 1")
    out = Path(args.out_dir)
    if out.exists() and not out.is_dir():
        raise CaseError(f"{out}: exists and is not a directory")
    existing = sorted(p.name for p in out.glob("*") if p.name.startswith(("model.", "input_", "output_", "call"))
                      or p.name in ("case.json", "layers")) if out.exists() else []
    if existing and not args.force:
        raise CaseError(f"{out} already holds case files ({', '.join(existing[:4])}{', ...' if len(existing) > 4 else ''}); "
                        "use --force to replace them")

    import numpy as np
    try:
        import keras
    except ImportError as e:
        raise CaseError(f"cannot import keras ({e}); install keras and its backend") from None

    try:
        model = keras.models.load_model(str(src), compile=False)
    except Exception as e:  # noqa: BLE001
        raise CaseError(f"Keras cannot load {src}: {type(e).__name__}: {e}") from None
    if not getattr(model, "inputs", None):
        raise CaseError(f"{src}: the model has no defined inputs (a subclassed model?); keras4j needs a Sequential "
                        "or Functional model")

    notes = []
    if args.input:
        xs = load_inputs(np, model, args.input)
        notes.append("inputs from " + ", ".join(Path(p).name for p in args.input))
    else:
        xs, notes = random_inputs(np, model, args.batch, args.timesteps, args.seed)

    stateful = is_stateful(model)
    try:
        ys = as_list(np, model.predict(xs if len(xs) > 1 else xs[0], batch_size=len(xs[0]), verbose=0))
    except CaseError:
        raise
    except Exception as e:  # noqa: BLE001
        raise CaseError(f"Keras cannot run the model on inputs of shapes {[list(x.shape) for x in xs]}: "
                        f"{type(e).__name__}: {e}") from None
    ys = [np.ascontiguousarray(y, dtype=np.float32) for y in ys]

    per_layer, layer_note = [], None
    if not args.no_layers:
        try:
            # a stateful model has advanced its states: take the per-layer outputs from a fresh copy
            lm = keras.models.load_model(str(src), compile=False) if stateful else model
            per_layer = [(n, np.ascontiguousarray(y, dtype=np.float32)) for n, y in layer_outputs(keras, np, lm, xs)]
        except Exception as e:  # noqa: BLE001
            layer_note = f"per-layer outputs not written: {type(e).__name__}: {e}"
            print(f"make_case.py: warning: {layer_note}", file=sys.stderr)

    out.mkdir(parents=True, exist_ok=True)
    for p in out.glob("*"):
        if p.name in existing:
            shutil.rmtree(p) if p.is_dir() else p.unlink()
    shutil.copyfile(src, out / target_name)
    for i, x in enumerate(xs):
        np.save(out / f"input_{i}.npy", x)
    for i, y in enumerate(ys):
        np.save(out / f"output_{i}.npy", y)
    if per_layer:
        (out / "layers").mkdir()
        for name, y in per_layer:
            np.save(out / "layers" / f"{name.replace('/', '__')}.npy", y)

    meta = {
        "description": args.description or f"{src.name}: outputs computed by Keras with tools/make_case.py",
        "model": target_name,
        "inputs": len(xs),
        "outputs": len(ys),
        **backend_versions(keras),
        "tolerance": dict(TOLERANCE),
        "input_shapes": [list(x.shape) for x in xs],
        "output_shapes": [list(y.shape) for y in ys],
        "source_model": src.name,
        "made_by": "tools/make_case.py",
        "input_notes": notes,
    }
    if not args.input:
        meta["seed"] = args.seed
    if per_layer:
        meta["layer_outputs"] = [n for n, _ in per_layer]
    if layer_note:
        meta["layer_outputs_note"] = layer_note
    if stateful:
        meta["stateful"] = True
    with open(out / "case.json", "w") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")

    print(f"wrote {out}: {target_name}, {len(xs)} input(s) {[list(x.shape) for x in xs]}, {len(ys)} output(s) "
          f"{[list(y.shape) for y in ys]}" + (f", {len(per_layer)} layer output(s)" if per_layer else ""))
    print(f"check it with: ./keras4j verify {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
