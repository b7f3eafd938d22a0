"""Golden cases for models saved under a mixed-precision dtype policy (float32 weights, 16-bit computation).

keras4j runs them only with the import option mixed_precision_in_float32, in float32: the golden outputs are Keras'
own computation of the same model and weights under the float32 policy (generate.py's Case.in_float32), and each
case.json records how far Keras' mixed-precision outputs are from them. Case names start with mixedprec_.
Regenerate them with

    /work/venv-keras/bin/python testdata/generate.py mixedprec_
"""


def register_cases(g):
    keras, layers, Case, randomize = g.keras, g.layers, g.Case, g.randomize

    def under(policy, build):
        """The model `build()` makes while `policy` is Keras' global dtype policy (as a training script sets it)."""
        keras.config.set_dtype_policy(policy)
        try:
            return build()
        finally:
            keras.config.set_dtype_policy("float32")

    def text_model(ctx, fmt):
        def build():
            ids = keras.Input((12,), name="ids")
            x = layers.Embedding(40, 8, name="embedding")(ids)
            x = layers.Conv1D(12, 3, padding="same", activation="relu", name="conv1d")(x)
            x = layers.Bidirectional(layers.LSTM(10, return_sequences=True), name="bidi_lstm")(x)
            x = layers.LayerNormalization(name="layer_norm")(x)
            x = layers.GRU(8, name="gru")(x)
            x = layers.Dense(16, activation="tanh", name="dense")(x)
            return keras.Model(ids, layers.Dense(4, dtype="float32", name="head")(x))

        model = under("mixed_float16", build)
        randomize(model, ctx.rng)
        ids = ctx.rng.integers(0, 40, size=(3, 12)).astype("float32")
        return Case(model, [ids], fmt,
                    "mixed_float16 text model: Embedding(40, 8), Conv1D(12, 3, same, relu), Bidirectional(LSTM(10, "
                    "return_sequences)), LayerNormalization, GRU(8), Dense(16, tanh) and a float32 Dense(4) head; "
                    "golden: Keras in float32", covers=["lstm", "mixed_float16", "mixed_precision_in_float32"], in_float32=True)

    def sequence_model(ctx, fmt):
        def build():
            return keras.Sequential([keras.Input((10, 5)),
                                     layers.LSTM(16, return_sequences=True, name="lstm"),
                                     layers.Conv1D(8, 2, activation="relu", name="conv1d"),
                                     layers.GRU(12, name="gru"),
                                     layers.Dense(6, name="dense"),
                                     layers.Activation("softmax", dtype="float32", name="probabilities")])

        model = under("mixed_bfloat16", build)
        randomize(model, ctx.rng)
        return Case(model, [ctx.rng.standard_normal((3, 10, 5)).astype("float32")], fmt,
                    "mixed_bfloat16 sequence classifier: LSTM(16, return_sequences), Conv1D(8, 2, relu), GRU(12), "
                    "Dense(6) and a float32 softmax; golden: Keras in float32",
                    covers=["mixed_bfloat16", "mixed_precision_in_float32"], in_float32=True)

    g.register("mixedprec_f16_text_func_keras", text_model, fmt="keras")
    g.register("mixedprec_bf16_seq_h5", sequence_model, fmt="h5")
