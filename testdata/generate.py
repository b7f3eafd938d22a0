#!/usr/bin/env python3
"""Regenerates keras4j's golden test cases with REAL Keras.

Run from the repository root:

    /work/venv-keras/bin/python testdata/generate.py              # every case
    /work/venv-keras/bin/python testdata/generate.py seed_ lstm_u1  # only cases whose name
                                                                     # equals or starts with these
    /work/venv-keras/bin/python testdata/generate.py --list         # print the registered names

Every case writes testdata/cases/<name>/ with exactly one model file (model.h5 or
model.keras), input_<i>.npy, output_<i>.npy (float32) and case.json. The outputs are
Keras' own predictions, made by the model RELOADED from the saved file. Nothing here
computes a golden value by any other means: the float64 run below is only a sanity
check on how much float32 rounding there is, recorded as information in case.json.

Adding a case: write a builder `def build(ctx) -> Case` (see `Case` and the helpers
`chain_model`, `randomize`, `normal_inputs`), and register it with `@case("name")` or
`register("name", fn, **kwargs)`. Each case gets its own seed derived from its name,
so regenerating a subset gives the same bytes as regenerating everything.
"""

import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["KERAS_BACKEND"] = "tensorflow"
os.environ.setdefault("TF_DETERMINISTIC_OPS", "1")
# TensorFlow 2.21's oneDNN convolutions give wrong values on frames narrower than the kernel with same padding (found
# 2026-11-29: off by up to 1.5 from Keras' own float64 run, in Conv2D and ConvLSTM2D); its plain kernels are right. Cases
# generated before then ran with oneDNN on; keras4j matches them.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

tf.get_logger().setLevel("ERROR")
tf.config.experimental.enable_op_determinism()

HERE = Path(__file__).resolve().parent
CASES_DIR = HERE / "cases"
README = HERE / "README.md"
TOLERANCE = {"atol": 1e-5, "rtol": 1e-5}
# The Pythons that run testdata/predict_backend.py for cases with keras_backend: Keras 3.15.1 with that backend.
BACKEND_PYTHON = {"jax": os.environ.get("KERAS4J_JAX_PYTHON", "/work/venv-kjax/bin/python"),
                  "torch": os.environ.get("KERAS4J_TORCH_PYTHON", "/work/venv-ktorch/bin/python")}

# Every activation name keras.activations.get() accepts as a string in Keras 3.15.1
# (keras.src.activations.ALL_OBJECTS_DICT), minus "threshold", which needs two
# required arguments (threshold, default_value) and so fails when called by name,
# and minus the aliases "swish" (= silu) and "hard_swish" (= hard_silu), which Keras
# serializes under the canonical name, so a saved file cannot tell them apart.
DENSE_ACTIVATIONS = [
    "celu", "elu", "exponential", "gelu", "glu", "hard_shrink", "hard_sigmoid",
    "hard_silu", "hard_tanh", "leaky_relu", "linear", "log_sigmoid", "log_softmax",
    "mish", "relu", "relu6", "selu", "sigmoid", "silu", "soft_shrink", "softmax",
    "softplus", "softsign", "sparse_plus", "sparse_sigmoid", "sparsemax",
    "squareplus", "tanh", "tanh_shrink",
]


# --------------------------------------------------------------------------- registry

@dataclass
class Ctx:
    """What a builder gets: the case name, its seed and a seeded numpy Generator."""
    name: str
    seed: int
    rng: np.random.Generator


@dataclass
class Case:
    """What a builder returns. The driver saves, reloads, predicts and writes it."""
    model: keras.Model
    inputs: list            # float32 arrays, model input order, batch first
    fmt: str                # "h5" or "keras"
    description: str
    covers: list = field(default_factory=list)   # added to the auto-derived tokens
    extra: dict = field(default_factory=dict)    # extra keys for case.json
    # Optional, all off by default (the cases that do not use them are written exactly as before):
    calls: list = field(default_factory=list)    # inputs of calls 1, 2, ... made after call 0 WITHOUT
                                                 # resetting states (stateful models): call<k>_input_<i>.npy,
                                                 # call<k>_output_<i>.npy and "calls" in case.json
    layer_outputs: bool = False                  # also write layers/<layer name>.npy: Keras' per-layer outputs
                                                 # of call 0 (see layer_outputs)
    golden_weights: dict = field(default_factory=dict)  # layer name -> weights set on the RELOADED model before
                                                        # Keras predicts: the saved file keeps the builder's weights,
                                                        # so the stored outputs are those of a changed COPY
                                                        # (for the deliberately failing cases in diverging/)
    folder: str = "cases"                        # directory under testdata/ the case folder goes to
    reload_from: str = None                      # "keras": a .h5 that Keras 3.15.1 saves but cannot reload (mask
                                                 # operation nodes): the outputs are those of the same model saved
                                                 # as .keras (not kept) and reloaded from that
    nonfinite: bool = False                      # inputs hold NaN and infinities on purpose: outputs may too, so
                                                 # the sanity checks and the float64 comparison are skipped
    no_float64: str = None                       # why the float64 comparison cannot run (it rebuilds the model from
                                                 # its config and weights alone), or None
    twin: object = None                          # for a model Keras cannot run on this CPU (channels_first ConvLSTM):
                                                 # a function (reloaded model, inputs) -> outputs that Keras computes
                                                 # with an equivalent model it can run (same weights, transposed)
    in_float32: bool = False                     # a model saved under a mixed_float16/mixed_bfloat16 policy: the
                                                 # outputs are Keras' of the same model and weights under float32
                                                 # (keras4j's import option mixed_precision_in_float32, recorded in
                                                 # case.json), which also records how far Keras' own 16-bit outputs are
    keras_backend: str = None                    # "jax" or "torch": the outputs (of every call) are Keras' under that
                                                 # backend, which also writes the model file (see predict_on_backend);
                                                 # the float64 check still runs, in TensorFlow, against those outputs


