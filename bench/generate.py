#!/usr/bin/env python3
"""Builds the benchmark models, their inputs and Keras' golden outputs (phase `keras`, run with a Python
that has Keras 3 / TensorFlow), then the same models as ONNX graphs (phase `onnx`, a Python with `onnx`
and `onnxruntime`), checked against the Keras outputs with ONNX Runtime before they are written.

    python generate.py keras OUT_DIR [--quick]
    python generate.py onnx OUT_DIR

OUT_DIR/manifest.json lists the cases (model, shape, threads); each model folder holds model.keras, the
layer weights as .npy in Keras layout (for the ONNX and Deeplearning4j builders), model.onnx, and per case
x_<case>.npy and y_<case>.npy. Golden outputs come only from Keras, from the model reloaded from its file.
"""

import json
import os
import sys
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SEEDS = HERE.parent / "testdata" / "cases"
TOLERANCE = {"atol": 1e-5, "rtol": 1e-5}


def cases(quick):
    """(case name, model name, model spec, time, batch, threads)."""
    out = []
    for units in (16, 32, 64):
        out.append((f"seed_lstm{units}_t10_b1", f"seed_lstm{units}", {"kind": "seed", "units": units, "features": 1}, 10, 1, 1))
    for units in (128, 256, 512, 1024):
        for time in (50, 100):
            for batch in (1, 8, 32):
                threads = 1 if batch == 1 and units <= 256 else 2
                out.append((f"lstm{units}_t{time}_b{batch}", f"lstm{units}", {"kind": "lstm", "units": units, "features": 16},
                            time, batch, threads))
    for name, spec in (("gru256", {"kind": "gru", "units": 256, "features": 16}),
                       ("bilstm128", {"kind": "bilstm", "units": 128, "features": 16}),
                       ("stack2_lstm256", {"kind": "stack2", "units": 256, "features": 16})):
        out.append((f"{name}_t50_b1", name, spec, 50, 1, 1))
        if name != "stack2_lstm256":
            # batch 1 on two threads: GRU 256's recurrent weights (768 KiB) split in two fit each core's L2;
            # a Bidirectional runs its two directions at once
            out.append((f"{name}_t50_b1_2t", name, spec, 50, 1, 2))
        out.append((f"{name}_t50_b32", name, spec, 50, 32, 2))
    if quick:
        keep = {"seed_lstm16_t10_b1", "lstm128_t50_b1", "lstm512_t50_b1", "lstm256_t50_b32", "gru256_t50_b1_2t"}
        out = [c for c in out if c[0] in keep]
    return out


def keras_phase(out_dir, quick):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ["KERAS_BACKEND"] = "tensorflow"
    import keras
    from keras import layers

    rng = np.random.default_rng(20261126)
    manifest = {"keras_version": keras.__version__, "tolerance": TOLERANCE, "cases": []}
    built = {}
    for case, model_name, spec, time, batch, threads in cases(quick):
        folder = out_dir / model_name
        if model_name not in built:
            folder.mkdir(parents=True, exist_ok=True)
            if spec["kind"] == "seed":
                model = keras.models.load_model(SEEDS / f"seed_lstm{spec['units']}_keras" / "model.keras")
            else:
                model = build(keras, layers, spec, rng)
                model.save(folder / "model.keras")
            export_weights(model, spec, folder)
            built[model_name] = keras.models.load_model(folder / "model.keras") if spec["kind"] != "seed" else model
            if spec["kind"] == "seed":
                model.save(folder / "model.keras")
        model = built[model_name]
        x = rng.uniform(-1, 1, size=(batch, time, spec["features"])).astype(np.float32)
        if spec["kind"] == "seed":
            x = np.sin(0.1 * (np.arange(time, dtype=np.float32) + rng.integers(0, 1000))).reshape(1, time, 1).astype(np.float32)
        y = np.asarray(model(x, training=False), dtype=np.float32)
        np.save(folder / f"x_{case}.npy", x)
        np.save(folder / f"y_{case}.npy", y)
        manifest["cases"].append({"case": case, "model": model_name, **spec, "time": time, "batch": batch, "threads": threads})
        print(f"{case}: output {y.shape}", flush=True)
    (out_dir / "manifest.json").write_text(json.dumps(manifest, indent=2))


def build(keras, layers, spec, rng):
    units, features = spec["units"], spec["features"]
    inp = keras.Input(shape=(None, features), name="x")
    kind = spec["kind"]
    if kind == "lstm":
        out = layers.LSTM(units)(inp)
    elif kind == "gru":
        out = layers.GRU(units)(inp)
    elif kind == "bilstm":
        out = layers.Bidirectional(layers.LSTM(units))(inp)
    elif kind == "stack2":
        out = layers.LSTM(units)(layers.LSTM(units, return_sequences=True)(inp))
    else:
        raise ValueError(kind)
    model = keras.Model(inp, out)
    limit = 1 / np.sqrt(units)
    model.set_weights([rng.uniform(-limit, limit, size=w.shape).astype(np.float32) for w in model.get_weights()])
    return model


def export_weights(model, spec, folder):
    """Recurrent layers' (kernel, recurrent_kernel, bias) as rnn<i>_*.npy in order; a Dense head as dense_*.npy."""
    rnn = []
    dense = None
    for layer in model.layers:
        name = type(layer).__name__
        if name == "Bidirectional":
            rnn += [layer.forward_layer, layer.backward_layer]
        elif name in ("LSTM", "GRU"):
            rnn.append(layer)
        elif name == "Dense":
            dense = layer
    for i, layer in enumerate(rnn):
        kernel, recurrent, bias = layer.get_weights()
        np.save(folder / f"rnn{i}_kernel.npy", kernel)
        np.save(folder / f"rnn{i}_recurrent.npy", recurrent)
        np.save(folder / f"rnn{i}_bias.npy", bias)
    if dense is not None:
        kernel, bias = dense.get_weights()
        np.save(folder / "dense_kernel.npy", kernel)
        np.save(folder / "dense_bias.npy", bias)


