#!/usr/bin/env python3
"""Keras' outputs of a saved model under the JAX or PyTorch backend, for generate.py's cases with keras_backend.

    KERAS_BACKEND=jax /work/venv-kjax/bin/python testdata/predict_backend.py MODEL DIR

generate.py runs this in a Python that has Keras and that backend (not TensorFlow). It loads MODEL
(compile=False), saves it again with this backend over MODEL (so the case's model file is one Keras
wrote running on it), reloads that file and runs, on the same model object, call 0 on
DIR/call0_input_<i>.npy, then call 1, 2, ... on DIR/call<k>_input_<i>.npy, writing
DIR/call<k>_output_<i>.npy as float32. Prints the versions as JSON.

One call: model.predict. Several calls (a stateful model, whose layers carry their states from one call
to the next): model(x, training=False), because Keras 3.15.1's JAX predict() starts every call from the
states of before its first call (its stateless predict step does not return the RNN states, which are
not among the model's non-trainable variables), where model(x) and TensorFlow's and PyTorch's predict()
carry them on.
"""

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))

import numpy as np  # noqa: E402
import keras  # noqa: E402
from make_case import as_list, backend_versions  # noqa: E402


def main(model_file, folder):
    if keras.backend.backend() not in ("jax", "torch"):
        raise SystemExit(f"KERAS_BACKEND is {keras.backend.backend()}; this script is for jax and torch")
    keras.models.load_model(model_file, compile=False).save(model_file)
    keras.backend.clear_session()
    model = keras.models.load_model(model_file, compile=False)
    d = Path(folder)
    calls = len(list(d.glob("call*_input_0.npy")))
    for k in range(calls):
        xs = [np.load(d / f"call{k}_input_{i}.npy") for i in range(len(model.inputs))]
        x = xs if len(xs) > 1 else xs[0]
        ys = model(x, training=False) if calls > 1 else model.predict(x, batch_size=len(xs[0]), verbose=0)
        for i, y in enumerate(as_list(np, keras.tree.map_structure(keras.ops.convert_to_numpy, ys))):
            np.save(d / f"call{k}_output_{i}.npy", np.ascontiguousarray(y, dtype=np.float32))
    print(json.dumps(backend_versions(keras)))


if __name__ == "__main__":
    main(*sys.argv[1:])