REGISTRY = {}  # name -> (builder, kwargs), in registration order


def register(name, fn, **kwargs):
    if name in REGISTRY:
        raise ValueError(f"duplicate case name {name}")
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise ValueError(f"case names are lower case, digits and _: {name}")
    REGISTRY[name] = (fn, kwargs)


def case(name, **kwargs):
    def deco(fn):
        register(name, fn, **kwargs)
        return fn
    return deco


def seed_for(name):
    return zlib.crc32(name.encode()) & 0x7FFFFFFF


# --------------------------------------------------------------------------- helpers

def normal_inputs(ctx, *shape):
    return ctx.rng.standard_normal(shape).astype(np.float32)


def chain_model(api, input_shape, layer_list, name=None):
    """The same layer chain as a Sequential or a Functional model."""
    if api == "sequential":
        return keras.Sequential([keras.Input(input_shape)] + list(layer_list), name=name)
    if api == "functional":
        inp = keras.Input(input_shape)
        x = inp
        for lyr in layer_list:
            x = lyr(x)
        return keras.Model(inp, x, name=name)
    raise ValueError(api)


def batch_norm_weights(model, rng):
    """Draws every BatchNormalization's moving variances positive (randomize draws every vector around 0)."""
    for lyr in model.layers:
        if isinstance(lyr, keras.layers.BatchNormalization):
            w = lyr.get_weights()
            w[-1] = rng.uniform(0.2, 2.0, size=w[-1].shape).astype(np.float32)
            lyr.set_weights(w)


def randomize(model, rng, scale=1.0, bias=0.8, per_layer=None):
    """Sets EVERY weight of the model to seeded uniform random values.

    A matrix of fan-in n gets U(-a, a) with a = scale * min(1, 3 / sqrt(n)), so
    that large layers neither saturate nor vanish; vectors (biases) get
    U(-bias*scale, bias*scale), the forget-gate block included. per_layer maps a layer
    name to a dict overriding "scale" and/or "bias" for that layer.
    """
    per_layer = per_layer or {}
    seen = 0
    for lyr in model.layers:
        ws = lyr.get_weights()
        if not ws:
            continue
        opts = per_layer.get(lyr.name, {})
        s = opts.get("scale", scale)
        b = opts.get("bias", bias)
        new = []
        for w in ws:
            if w.ndim >= 2:
                a = s * min(1.0, 3.0 / math.sqrt(w.shape[0]))
            else:
                a = b * s
            new.append(rng.uniform(-a, a, size=w.shape).astype(np.float32))
        lyr.set_weights(new)
        seen += len(ws)
    if seen != len(model.weights):
        raise AssertionError(f"randomized {seen} of {len(model.weights)} weights")


def model_inputs(model):
    return model.inputs if len(model.inputs) > 1 else model.inputs[0]


def calibrate_dense(model, inputs, names, target_std=2.0):
    """Rescales the kernel and bias of the named Dense layers (in order) so that their
    pre-activations on `inputs` have standard deviation target_std: every piece of
    piecewise activations (hard_sigmoid's +-3, relu6's 6, shrink thresholds) is hit."""
    for nm in names:
        lyr = model.get_layer(nm)
        probe = keras.Model(model_inputs(model), lyr.input)
        x = np.asarray(probe(inputs if len(inputs) > 1 else inputs[0], training=False))
        w = lyr.get_weights()
        pre = x @ w[0] + (w[1] if len(w) > 1 else 0)
        k = target_std / max(float(np.std(pre)), 1e-6)
        lyr.set_weights([(v * k).astype(np.float32) for v in w])


def as_list(y):
    if isinstance(y, dict):
        raise TypeError("dict outputs are not supported by the case format")
    if isinstance(y, (list, tuple)):
        return [np.asarray(v) for v in y]
    return [np.asarray(y)]


def predict(model, inputs):
    x = inputs if len(inputs) > 1 else inputs[0]
    return as_list(model.predict(x, batch_size=len(inputs[0]), verbose=0))


def layer_outputs(model, inputs):
    """Keras' output of every top-level layer of model.layers except InputLayer, for `inputs`: the
    first output of the layer's first call (its node 0) in this model; for a layer returning
    several tensors (return_state, merge_mode=None, a nested model with several outputs) that is
    the first one. Returns [(layer name, array)] in model.layers order."""
    names, tensors = [], []
    for lyr in model.layers:
        if type(lyr).__name__ == "InputLayer":
            continue
        names.append(lyr.name)
        tensors.append(lyr._inbound_nodes[0].output_tensors[0])
    probe = keras.Model(model.inputs, tensors)
    x = inputs if len(inputs) > 1 else inputs[0]
    ys = as_list(probe.predict(x, batch_size=len(inputs[0]), verbose=0))
    return [(n, np.ascontiguousarray(y, dtype=np.float32)) for n, y in zip(names, ys)]


def snake(name):
    """Keras' own snake case (LSTM -> lstm, GaussianNoise -> gaussian_noise)."""
    from keras.src.utils.naming import to_snake_case
    return to_snake_case(name)