def onnx_phase(out_dir):
    import onnx
    import onnxruntime as ort
    from onnx import TensorProto, helper, numpy_helper

    manifest = json.loads((out_dir / "manifest.json").read_text())
    done = {}
    for c in manifest["cases"]:
        folder = out_dir / c["model"]
        if c["model"] not in done:
            graph = onnx_graph(helper, TensorProto, numpy_helper, c, folder)
            model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)], producer_name="keras4j-bench")
            model.ir_version = 8
            onnx.checker.check_model(model)
            onnx.save(model, folder / "model.onnx")
            options = ort.SessionOptions()
            options.intra_op_num_threads = 1
            done[c["model"]] = ort.InferenceSession(str(folder / "model.onnx"), options, providers=["CPUExecutionProvider"])
        x = np.load(folder / f"x_{c['case']}.npy")
        want = np.load(folder / f"y_{c['case']}.npy")
        got = done[c["model"]].run(None, {"x": x})[0]
        err = float(np.max(np.abs(got - want)))
        ok = np.all(np.abs(got - want) <= TOLERANCE["atol"] + TOLERANCE["rtol"] * np.abs(want))
        print(f"{c['case']}: ONNX Runtime vs Keras max abs error {err:.2e}", flush=True)
        if not ok:
            sys.exit(f"{c['case']}: the ONNX model does not reproduce Keras (max abs error {err:.2e})")


def reorder_ifco_to_iofc(w, units):
    """Keras gate blocks i, f, c, o (last axis) to ONNX's i, o, f, c."""
    blocks = [w[..., g * units:(g + 1) * units] for g in range(4)]
    return np.concatenate([blocks[0], blocks[3], blocks[1], blocks[2]], axis=-1)


def onnx_graph(helper, TensorProto, numpy_helper, c, folder):
    units, kind = c["units"], c["kind"]
    nodes, inits = [], []

    def init(name, array):
        inits.append(numpy_helper.from_array(np.ascontiguousarray(array, dtype=np.float32), name))
        return name

    def weights(i, gates):
        kernel = np.load(folder / f"rnn{i}_kernel.npy")
        recurrent = np.load(folder / f"rnn{i}_recurrent.npy")
        bias = np.load(folder / f"rnn{i}_bias.npy")
        if gates == 4:
            kernel, recurrent, bias = (reorder_ifco_to_iofc(a, units) for a in (kernel, recurrent, bias))
            bias = np.concatenate([bias, np.zeros_like(bias)])
        else:
            bias = bias.reshape(-1)  # GRU reset_after: [input bias z r h, recurrent bias z r h] = ONNX Wb, Rb
        return kernel.T, recurrent.T, bias

    def rnn(op, x, indices, out_seq, out_h, **attrs):
        gates = 4 if op == "LSTM" else 3
        ws = [weights(i, gates) for i in indices]
        tag = "_".join(map(str, indices))
        w = init(f"W{tag}", np.stack([a[0] for a in ws]))
        r = init(f"R{tag}", np.stack([a[1] for a in ws]))
        b = init(f"B{tag}", np.stack([a[2] for a in ws]))
        nodes.append(helper.make_node(op, [x, w, r, b], [out_seq, out_h], hidden_size=units, **attrs))

    def ints(name, values):
        inits.append(numpy_helper.from_array(np.array(values, dtype=np.int64), name))
        return name

    nodes.append(helper.make_node("Transpose", ["x"], ["x_tbf"], perm=[1, 0, 2]))
    if kind in ("seed", "lstm"):
        rnn("LSTM", "x_tbf", [0], "", "h")
        last = "h"
    elif kind == "gru":
        rnn("GRU", "x_tbf", [0], "", "h", linear_before_reset=1)
        last = "h"
    elif kind == "bilstm":
        rnn("LSTM", "x_tbf", [0, 1], "", "h2", direction="bidirectional")
        nodes.append(helper.make_node("Transpose", ["h2"], ["h2_b"], perm=[1, 0, 2]))
        nodes.append(helper.make_node("Reshape", ["h2_b", ints("shape_b2u", [0, 2 * units])], ["h_concat"]))
        last = None
    elif kind == "stack2":
        rnn("LSTM", "x_tbf", [0], "y1", "")
        nodes.append(helper.make_node("Squeeze", ["y1", ints("axes1", [1])], ["y1_tbu"]))
        rnn("LSTM", "y1_tbu", [1], "", "h")
        last = "h"
    else:
        raise ValueError(kind)
    if last is not None:
        nodes.append(helper.make_node("Squeeze", [last, ints("axes0", [0])], ["h_last"]))
        last = "h_last"
    else:
        last = "h_concat"
    if (folder / "dense_kernel.npy").exists():
        init("dense_kernel", np.load(folder / "dense_kernel.npy"))
        init("dense_bias", np.load(folder / "dense_bias.npy"))
        nodes.append(helper.make_node("MatMul", [last, "dense_kernel"], ["dense_mm"]))
        nodes.append(helper.make_node("Add", ["dense_mm", "dense_bias"], ["y"]))
    else:
        nodes.append(helper.make_node("Identity", [last], ["y"]))
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", "time", c["features"]])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", "out"])
    return helper.make_graph(nodes, c["model"], [x], [y], initializer=inits)


if __name__ == "__main__":
    phase, out = sys.argv[1], Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    if phase == "keras":
        keras_phase(out, "--quick" in sys.argv)
    elif phase == "onnx":
        onnx_phase(out)
    else:
        sys.exit(__doc__)