def derive_covers(model, inputs, fmt):
    """Coverage tokens read off the model itself, so case.json cannot drift from it."""
    cov = [fmt, "sequential" if isinstance(model, keras.Sequential) else "functional"]
    for i, x in enumerate(inputs):
        spec = model.inputs[i].shape
        cov += [f"batch:{x.shape[0]}", f"timesteps:{x.shape[1]}", f"features:{x.shape[-1]}"]
        if spec[1] is None:
            cov.append("dynamic_timesteps")
    n_lstm = 0
    for lyr in model.layers:
        cls = type(lyr).__name__
        if cls == "InputLayer":
            continue
        cfg = lyr.get_config()
        cov.append(snake(cls))
        if cls == "LSTM":
            n_lstm += 1
            cov += [f"lstm_units:{cfg['units']}", f"lstm_activation:{cfg['activation']}",
                    f"lstm_recurrent_activation:{cfg['recurrent_activation']}",
                    "return_sequences" if cfg["return_sequences"] else "return_last"]
            if cfg["go_backwards"]:
                cov.append("go_backwards_seq" if cfg["return_sequences"] else "go_backwards_last")
            if not cfg["use_bias"]:
                cov.append("lstm_no_bias")
            if not cfg["unit_forget_bias"]:
                cov.append("lstm_unit_forget_bias_false")
            if cfg["dropout"] or cfg["recurrent_dropout"]:
                cov.append("lstm_dropout_config")
        elif cls == "Dense":
            cov.append(f"dense_activation:{cfg['activation']}")
            if not cfg["use_bias"]:
                cov.append("dense_no_bias")
            if len(lyr.input.shape) == 3:
                cov.append("dense_3d")
        elif cls == "Activation":
            cov.append(f"activation_layer:{cfg['activation']}")
    if n_lstm > 1:
        cov.append(f"lstm_stack:{n_lstm}")
    if len(model.outputs) > 1:
        cov.append(f"outputs:{len(model.outputs)}")
    out = []
    for c in cov:  # unique, first occurrence order
        if c not in out:
            out.append(c)
    return out


FLOAT_POLICIES = ("float32", "mixed_float16", "mixed_bfloat16")  # the policies with float32 weights


def with_policy(model, policy):
    """The same architecture and weights with every float32 or mixed dtype policy replaced by `policy` (Keras
    rebuilds it from its config and sets the weights, cast to that dtype)."""
    def rename(o):
        if isinstance(o, dict):
            return {k: rename(v) for k, v in o.items()}
        if isinstance(o, list):
            return [rename(v) for v in o]
        return policy if o in FLOAT_POLICIES else o

    m = keras.saving.deserialize_keras_object(rename(keras.saving.serialize_keras_object(model)))
    m.set_weights([w.astype(policy) for w in model.get_weights()])
    for lyr in m._flatten_layers():
        if hasattr(lyr, "finalize_state"):
            lyr.finalize_state()  # as loading does: Normalization derives its mean and variance from the weights here
    return m


def mixed_in_float32(model, inputs):
    """Keras' outputs of a mixed-precision `model` computed in float32 (with_policy), and case.json's record of that:
    keras4j's import option, and how far Keras' own mixed-precision outputs are from them (largest absolute
    difference; largest relative one, |difference| / |float32 output|, over outputs of magnitude 0.01 or more)."""
    mixed = [y.astype(np.float64) for y in predict(model, inputs)]
    outputs = predict(with_policy(model, "float32"), inputs)
    d = [np.abs(m - y) for m, y in zip(mixed, outputs)]
    rel = [e[np.abs(y) >= 0.01] / np.abs(y[np.abs(y) >= 0.01]) for e, y in zip(d, outputs)]
    return outputs, {"import_options": {"mixed_precision_in_float32": True},
                     "mixed_precision_check": {"max_abs_diff": float(f"{max(e.max() for e in d):.2e}"),
                                               "max_rel_diff": float(f"{max(r.max() for r in rel):.2e}")}}


def float64_check(model, inputs, outputs, calls=()):
    """Runs the same architecture and weights in float64 (Keras again) and measures how
    far the float32 golden outputs are from it, relative to the tolerance. Information
    only: it shows the float32 rounding noise is well inside the tolerance. `calls`:
    (inputs, outputs) of further calls made, in order, after the first without reset."""
    m64 = with_policy(model, "float64")
    worst_abs, worst_ratio = 0.0, 0.0
    for call_inputs, call_outputs in [(inputs, outputs)] + list(calls):
        x64 = [x.astype(np.float64) for x in call_inputs]
        y64 = as_list(m64.predict(x64 if len(x64) > 1 else x64[0], batch_size=len(x64[0]), verbose=0))
        for y32, y in zip(call_outputs, y64):
            d = np.abs(y32.astype(np.float64) - y)
            worst_abs = max(worst_abs, float(d.max()))
            worst_ratio = max(worst_ratio, float((d / (TOLERANCE["atol"] + TOLERANCE["rtol"] * np.abs(y))).max()))
    return {"max_abs_diff": float(f"{worst_abs:.2e}"), "max_fraction_of_tolerance": float(f"{worst_ratio:.2e}")}


def check_sane(name, outputs):
    for i, y in enumerate(outputs):
        if not np.all(np.isfinite(y)):
            raise AssertionError(f"{name}: output {i} has non-finite values")
        if y.size > 1 and float(np.std(y)) < 1e-3:
            raise AssertionError(f"{name}: output {i} is nearly constant (std {np.std(y):.2e})")
        if float(np.abs(y).max()) > 1e4:
            raise AssertionError(f"{name}: output {i} is huge (max |y| {np.abs(y).max():.3g})")


def lstm_saturation(model, inputs):
    """Diagnostic: for each LSTM, the share of outputs with |h| > 0.99 and their std."""
    out = []
    for lyr in model.layers:
        if type(lyr).__name__ == "LSTM":
            probe = keras.Model(model_inputs(model), lyr.output)
            h = as_list(probe(inputs if len(inputs) > 1 else inputs[0], training=False))[0]
            out.append(f"{lyr.name}:sat={np.mean(np.abs(h) > 0.99):.2f},std={np.std(h):.2f}")
    return " ".join(out)


def predict_on_backend(backend, model_file, calls):
    """Runs testdata/predict_backend.py with BACKEND_PYTHON[backend]: Keras on that backend re-saves model_file and
    predicts each call's inputs in order on one model. Returns ([outputs of each call], the versions it reports)."""
    with tempfile.TemporaryDirectory() as tmp:
        for k, xs in enumerate(calls):
            for i, x in enumerate(xs):
                np.save(Path(tmp) / f"call{k}_input_{i}.npy", x)
        env = dict(os.environ, KERAS_BACKEND=backend)
        run = subprocess.run([BACKEND_PYTHON[backend], str(HERE / "predict_backend.py"), str(model_file), tmp],
                             env=env, capture_output=True, text=True)
        if run.returncode:
            raise RuntimeError(f"predict_backend.py on {backend} failed:\n{run.stderr[-3000:]}")
        versions = json.loads(run.stdout.strip().splitlines()[-1])
        if versions["keras_version"] != keras.__version__ or versions["backend"] != backend:
            raise RuntimeError(f"{BACKEND_PYTHON[backend]} runs {versions}, not Keras {keras.__version__} on {backend}")
        outputs = [[np.load(Path(tmp) / f"call{k}_output_{i}.npy")
                    for i in range(len(list(Path(tmp).glob(f"call{k}_output_*.npy"))))] for k in range(len(calls))]
        return outputs, versions


# --------------------------------------------------------------------------- driver

def run_case(name, verbose=True):
    fn, kwargs = REGISTRY[name]
    seed = seed_for(name)
    keras.backend.clear_session()
    keras.utils.set_random_seed(seed)
    ctx = Ctx(name=name, seed=seed, rng=np.random.default_rng(seed))
    c = fn(ctx, **kwargs)
    if c.fmt not in ("h5", "keras"):
        raise ValueError(c.fmt)
    inputs = [np.ascontiguousarray(x, dtype=np.float32) for x in c.inputs]
    if len(inputs) != len(c.model.inputs):
        raise AssertionError(f"{name}: {len(inputs)} inputs for {len(c.model.inputs)} model inputs")
    covers = derive_covers(c.model, inputs, c.fmt)
    covers += [t for t in c.covers if t not in covers]
    diag = lstm_saturation(c.model, inputs)

    if c.layer_outputs and c.calls:
        raise ValueError(f"{name}: layer outputs of a stateful model would advance its states")
    if c.keras_backend and (c.layer_outputs or c.reload_from or c.twin or c.golden_weights):
        raise ValueError(f"{name}: keras_backend is for plain cases (no layer outputs, reload_from, twin, golden_weights)")
    calls = [[np.ascontiguousarray(x, dtype=np.float32) for x in ci] for ci in c.calls]
    d = HERE / c.folder / name
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    model_file = f"model.{c.fmt}"
    c.model.save(str(d / model_file))
    on_backend, backend_meta = (predict_on_backend(c.keras_backend, d / model_file, [inputs] + calls) if c.keras_backend
                                else (None, {}))

    # Golden outputs: Keras' predictions of the model reloaded from the file.
    # compile=False: inference does not depend on it, and Keras 3.15.1 cannot re-compile
    # a legacy .h5 saved after compile(loss="mse") ("Could not deserialize
    # 'keras.metrics.mse'"); the file itself is what a user of compile(loss="mse") gets.
    reload_file = d / model_file
    if c.reload_from:
        reload_file = HERE / "target" / f"{name}.{c.reload_from}"
        reload_file.parent.mkdir(exist_ok=True)
        c.model.save(str(reload_file))
    keras.backend.clear_session()
    reloaded = keras.models.load_model(str(reload_file), compile=False)
    for lname, ws in c.golden_weights.items():
        reloaded.get_layer(lname).set_weights(ws)
    mixed = {}
    if c.in_float32:
        ys, mixed = mixed_in_float32(reloaded, inputs)
    else:
        ys = on_backend[0] if on_backend else c.twin(reloaded, inputs) if c.twin else predict(reloaded, inputs)
    outputs = [np.ascontiguousarray(y, dtype=np.float32) for y in ys]
    if not c.nonfinite:
        check_sane(name, outputs)
    call_outputs = []
    for k, ci in enumerate(calls, start=1):  # same model object: stateful layers carry their states on
        call_outputs.append([np.ascontiguousarray(y, dtype=np.float32)
                             for y in (on_backend[k] if on_backend else predict(reloaded, ci))])
        check_sane(f"{name} call {k}", call_outputs[-1])
    per_layer = layer_outputs(reloaded, inputs) if c.layer_outputs else []
    if per_layer and reloaded.outputs[0] is reloaded.layers[-1]._inbound_nodes[0].output_tensors[0]:
        if not np.array_equal(per_layer[-1][1], outputs[0]):  # the probe sees what predict sees
            raise AssertionError(f"{name}: the last layer's output differs from the model output")
    f64 = ({"skipped": "non-finite inputs"} if c.nonfinite else {"skipped": c.no_float64} if c.no_float64
           else float64_check(reloaded, inputs, outputs, list(zip(calls, call_outputs))))
    if f64.get("max_fraction_of_tolerance", 0) > 0.1:
        raise AssertionError(f"{name}: float32 noise is {f64['max_fraction_of_tolerance']} of the tolerance")

    for i, x in enumerate(inputs):
        np.save(d / f"input_{i}.npy", x)
    for i, y in enumerate(outputs):
        np.save(d / f"output_{i}.npy", y)
    for k, (ci, co) in enumerate(zip(calls, call_outputs), start=1):
        for i, x in enumerate(ci):
            np.save(d / f"call{k}_input_{i}.npy", x)
        for i, y in enumerate(co):
            np.save(d / f"call{k}_output_{i}.npy", y)
    if per_layer:
        (d / "layers").mkdir()
        for lname, y in per_layer:
            np.save(d / "layers" / f"{lname.replace('/', '__')}.npy", y)
    meta = {
        "description": c.description,
        "model": model_file,
        "inputs": len(inputs),
        "outputs": len(outputs),
        "keras_version": keras.__version__,
        "tensorflow_version": tf.__version__,
        **({"keras_backend": c.keras_backend, f"{c.keras_backend}_version": backend_meta[f"{c.keras_backend}_version"]}
           if c.keras_backend else {}),
        "tolerance": dict(TOLERANCE),
        "covers": covers,
        "input_shapes": [list(x.shape) for x in inputs],
        "output_shapes": [list(y.shape) for y in outputs],
        "float64_check": f64,
        "generator_seed": seed,
    }
    if calls:
        meta["calls"] = 1 + len(calls)
    if per_layer:
        meta["layer_outputs"] = [lname for lname, _ in per_layer]
    meta.update(mixed)
    meta.update(c.extra)
    with open(d / "case.json", "w") as fh:
        json.dump(meta, fh, indent=2)
        fh.write("\n")
    if verbose:
        rng = " ".join(f"[{y.min():.3g},{y.max():.3g}] std={y.std():.3g}" for y in outputs[:3])
        more = f" (+{len(outputs) - 3} outputs)" if len(outputs) > 3 else ""
        tol = f"{f64['max_fraction_of_tolerance']:.1e} of tol" if "skipped" not in f64 else f64["skipped"]
        print(f"{name}: out {rng}{more}; f64 {tol}; {diag}", flush=True)


def write_readme_listing():
    """Rewrites the case listing at the end of README.md from the case.json files."""
    rows = []
    for d in sorted(CASES_DIR.iterdir()):
        j = d / "case.json"
        if j.exists():
            meta = json.loads(j.read_text())
            rows.append(f"| `{d.name}` | {meta['description']} | {', '.join(meta['covers'])} |")
    begin, end = "<!-- cases:begin -->", "<!-- cases:end -->"
    text = README.read_text() if README.exists() else f"{begin}\n{end}\n"
    table = "\n".join([begin, "", f"{len(rows)} cases.", "",
                       "| case | description | covers |", "| --- | --- | --- |"] + rows + ["", end])
    pre, _, rest = text.partition(begin)
    _, _, post = rest.partition(end)
    README.write_text(pre + table + post)


# --------------------------------------------------------------------------- A. seed

def seed_case(ctx, units, fmt, window=10, epochs=5):
    series = np.sin(np.arange(0, 100, 0.1)).astype(np.float32)       # 1000 points
    n = len(series) - window                                         # 990 windows
    X = np.stack([series[i:i + window] for i in range(n)])[..., None].astype(np.float32)
    y = np.array([series[i + window] for i in range(n)], dtype=np.float32)
    # The seed leaves out the format, so the _h5 and _keras cases hold the same trained
    # model (training is deterministic) and their outputs must match each other too.
    keras.utils.set_random_seed(seed_for(f"seed_lstm{units}"))
    model = keras.Sequential([keras.Input((window, 1)), layers.LSTM(units), layers.Dense(1)])
    model.compile(optimizer="adam", loss="mse")
    hist = model.fit(X, y, epochs=epochs, batch_size=32, shuffle=True, verbose=0)
    return Case(model, [X], fmt,
                f"Seed experiment: LSTM({units}) + Dense(1) trained {epochs} epochs (adam/mse, batch 32) "
                f"to predict sin(t) from the previous {window} values; inputs are all {n} training windows.",
                covers=["trained_weights", "compiled_model"],
                extra={"seed": {"units": units, "window": window},
                       "final_training_loss": float(f"{hist.history['loss'][-1]:.4g}"),
                       "same_model_as": f"seed_lstm{units}_{'keras' if fmt == 'h5' else 'h5'}"})


for _u in (16, 32, 64):
    for _f in ("h5", "keras"):
        register(f"seed_lstm{_u}_{_f}", seed_case, units=_u, fmt=_f)


# --------------------------------------------------------------------------- B. LSTM matrix

def lstm_case(ctx, fmt, api, units, f, t, b, seq=False, dense=None, dense_act="linear",
              dense_bias=True, scale=1.0, dynamic=False, desc="", **lstm_kw):
    """Input((t or None, f)) -> LSTM(units, **lstm_kw) -> optional Dense(dense, dense_act)."""
    chain = [layers.LSTM(units, return_sequences=seq, **lstm_kw)]
    if dense:
        chain.append(layers.Dense(dense, activation=dense_act, use_bias=dense_bias))
    model = chain_model(api, (None if dynamic else t, f), chain)
    randomize(model, ctx.rng, scale=scale)
    opts = ", ".join(f"{k}={v!r}" for k, v in lstm_kw.items())
    text = desc or (f"{api} LSTM({units}{', ' + opts if opts else ''}, return_sequences={seq})"
                    + (f" -> Dense({dense}, {dense_act}{', use_bias=False' if not dense_bias else ''})" if dense else "")
                    + f" on batch {b} x {t} steps x {f} features{' (Input timesteps None)' if dynamic else ''}; random weights.")
    return Case(model, [normal_inputs(ctx, b, t, f)], fmt, text)


def stack_case(ctx, fmt, api, units, f, t, b, last_seq=False, dense=None, lstm_kw=None, desc=""):
    """A stack of LSTMs (all but the last return sequences)."""
    lstm_kw = lstm_kw or [{}] * len(units)
    chain = [layers.LSTM(u, return_sequences=(i < len(units) - 1) or last_seq, **kw)
             for i, (u, kw) in enumerate(zip(units, lstm_kw))]
    if dense:
        chain.append(layers.Dense(dense))
    model = chain_model(api, (t, f), chain)
    randomize(model, ctx.rng)
    text = desc or (f"{api} stack of {len(units)} LSTMs {tuple(units)}"
                    + (" all returning sequences" if last_seq else "") + (f" -> Dense({dense})" if dense else "")
                    + f" on batch {b} x {t} steps x {f} features; random weights.")
    return Case(model, [normal_inputs(ctx, b, t, f)], fmt, text)


R = register
# units / features / timesteps / batch
R("lstm_u1_f1_t5_b3_last_h5", lstm_case, fmt="h5", api="sequential", units=1, f=1, t=5, b=3)
R("lstm_u2_f3_t5_b2_seq_func_keras", lstm_case, fmt="keras", api="functional", units=2, f=3, t=5, b=2, seq=True)
R("lstm_u3_f7_t1_b1_last_dense_keras", lstm_case, fmt="keras", api="sequential", units=3, f=7, t=1, b=1, dense=2)
R("lstm_u8_f1_t1_b1_seq_dense_func_h5", lstm_case, fmt="h5", api="functional", units=8, f=1, t=1, b=1, seq=True, dense=3)
R("lstm_u8_f16_t60_b4_seq_func_h5", lstm_case, fmt="h5", api="functional", units=8, f=16, t=60, b=4, seq=True)
R("lstm_u100_f7_t20_b3_last_dense_keras", lstm_case, fmt="keras", api="sequential", units=100, f=7, t=20, b=3, dense=4)
R("lstm_u100_f3_t5_b2_seq_dense_func_h5", lstm_case, fmt="h5", api="functional", units=100, f=3, t=5, b=2, seq=True, dense=2)
R("lstm_u257_f16_t60_b4_seq_dense_h5", lstm_case, fmt="h5", api="sequential", units=257, f=16, t=60, b=4, seq=True, dense=5)
R("lstm_u513_f3_t12_b2_last_dense_func_keras", lstm_case, fmt="keras", api="functional", units=513, f=3, t=12, b=2, dense=3)

# stacks
R("stack2_u16_u8_f3_t10_b2_dense_h5", stack_case, fmt="h5", api="sequential", units=[16, 8], f=3, t=10, b=2, dense=1)
R("stack2_u5_u12_f7_t30_b3_seq_func_keras", stack_case, fmt="keras", api="functional", units=[5, 12], f=7, t=30, b=3,
  last_seq=True, dense=2)
R("stack3_u12_u6_u4_f4_t15_b3_keras", stack_case, fmt="keras", api="sequential", units=[12, 6, 4], f=4, t=15, b=3)
R("stack3_u4_u9_u3_f2_t8_b2_seq_mixed_func_h5", stack_case, fmt="h5", api="functional", units=[4, 9, 3], f=2, t=8, b=2,
  last_seq=True, dense=2,
  lstm_kw=[{"activation": "relu"}, {"recurrent_activation": "hard_sigmoid", "go_backwards": True}, {"use_bias": False}],
  desc="functional stack LSTM(4, relu) -> LSTM(9, hard_sigmoid recurrent, go_backwards) -> LSTM(3, no bias), all "
       "returning sequences -> Dense(2) on 3-D; batch 2 x 8 steps x 2 features; random weights.")

# activation x recurrent_activation (tanh/sigmoid, the default, is in most other cases)
_ACTS = [  # (activation, recurrent_activation, seq, api, fmt, weight scale)
    ("relu", "sigmoid", True, "sequential", "h5", 0.5),
    ("relu", "hard_sigmoid", False, "functional", "keras", 0.5),
    ("relu", "tanh", True, "functional", "h5", 0.5),
    ("sigmoid", "hard_sigmoid", True, "sequential", "keras", 1.0),
    ("sigmoid", "tanh", False, "sequential", "h5", 1.0),
    ("linear", "sigmoid", False, "functional", "keras", 0.5),
    ("linear", "tanh", True, "sequential", "h5", 0.5),
]
for _a, _r, _s, _api, _f, _sc in _ACTS:
    R(f"lstm_act_{_a}_rec_{_r}_u6_f3_t50_{'seq' if _s else 'last'}_{'func_' if _api == 'functional' else ''}{_f}",
      lstm_case, fmt=_f, api=_api, units=6, f=3, t=50, b=2, seq=_s, dense=2, scale=_sc,
      activation=_a, recurrent_activation=_r)

# bias options
R("lstm_nobias_u6_f3_t10_b2_seq_h5", lstm_case, fmt="h5", api="sequential", units=6, f=3, t=10, b=2, seq=True,
  use_bias=False)
R("lstm_nobias_u6_f3_t10_b2_last_dense_func_keras", lstm_case, fmt="keras", api="functional", units=6, f=3, t=10, b=2,
  dense=2, use_bias=False)
R("lstm_no_unit_forget_bias_u7_f2_t9_b2_last_h5", lstm_case, fmt="h5", api="sequential", units=7, f=2, t=9, b=2,
  dense=1, unit_forget_bias=False)
R("lstm_no_unit_forget_bias_u7_f2_t9_b2_seq_func_keras", lstm_case, fmt="keras", api="functional", units=7, f=2, t=9,
  b=2, seq=True, unit_forget_bias=False)

# go_backwards
R("lstm_gobackwards_u6_f3_t12_b2_seq_h5", lstm_case, fmt="h5", api="sequential", units=6, f=3, t=12, b=2, seq=True,
  go_backwards=True)
R("lstm_gobackwards_u6_f3_t12_b2_last_keras", lstm_case, fmt="keras", api="sequential", units=6, f=3, t=12, b=2,
  dense=2, go_backwards=True)
R("lstm_gobackwards_u5_f4_t7_b3_seq_dense_func_keras", lstm_case, fmt="keras", api="functional", units=5, f=4, t=7,
  b=3, seq=True, dense=3, go_backwards=True)
R("stack2_gobackwards_u5_u4_f4_t7_b3_last_func_h5", stack_case, fmt="h5", api="functional", units=[5, 4], f=4, t=7,
  b=3, dense=2, lstm_kw=[{"go_backwards": True}, {"go_backwards": True}],
  desc="functional LSTM(5, go_backwards, return_sequences) -> LSTM(4, go_backwards) -> Dense(2): the first layer's "
       "sequence comes out in reversed time order and the second reads it backwards again; random weights.")

# unknown timesteps
R("lstm_dyn_timesteps_u5_f3_t13_b2_seq_h5", lstm_case, fmt="h5", api="sequential", units=5, f=3, t=13, b=2, seq=True,
  dense=2, dynamic=True)
R("lstm_dyn_timesteps_u5_f3_t17_b3_last_func_keras", lstm_case, fmt="keras", api="functional", units=5, f=3, t=17, b=3,
  dense=2, dynamic=True)


# --------------------------------------------------------------------------- Dense activations

def dense_heads_case(ctx, fmt, seq):
    """One LSTM, then one Dense head per activation: a multi-output Functional model."""
    inp = keras.Input((6, 3))
    h = layers.LSTM(8, return_sequences=seq)(inp)
    outs = [layers.Dense(4, activation=a, name=f"head_{a}")(h) for a in DENSE_ACTIVATIONS]
    model = keras.Model(inp, outs)
    randomize(model, ctx.rng)
    x = normal_inputs(ctx, 3, 6, 3)
    calibrate_dense(model, [x], [f"head_{a}" for a in DENSE_ACTIVATIONS], target_std=2.5)
    return Case(model, [x], fmt,
                f"functional LSTM(8{', return_sequences' if seq else ''}) with {len(DENSE_ACTIVATIONS)} Dense(4) heads, "
                "one per activation Dense accepts by name in Keras 3.15.1 (glu halves 4 to 2), outputs in that order; "
                "head pre-activations scaled to std 2.5 so every piece of the piecewise ones is used.",
                covers=["all_dense_activations"])


register("dense_acts_all_heads_func_h5", dense_heads_case, fmt="h5", seq=False)
register("dense_acts_all_heads_3d_func_keras", dense_heads_case, fmt="keras", seq=True)

CHAIN_A = ["relu", "leaky_relu", "relu6", "elu", "selu", "celu", "gelu", "silu", "mish", "softplus", "softsign",
           "squareplus", "sparse_plus", "log_sigmoid", "tanh_shrink", "softmax"]
CHAIN_B = ["sigmoid", "hard_sigmoid", "hard_silu", "hard_tanh", "hard_shrink", "soft_shrink", "sparse_sigmoid", "tanh",
           "linear", "log_softmax", "sparsemax", "exponential", "glu"]
assert sorted(CHAIN_A + CHAIN_B) == sorted(DENSE_ACTIVATIONS)


def dense_chain_case(ctx, fmt, acts, seq):
    chain = [layers.LSTM(8, return_sequences=seq)]
    chain += [layers.Dense(6, activation=a, name=f"dense_{i}_{a}") for i, a in enumerate(acts)]
    model = chain_model("sequential", (7, 2), chain)
    randomize(model, ctx.rng)
    x = normal_inputs(ctx, 3, 7, 2)
    calibrate_dense(model, [x], [f"dense_{i}_{a}" for i, a in enumerate(acts)], target_std=2.0)
    return Case(model, [x], fmt,
                f"sequential LSTM(8{', return_sequences' if seq else ''}) then a chain of {len(acts)} Dense(6) layers"
                f"{' on 3-D input' if seq else ''}, activations in order: {', '.join(acts)}.")


register("dense_acts_chain_a_3d_h5", dense_chain_case, fmt="h5", acts=CHAIN_A, seq=True)
register("dense_acts_chain_b_keras", dense_chain_case, fmt="keras", acts=CHAIN_B, seq=False)


@case("dense_nobias_3d_h5")
def _dense_nobias_3d(ctx):
    model = chain_model("sequential", (9, 4), [layers.LSTM(6, return_sequences=True),
                                               layers.Dense(5, activation="tanh", use_bias=False),
                                               layers.Dense(3, use_bias=False)])
    randomize(model, ctx.rng)
    return Case(model, [normal_inputs(ctx, 2, 9, 4)], "h5",
                "sequential LSTM(6, return_sequences) -> Dense(5, tanh, use_bias=False) -> Dense(3, use_bias=False), "
                "both Dense on 3-D input; random weights.")


# --------------------------------------------------------------------------- inference-time identity layers

@case("noise_layers_seq_h5")
def _noise_seq(ctx):
    model = chain_model("sequential", (10, 3), [
        layers.GaussianNoise(0.3),
        layers.LSTM(8, return_sequences=True, dropout=0.2, recurrent_dropout=0.2),
        layers.Dropout(0.4),
        layers.GaussianDropout(0.3),
        layers.LSTM(6),
        layers.AlphaDropout(0.2),
        layers.ActivityRegularization(l1=0.01, l2=0.001),
        layers.Dense(3),
    ])
    randomize(model, ctx.rng)
    return Case(model, [normal_inputs(ctx, 4, 10, 3)], "h5",
                "sequential GaussianNoise -> LSTM(8, seq, dropout=0.2, recurrent_dropout=0.2) -> Dropout -> "
                "GaussianDropout -> LSTM(6) -> AlphaDropout -> ActivityRegularization -> Dense(3): every "
                "noise/dropout/regularization layer is the identity at inference.")


@case("noise_layers_func_keras")
def _noise_func(ctx):
    model = chain_model("functional", (10, 3), [
        layers.Dropout(0.25),
        layers.LSTM(7, return_sequences=True),
        layers.AlphaDropout(0.1),
        layers.ActivityRegularization(l1=0.001),
        layers.GaussianNoise(0.5),
        layers.LSTM(5, return_sequences=True, dropout=0.3),
        layers.GaussianDropout(0.2),
        layers.Dense(2, use_bias=False),
        layers.Dropout(0.5),
    ])
    randomize(model, ctx.rng)
    return Case(model, [normal_inputs(ctx, 2, 10, 3)], "keras",
                "functional Dropout -> LSTM(7, seq) -> AlphaDropout -> ActivityRegularization -> GaussianNoise -> "
                "LSTM(5, seq, dropout=0.3) -> GaussianDropout -> Dense(2, use_bias=False) on 3-D -> Dropout: identities at inference.")


# --------------------------------------------------------------------------- Activation layers

@case("activation_layers_seq_keras")
def _activation_seq(ctx):
    model = chain_model("sequential", (8, 3), [
        layers.Activation("tanh"),
        layers.LSTM(7, return_sequences=True),
        layers.Activation("relu"),
        layers.LSTM(5),
        layers.Activation("sigmoid"),
        layers.Dense(4),
        layers.Activation("softmax"),
    ])
    randomize(model, ctx.rng)
    return Case(model, [normal_inputs(ctx, 3, 8, 3)], "keras",
                "sequential Activation(tanh) -> LSTM(7, seq) -> Activation(relu) -> LSTM(5) -> Activation(sigmoid) "
                "-> Dense(4) -> Activation(softmax).")


@case("activation_layers_func_h5")
def _activation_func(ctx):
    model = chain_model("functional", (8, 3), [
        layers.Activation("elu"),
        layers.LSTM(7, return_sequences=True),
        layers.Activation("swish"),
        layers.LSTM(5, return_sequences=True),
        layers.Activation("hard_sigmoid"),
        layers.Dense(4),
        layers.Activation("gelu"),
        layers.Activation("linear"),
    ])
    randomize(model, ctx.rng)
    return Case(model, [normal_inputs(ctx, 2, 8, 3)], "h5",
                "functional Activation(elu) -> LSTM(7, seq) -> Activation('swish', saved as silu) -> LSTM(5, seq) "
                "-> Activation(hard_sigmoid) -> Dense(4) on 3-D -> Activation(gelu) -> Activation(linear).")


# --------------------------------------------------------------------------- layer names

def offset_names_case(ctx, fmt, api):
    """As in a notebook session where other models were built first: the auto names
    start at lstm_2, dense_4, sequential_1 / functional_1. In .keras the weight groups are
    still layers/lstm, layers/lstm_1, layers/dense (class name + counter in layer order),
    not the layer names; in .h5 they are the layer names."""
    for _ in range(2):
        layers.LSTM(1)
        layers.Dense(1)
    keras.Sequential([keras.Input((1,)), layers.Dense(1)])  # takes "sequential"
    tmp = keras.Input((1,))
    keras.Model(tmp, layers.Dense(1)(tmp))  # takes "functional"
    model = chain_model(api, (6, 3), [layers.LSTM(5, return_sequences=True), layers.LSTM(4), layers.Dense(2)])
    randomize(model, ctx.rng)
    names = [lyr.name for lyr in model.layers]
    return Case(model, [normal_inputs(ctx, 2, 6, 3)], fmt,
                f"{api} LSTM(5, seq) -> LSTM(4) -> Dense(2) whose auto-generated names are offset by earlier "
                f"layers in the session: model '{model.name}', layers {names}.",
                covers=["offset_layer_names"])


register("offset_names_stack2_keras", offset_names_case, fmt="keras", api="sequential")
register("offset_names_stack2_func_h5", offset_names_case, fmt="h5", api="functional")


# --------------------------------------------------------------------------- general layers (issue 3)

import cases_layers  # noqa: E402  (testdata/cases_layers.py)

cases_layers.register_cases(sys.modules[__name__])
cases_layers.register_mask_kwarg_cases(sys.modules[__name__])
cases_layers.register_operation_cases(sys.modules[__name__])


# --------------------------------------------------------------------------- recurrent family, stateful, diverging

import cases_recurrent  # noqa: E402  (testdata/cases_recurrent.py)

cases_recurrent.register_cases(sys.modules[__name__])

import cases_mixed_precision  # noqa: E402  (testdata/cases_mixed_precision.py)

cases_mixed_precision.register_cases(sys.modules[__name__])


# --------------------------------------------------------------------------- main

def main(argv):
    ap = argparse.ArgumentParser(description="Regenerate keras4j golden cases with real Keras.")
    ap.add_argument("names", nargs="*", help="case names or name prefixes (default: all)")
    ap.add_argument("--list", action="store_true", help="print the registered case names and exit")
    args = ap.parse_args(argv)
    if args.list:
        print("\n".join(REGISTRY))
        return 0
    names = [n for n in REGISTRY if not args.names or any(n == p or n.startswith(p) for p in args.names)]
    if not names:
        print(f"no case matches {args.names}", file=sys.stderr)
        return 2
    print(f"keras {keras.__version__}, tensorflow {tf.__version__}, numpy {np.__version__}; {len(names)} cases",
          flush=True)
    CASES_DIR.mkdir(exist_ok=True)
    for n in names:
        run_case(n)
    if not args.names:  # drop folders of Keras cases that are no longer registered (onnx_* are generate_onnx.py's)
        for d in CASES_DIR.iterdir():
            if d.is_dir() and d.name not in REGISTRY and not d.name.startswith("onnx_"):
                shutil.rmtree(d)
    write_readme_listing()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
