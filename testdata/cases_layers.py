"""Golden cases for the general (non-recurrent) layers of issue 3.

Embedding, Masking, Conv1D, MaxPooling1D, AveragePooling1D, GlobalMaxPooling1D,
GlobalAveragePooling1D, Flatten, Reshape, RepeatVector, Permute, Concatenate, Add,
Subtract, Multiply, Average, Maximum, Minimum, BatchNormalization, LayerNormalization,
ReLU, LeakyReLU, ELU, PReLU and Softmax, every option value keras4j implements, and the
masks they make, pass on, use or drop (consumed by LSTM/GRU layers so that a wrong mask
shows in the numbers).

generate.py calls register_cases(<the generate module>) once; the builders use its
registry and helpers (Case, register, chain_model, randomize, normal_inputs), so the
conventions are exactly those of generate.py. Case names start with one of
emb_, masking_, maskflow_, conv1d_, pool_, gpool_, reshape_, merge_, bn_, ln_, act_, softmax_.
"""

import numpy as np


def register_cases(g):
    keras, layers, Case, R = g.keras, g.layers, g.Case, g.register
    chain_model, randomize, normal_inputs = g.chain_model, g.randomize, g.normal_inputs

    # ------------------------------------------------------------------ helpers

    def ids(ctx, b, t, vocab, lengths=None, pad="post"):
        """Token ids in [1, vocab) as float32, zero-padded to length t after (post) or before (pre)."""
        x = ctx.rng.integers(1, vocab, size=(b, t)).astype(np.float32)
        if lengths is not None:
            for i, n in enumerate(lengths):
                if pad == "post":
                    x[i, n:] = 0
                else:
                    x[i, :t - n] = 0
        return x

    def padded_rows(ctx, b, t, f, lengths, pad, value=0.0):
        """Normal inputs whose padded time steps are entirely `value` (what Masking masks)."""
        x = normal_inputs(ctx, b, t, f)
        for i, n in enumerate(lengths):
            if pad == "post":
                x[i, n:, :] = value
            else:
                x[i, :t - n, :] = value
        return x

    def bn_stats(model, rng):
        """Positive moving variances (random ones can be negative) for every BatchNormalization."""
        for lyr in model.layers:
            if isinstance(lyr, layers.BatchNormalization):
                ws = lyr.get_weights()
                names = [v.name for v in lyr.weights]
                i = names.index("moving_variance")
                ws[i] = rng.uniform(0.2, 2.0, size=ws[i].shape).astype(np.float32)
                if lyr.renorm:
                    j = names.index("moving_stddev")
                    ws[j] = np.sqrt(ws[i]).astype(np.float32)
                lyr.set_weights(ws)

    def heads_model(inputs, trunk, heads):
        """A Functional model with the outputs of each head applied to trunk, in order (several for return_state)."""
        outs = []
        for lyr in heads:
            y = lyr(trunk)
            outs += list(y) if isinstance(y, (list, tuple)) else [y]
        return keras.Model(inputs, outs)

    # ------------------------------------------------------------------ Embedding and Masking
    #
    # A mask that reaches a layer whose call() takes `mask` (RNNs, GlobalAveragePooling1D, Softmax,
    # BatchNormalization, ...) makes a Keras 3.15.1 *Functional* model record the mask computation as
    # op nodes (NotEqual, Any, LogicalOr, ...) passed as `mask=` call arguments; such .h5 files cannot
    # even be reloaded by Keras ("Unknown layer: 'NotEqual'"). The cases here therefore feed masks into
    # those layers in Sequential models, and probe masks in Functional models with Maximum / Minimum /
    # Multiply, which read the propagated mask without recording ops. register_mask_kwarg_cases below
    # holds the Functional cases with recorded mask ops.

    def emb_rnn(ctx, fmt, pad, rnn):
        t, b, vocab = 9, 5, 17
        lengths = [9, 6, 3, 1, 7]
        rnn_layer = (layers.LSTM(5, return_sequences=True) if rnn == "lstm"
                     else layers.GRU(4, return_sequences=False))
        model = chain_model("sequential", (t,), [layers.Embedding(vocab, 6, mask_zero=True), rnn_layer,
                                                 layers.Dense(3)])
        randomize(model, ctx.rng)
        x = ids(ctx, b, t, vocab, lengths, pad)
        return Case(model, [x], fmt,
                    f"sequential Embedding({vocab}, 6, mask_zero=True) -> {rnn.upper()}"
                    f"({'5, return_sequences' if rnn == 'lstm' else '4'}) -> Dense(3); ids {pad}-padded with 0 to "
                    f"lengths {lengths}: the RNN skips the padded steps.",
                    covers=["embedding_mask_zero", f"mask_{pad}_padding", f"mask_into_{rnn}"])

    R("emb_maskzero_lstm_postpad_seq_h5", emb_rnn, fmt="h5", pad="post", rnn="lstm")
    R("emb_maskzero_lstm_prepad_seq_keras", emb_rnn, fmt="keras", pad="pre", rnn="lstm")

    def emb_fractional(ctx):
        model = chain_model("sequential", (7,), [layers.Embedding(10, 4, mask_zero=True),
                                                 layers.LSTM(3, return_sequences=True)])
        randomize(model, ctx.rng)
        x = ids(ctx, 3, 7, 10, [7, 4, 2], "post")
        x[0, 1] = 0.5   # id 0 (truncated) but not masked: the mask compares the float input with 0
        x[0, 3] = 3.9   # id 3
        x[1, 5] = 0.0   # padding
        x[2, 0] = 9.99  # id 9, the last row
        return Case(model, [x], "h5",
                    "sequential Embedding(10, 4, mask_zero=True) -> LSTM(3, return_sequences). Ids are floats: 0.5 "
                    "selects row 0 but is not masked (Keras casts ids to int32 by truncation, and masks where the "
                    "float input != 0); 3.9 selects row 3, 9.99 row 9.",
                    covers=["embedding_mask_zero", "embedding_float_ids_truncated"])

    R("emb_fractional_ids_seq_h5", emb_fractional)

    def emb_functional(ctx):
        inp = keras.Input((6,))
        e1 = layers.Embedding(11, 4, mask_zero=True)(inp)
        e2 = layers.Embedding(11, 4)(inp)
        probe = layers.Maximum()([e1, e2])   # where e1 is masked, Maximum takes e2
        model = keras.Model(inp, [e1, e2, probe])
        randomize(model, ctx.rng)
        x = ids(ctx, 4, 6, 11, [6, 3, 1, 4], "pre")
        return Case(model, [x], "keras",
                    "functional Embedding(11, 4, mask_zero=True) and Embedding(11, 4) on the same pre-padded ids, both "
                    "output, and Maximum of the two, which takes the unmasked one's values where ids are 0.",
                    covers=["embedding_mask_zero", "embedding_no_mask", "mask_probe_maximum"])

    R("emb_two_tables_func_keras", emb_functional)

    def emb_negative_ids(ctx, fmt):
        x = np.array([[1, -1, -6, 0, 0],
                      [-0.5, -5.9, -3.2, 5, 0],
                      [-2, 2, -4.99, 3, -1]], dtype="float32")
        ids_note = ("on negative ids: Keras 3's ops.take counts an id in [-6, 0) from the table's end after truncating "
                    "it toward zero (-1 the last row, -6 row 0, -5.9 row 1, -3.2 row 3, -4.99 row 2); -0.5 selects row "
                    "0 but is not masked (the mask compares the float input with 0).")
        if fmt == "h5":  # Keras 3 cannot reload a functional .h5 whose mask is an operation node
            model = chain_model("sequential", (5,), [layers.Embedding(6, 4, mask_zero=True),
                                                     layers.LSTM(3, return_sequences=True)])
            randomize(model, ctx.rng)
            return Case(model, [x], fmt, "sequential Embedding(6, 4, mask_zero=True) -> LSTM(3, return_sequences), "
                        + ids_note, covers=["embedding_negative_ids"])
        inp = keras.Input((5,))
        e = layers.Embedding(6, 4, mask_zero=True)(inp)
        seq = layers.LSTM(3, return_sequences=True)(e)
        model = keras.Model(inp, [e, seq])
        randomize(model, ctx.rng)
        return Case(model, [x], fmt, "functional Embedding(6, 4, mask_zero=True) -> output and -> LSTM(3, "
                    "return_sequences), " + ids_note, covers=["embedding_negative_ids"])

    R("embedding_negative_ids_func_keras", emb_negative_ids, fmt="keras")
    R("embedding_negative_ids_seq_h5", emb_negative_ids, fmt="h5")

    def emb_textcnn(ctx):
        model = chain_model("sequential", (None,), [
            layers.Embedding(30, 8),
            layers.Conv1D(6, 3, padding="same", activation="relu"),
            layers.GlobalMaxPooling1D(),
            layers.Dense(3),
        ])
        randomize(model, ctx.rng)
        x = ids(ctx, 3, 11, 30, [11, 8, 5], "post")  # zeros are ordinary ids without mask_zero
        return Case(model, [x], "keras",
                    "sequential text CNN on dynamic length: Embedding(30, 8) (no mask_zero: id 0 is an ordinary row) "
                    "-> Conv1D(6, 3, same, relu) -> GlobalMaxPooling1D -> Dense(3); batch 3 x 11 ids.",
                    covers=["embedding_no_mask"])

    R("emb_textcnn_dyn_seq_keras", emb_textcnn)

    def masking_rnn(ctx, fmt, pad, value, rnn):
        t, f, b = 7, 3, 4
        lengths = [7, 5, 2, 4]
        rnn_layer = (layers.LSTM(6, return_sequences=True) if rnn == "lstm" else layers.GRU(5))
        model = chain_model("sequential", (t, f), [layers.Masking(mask_value=value), rnn_layer, layers.Dense(2)])
        randomize(model, ctx.rng)
        x = padded_rows(ctx, b, t, f, lengths, pad, value)
        x[0, 2, 1] = value  # one value equal to mask_value in an otherwise valid step: not masked
        x[3, 5 if pad == "post" else 3, :2] = value
        return Case(model, [x], fmt,
                    f"sequential Masking(mask_value={value}) -> {rnn.upper()}"
                    f"({'6, return_sequences' if rnn == 'lstm' else '5'}) -> Dense(2); steps {pad}-padded with {value} "
                    f"to lengths {lengths}; two valid steps hold {value} in some (not all) features and stay unmasked.",
                    covers=["masking", f"mask_{pad}_padding", f"mask_into_{rnn}", f"mask_value:{value}"])

    R("masking_lstm_postpad_seq_h5", masking_rnn, fmt="h5", pad="post", value=0.0, rnn="lstm")
    R("masking_value_gru_prepad_seq_keras", masking_rnn, fmt="keras", pad="pre", value=-1.0, rnn="gru")

    def masking_output(ctx):
        inp = keras.Input((5, 3))
        m = layers.Masking(mask_value=0.25)(inp)
        y = layers.Dense(2)(m)
        model = keras.Model(inp, [m, y])
        randomize(model, ctx.rng)
        x = padded_rows(ctx, 3, 5, 3, [5, 3, 4], "post", 0.25)
        x[1, 0, 0] = 0.25
        return Case(model, [x], "h5",
                    "functional Masking(mask_value=0.25) whose own output is a model output (masked steps are zeros), "
                    "then Dense(2) on it.", covers=["masking_output"])

    R("masking_output_func_h5", masking_output)

    # ------------------------------------------------------------------ masks through other layers

    def maskflow_passthrough(ctx, fmt):
        model = chain_model("sequential", (8,), [
            layers.Embedding(15, 6, mask_zero=True),
            layers.BatchNormalization(),
            layers.LayerNormalization(),
            layers.ReLU(negative_slope=0.1),
            layers.LeakyReLU(negative_slope=0.2),
            layers.ELU(alpha=0.7),
            layers.PReLU(shared_axes=[1]),
            layers.LSTM(4, return_sequences=True),
        ])
        randomize(model, ctx.rng)
        bn_stats(model, ctx.rng)
        return Case(model, [ids(ctx, 4, 8, 15, [8, 5, 2, 6], "post")], fmt,
                    "sequential Embedding(mask_zero) -> BatchNormalization -> LayerNormalization -> ReLU(0.1) -> "
                    "LeakyReLU(0.2) -> ELU(0.7) -> PReLU(shared_axes=[1]) -> LSTM(4, return_sequences): every layer "
                    "in between passes the mask on to the LSTM.",
                    covers=["mask_passthrough"])

    R("maskflow_passthrough_seq_h5", maskflow_passthrough, fmt="h5")

    def maskflow_conv(ctx):
        model = chain_model("sequential", (9,), [
            layers.Embedding(12, 5, mask_zero=True),
            layers.Conv1D(4, 2, padding="same"),
            layers.LSTM(3, return_sequences=True),
        ])
        randomize(model, ctx.rng)
        return Case(model, [ids(ctx, 3, 9, 12, [9, 4, 6], "pre")], "keras",
                    "sequential Embedding(mask_zero) on pre-padded ids -> Conv1D(4, 2, same), which does not support "
                    "masking and drops the mask -> LSTM(3, return_sequences) runs every step.",
                    covers=["mask_dropped_by_conv1d"])

    R("maskflow_conv_drops_mask_seq_keras", maskflow_conv)

    def maskflow_gpool(ctx, fmt, first, pool):
        t = 7
        lengths = [7, 3, 1, 5]
        if first == "embedding":
            chain = [layers.Embedding(9, 4, mask_zero=True)]
            x = ids(ctx, 4, t, 9, lengths, "pre")
            shape = (t,)
        else:
            chain = [layers.Masking()]
            x = padded_rows(ctx, 4, t, 3, lengths, "post")
            shape = (t, 3)
        pool = {"gap": layers.GlobalAveragePooling1D(), "gap_keepdims": layers.GlobalAveragePooling1D(keepdims=True),
                "gmp": layers.GlobalMaxPooling1D()}[pool]
        chain += [layers.Dense(4), pool, layers.Dense(2)]
        model = chain_model("sequential", shape, chain)
        randomize(model, ctx.rng)
        name = type(pool).__name__ + ("(keepdims=True)" if pool.keepdims else "")
        return Case(model, [x], fmt,
                    f"sequential {'Embedding(9, 4, mask_zero)' if first == 'embedding' else 'Masking'} -> Dense(4) "
                    f"(passes the mask) -> {name} -> Dense(2); "
                    + ("the average is over valid steps only." if "Average" in name
                       else "GlobalMaxPooling1D ignores the mask: padded steps count."),
                    covers=["global_average_pooling_masked" if "Average" in name else "global_max_pooling_ignores_mask"])

    R("maskflow_gap_emb_seq_keras", maskflow_gpool, fmt="keras", first="embedding",
      pool="gap")
    R("maskflow_gmp_masking_seq_keras", maskflow_gpool, fmt="keras", first="masking",
      pool="gmp")

    # ------------------------------------------------------------------ Conv1D

    CONV_HEADS = [  # (filters, kernel, kwargs)
        (5, 3, dict(padding="valid")),
        (4, 3, dict(padding="valid", strides=2)),
        (3, 2, dict(padding="valid", strides=3)),
        (4, 3, dict(padding="valid", dilation_rate=2)),
        (5, 3, dict(padding="same")),
        (4, 4, dict(padding="same")),
        (3, 3, dict(padding="same", strides=2)),
        (4, 4, dict(padding="same", strides=3)),
        (4, 3, dict(padding="same", dilation_rate=2)),
        (4, 3, dict(padding="causal")),
        (3, 2, dict(padding="causal", strides=2)),
        (4, 3, dict(padding="causal", dilation_rate=3)),
        (4, 3, dict(padding="same", groups=2)),
        (8, 2, dict(padding="valid", groups=4)),
        (2, 5, dict(padding="causal", use_bias=False)),
    ]

    def conv_heads(ctx, fmt, steps, acts, only=None):
        inp = keras.Input((steps, 4))
        heads = []
        specs = [h for h in CONV_HEADS if only is None or h[2]["padding"] in only]
        for i, (f, k, kw) in enumerate(specs):
            heads.append(layers.Conv1D(f, k, activation=acts[i % len(acts)], name=f"conv_{i}", **kw))
        model = heads_model(inp, inp, heads)
        randomize(model, ctx.rng)
        text = "; ".join(f"Conv1D({f}, {k}, {', '.join(f'{a}={v!r}' for a, v in kw.items())}, "
                         f"activation={acts[i % len(acts)]!r})" for i, (f, k, kw) in enumerate(specs))
        return Case(model, [normal_inputs(ctx, 3, steps, 4)], fmt,
                    f"functional, one input ({steps} steps x 4 channels), {len(specs)} Conv1D heads: {text}.",
                    covers=sorted({f"conv1d_padding:{kw['padding']}" for _, _, kw in specs})
                    + [c for c, key in (("conv1d_strides", "strides"), ("conv1d_dilation", "dilation_rate"),
                                        ("conv1d_groups", "groups"), ("conv1d_no_bias", "use_bias"))
                       if any(key in kw for _, _, kw in specs)]
                    + [f"steps_{'odd' if steps % 2 else 'even'}"])

    R("conv1d_heads_odd_func_h5", conv_heads, fmt="h5", steps=11, acts=["linear", "relu", "tanh"])
    R("conv1d_heads_even_func_keras", conv_heads, fmt="keras", steps=12, acts=["sigmoid", "linear", "elu", "gelu"],
      only=("same", "causal"))

    def conv_lstm(ctx):
        model = chain_model("sequential", (None, 5), [
            layers.Conv1D(6, 3, padding="causal", activation="relu"),
            layers.MaxPooling1D(2),
            layers.LSTM(4),
            layers.Dense(2),
        ])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 14, 5)], "h5",
                    "sequential on dynamic length: Conv1D(6, 3, causal, relu) -> MaxPooling1D(2) -> LSTM(4) -> Dense(2).")

    R("conv1d_pool_lstm_dyn_seq_h5", conv_lstm)

    # ------------------------------------------------------------------ pooling

    POOL_HEADS = [  # (pool_size, strides, padding, data_format)
        (2, None, "valid", "channels_last"),
        (3, 2, "valid", "channels_last"),
        (5, 2, "valid", "channels_last"),
        (2, 3, "valid", "channels_last"),
        (2, None, "same", "channels_last"),
        (3, 2, "same", "channels_last"),
        (4, 1, "same", "channels_last"),
        (3, 3, "same", "channels_last"),
        (4, 3, "same", "channels_last"),
        (2, None, "valid", "channels_first"),
        (3, 2, "same", "channels_first"),
    ]

    def pool_heads(ctx, fmt, steps, only=None):
        inp = keras.Input((steps, 4))
        heads = []
        specs = [h for h in POOL_HEADS if only is None or h[2] in only]
        for cls in (layers.MaxPooling1D, layers.AveragePooling1D):
            for (p, s, pad, df) in specs:
                heads.append(cls(pool_size=p, strides=s, padding=pad, data_format=df))
        model = heads_model(inp, inp, heads)
        text = "; ".join(f"(pool_size={p}, strides={s}, {pad}, {df})" for p, s, pad, df in specs)
        return Case(model, [normal_inputs(ctx, 3, steps, 4)], fmt,
                    f"functional, one input ({steps} steps x 4 channels), MaxPooling1D then AveragePooling1D heads, "
                    f"each with: {text}. SAME averages divide by the real steps in the window; channels_first heads "
                    "pool over the last axis (size 4).",
                    covers=sorted({f"pool_padding:{pad}" for _, _, pad, _ in specs})
                    + ["pool_strides", "pool_channels_first", f"steps_{'odd' if steps % 2 else 'even'}"])

    R("pool_heads_odd_func_h5", pool_heads, fmt="h5", steps=11)
    R("pool_heads_even_func_h5", pool_heads, fmt="h5", steps=10, only=("same",))

    def gpool_heads(ctx, fmt):
        inp = keras.Input((6, 4))
        d = layers.Dense(5)(inp)
        heads = [layers.GlobalMaxPooling1D(), layers.GlobalAveragePooling1D(),
                 layers.GlobalMaxPooling1D(keepdims=True), layers.GlobalAveragePooling1D(keepdims=True),
                 layers.GlobalMaxPooling1D(data_format="channels_first"),
                 layers.GlobalAveragePooling1D(data_format="channels_first", keepdims=True),
                 layers.GlobalAveragePooling1D(data_format="channels_first")]
        model = heads_model(inp, d, heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 4)], fmt,
                    "functional Dense(5) on 6 steps, then heads GlobalMaxPooling1D, GlobalAveragePooling1D, both with "
                    "keepdims, GlobalMaxPooling1D(channels_first), GlobalAveragePooling1D(channels_first, keepdims) and "
                    "GlobalAveragePooling1D(channels_first).",
                    covers=["global_pool_keepdims", "global_pool_channels_first"])

    R("gpool_heads_func_h5", gpool_heads, fmt="h5")

    # ------------------------------------------------------------------ 2-D convolution and pooling

    CONV2D_HEADS = [  # (filters, kernel_size, options)
        (3, 3, dict(padding="valid")),
        (2, (2, 3), dict(padding="same", strides=(2, 1))),
        (4, 3, dict(padding="same", strides=2)),
        (2, (3, 2), dict(padding="valid", dilation_rate=(2, 1))),
        (3, 2, dict(padding="same", dilation_rate=2)),
        (4, 3, dict(padding="same", groups=2)),
        (2, 1, dict(padding="valid", use_bias=False)),
        (3, (1, 4), dict(padding="valid", strides=(1, 3))),
    ]

    def conv2d_heads(ctx, fmt, acts):
        inp = keras.Input((7, 9, 4))
        heads = [layers.Conv2D(f, k, activation=acts[i % len(acts)], name=f"conv_{i}", **kw)
                 for i, (f, k, kw) in enumerate(CONV2D_HEADS)]
        model = heads_model(inp, inp, heads)
        randomize(model, ctx.rng)
        text = "; ".join(f"Conv2D({f}, {k}, {', '.join(f'{a}={v!r}' for a, v in kw.items())}, "
                         f"activation={acts[i % len(acts)]!r})" for i, (f, k, kw) in enumerate(CONV2D_HEADS))
        return Case(model, [normal_inputs(ctx, 3, 7, 9, 4)], fmt,
                    f"functional, one input (7 x 9 x 4 channels), {len(CONV2D_HEADS)} Conv2D heads: {text}.",
                    covers=["conv2d_padding:valid", "conv2d_padding:same", "conv2d_strides", "conv2d_dilation",
                            "conv2d_groups", "conv2d_no_bias"])

    R("conv2d_heads_func_keras", conv2d_heads, fmt="keras", acts=["linear", "relu", "tanh"])
    R("conv2d_heads_func_h5", conv2d_heads, fmt="h5", acts=["sigmoid", "elu", "linear", "gelu"])

    POOL2D_HEADS = [  # (pool_size, strides, padding, data_format)
        (2, None, "valid", "channels_last"),
        (3, 2, "valid", "channels_last"),
        ((2, 3), (1, 2), "valid", "channels_last"),
        (2, None, "same", "channels_last"),
        ((3, 2), 2, "same", "channels_last"),
        (3, 3, "same", "channels_last"),
        ((4, 1), (3, 1), "same", "channels_last"),
        (2, None, "valid", "channels_first"),
        ((3, 2), (2, 1), "same", "channels_first"),
    ]

    def pool2d_heads(ctx, fmt):
        inp = keras.Input((7, 9, 4))
        heads = []
        for cls in (layers.MaxPooling2D, layers.AveragePooling2D):
            for (p, st, pad, df) in POOL2D_HEADS:
                heads.append(cls(pool_size=p, strides=st, padding=pad, data_format=df))
        heads += [layers.GlobalMaxPooling2D(), layers.GlobalAveragePooling2D(),
                  layers.GlobalMaxPooling2D(keepdims=True, data_format="channels_first"),
                  layers.GlobalAveragePooling2D(keepdims=True), layers.GlobalAveragePooling2D(data_format="channels_first")]
        model = heads_model(inp, inp, heads)
        text = "; ".join(f"(pool_size={p}, strides={st}, {pad}, {df})" for p, st, pad, df in POOL2D_HEADS)
        return Case(model, [normal_inputs(ctx, 3, 7, 9, 4)], fmt,
                    f"functional, one input (7 x 9 x 4), MaxPooling2D then AveragePooling2D heads, each with: {text}; "
                    "then GlobalMaxPooling2D, GlobalAveragePooling2D, GlobalMaxPooling2D(keepdims, channels_first), "
                    "GlobalAveragePooling2D(keepdims), GlobalAveragePooling2D(channels_first). SAME averages divide by "
                    "the real positions in the window; channels_first heads pool over the last two axes (9 x 4).",
                    covers=["pool2d_padding:valid", "pool2d_padding:same", "pool2d_channels_first", "global_pool2d"])

    R("pool2d_heads_func_h5", pool2d_heads, fmt="h5")

    def augmented_images_case(ctx, fmt, inp, x, batch, description):
        """The case of model inp -> [x, Conv2D(4, 3, relu) -> GlobalAveragePooling2D -> Dense(2) on x], on `batch`
        images of 8 x 8 x 3 uniform in [0, 1)."""
        y = layers.Dense(2)(layers.GlobalAveragePooling2D()(layers.Conv2D(4, 3, activation="relu")(x)))
        model = keras.Model(inp, [x, y])
        randomize(model, ctx.rng)
        return Case(model, [ctx.rng.uniform(0, 1, (batch, 8, 8, 3)).astype(np.float32)], fmt, description,
                    covers=["augmentation"])

    def augmentation(ctx, fmt):
        """Random augmentation layers inside the model, as trained; at inference Keras gives their input unchanged."""
        inp = keras.Input((8, 8, 3))
        x = layers.RandomFlip("horizontal", seed=1)(inp)
        x = layers.RandomRotation(0.2, fill_mode="nearest", seed=2)(x)
        x = layers.RandomZoom(0.2, 0.1, seed=3)(x)
        x = layers.RandomTranslation(0.1, 0.2, seed=4)(x)
        x = layers.RandomContrast(0.3, seed=5)(x)
        x = layers.RandomBrightness(0.2, value_range=(0, 1), seed=6)(x)
        for cls, kw in ((layers.RandomGrayscale, {}), (layers.RandomHue, {"factor": 0.3, "value_range": (0, 1)}),
                        (layers.RandomSaturation, {"factor": 0.3, "value_range": (0, 1)}),
                        (layers.RandomSharpness, {"factor": 0.3, "value_range": (0, 1)}),
                        (layers.RandomColorJitter, {"value_range": (0, 1), "contrast_factor": 0.2}),
                        (layers.RandomColorDegeneration, {"factor": 0.3}), (layers.RandomInvert, {}),
                        (layers.RandomPosterization, {"factor": 4}), (layers.RandomErasing, {}),
                        (layers.RandomGaussianBlur, {}), (layers.RandomPerspective, {}),
                        (layers.RandomElasticTransform, {}), (layers.Solarization, {"addition_factor": 0.2,
                                                                                     "value_range": (0, 1)})):
            x = cls(seed=7, **kw)(x)
        return augmented_images_case(ctx, fmt, inp, x, 2,
                    "functional image model with Keras 3's random augmentation layers inside, as trained: RandomFlip, "
                    "RandomRotation, RandomZoom, RandomTranslation, RandomContrast, RandomBrightness, RandomGrayscale, "
                    "RandomHue, RandomSaturation, RandomSharpness, RandomColorJitter, RandomColorDegeneration, "
                    "RandomInvert, RandomPosterization, RandomErasing, RandomGaussianBlur, RandomPerspective, "
                    "RandomElasticTransform, Solarization -> Conv2D(4, 3, relu) -> GlobalAveragePooling2D -> Dense(2); "
                    "outputs the augmented images (unchanged at inference) and the prediction.")

    R("augmentation_func_keras", augmentation, fmt="keras")  # Keras 3.15.1 cannot write these layers to .h5

    def pipeline(ctx, fmt):
        """Keras 3's Pipeline layer: its layers applied in order, weights included, also one inside another."""
        inp = keras.Input((5, 4))
        x = layers.Pipeline([layers.Rescaling(0.5, offset=0.1), layers.Dense(6, activation="tanh"), layers.ReLU(),
                             layers.Pipeline([layers.Dense(3), layers.Dropout(0.5)], name="inner_pipeline")],
                            name="outer_pipeline")(inp)
        y = layers.Dense(2)(layers.Pipeline([layers.Flatten()])(x))
        model = keras.Model(inp, [x, y])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 4)], fmt,
                    "functional model: Pipeline([Rescaling(0.5, offset=0.1), Dense(6, tanh), ReLU, Pipeline([Dense(3), "
                    "Dropout])]) on (5, 4) sequences, then Pipeline([Flatten]) -> Dense(2); outputs the Pipeline's "
                    "values and the prediction.", covers=["pipeline"])

    R("pipeline_func_keras", pipeline, fmt="keras")
    R("pipeline_func_h5", pipeline, fmt="h5")

    def augmentation_mix(ctx, fmt):
        """RandAugment, AugMix, CutMix, MixUp, MaxNumBoundingBoxes, Equalization: at inference Keras gives images unchanged."""
        inp = keras.Input((8, 8, 3))
        x = layers.RandAugment(value_range=(0, 1), num_ops=3, factor=0.8, seed=1)(inp)
        x = layers.AugMix(value_range=(0, 1), num_chains=2, chain_depth=[1, 2], seed=2)(x)
        x = layers.CutMix(factor=0.5, seed=3)(x)
        x = layers.MixUp(alpha=0.3, seed=4)(x)
        x = layers.MaxNumBoundingBoxes(max_number=5, fill_value=-1)(x)   # acts on bounding boxes; images pass unchanged
        # Equalization returns its input tensor itself when built symbolically, so Keras 3.15.1 can place it in a
        # functional model only inside a Pipeline ("is part of a cycle" otherwise)
        x = layers.Pipeline([layers.Equalization(value_range=(0, 1), bins=64), layers.Identity()])(x)
        return augmented_images_case(ctx, fmt, inp, x, 3,
                    "functional image model with RandAugment(num_ops=3, factor=0.8), AugMix(num_chains=2, "
                    "chain_depth=[1, 2]), CutMix(0.5), MixUp(0.3), MaxNumBoundingBoxes(5) and Pipeline([Equalization(bins=64), "
                    "Identity]), with value_range (0, 1), inside, as trained -> Conv2D(4, 3, relu) -> GlobalAveragePooling2D -> Dense(2); "
                    "outputs the images (unchanged at inference) and the prediction.")

    R("augmentation_mix_func_keras", augmentation_mix, fmt="keras")  # Keras 3.15.1 cannot write them to .h5 (a
    # deepcopy of their backend module fails)
    def pool_nonfinite(ctx, fmt):
        """Max pooling over NaN and -inf: TensorFlow's starts from float32's lowest value and passes NaN over."""
        nan, inf = np.nan, np.inf
        x2 = ctx.rng.standard_normal((2, 4, 6, 2)).astype(np.float32)
        x2[0, 0:2, 0:2, 0] = nan                      # a whole window of NaN
        x2[0, 2, 3, 1] = nan                          # one NaN among finite values
        x2[1, 0:2, 2:4, :] = -inf                     # a whole window of -inf
        x2[1, 2:4, 0:2, 0] = [[nan, -inf], [-inf, nan]]
        x2[1, 3, 5, 1] = inf
        inp = keras.Input((4, 6, 2))
        steps = layers.Reshape((4, 12))(inp)
        heads = [layers.MaxPooling2D(2)(inp), layers.MaxPooling2D(3, strides=2, padding="same")(inp),
                 layers.MaxPooling2D(2, data_format="channels_first")(inp), layers.AveragePooling2D(2)(inp),
                 layers.MaxPooling1D(2)(steps), layers.MaxPooling1D(3, strides=2, padding="same")(steps),
                 layers.AdaptiveMaxPooling1D(3)(steps)]
        model = keras.Model(inp, heads)
        return Case(model, [x2], fmt,
                    "functional heads on a 4 x 6 x 2 input holding a window of NaN, a window of -inf, NaN and -inf mixed, "
                    "a lone NaN and +inf: MaxPooling2D(2), MaxPooling2D(3, strides 2, same), MaxPooling2D(2, "
                    "channels_first), AveragePooling2D(2), and on the input reshaped to 4 x 12: MaxPooling1D(2), "
                    "MaxPooling1D(3, strides 2, same), AdaptiveMaxPooling1D(3). TensorFlow's max pooling starts from "
                    "float32's lowest value and passes NaN over (a window of NaN or -inf gives -3.4028235e38).",
                    covers=["nan_input", "inf_input", "pool2d_padding:valid", "pool_padding:same"], nonfinite=True)

    def auto_contrast(ctx, fmt):
        """AutoContrast, active at inference: each image's channels stretched to the value range, constant ones kept."""
        inp = keras.Input((5, 6, 3))
        heads = [layers.AutoContrast(), layers.AutoContrast(value_range=(0, 1)), layers.AutoContrast(value_range=(1, -1)),
                 layers.AutoContrast(value_range=(20.5, 10))]
        model = heads_model(inp, inp, heads)
        x = ctx.rng.uniform(0, 255, (4, 5, 6, 3)).astype(np.float32)
        x[0, :, :, 1] = 7.0                                   # a constant channel: kept as it is
        x[1] = ctx.rng.uniform(40, 200, (5, 6, 3))            # a narrower range, stretched
        x[2, :, :, 0] = ctx.rng.normal(0, 150, (5, 6))        # values outside the range, some negative
        x[3] = 0.0                                            # an all-zero image
        x[3, 2, 3, 2] = 1e-3                                  # but for one value in one channel
        return Case(model, [x], fmt,
                    "functional heads on 5 x 6 x 3 images: AutoContrast() (value_range (0, 255)), "
                    "AutoContrast(value_range=(0, 1)), AutoContrast(value_range=(1, -1)) (sorted by Keras), "
                    "AutoContrast(value_range=(20.5, 10)); batch of 4: uniform in [0, 255) with one constant channel, "
                    "uniform in [40, 200), a channel of normal values with deviation 150, an all-zero image but for one "
                    "value (a narrow range stretched over [0, 255] would make the float32 rounding of Keras' "
                    "x·scale + offset exceed a tenth of the tolerance).", covers=["auto_contrast"])

    R("auto_contrast_func_keras", auto_contrast, fmt="keras")
    R("auto_contrast_func_h5", auto_contrast, fmt="h5")

    def clahe(ctx, fmt):
        """ContrastLimitedAdaptiveHistogramEqualization, active at inference: per-tile histograms, clipped, interpolated."""
        inp = keras.Input((10, 13, 3))
        heads = [layers.ContrastLimitedAdaptiveHistogramEqualization(),
                 layers.ContrastLimitedAdaptiveHistogramEqualization(clip_limit=2.0, tile_grid_size=(3, 4)),
                 layers.ContrastLimitedAdaptiveHistogramEqualization(clip_limit=0, tile_grid_size=(2, 2)),
                 layers.ContrastLimitedAdaptiveHistogramEqualization(value_range=(0, 1), tile_grid_size=(5, 3)),
                 layers.ContrastLimitedAdaptiveHistogramEqualization(tile_grid_size=(4, 2), data_format="channels_first")]
        model = heads_model(inp, inp, heads)
        x = ctx.rng.uniform(0, 255, (4, 10, 13, 3)).astype(np.float32)
        x[0, :, :, 1] = 100.0                                       # a constant channel
        x[1] = ctx.rng.uniform(0, 1, (10, 13, 3))                   # values in [0, 1): the value_range (0, 1) head
        x[2, :4] = ctx.rng.uniform(-80, 0, (4, 13, 3))              # values below and above [0, 255]
        x[2, 6:] = ctx.rng.uniform(255, 400, (4, 13, 3))
        x[3] = np.round(x[3] / 32) * 32                             # few distinct levels, some exactly on bin edges
        return Case(model, [x], fmt,
                    "functional heads on 10 x 13 x 3 images: CLAHE() (clip_limit 4, tiles 8 x 8, padded symmetrically), "
                    "CLAHE(clip_limit=2, tile_grid_size=(3, 4)), CLAHE(clip_limit=0, (2, 2)), CLAHE(value_range=(0, 1), "
                    "(5, 3)), CLAHE((4, 2), channels_first: over 13 x 3 with 10 channels); batch of 4: uniform in [0, 255) "
                    "with a constant channel, uniform in [0, 1), rows below 0 and above 255, a few levels multiple of 32.",
                    covers=["clahe"])

    R("clahe_func_keras", clahe, fmt="keras")
    R("clahe_func_h5", clahe, fmt="h5")

    def hashing(ctx, fmt):
        """Hashing of numbers: FarmHash Fingerprint64 of each value's decimal int64, modulo the bins."""
        inp = keras.Input((6,))
        heads = [layers.Hashing(97), layers.Hashing(9973), layers.Hashing(11, mask_value=0, dtype="int32"),
                 layers.Hashing(2, mask_value=-1),
                 layers.Hashing(7, output_mode="multi_hot"), layers.Hashing(9, output_mode="count")]
        model = heads_model(inp, inp, heads)
        x = np.stack([ctx.rng.integers(-50, 50, 6), ctx.rng.integers(-10 ** 6, 10 ** 6, 6),
                      [0, 1, -1, 9, 10, 123456789], [16777216, -16777216, 2.0 ** 40, -(2.0 ** 62), 2.0 ** 53 + 2, 1e15],
                      [0.5, -0.5, 3.75, -7.9, 99.99, 0]]).astype(np.float32)
        return Case(model, [x], fmt,
                    "functional heads on 6 numbers a row: Hashing(97), Hashing(9973), Hashing(11, mask_value=0, int32), "
                    "Hashing(2, mask_value=-1) (int64 outputs but the third), Hashing(7, multi_hot), Hashing(9, count); "
                    "rows: small and large integers, 0 and numbers of 1 to 9 digits, float32 integers up to 19 digits "
                    "(2^62), fractions (cast toward zero).", covers=["hashing"])

    R("hashing_func_keras", hashing, fmt="keras")
    R("hashing_func_h5", hashing, fmt="h5")

    def reversible_embedding(ctx, fmt):
        """ReversibleEmbedding: ids to vectors, and reverse=True vectors to logits by the tied table or a separate one."""
        vocab, dim, t = 11, 6, 7
        ids_in = keras.Input((t,))
        tied = layers.ReversibleEmbedding(vocab, dim, mask_zero=True, name="tied")
        untied = layers.ReversibleEmbedding(vocab, dim, tie_weights=False, logit_soft_cap=2.5, name="untied")
        h = layers.LSTM(dim, return_sequences=True)(tied(ids_in))   # the mask of mask_zero reaches the LSTM
        logits = tied(h, reverse=True)
        capped = untied(layers.Dense(dim)(untied(ids_in)), reverse=True)
        model = keras.Model(ids_in, [logits, capped])
        randomize(model, ctx.rng)
        return Case(model, [ids(ctx, 4, t, vocab, lengths=[7, 5, 2, 6])], fmt,
                    f"functional: ids (vocab {vocab}, zero-padded) -> ReversibleEmbedding({vocab}, {dim}, mask_zero) -> "
                    "LSTM(6, return_sequences) (masked) -> the same layer with reverse=True (logits by the tied "
                    "table's transpose); and ids -> ReversibleEmbedding(tie_weights=False, logit_soft_cap=2.5) -> "
                    "Dense(6) -> the same layer with reverse=True (its reverse_embeddings, then tanh(l / 2.5) * 2.5).",
                    covers=["reversible_embedding"])

    R("reversible_embedding_func_keras", reversible_embedding, fmt="keras")
    R("reversible_embedding_func_h5", reversible_embedding, fmt="h5")

    R("pool_nonfinite_func_keras", pool_nonfinite, fmt="keras")
    R("pool2d_heads_func_keras", pool2d_heads, fmt="keras")

    def crnn(ctx, fmt):
        """An OCR-style CRNN on images of any width: convolutions and poolings, then the columns as time steps."""
        inp = keras.Input((16, None, 1))
        x = layers.Conv2D(6, 3, padding="same", activation="relu")(inp)
        x = layers.MaxPooling2D(2)(x)
        x = layers.Conv2D(8, 3, padding="same")(x)
        x = layers.BatchNormalization()(x)
        x = layers.Activation("relu")(x)
        x = layers.MaxPooling2D((2, 1))(x)
        x = layers.Permute((2, 1, 3))(x)
        x = layers.Reshape((-1, 4 * 8))(x)
        x = layers.Bidirectional(layers.LSTM(6, return_sequences=True))(x)
        y = layers.Dense(5, activation="softmax")(x)
        model = keras.Model(inp, y)
        randomize(model, ctx.rng, scale=0.6)
        g.batch_norm_weights(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 16, 20, 1)], fmt,
                    "functional CRNN on 16 x any-width images: Conv2D(6, 3, same, relu) -> MaxPooling2D(2) -> Conv2D(8, 3, "
                    "same) -> BatchNormalization -> relu -> MaxPooling2D((2, 1)) -> Permute((2, 1, 3)) -> Reshape((-1, 32)) "
                    "-> Bidirectional(LSTM(6, seq)) -> Dense(5, softmax); batch 2 of 16 x 20.",
                    covers=["conv2d_padding:same", "pool2d_padding:valid", "batch_norm_4d", "crnn"])

    R("crnn_dyn_width_func_keras", crnn, fmt="keras")
    R("crnn_dyn_width_func_h5", crnn, fmt="h5")

    def cnn_lstm(ctx, fmt):
        """A video-style model: per-frame Conv2D features (TimeDistributed), then an LSTM over the frames."""
        model = chain_model("sequential", (5, 8, 8, 2), [
            layers.TimeDistributed(layers.Conv2D(4, 3, activation="relu")),
            layers.TimeDistributed(layers.MaxPooling2D(2)),
            layers.TimeDistributed(layers.Conv2D(3, 2, padding="same", activation="tanh")),
            layers.TimeDistributed(layers.GlobalAveragePooling2D()),
            layers.LSTM(6),
            layers.Dense(3),
        ])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 8, 8, 2)], fmt,
                    "sequential CNN-LSTM over 5 frames of 8 x 8 x 2: TimeDistributed(Conv2D(4, 3, relu)) -> "
                    "TimeDistributed(MaxPooling2D(2)) -> TimeDistributed(Conv2D(3, 2, same, tanh)) -> "
                    "TimeDistributed(GlobalAveragePooling2D) -> LSTM(6) -> Dense(3).",
                    covers=["time_distributed_conv2d", "global_pool2d"])

    R("cnn_lstm_frames_seq_h5", cnn_lstm, fmt="h5")
    R("cnn_lstm_frames_seq_keras", cnn_lstm, fmt="keras")

    def pad_crop_upsample2d(ctx, fmt):
        inp = keras.Input((5, 6, 3))
        heads = [layers.ZeroPadding2D(), layers.ZeroPadding2D((1, 2)), layers.ZeroPadding2D(((1, 0), (2, 3))),
                 layers.ZeroPadding2D(((0, 2), (1, 1)), data_format="channels_first"),
                 layers.Cropping2D(), layers.Cropping2D(1), layers.Cropping2D(((1, 2), (0, 3))),
                 layers.Cropping2D((1, 0), data_format="channels_first"),
                 layers.UpSampling2D(), layers.UpSampling2D((1, 3)), layers.UpSampling2D((3, 2), data_format="channels_first")]
        trunk = layers.SpatialDropout2D(0.5)(inp)
        model = heads_model(inp, trunk, heads)
        return Case(model, [normal_inputs(ctx, 2, 5, 6, 3)], fmt,
                    "functional SpatialDropout2D (identity at inference) on 5 x 6 x 3, then heads ZeroPadding2D(), "
                    "ZeroPadding2D((1, 2)), ZeroPadding2D(((1, 0), (2, 3))), ZeroPadding2D(((0, 2), (1, 1)), channels_first), "
                    "Cropping2D(), Cropping2D(1), Cropping2D(((1, 2), (0, 3))), Cropping2D((1, 0), channels_first), "
                    "UpSampling2D(), UpSampling2D((1, 3)), UpSampling2D((3, 2), channels_first).",
                    covers=["zero_padding2d", "cropping2d", "upsampling2d"])

    R("pad_crop_upsample2d_func_keras", pad_crop_upsample2d, fmt="keras")
    R("pad_crop_upsample2d_func_h5", pad_crop_upsample2d, fmt="h5")

    def pad_crop_upsample3d(ctx, fmt):
        inp = keras.Input((3, 4, 5, 2))
        heads = [layers.ZeroPadding3D(), layers.ZeroPadding3D((1, 0, 2)), layers.ZeroPadding3D(((1, 0), (0, 2), (1, 1))),
                 layers.ZeroPadding3D(1, data_format="channels_first"),
                 layers.Cropping3D(((1, 0), (1, 2), (0, 1))), layers.Cropping3D((0, 1, 2)),
                 layers.Cropping3D(((0, 1), (1, 0), (0, 0)), data_format="channels_first"),
                 layers.UpSampling3D(), layers.UpSampling3D((1, 2, 3)), layers.UpSampling3D((2, 1, 1), data_format="channels_first")]
        c = layers.Conv3D(2, 2, padding="same")(layers.ZeroPadding3D((0, 1, 1))(inp))
        model = heads_model(inp, inp, heads)
        model = keras.Model(inp, model.outputs + [c])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 3, 4, 5, 2)], fmt,
                    "functional heads on 3 x 4 x 5 x 2: ZeroPadding3D(), ZeroPadding3D((1, 0, 2)), ZeroPadding3D(((1, 0), "
                    "(0, 2), (1, 1))), ZeroPadding3D(1, channels_first), Cropping3D(((1, 0), (1, 2), (0, 1))), "
                    "Cropping3D((0, 1, 2)), Cropping3D(((0, 1), (1, 0), (0, 0)), channels_first), UpSampling3D(), "
                    "UpSampling3D((1, 2, 3)), UpSampling3D((2, 1, 1), channels_first), and ZeroPadding3D((0, 1, 1)) -> "
                    "Conv3D(2, 2, same).",
                    covers=["zero_padding3d", "cropping3d", "upsampling3d", "conv3d"])

    R("pad_crop_upsample3d_func_keras", pad_crop_upsample3d, fmt="keras")
    R("pad_crop_upsample3d_func_h5", pad_crop_upsample3d, fmt="h5")

    POOL3D_HEADS = [  # (pool_size, strides, padding, data_format)
        (2, None, "valid", "channels_last"),
        ((1, 2, 3), (1, 2, 1), "valid", "channels_last"),
        (3, 2, "same", "channels_last"),
        ((2, 3, 2), (2, 1, 3), "same", "channels_last"),
        (1, 3, "same", "channels_last"),
        ((1, 2, 2), (3, 4, 2), "same", "channels_last"),
        (2, None, "valid", "channels_first"),
        ((2, 1, 2), (1, 3, 2), "same", "channels_first"),
    ]

    def pool3d_heads(ctx, fmt):
        inp = keras.Input((5, 7, 6, 3))
        heads = [cls(pool_size=p, strides=st, padding=pad, data_format=df)
                 for cls in (layers.MaxPooling3D, layers.AveragePooling3D) for (p, st, pad, df) in POOL3D_HEADS]
        model = heads_model(inp, inp, heads)
        text = "; ".join(f"(pool_size={p}, strides={st}, {pad}, {df})" for p, st, pad, df in POOL3D_HEADS)
        return Case(model, [normal_inputs(ctx, 2, 5, 7, 6, 3)], fmt,
                    f"functional, one input (5 x 7 x 6 x 3), MaxPooling3D then AveragePooling3D heads, each with: {text}. "
                    "SAME averages divide by the real positions in the window; where a stride is larger than the window, "
                    "SAME windows start inside the input as TensorFlow's 3-D pooling places them (6 positions, window 1, "
                    "stride 3: positions 1 and 4).",
                    covers=["pool3d_padding:valid", "pool3d_padding:same", "pool3d_channels_first"],
                    no_float64="TensorFlow's MaxPool3D has no float64 kernel")

    R("pool3d_heads_func_keras", pool3d_heads, fmt="keras")
    R("pool3d_heads_func_h5", pool3d_heads, fmt="h5")

    def c3d(ctx, fmt):
        """A small C3D-style video classifier: Conv3D blocks with 3-D max pooling, then the clip's class."""
        model = chain_model("sequential", (8, 16, 16, 3), [
            layers.Conv3D(4, 3, padding="same", activation="relu"),
            layers.MaxPooling3D((1, 2, 2)),
            layers.SpatialDropout3D(0.2),
            layers.Conv3D(8, 3, padding="same", activation="relu"),
            layers.MaxPooling3D(2),
            layers.Conv3D(8, 3, padding="same", activation="relu"),
            layers.AveragePooling3D(2, padding="same"),
            layers.Flatten(),
            layers.Dense(5, activation="softmax"),
        ])
        randomize(model, ctx.rng, scale=0.25)
        return Case(model, [normal_inputs(ctx, 2, 8, 16, 16, 3)], fmt,
                    "sequential C3D-style video classifier on clips of 8 frames of 16 x 16 x 3: Conv3D(4, 3, same, relu) -> "
                    "MaxPooling3D((1, 2, 2)) -> SpatialDropout3D(0.2) -> Conv3D(8, 3, same, relu) -> MaxPooling3D(2) -> Conv3D(8, 3, same, relu) -> "
                    "AveragePooling3D(2, same) -> Flatten -> Dense(5, softmax); batch 2.",
                    covers=["c3d"], no_float64="TensorFlow's MaxPool3D has no float64 kernel")

    R("c3d_video_seq_keras", c3d, fmt="keras")
    R("c3d_video_seq_h5", c3d, fmt="h5")

    def conv2d_channels_first(ctx, fmt):
        inp = keras.Input((3, 7, 8))
        a = layers.Conv2D(4, (3, 2), padding="same", strides=(1, 2), activation="relu", data_format="channels_first",
                          name="first")(inp)
        b = layers.Conv2D(2, 2, dilation_rate=(1, 2), data_format="channels_first", name="second")(a)
        c = layers.Conv2DTranspose(2, 3, strides=2, padding="same", data_format="channels_first", name="third")(b)
        model = keras.Model(inp, [a, b, c])
        randomize(model, ctx.rng)

        def twin(reloaded, inputs):
            """The same layers channels_last, with the same weights, on the transposed inputs; outputs transposed back."""
            x = keras.Input((7, 8, 3))
            options = lambda name: {k: v for k, v in reloaded.get_layer(name).get_config().items()
                                    if k not in ("name", "data_format", "dtype")}
            first, second = layers.Conv2D(**options("first")), layers.Conv2D(**options("second"))
            third = layers.Conv2DTranspose(**options("third"))
            y1 = first(x)
            y2 = second(y1)
            twin_model = keras.Model(x, [y1, y2, third(y2)])
            for lyr, name in ((first, "first"), (second, "second"), (third, "third")):
                lyr.set_weights(reloaded.get_layer(name).get_weights())
            ys = twin_model.predict(np.transpose(inputs[0], (0, 2, 3, 1)), verbose=0)
            return [np.transpose(y, (0, 3, 1, 2)) for y in ys]

        return Case(model, [normal_inputs(ctx, 2, 3, 7, 8)], fmt,
                    "functional Conv2D(4, (3, 2), same, strides (1, 2), relu, channels_first) -> Conv2D(2, 2, dilation "
                    "(1, 2), channels_first) -> Conv2DTranspose(2, 3, strides 2, same, channels_first); all three outputs. "
                    "Keras' TensorFlow backend runs a channels_first Conv2D only on "
                    "a GPU, so the golden outputs are Keras' of the same layers channels_last, with the same weights, on "
                    "the transposed inputs, transposed back.",
                    covers=["conv2d_channels_first", "conv2d_transpose"], twin=twin,
                    no_float64="Keras cannot run the channels_first model on a CPU")

    R("conv2d_channels_first_func_keras", conv2d_channels_first, fmt="keras")

    def pad_crop_upsample(ctx, fmt):
        inp = keras.Input((10, 3))
        h = layers.Conv1D(4, 3, activation="relu")(layers.ZeroPadding1D((1, 2))(inp))
        h = layers.LSTM(5, return_sequences=True)(layers.MaxPooling1D(2)(h))
        out = layers.TimeDistributed(layers.Dense(3))(layers.Cropping1D((1, 0))(layers.UpSampling1D(3)(h)))
        heads = [layers.ZeroPadding1D(2, data_format="channels_first")(inp), layers.Cropping1D(2)(inp),
                 layers.UpSampling1D()(layers.ZeroPadding1D()(inp))]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 10, 3)], fmt,
                    "functional ZeroPadding1D((1, 2)) -> Conv1D(4, 3, relu) -> MaxPooling1D(2) -> LSTM(5, seq) -> "
                    "UpSampling1D(3) -> Cropping1D((1, 0)) -> TimeDistributed(Dense(3)), a convolutional sequence "
                    "autoencoder; heads ZeroPadding1D(2, channels_first) (pads the features), Cropping1D(2), "
                    "ZeroPadding1D() -> UpSampling1D().",
                    covers=["zero_padding1d", "cropping1d", "up_sampling1d"])

    def rescale_unit_norm(ctx, fmt):
        inp = keras.Input((6, 4))
        h = layers.UnitNormalization()(layers.Rescaling(0.5, offset=-1.0)(layers.Masking()(inp)))
        out = layers.Dense(2)(layers.LSTM(5)(h))
        heads = [layers.Rescaling([1.0, -2.0, 0.25, 3.0], offset=[0.5, 0.0, -1.0, 2.0])(inp),
                 layers.UnitNormalization(axis=[1, 2])(inp), layers.UnitNormalization(axis=1)(inp)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [padded_rows(ctx, 3, 6, 4, [6, 3, 1], "post")], fmt,
                    "functional Masking -> Rescaling(0.5, offset=-1) -> UnitNormalization() -> LSTM(5) -> Dense(2): "
                    "both pass the mask to the LSTM (post-padded); heads Rescaling with per-feature scale and offset "
                    "lists, UnitNormalization over axes (1, 2) and over axis 1 (padded steps are zeros there)."
                    + (" Keras 3.15.1 cannot reload this .h5 (mask operation nodes): outputs from the same model saved "
                       "as .keras." if fmt == "h5" else ""),
                    covers=["rescaling", "unit_normalization"], reload_from="keras" if fmt == "h5" else None)

    R("rescale_unit_norm_func_keras", rescale_unit_norm, fmt="keras")
    R("rescale_unit_norm_func_h5", rescale_unit_norm, fmt="h5")
    def separable_conv(ctx, fmt):
        inp = keras.Input((12, 4))
        h = layers.SeparableConv1D(6, 3, padding="same", depth_multiplier=2, activation="relu")(inp)
        out = layers.Dense(2)(layers.LSTM(5)(h))
        heads = [layers.DepthwiseConv1D(3, strides=2, depth_multiplier=3, use_bias=False)(inp),
                 layers.DepthwiseConv1D(2, dilation_rate=2, padding="same", activation="tanh")(inp),
                 layers.SeparableConv1D(4, 1, strides=3, use_bias=False)(inp)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 12, 4)], fmt,
                    "functional SeparableConv1D(6, 3, same, depth_multiplier 2, relu) -> LSTM(5) -> Dense(2); heads "
                    "DepthwiseConv1D(3, strides 2, depth_multiplier 3, no bias), DepthwiseConv1D(2, dilation 2, same, "
                    "tanh), SeparableConv1D(4, 1, strides 3, no bias).",
                    covers=["separable_conv1d", "depthwise_conv1d"])

    R("separable_depthwise_conv_func_keras", separable_conv, fmt="keras")
    R("separable_depthwise_conv_func_h5", separable_conv, fmt="h5")

    def separable_conv2d(ctx, fmt):
        inp = keras.Input((9, 8, 3))
        heads = [layers.SeparableConv2D(5, 3, padding="same", depth_multiplier=2, activation="relu"),
                 layers.SeparableConv2D(4, (2, 3), strides=2, use_bias=False),
                 layers.DepthwiseConv2D(3, depth_multiplier=2, use_bias=False),
                 layers.DepthwiseConv2D((3, 2), padding="same", dilation_rate=(1, 2), activation="tanh"),
                 layers.DepthwiseConv2D(3, strides=2, dilation_rate=2, padding="same"),
                 layers.SeparableConv2D(3, 2, strides=(2, 3), dilation_rate=(2, 2)),
                 layers.DepthwiseConv1D(2, strides=2, dilation_rate=3)]
        outs = [h(inp) for h in heads[:-1]] + [heads[-1](layers.Reshape((9, 24))(inp))]
        model = keras.Model(inp, outs)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 9, 8, 3)], fmt,
                    "functional, one input (9 x 8 x 3), heads SeparableConv2D(5, 3, same, depth_multiplier 2, relu), "
                    "SeparableConv2D(4, (2, 3), strides 2, no bias), DepthwiseConv2D(3, depth_multiplier 2, no bias), "
                    "DepthwiseConv2D((3, 2), same, dilation (1, 2), tanh), DepthwiseConv2D(3, strides 2, dilation 2, same) "
                    "and SeparableConv2D(3, 2, strides (2, 3), dilation 2) (strides with dilation: Keras 3.15 runs them "
                    "dilated at stride 1 and subsamples), and on the input reshaped to 9 x 24 DepthwiseConv1D(2, strides 2, "
                    "dilation 3).",
                    covers=["separable_conv2d", "depthwise_conv2d", "depthwise_strides_dilation"])

    R("separable_depthwise_conv2d_func_keras", separable_conv2d, fmt="keras")
    R("separable_depthwise_conv2d_func_h5", separable_conv2d, fmt="h5")

    def group_norm(ctx, fmt):
        inp = keras.Input((8, 6))
        h = layers.GroupNormalization(groups=3)(layers.Masking()(inp))
        out = layers.Dense(2)(layers.LSTM(4)(h))
        heads = [layers.GroupNormalization(groups=-1, center=False, epsilon=0.1)(inp),
                 layers.GroupNormalization(groups=1, scale=False, axis=1)(inp), layers.GroupNormalization(groups=2)(inp)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [padded_rows(ctx, 3, 8, 6, [8, 5, 2], "post")], fmt,
                    "functional Masking -> GroupNormalization(3 groups) (statistics over masked steps too, as Keras) "
                    "-> LSTM(4) (the mask passed on) -> Dense(2); heads GroupNormalization(groups=-1: one per channel, "
                    "no center, epsilon 0.1), GroupNormalization(1 group over axis 1, no scale), "
                    "GroupNormalization(2 groups)." + (" Keras 3.15.1 cannot reload this .h5 (mask operation nodes): "
                                                       "outputs from the same model saved as .keras." if fmt == "h5" else ""),
                    covers=["group_normalization"], reload_from="keras" if fmt == "h5" else None)

    def rms_norm(ctx, fmt):
        inp = keras.Input((6, 4))
        x = layers.LSTM(5, return_sequences=True)(layers.Masking()(inp))
        h = layers.RMSNormalization()(x)
        out = layers.Dense(2)(layers.GRU(3)(h))
        heads = [h, layers.RMSNormalization(axis=[1, 2], epsilon=0.1)(x), layers.RMSNormalization(axis=-1)(3.0 * inp)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [padded_rows(ctx, 3, 6, 4, [6, 4, 2], "post")], fmt,
                    "functional Masking -> LSTM(5, return_sequences) -> RMSNormalization (drops the mask: the GRU after it "
                    "runs every step) -> GRU(3) -> Dense(2); heads RMSNormalization over the last axis, over (time, "
                    "features) with epsilon 0.1, and of 3x the inputs (padded steps included)."
                    + (" Keras 3.15.1 cannot reload this .h5 (mask operation nodes): outputs from the same model saved "
                       "as .keras." if fmt == "h5" else ""),
                    covers=["rms_normalization"], reload_from="keras" if fmt == "h5" else None)

    def adaptive_pooling(ctx, fmt):
        inp = keras.Input((10, 3))
        x = layers.LSTM(4, return_sequences=True)(inp)
        out = layers.Dense(2)(layers.Flatten()(layers.AdaptiveAveragePooling1D(3)(x)))
        heads = [layers.AdaptiveMaxPooling1D(4)(x), layers.AdaptiveAveragePooling1D(6)(x), layers.AdaptiveMaxPooling1D(7)(inp),
                 layers.AdaptiveAveragePooling1D(2, data_format="channels_first")(x), layers.AdaptiveMaxPooling1D(10)(x),
                 layers.AdaptiveAveragePooling1D(9)(inp)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 10, 3)], fmt,
                    "functional LSTM(4, return_sequences) over 10 steps -> AdaptiveAveragePooling1D(3) -> Flatten -> "
                    "Dense(2); heads AdaptiveMaxPooling1D 4, AdaptiveAveragePooling1D 6, AdaptiveMaxPooling1D 7 of the "
                    "inputs, AdaptiveAveragePooling1D 2 channels_first (over the 4 units), AdaptiveMaxPooling1D 10 (one "
                    "step each), AdaptiveAveragePooling1D 9 of the inputs (windows of 2 steps). An output size of 1 fails in "
                    "Keras 3.15.1 itself (its second pool spans one step more than the input).",
                    covers=["adaptive_pooling"])

    R("adaptive_pooling_func_keras", adaptive_pooling, fmt="keras")
    R("adaptive_pooling_func_h5", adaptive_pooling, fmt="h5")

    def adaptive_pooling_2d_3d(ctx, fmt):
        image = keras.Input((7, 10, 3))
        volume = keras.Input((5, 6, 9, 2))
        features = layers.Conv2D(4, 3, padding="same", activation="relu")(image)
        out = layers.Dense(2)(layers.Flatten()(layers.AdaptiveAveragePooling2D((2, 3))(features)))
        heads = [layers.AdaptiveMaxPooling2D(3)(image), layers.AdaptiveAveragePooling2D((4, 7))(image),
                 layers.AdaptiveMaxPooling2D((7, 10))(features),
                 layers.AdaptiveAveragePooling2D((3, 2), data_format="channels_first")(features),
                 layers.AdaptiveMaxPooling3D((2, 3, 4))(volume), layers.AdaptiveAveragePooling3D(2)(volume),
                 layers.AdaptiveAveragePooling3D((3, 4, 5), data_format="channels_first")(volume)]
        model = keras.Model([image, volume], [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 7, 10, 3), normal_inputs(ctx, 2, 5, 6, 9, 2)], fmt,
                    "functional Conv2D(4, 3, same, relu) on 7 x 10 x 3 images -> AdaptiveAveragePooling2D((2, 3)) -> Flatten "
                    "-> Dense(2); heads AdaptiveMaxPooling2D 3 and AdaptiveAveragePooling2D (4, 7) of the images, "
                    "AdaptiveMaxPooling2D (7, 10) (one position each), AdaptiveAveragePooling2D (3, 2) channels_first (over "
                    "rows 10 and columns 4); on 5 x 6 x 9 x 2 volumes AdaptiveMaxPooling3D (2, 3, 4), "
                    "AdaptiveAveragePooling3D 2 and AdaptiveAveragePooling3D (3, 4, 5) channels_first (over 6 x 9 x 2). "
                    "Windows of two sizes along each axis, as Keras places them.",
                    covers=["adaptive_pooling", "channels_first"], no_float64="TensorFlow's MaxPool3D has no float64 kernel")

    R("adaptive_pooling_2d_3d_func_keras", adaptive_pooling_2d_3d, fmt="keras")
    R("adaptive_pooling_2d_3d_func_h5", adaptive_pooling_2d_3d, fmt="h5")
    def spectral_norm(ctx, fmt):
        inp = keras.Input((6, 4))
        x = layers.LSTM(5, return_sequences=True)(inp)
        h = layers.SpectralNormalization(layers.Conv1D(3, 2, activation="relu"), power_iterations=2)(x)
        out = layers.SpectralNormalization(layers.Dense(2))(layers.GlobalAveragePooling1D()(h))
        model = keras.Model(inp, [out, h])
        randomize(model, ctx.rng)
        # a few training steps normalize the kernels in place, as a trained model's file holds them
        model.compile(optimizer="sgd", loss="mse")
        model.fit(normal_inputs(ctx, 8, 6, 4), [np.zeros((8, 2), np.float32), np.zeros((8, 5, 3), np.float32)],
                  epochs=2, batch_size=4, verbose=0)
        return Case(model, [normal_inputs(ctx, 3, 6, 4)], fmt,
                    "functional LSTM(5, return_sequences) -> SpectralNormalization(Conv1D(3, 2, relu), power_iterations "
                    "2) -> GlobalAveragePooling1D -> SpectralNormalization(Dense(2)); trained two epochs so that the "
                    "kernels were normalized in place (inference runs the wrapped layers as they are).",
                    covers=["spectral_normalization"])

    def spectral_norm_wrapped(ctx, fmt):
        ids, rows = keras.Input((4,), dtype="int32"), keras.Input((5, 3))
        embedded = layers.SpectralNormalization(layers.Embedding(6, 3))(ids)
        per_step = layers.TimeDistributed(layers.SpectralNormalization(layers.Dense(2)))(rows)
        model = keras.Model([ids, rows], [embedded, per_step])
        randomize(model, ctx.rng, scale=3.0)
        return Case(model, [ctx.rng.integers(0, 6, size=(3, 4)).astype(np.float32), normal_inputs(ctx, 3, 5, 3)], fmt,
                    "functional SpectralNormalization(Embedding(6, 3)) on int32 ids (Keras casts the output to the "
                    "input's int32: the vectors truncated toward zero) and TimeDistributed(SpectralNormalization("
                    "Dense(2))) (the wrapped Dense's weights inside two wrappers).",
                    covers=["spectral_normalization", "time_distributed"])

    R("spectral_norm_wrapped_func_keras", spectral_norm_wrapped, fmt="keras")
    R("spectral_norm_wrapped_func_h5", spectral_norm_wrapped, fmt="h5")
    R("spectral_norm_func_keras", spectral_norm, fmt="keras")
    R("spectral_norm_func_h5", spectral_norm, fmt="h5")
    def discretization(ctx, fmt):
        inp = keras.Input((6,))
        buckets = layers.Discretization(bin_boundaries=[-1.0, 0.0, 0.5, 1.5])(inp)
        x = layers.LSTM(4)(layers.Embedding(5, 3)(buckets))
        out = layers.Dense(2)(x)
        model = keras.Model(inp, [out, ops.cast(buckets, "float32")])
        randomize(model, ctx.rng)
        nan, inf = np.nan, np.inf
        x = np.array([[-2.0, -1.0, -0.5, 0.0, 0.25, 0.5], [1.0, 1.5, 2.0, -0.0, nan, inf],
                      [-inf, 0.49999997, 1.4999999, -1.0000001, 3.0, -3.0]], np.float32)
        return Case(model, [x], fmt,
                    "functional Discretization(bin_boundaries [-1, 0, 0.5, 1.5]) -> Embedding(5, 3) -> LSTM(4) -> "
                    "Dense(2); head: the bucket indices. Inputs on the boundaries (a boundary counts as at or below: "
                    "bucket above it), just below them, -0.0, NaN (the last bucket, as TensorFlow's Bucketize) and "
                    "infinities." + (" Keras 3.15.1 cannot reload this .h5 (operation nodes): outputs from the same "
                                     "model saved as .keras." if fmt == "h5" else ""),
                    covers=["discretization", "nan_input"], nonfinite=True, reload_from="keras" if fmt == "h5" else None)

    def integer_lookup(ctx, fmt):
        ids, known, floats = keras.Input((6,), dtype="int64"), keras.Input((4,), dtype="int64"), keras.Input((5,))
        adapted = layers.IntegerLookup()
        adapted.adapt(np.array([[3, 3, 5, 7, 5, 3], [900, 5, 7, 7, 3, 41]]))
        masked = layers.IntegerLookup(vocabulary=[12, 36, 1138, 42], mask_token=0)
        x = layers.LSTM(4)(layers.Embedding(7, 3, mask_zero=True)(masked(ids)))
        out = layers.Dense(2)(layers.Concatenate()([x, layers.LSTM(3)(layers.Embedding(7, 2)(adapted(ids)))]))
        as_float = lambda v: ops.cast(v, "float32")
        heads = [as_float(adapted(ids)), as_float(masked(ids)),
                 as_float(layers.IntegerLookup(vocabulary=[-1, 12, 36, 1138, 42])(ids)),
                 as_float(layers.IntegerLookup(vocabulary=[12, 36, 1138], num_oov_indices=3)(ids)),
                 as_float(layers.IntegerLookup(vocabulary=[7, 3, 5], num_oov_indices=0)(known)),
                 as_float(layers.IntegerLookup(vocabulary=[5, 0, 1, -1])(floats)),
                 as_float(layers.IntegerLookup(vocabulary=[-1, 5, 3], oov_token=None)(ids))]
        model = keras.Model([ids, known, floats], [out] + heads)
        randomize(model, ctx.rng)
        x_ids = np.array([[3, 12, 0, 42, 5, -7], [1138, 900, 7, 0, 36, 13], [0, 0, 41, 12, -1, 8]], np.float32)
        x_known = np.array([[7, 3, 5, 5], [3, 3, 7, 5], [5, 7, 3, 7]], np.float32)
        x_floats = np.array([[5.7, -0.0, 1.2, -1.5, 0.9], [4.99, 5.0, -0.5, 2.0, -1.0], [0.0, 1.99, -0.99, 5.5, 3.0]],
                            np.float32)
        return Case(model, [x_ids, x_known, x_floats], fmt,
                    "functional IntegerLookup layers on int64 ids: adapted (vocabulary in the archive's assets) -> "
                    "Embedding(7, 2) -> LSTM(3), and with a vocabulary and mask_token 0 -> Embedding(7, 3, mask_zero) -> "
                    "LSTM(4) (0 masked), concatenated -> Dense(2); heads: both lookups' indices, a vocabulary that starts "
                    "with the OOV token -1 (dropped as Keras drops it), num_oov_indices 3 (floormod of the id, negative "
                    "ids too), num_oov_indices 0 on ids that are all in its vocabulary, a lookup on float32 ids (cast toward zero, "
                    "-0.0 to 0, as Keras casts them to int64), and oov_token None with a vocabulary that starts with -1 "
                    "(kept).",
                    covers=["integer_lookup", "mask_zero"],
                    no_float64="the adapted vocabulary sits in the archive's assets, which a model rebuilt from its "
                               "config and weights lacks")

    R("integer_lookup_func_keras", integer_lookup, fmt="keras")
    def category_encoding(ctx, fmt):
        codes, one, values = keras.Input((5,), dtype="int32"), keras.Input((1,), dtype="int32"), keras.Input((4,))
        counted = layers.CategoryEncoding(6, output_mode="count")(codes)
        out = layers.Dense(2)(layers.Concatenate()([counted, layers.CategoryEncoding(4, output_mode="one_hot")(one)]))
        heads = [counted, layers.CategoryEncoding(6, output_mode="multi_hot")(codes),
                 layers.CategoryEncoding(6, output_mode="one_hot")(codes),
                 layers.CategoryEncoding(4, output_mode="one_hot")(one),
                 layers.Discretization(bin_boundaries=[0.0, 1.0], output_mode="one_hot")(values),
                 layers.Discretization(bin_boundaries=[-1.0, 0.0, 1.0], output_mode="multi_hot")(values),
                 layers.Discretization(bin_boundaries=[0.5], output_mode="count")(values)]
        model = keras.Model([codes, one, values], [out] + heads)
        randomize(model, ctx.rng)
        x_codes = np.array([[0, 5, 5, 2, 7], [1, 1, 1, 3, 9], [4, 0, 6, 2, 2]], np.float32)
        x_one = np.array([[2], [0], [3]], np.float32)
        return Case(model, [x_codes, x_one, normal_inputs(ctx, 3, 4)], fmt,
                    "functional CategoryEncoding(6, count) of 5 codes (7 and 9 at or above the tokens, left out as "
                    "TensorFlow's bincount leaves them) and CategoryEncoding(4, one_hot) of one code -> Dense(2); heads: "
                    "count, multi_hot, one_hot of 5 codes (a row each), one_hot of one code, Discretization with "
                    "one_hot, multi_hot and count outputs.",
                    covers=["category_encoding", "discretization"])

    R("category_encoding_func_keras", category_encoding, fmt="keras")
    R("discretization_func_keras", discretization, fmt="keras")
    R("discretization_func_h5", discretization, fmt="h5")
    def grouped_query_attention(ctx, fmt):
        q_in, v_in = keras.Input((5, 3)), keras.Input((6, 4))
        q = layers.LSTM(6, return_sequences=True)(q_in)
        v = layers.LSTM(6, return_sequences=True)(v_in)
        plain = layers.GroupQueryAttention(4, 4, 2, name="grouped")(q, v)
        causal, scores = layers.GroupQueryAttention(3, 6, 1, use_gate=True, name="causal_gated_scores")(
            q, q, use_causal_mask=True, return_attention_scores=True)
        keyed = layers.GroupQueryAttention(2, 4, 2, use_bias=False, dropout=0.2, sliding_window=2, name="keyed")(
            q, v, v[:, :, ::-1])
        out = layers.Dense(2)(layers.GlobalAveragePooling1D()(plain))
        model = keras.Model([q_in, v_in], [out, plain, causal, scores, keyed])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 3), normal_inputs(ctx, 3, 6, 4)], fmt,
                    "functional LSTM(6, seq) on a 5-step query and a 6-step value -> GroupedQueryAttention(head_dim 4, "
                    "4 query heads, 2 key/value heads) -> GlobalAveragePooling1D -> Dense(2); heads: that attention, "
                    "self-attention (head_dim 3, 6 query heads, 1 key/value head, use_gate) with use_causal_mask and "
                    "return_attention_scores, and (head_dim 2, 4 and 2 heads, no bias, dropout (inactive), "
                    "sliding_window 2) with a separate key (the value reversed in time)."
                    + (" Keras 3.15.1 cannot reload this .h5 (operation nodes): outputs from the same model saved "
                       "as .keras." if fmt == "h5" else ""),
                    covers=["grouped_query_attention"], reload_from="keras" if fmt == "h5" else None)

    def grouped_query_attention_masked(ctx, fmt):
        q_ids, v_ids = keras.Input((5,)), keras.Input((6,))
        q = layers.Embedding(9, 6, mask_zero=True)(q_ids)
        v = layers.Embedding(9, 6, mask_zero=True)(v_ids)
        k = layers.Masking(mask_value=0.0)(layers.Dense(6)(v))
        plain = layers.GroupQueryAttention(4, 4, 2, name="masked")(q, v)
        causal, scores = layers.GroupQueryAttention(3, 6, 3, name="causal_scores")(
            q, q, use_causal_mask=True, return_attention_scores=True)
        keyed = layers.GroupQueryAttention(2, 4, 1, flash_attention=False, name="keyed")(q, v, k)
        rnn = layers.LSTM(3)(plain)
        model = keras.Model([q_ids, v_ids], [plain, causal, scores, keyed, rnn])
        randomize(model, ctx.rng)
        q_x = ids(ctx, 4, 5, 9, [5, 3, 1, 4], "post")
        v_x = ids(ctx, 4, 6, 9, [6, 2, 4, 1], "pre")
        v_x[3, :] = 0  # a value with every step masked
        return Case(model, [q_x, v_x], fmt,
                    "functional Embedding(mask_zero) query ids (post-padded) and value ids (pre-padded, one row all "
                    "padding) -> GroupedQueryAttention(head_dim 4, 4 query heads, 2 key/value heads) on both, whose masks "
                    "it applies and whose output keeps the query's mask into an LSTM(3); self-attention (head_dim 3, 6 and "
                    "3 heads) with use_causal_mask and return_attention_scores (Keras' Softmax layer zeroes masked "
                    "weights); and (head_dim 2, 4 and 1 heads) with a key that has its own mask (Masking of a Dense of the "
                    "value).",
                    covers=["grouped_query_attention", "attention_masks"])

    R("grouped_query_attention_func_keras", grouped_query_attention, fmt="keras")
    R("grouped_query_attention_masked_func_keras", grouped_query_attention_masked, fmt="keras")
    R("grouped_query_attention_func_h5", grouped_query_attention, fmt="h5")
    R("rms_norm_func_keras", rms_norm, fmt="keras")
    R("rms_norm_func_h5", rms_norm, fmt="h5")
    R("group_norm_func_keras", group_norm, fmt="keras")
    R("group_norm_func_h5", group_norm, fmt="h5")

    ops = keras.ops

    def ops_sequence_head(ctx, fmt):
        inp = keras.Input((7, 3))
        x = layers.LSTM(5, return_sequences=True)(inp)
        last, avg = x[:, -1, :], ops.mean(x, axis=1)
        c = ops.concatenate([last + 2.0 * avg, ops.max(x, axis=1)], axis=-1)
        e = ops.squeeze(ops.expand_dims(c, 1), axis=1)
        g = ops.sigmoid(e) * ops.tanh(e) - ops.relu(e)
        h = ops.reshape(x[:, 1:5:2], (-1, 10))
        out = layers.Dense(2)(ops.concatenate([g, h], -1))
        elementwise = ops.concatenate([
            1.0 - x, x / 3.0, ops.divide(x, x + 2.0), ops.maximum(x, 0.1), ops.minimum(0.2, x), ops.square(x), x ** 3,
            -x, ops.abs(x), ops.exp(x), ops.sqrt(ops.abs(x)), ops.log(ops.abs(x) + 1.0), ops.reciprocal(x + 2.0),
            ops.erf(x), ops.silu(x), ops.gelu(x), ops.gelu(x, approximate=False), ops.leaky_relu(x, 0.3),
            ops.elu(x, 0.5), ops.selu(x), ops.softplus(x), ops.softsign(x), ops.hard_sigmoid(3.0 * x),
            ops.log_sigmoid(x), ops.relu6(6.0 * x), ops.clip(x, -0.2, 0.3), ops.clip(x, 0.1, -0.1)], axis=-1)
        xt = ops.transpose(x, (0, 2, 1))
        heads = [elementwise, x[:, ::-1, None, 0], x[..., 1:3], x[:, -2:-6:-2, 1:], xt, ops.matmul(x, xt),
                 ops.softmax(x, axis=1), ops.log_softmax(x), ops.stack([last, avg], axis=1),
                 ops.sum(x, axis=[1, 2], keepdims=True), ops.min(x, 1)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 7, 3)], fmt,
                    "functional LSTM(5, return_sequences) -> Keras 3 operations: x[:, -1] + 2.0 * mean(x, 1), "
                    "concatenate with max(x, 1), expand_dims/squeeze, sigmoid * tanh - relu, reshape(x[:, 1:5:2], "
                    "(-1, 10)) -> Dense(2); heads: 27 elementwise operations (operators with numbers on either side, "
                    "divide, maximum, minimum, square, power, abs, exp, sqrt, log, reciprocal, erf, silu, gelu both "
                    "forms, leaky_relu, elu, selu, softplus, softsign, hard_sigmoid, log_sigmoid, relu6, clip, clip with "
                    "x_min > x_max: x_min, as TensorFlow), "
                    "x[:, ::-1, None, 0], x[..., 1:3], x[:, -2:-6:-2, 1:], transpose, matmul, softmax over time, "
                    "log_softmax, stack, sum over two axes with keepdims, min."
                    + (" Keras 3.15.1 cannot reload this .h5 (operation nodes): outputs from the same model saved "
                       "as .keras." if fmt == "h5" else ""),
                    covers=["operations"], reload_from="keras" if fmt == "h5" else None)

    R("ops_sequence_head_func_keras", ops_sequence_head, fmt="keras")
    R("ops_sequence_head_func_h5", ops_sequence_head, fmt="h5")

    def ops_drop_masks(ctx, fmt):
        tokens = keras.Input((6,))
        x = layers.LSTM(4, return_sequences=True)(layers.Embedding(9, 3, mask_zero=True)(tokens))
        doubled = layers.LSTM(3)(x * 2.0)
        rows = keras.Input((6, 2))
        shifted = layers.GRU(3)(ops.add(layers.Masking()(rows), 1.0))
        last = layers.Dense(2)(x[:, -1])
        model = keras.Model([tokens, rows], [doubled, shifted, last])
        randomize(model, ctx.rng)
        return Case(model, [ids(ctx, 3, 6, 9, [6, 3, 1]), padded_rows(ctx, 3, 6, 2, [6, 4, 2], "post")], fmt,
                    "Keras 3 operations drop masks: Embedding(mask_zero) -> LSTM(4, return_sequences) -> x * 2.0 -> "
                    "LSTM(3) (all steps run); Masking -> ops.add(x, 1.0) -> GRU(3) (all steps run); the first LSTM's "
                    "x[:, -1] (its output at the last step, the last unmasked step's repeated) -> Dense(2).",
                    covers=["operations", "mask_zero", "masking"])

    R("ops_drop_masks_func_keras", ops_drop_masks, fmt="keras")

    def ops_select(ctx, fmt):
        rows, codes = keras.Input((6, 4)), keras.Input((6,))
        x = layers.GRU(5, return_sequences=True)(rows)
        leaky = ops.where(x > 0, x, 0.1 * x)
        out = layers.Dense(2)(leaky[:, -1])
        heads = [ops.cast(x >= 0.1, "float32") * x, ops.where(ops.less(x, 0.0), -1.0, x), ops.flip(x, 1),
                 ops.flip(x, [1, 2]), ops.repeat(x, 2, axis=1), ops.concatenate([x[:, -9::-1], x[:, 2:]], axis=1),
                 ops.cast(ops.equal(codes, 2.0), "float32") + 2.0 * ops.cast(ops.less_equal(codes, 1.0), "float64")]
        model = keras.Model([rows, codes], [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 4), ctx.rng.integers(0, 4, size=(3, 6)).astype(np.float32)], fmt,
                    "functional GRU(5, return_sequences) -> Keras 3 operations: where(x > 0, x, 0.1 * x) -> x[:, -1] -> "
                    "Dense(2); heads: cast(x >= 0.1) * x, where(less(x, 0), -1.0, x), flip over time, flip over two "
                    "axes, repeat(x, 2, axis=1), concatenate([x[:, -9::-1], x[:, 2:]]) (a start before the first step with a "
                    "negative step takes nothing, as numpy), cast(equal(codes, 2)) + 2 * cast(less_equal(codes, 1), "
                    "float64) on integer codes.",
                    covers=["operations"])

    R("ops_select_func_keras", ops_select, fmt="keras")

    def ops_reductions(ctx, fmt):
        inp = keras.Input((5, 4))
        x = layers.GRU(6, return_sequences=True)(inp)
        out = layers.Dense(2)(ops.concatenate([ops.logsumexp(x, axis=1), ops.norm(x[:, -1], axis=-1, keepdims=True)], -1))
        heads = [ops.norm(x, ord=1, axis=-1) + ops.norm(x, ord=2, axis=-1), ops.norm(x, axis=(1, 2)) + ops.norm(
                     x, ord="fro", axis=(1, 2)), ops.prod(x + 1.0, axis=1),
                 ops.logsumexp(30.0 * x, axis=[1, 2], keepdims=True), ops.sin(3.0 * x) + ops.cos(2.0 * x),
                 ops.cumsum(x, axis=1), ops.cast(ops.argmax(x, axis=-1), "float32"),
                 ops.cast(ops.argmin(ops.round(2.0 * inp), axis=1, keepdims=True), "float32"), ops.tile(x, (2, 1))]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 4)], fmt,
                    "functional GRU(6, return_sequences) -> Keras 3 operations: logsumexp over time and the 2-norm of the "
                    "last step -> Dense(2); heads: 1-norm plus 2-norm over features, Frobenius norm (ord None and 'fro') over "
                    "(time, features), prod over "
                    "time, logsumexp of 30x over two axes with keepdims, sin(3x) + cos(2x), cumsum over time, argmax over "
                    "features, argmin over time of the rounded inputs (ties: the first) with keepdims, tile (2, 1).",
                    covers=["operations"])

    R("ops_reductions_func_keras", ops_reductions, fmt="keras")

    def einsum_dense(ctx, fmt):
        inp = keras.Input((5, 4))
        x = layers.LSTM(6, return_sequences=True)(inp)
        h = layers.EinsumDense("abc,cd->abd", output_shape=(None, 3), bias_axes="d", activation="relu")(x)
        out = layers.Dense(2)(layers.GlobalAveragePooling1D()(h))
        heads = [layers.EinsumDense("...b,bc->...c", output_shape=4)(x),
                 layers.EinsumDense("abc,cde->abde", output_shape=(None, 2, 3), bias_axes="de")(x),
                 layers.EinsumDense("abc,cd->ad", output_shape=3, bias_axes="d", activation="tanh")(x),
                 ops.einsum("btd,bsd->bts", x, x), ops.einsum("...i,...i->...", x, x)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 4)], fmt,
                    "functional LSTM(6, return_sequences) -> EinsumDense(abc,cd->abd, bias d, relu) -> "
                    "GlobalAveragePooling1D -> Dense(2); heads: EinsumDense ...b,bc->...c (no bias), abc,cde->abde with "
                    "bias de, abc,cd->ad (sums over time) with bias and tanh; ops.einsum btd,bsd->bts and ...i,...i->..."
                    + (" Keras 3.15.1 cannot reload this .h5 (operation nodes): outputs from the same model saved "
                       "as .keras." if fmt == "h5" else ""),
                    covers=["einsum_dense", "operations"], reload_from="keras" if fmt == "h5" else None)

    def ops_split_pad(ctx, fmt):
        inp = keras.Input((5, 3))
        x = layers.LSTM(6, return_sequences=True)(inp)
        a, b = ops.split(x, 2, axis=-1)
        out = layers.Dense(2)(layers.GRU(3)(a * ops.sigmoid(b)))
        first, middle, rest = ops.split(x, [1, 3], axis=1)
        heads = [middle, rest - first, ops.pad(x, [[0, 0], [1, 2], [0, 0]]),
                 ops.pad(x, ((0, 0), (2, 1), (1, 0)), constant_values=0.5), ops.pad(x, [[0, 0], [2, 1], [0, 0]], "reflect")]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 3)], fmt,
                    "functional LSTM(6, return_sequences) -> split in 2 over features -> a * sigmoid(b) (a gated linear "
                    "unit) -> GRU(3) -> Dense(2); heads: split at steps [1, 3] (the middle piece, the rest minus the "
                    "first), pad with zeros (time 1, 2), with 0.5 (time 2, 1, features 1, 0), reflect (time 2, 1).",
                    covers=["operations"])

    R("ops_split_pad_func_keras", ops_split_pad, fmt="keras")
    def ops_one_hot(ctx, fmt):
        ids = keras.Input((6,), dtype="int32")
        x = layers.LSTM(4)(ops.one_hot(ids, 5))
        out = layers.Dense(2)(x)
        model = keras.Model(ids, [out, ops.one_hot(ids, 5, axis=1), ops.one_hot(ids, 3),
                                  ops.cast(ops.full_like(ids, 2.5) + ids, "float32")])
        randomize(model, ctx.rng)
        codes = ctx.rng.integers(-1, 7, size=(3, 6)).astype(np.float32)
        return Case(model, [codes], fmt,
                    "functional int32 ids -> ops.one_hot(ids, 5) -> LSTM(4) -> Dense(2); heads one_hot over axis 1 and "
                    "one_hot(ids, 3), full_like(ids, 2.5) + ids (the fill takes the ids' int32: 2); ids from -1 to 6, so some lie "
                    "outside the classes (all zeros, as TensorFlow).",
                    covers=["operations"])

    R("ops_one_hot_func_keras", ops_one_hot, fmt="keras")

    def ops_math(ctx, fmt):
        inp = keras.Input((6, 4))
        x = layers.GRU(5, return_sequences=True)(inp)
        out = layers.Dense(2)(ops.concatenate([ops.var(x, axis=1), ops.std(x, axis=1)], -1))
        elementwise = ops.concatenate([
            ops.sign(x), ops.tan(x), ops.arctan(3.0 * x), ops.arcsin(x), ops.arccos(x), ops.sinh(2.0 * x),
            ops.cosh(2.0 * x), ops.arcsinh(3.0 * x), ops.arccosh(1.5 + 3.0 * ops.square(x)), ops.arctanh(0.9 * x),
            ops.log1p(x), ops.expm1(x), ops.log2(ops.abs(x) + 0.1), ops.log10(ops.abs(x) + 0.1),
            ops.rsqrt(ops.abs(x) + 0.1), ops.trunc(5.0 * x), ops.hard_silu(4.0 * x), ops.celu(3.0 * x, alpha=0.5),
            ops.hard_tanh(2.0 * x), ops.hard_shrink(x, 0.3), ops.soft_shrink(x, 0.2), ops.tanh_shrink(2.0 * x),
            ops.sparse_plus(2.0 * x), ops.sparse_sigmoid(2.0 * x), ops.squareplus(x, 2.0), ops.threshold(x, 0.1, -2.0),
            ops.mod(x, 0.25), ops.mod(x, -0.25), ops.floor_divide(x, 0.25), ops.stop_gradient(x)], axis=-1)
        codes = ops.round(2.0 * x)
        truth = ops.concatenate([ops.cast(v, "float32") for v in [
            ops.not_equal(codes, 0.0), ops.logical_and(x > 0.0, x < 0.5), ops.logical_or(x > 0.5, codes),
            ops.logical_xor(x > 0.0, codes), ops.logical_not(codes)]], axis=-1)
        counts = ops.concatenate([ops.cast(v, "float32") for v in [
            ops.any(codes, axis=1), ops.all(codes, axis=1), ops.count_nonzero(codes, axis=1)]], axis=-1)
        square = ops.matmul(x, ops.swapaxes(x, 1, 2))
        blocks = ops.reshape(x, (-1, 2, 3, 5))
        glu_input = ops.concatenate([x, x[..., :1]], axis=-1)
        heads = [elementwise, truth, counts, ops.var(x, axis=[1, 2], keepdims=True), ops.std(x, axis=-1),
                 ops.amax(x, axis=1) - ops.amin(x, axis=2, keepdims=True)[:, :5, 0], ops.swapaxes(x, -1, 1),
                 ops.moveaxis(blocks, 1, -1), ops.moveaxis(blocks, [1, 2], [3, 1]), ops.tril(square),
                 ops.triu(square, 1), ops.tril(square, -2), ops.glu(glu_input), ops.sparsemax(3.0 * x, axis=-1)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 4)], fmt,
                    "functional GRU(5, return_sequences) -> var and std over time -> Dense(2); heads: 30 elementwise "
                    "operations (sign, tan, arctan, arcsin, arccos, sinh, cosh, arcsinh, arccosh, arctanh, log1p, expm1, "
                    "log2, log10, rsqrt, trunc, hard_silu, celu, hard_tanh, hard_shrink, soft_shrink, tanh_shrink, "
                    "sparse_plus, sparse_sigmoid, squareplus, threshold, mod by a positive and a negative divisor, "
                    "floor_divide, stop_gradient); not_equal and the logical operations on truth values (nonzero is "
                    "true); any, all and count_nonzero over time; var over two axes with keepdims, std, amax - amin; "
                    "swapaxes, moveaxis of one and of two axes, tril and triu of x @ x^T (k 0, 1, -2), glu, sparsemax."
                    + (" Keras 3.15.1 cannot reload this .h5 (operation nodes): outputs from the same model saved "
                       "as .keras." if fmt == "h5" else ""),
                    covers=["operations"], reload_from="keras" if fmt == "h5" else None)

    def ops_sort(ctx, fmt):
        rows, codes = keras.Input((6, 4)), keras.Input((5, 6))
        x = layers.GRU(5, return_sequences=True)(rows)
        values, positions = ops.top_k(x, 3)
        out = layers.Dense(2)(ops.sort(x, axis=1)[:, -1])
        code_values, code_positions = ops.top_k(codes, 4)
        as_float = lambda v: ops.cast(v, "float32")
        heads = [ops.sort(x), ops.sort(x, axis=1), as_float(ops.argsort(x, axis=1)), values, as_float(positions),
                 ops.sort(codes), as_float(ops.argsort(codes)), as_float(ops.argsort(codes, axis=1)), code_values,
                 as_float(code_positions)]
        model = keras.Model([rows, codes], [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 4), ctx.rng.integers(0, 4, size=(3, 5, 6)).astype(np.float32)], fmt,
                    "functional GRU(5, return_sequences) -> sort over time -> the last (largest) step -> Dense(2); heads: "
                    "sort over features and over time, argsort over time, top_k(3) values and indices; on integer codes "
                    "with ties (equal values keep their order, as TensorFlow's stable top_k): sort, argsort over "
                    "features and over time, top_k(4).",
                    covers=["operations"])

    R("ops_sort_func_keras", ops_sort, fmt="keras")

    def ops_take_fill(ctx, fmt):
        inp = keras.Input((5, 4))
        x = layers.LSTM(6, return_sequences=True)(inp)
        picked = ops.take(x, [0, 2, 5, -1], axis=-1)
        out = layers.Dense(2)(ops.concatenate([picked[:, -1], ops.ones_like(picked[:, 0])], axis=-1))
        heads = [picked, ops.take(x, np.array([[1, 0], [-1, 3]]), axis=1), ops.take(x, 2, axis=1),
                 ops.full_like(x, 2.5) - x, ops.zeros_like(x, dtype="float32") + ops.ones_like(inp[..., :1]) + x,
                 ops.multiply(x, np.array([1.0, -2.0, 0.5, 3.0, 0.25, -1.0], "float32"))
                 + np.full((1, 5, 1), 0.5, "float32"), ops.mod(x, np.array([[0.25], [-0.5], [1.0], [0.3], [2.0]]))]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 4)], fmt,
                    "functional LSTM(6, return_sequences) -> take features [0, 2, 5, -1] -> the last step, concatenated "
                    "with ones_like of the first -> Dense(2); heads: the taken features, take over time with 2-D numpy "
                    "indices (one negative), take of one step (the axis dropped), full_like(x, 2.5) - x, zeros_like "
                    "(float32) + ones_like (broadcast) + x; numpy array operands: x * a row of 6 + an array of "
                    "shape (1, 5, 1), mod by a (5, 1) column.",
                    covers=["operations"])

    R("ops_take_fill_func_keras", ops_take_fill, fmt="keras")

    def ops_diff_roll(ctx, fmt):
        inp = keras.Input((6, 4))
        x = layers.GRU(5, return_sequences=True)(inp)
        out = layers.Dense(2)(ops.diff(x, axis=1)[:, -1])
        heads = [ops.diff(x, axis=1), ops.diff(inp, n=2, axis=-1), ops.roll(x, 2, axis=1), ops.roll(x, [-1, 7], axis=[1, 2]),
                 ops.arctan2(x, inp[..., :1] - 0.2), ops.hypot(x, 3.0 * inp[..., 1:2]),
                 ops.logaddexp(3.0 * x, inp[..., 2:3])]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 4)], fmt,
                    "functional GRU(5, return_sequences) -> diff over time -> the last difference -> Dense(2); heads: diff "
                    "over time, diff n=2 of the inputs over features, roll by 2 over time, roll by (-1, 7) over (time, "
                    "features), arctan2, hypot (as Keras computes it: max * sqrt(1 + (min/max)^2)) and logaddexp against "
                    "a broadcast input feature.",
                    covers=["operations"])

    R("ops_diff_roll_func_keras", ops_diff_roll, fmt="keras")

    def ops_take_along(ctx, fmt):
        rows, lengths = keras.Input((6, 4)), keras.Input((1,))
        x = layers.GRU(5, return_sequences=True)(rows)
        last_valid = ops.cast(lengths, "int32")[:, :, None] - 1
        at_length = ops.take_along_axis(x, last_valid, axis=1)[:, 0]
        out = layers.Dense(2)(at_length)
        order = ops.argsort(x[:, -1], axis=-1)
        heads = [at_length, ops.take_along_axis(x, ops.argsort(x, axis=1), axis=1),
                 ops.take_along_axis(x[:, -1], order[:, ::-1], axis=-1),
                 ops.take_along_axis(x, np.array([[[0], [2], [-1]]]), axis=1),
                 ops.cast(ops.cast(3.0 * x, "int32"), "float32"), ops.cast(ops.cast(ops.round(2.0 * x), "bool"), "float32")]
        model = keras.Model([rows, lengths], [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 4), np.array([[6], [3], [1]], np.float32)], fmt,
                    "functional GRU(5, return_sequences) -> take_along_axis over time at each sequence's length - 1 "
                    "(cast to int32, indices of shape (batch, 1, 1) broadcast over features) -> Dense(2); heads: that "
                    "step, take_along_axis with argsort over time (a sort), the last step's features in descending "
                    "order, numpy indices (1, 3, 1) with a negative one, cast(3x, int32) (toward zero), cast(round(2x), bool).",
                    covers=["operations"])

    R("ops_take_along_func_keras", ops_take_along, fmt="keras")

    def ops_tensor_constants(ctx, fmt):
        """Constant tensors (not numpy arrays) as operands: Keras writes them as __tensor__ arguments."""
        t, f = 6, 5
        inp = keras.Input((t, 4))
        x = layers.LSTM(f, return_sequences=True)(inp)
        position = ops.cast(ops.arange(t), "float32")[:, None] / t
        embedding = ops.sin(position * ops.cast(ops.arange(1, f + 1), "float32"))  # (t, f), float32
        out = layers.Dense(2)((x + embedding)[:, -1])
        scale = ops.convert_to_tensor(np.array([1.0, -2.0, 0.5, 3.0, 0.25], "float32"))
        keep = ops.convert_to_tensor(np.array([True, False, True, True, False]))
        heads = [x + ops.ones((t, f)) * 0.5, x * scale, x - ops.arange(f), x * ops.convert_to_tensor(2.5),
                 x + ops.ones((1, t, 1)) * 0.25, ops.where(keep, x, -1.0),
                 ops.take(x, ops.convert_to_tensor(np.array([[0, 4], [-1, 2]])), axis=2),
                 ops.take_along_axis(x, ops.convert_to_tensor(np.array([[[1], [0], [-1]]], "int32")), axis=1)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, t, 4)], fmt,
                    "functional LSTM(5, return_sequences) + a positional embedding sin(arange(6)/6 * arange(1, 6)) "
                    "computed by keras.ops -> the last step -> Dense(2); heads with constant tensors (__tensor__ "
                    "arguments, not numpy arrays): x + ops.ones((6, 5)) * 0.5, x * convert_to_tensor of a float32 "
                    "row, x - arange(5) (int32), x * a 0-d tensor 2.5, x + ones((1, 6, 1)) * 0.25, where with a "
                    "bool row, take with int64 indices (one negative), take_along_axis over time with int32 "
                    "indices (1, 3, 1).",
                    covers=["operations"])

    R("ops_tensor_constants_func_keras", ops_tensor_constants, fmt="keras")
    R("ops_math_func_keras", ops_math, fmt="keras")
    R("ops_math_func_h5", ops_math, fmt="h5")
    R("einsum_dense_func_keras", einsum_dense, fmt="keras")

    def lora_dense(ctx, fmt):
        """Dense and EinsumDense with LoRA (lora_rank, lora_alpha): a .keras file holds the kernel with the LoRA product
        merged in, which is what the reloaded layers compute."""
        inp = keras.Input((4, 6))
        d = layers.Dense(5, activation="tanh", lora_rank=2, lora_alpha=4.0, name="dense_lora")
        e = layers.EinsumDense("abc,cd->abd", output_shape=(None, 3), bias_axes="d", lora_rank=3, name="einsum_lora")
        model = keras.Model(inp, [d(inp), e(inp)])
        randomize(model, ctx.rng)  # every weight, the LoRA factors included: the merged kernel differs from the kernel
        return Case(model, [normal_inputs(ctx, 2, 4, 6)], fmt,
                    "functional Dense(5, tanh, lora_rank 2, lora_alpha 4) and EinsumDense('abc,cd->abd', (None, 3), bias_axes "
                    "'d', lora_rank 3) on [2, 4, 6], LoRA factors random (not zero): the .keras file holds each kernel with "
                    "alpha/rank times the LoRA product merged in.",
                    covers=["dense", "einsum_dense", "lora"])

    R("lora_dense_einsum_func_keras", lora_dense, fmt="keras")
    R("einsum_dense_func_h5", einsum_dense, fmt="h5")

    def einsum_dense_products(ctx, fmt):
        inp = keras.Input((5, 6))
        x = layers.GRU(8, return_sequences=True)(inp)
        heads4 = layers.EinsumDense("abc,cde->abde", output_shape=(None, 2, 4), bias_axes="de")(x)
        heads = [layers.EinsumDense("abcd,cde->abe", output_shape=(None, 3), bias_axes="e", activation="tanh")(heads4),
                 layers.EinsumDense("abc,cde->abde", output_shape=(None, 2, 3), bias_axes="e", activation="relu")(x),
                 layers.EinsumDense("abc,cde->abde", output_shape=(None, 2, 3), bias_axes="de", activation="softmax")(x),
                 layers.EinsumDense("abc,cd->abd", output_shape=(None, 4), bias_axes="d", activation="softmax")(x),
                 layers.EinsumDense("...c,cd->...d", output_shape=3, bias_axes="d", activation="gelu")(heads4),
                 layers.EinsumDense("abc,cde->abde", output_shape=(None, 4, 2), bias_axes="d")(x),
                 layers.EinsumDense("abcd,cd->ab", output_shape=(None,))(heads4)]
        model = keras.Model(inp, heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 6)], fmt,
                    "functional GRU(8, return_sequences) -> EinsumDense products that keras4j runs as Dense: abc,cde->abde "
                    "(bias de), then abcd,cde->abe (two axes contracted, bias e, tanh); abc,cde->abde with bias e only "
                    "(relu), with bias de and softmax (over the last axis only), abc,cd->abd with softmax, ...c,cd->...d "
                    "with gelu on a 4-D input, abc,cde->abde with bias d (the middle axis), and abcd,cd->ab (no output "
                    "axis of the kernel's).",
                    covers=["einsum_dense"])

    def ops_normalize(ctx, fmt):
        inp = keras.Input((5, 4))
        x = layers.LSTM(6, return_sequences=True)(inp)
        out = layers.Dense(2)(layers.GlobalAveragePooling1D()(ops.normalize(x)))
        heads = [ops.normalize(x, axis=1), ops.normalize(x, axis=[1, 2]), ops.normalize(x, order=1),
                 ops.normalize(x * 0.01, epsilon=0.5), ops.normalize(x * 0.01, order=1, epsilon=0.1)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 4)], fmt,
                    "functional LSTM(6, return_sequences) -> ops.normalize (L2 over features) -> GlobalAveragePooling1D "
                    "-> Dense(2); heads: ops.normalize over time, over (time, features), order 1, and small values with "
                    "epsilon 0.5 (order 2: the bound 1/epsilon applies) and 0.1 (order 1).",
                    covers=["operations", "normalize"])

    R("einsum_dense_products_func_keras", einsum_dense_products, fmt="keras")
    R("einsum_dense_products_func_h5", einsum_dense_products, fmt="h5")
    R("ops_normalize_func_keras", ops_normalize, fmt="keras")

    def quantized_int8(ctx, fmt):
        config = keras.quantizers.Int8QuantizationConfig
        inp, ids = keras.Input((6, 5)), keras.Input((6,), dtype="int32")
        x = layers.Add()([inp, layers.Embedding(20, 5)(ids)])
        h = layers.LSTM(8)(layers.Dense(16, activation="relu")(x))
        out = layers.Dense(3)(h)
        heads = [layers.Dense(4, use_bias=False, activation="tanh", name="weights_only")(inp),
                 layers.Dense(4, activation="softmax", name="ranged")(inp),
                 layers.Rescaling(1e6)(layers.Dense(2, use_bias=False, name="small_inputs")(layers.Rescaling(1e-6)(h)))]
        model = keras.Model([inp, ids], [out] + heads)
        randomize(model, ctx.rng)
        model.get_layer("weights_only").quantize("int8", config=config(activation_quantizer=None))
        model.get_layer("ranged").quantize("int8", config=config(
            activation_quantizer=keras.quantizers.AbsMaxQuantizer(axis=-1, value_range=(-100, 100), epsilon=0.01)))
        for layer in model.layers:
            if isinstance(layer, (layers.Dense, layers.Embedding)) and layer.quantization_mode is None:
                layer.quantize("int8")
        return Case(model, [normal_inputs(ctx, 3, 6, 5), ctx.rng.integers(0, 20, size=(3, 6)).astype(np.float32)], fmt,
                    "functional, quantized by Keras to int8 (layer.quantize('int8')): Embedding(20, 5) added to the input "
                    "-> Dense(16, relu) on every step -> LSTM(8) -> Dense(3); heads Dense(4, no bias, tanh) with the "
                    "kernel only quantized (activation_quantizer None), Dense(4, softmax) whose inputs are quantized to "
                    "[-100, 100] with epsilon 0.01, Dense(2, no bias) of the LSTM's output times 1e-6 (so epsilon weighs in "
                    "their scale), times 1e6.",
                    covers=["quantized", "int8", "dense", "embedding"])

    R("quantized_int8_func_keras", quantized_int8, fmt="keras")

    def quantized_int8_einsum(ctx, fmt):
        inp = keras.Input((6, 8))
        h = layers.EinsumDense("abc,cd->abd", (None, 12), bias_axes="d", activation="relu")(inp)
        out = layers.EinsumDense("abcd,cde->abe", (None, 5), bias_axes="e")(layers.Reshape((6, 3, 4))(h))
        heads = [layers.EinsumDense("abc,cde->abde", (None, 2, 3), bias_axes="e", activation="softmax")(inp),
                 layers.EinsumDense("abc,cd->abd", (None, 4), activation="tanh")(inp)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        model.quantize("int8")
        return Case(model, [normal_inputs(ctx, 3, 6, 8)], fmt,
                    "functional, quantized by Keras to int8 (model.quantize('int8')): EinsumDense abc,cd->abd (12, bias "
                    "d, relu) -> Reshape (6, 3, 4) -> EinsumDense abcd,cde->abe (5, bias e: the inputs quantized over "
                    "the two contracted axes together); heads EinsumDense abc,cde->abde (2, 3, bias e, softmax over e) and "
                    "abc,cd->abd (4, no bias, tanh; Keras 3.15.1 cannot quantize an equation with ...).",
                    covers=["quantized", "int8", "einsum_dense"])

    R("quantized_int8_einsum_func_keras", quantized_int8_einsum, fmt="keras")

    def quantized_int4(ctx, fmt):
        config = keras.quantizers.Int4QuantizationConfig
        inp, ids = keras.Input((6, 10)), keras.Input((6,), dtype="int32")
        x = layers.Add()([inp, layers.Embedding(20, 10, name="table_channels")(ids),
                          layers.Embedding(20, 10, name="table_groups")(ids)])
        h = layers.LSTM(8)(layers.Dense(16, activation="relu", name="groups")(x))
        out = layers.Dense(3, name="default")(h)
        heads = [layers.Dense(7, use_bias=False, activation="tanh", name="channels")(inp),
                 layers.Dense(4, activation="softmax", name="ranged")(inp),
                 layers.EinsumDense("abc,cd->abd", (None, 5), bias_axes="d", name="einsum_ranged")(inp),
                 layers.EinsumDense("abc,cde->abde", (None, 3, 3), bias_axes="e", activation="relu",
                                    name="einsum_groups")(inp),
                 layers.EinsumDense("abc,dc->abd", (None, 5), name="einsum_transposed_groups")(inp),
                 layers.EinsumDense("abc,dc->abd", (None, 3), bias_axes="d", name="einsum_transposed")(inp)]
        model = keras.Model([inp, ids], [out] + heads)
        randomize(model, ctx.rng)
        ranged = keras.quantizers.AbsMaxQuantizer(axis=-1, value_range=(-8, 7), epsilon=0.01)
        for name, block, quantizer in [("table_channels", -1, None), ("table_groups", 4, None), ("groups", 4, None),
                                       ("channels", -1, None), ("ranged", -1, ranged), ("einsum_ranged", -1, ranged),
                                       ("einsum_groups", 3, None), ("einsum_transposed_groups", 4, None),
                                       ("einsum_transposed", -1, None)]:
            model.get_layer(name).quantize("int4", config=config(block_size=block, activation_quantizer=quantizer))
        model.get_layer("default").quantize("int4")
        return Case(model, [normal_inputs(ctx, 3, 6, 10), ctx.rng.integers(0, 20, size=(3, 6)).astype(np.float32)], fmt,
                    "functional, quantized by Keras to int4: Embedding(20, 10) per channel (block_size -1) and "
                    "Embedding(20, 10) in groups of 4 columns, added to the input -> Dense(16, relu) in groups of 4 "
                    "input rows (the last group short) -> LSTM(8) -> Dense(3) (default config: block_size 128, one "
                    "group); heads Dense(7, no bias, tanh) per channel (odd units: the last byte half padding), "
                    "Dense(4, softmax) and EinsumDense abc,cd->abd (5, bias d) per channel whose inputs are quantized "
                    "to [-8, 7] with epsilon 0.01, EinsumDense abc,cde->abde (3, 3, bias e, relu) in groups of 3, "
                    "EinsumDense abc,dc->abd (5) in groups of 4 and abc,dc->abd (3, bias d) per channel (Keras flattens "
                    "the kernel as it lies to [rows, columns]).",
                    covers=["quantized", "int4", "dense", "einsum_dense", "embedding"])

    R("quantized_int4_func_keras", quantized_int4, fmt="keras")

    def quantized_einsum_orders(ctx, fmt):
        inp = keras.Input((6, 8))
        h = layers.EinsumDense("abc,dc->abd", (None, 12), bias_axes="d", activation="relu", name="transposed")(inp)
        out = layers.EinsumDense("abcd,dce->abe", (None, 5), bias_axes="e", name="swapped")(layers.Reshape((6, 3, 4))(h))
        heads = [layers.EinsumDense("abc,edc->abde", (None, 2, 3), bias_axes="e", activation="softmax",
                                    name="reversed")(inp),
                 layers.EinsumDense("abc,dc->abd", (None, 4), activation="tanh", name="weights_only")(inp),
                 layers.EinsumDense("abc,dc->abd", (None, 5), bias_axes="d", name="int4_ranged")(inp)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        model.get_layer("weights_only").quantize(
            "int8", config=keras.quantizers.Int8QuantizationConfig(activation_quantizer=None))
        model.get_layer("int4_ranged").quantize("int4", config=keras.quantizers.Int4QuantizationConfig(
            block_size=-1, activation_quantizer=keras.quantizers.AbsMaxQuantizer(value_range=(-8, 7), epsilon=0.01)))
        for name in ["transposed", "swapped", "reversed"]:
            model.get_layer(name).quantize("int8")
        return Case(model, [normal_inputs(ctx, 3, 6, 8)], fmt,
                    "functional, EinsumDense layers whose kernel axes are not a Dense product's, quantized by Keras: "
                    "int8 abc,dc->abd (12, bias d, relu) -> Reshape (6, 3, 4) -> int8 abcd,dce->abe (5, bias e: "
                    "the contracted axes in the other order in the kernel); heads int8 abc,edc->abde (2, 3, bias e, "
                    "softmax over e), int8 abc,dc->abd (4, tanh) with the kernel only quantized, and int4 per channel "
                    "abc,dc->abd (5, bias d) whose inputs are quantized to [-8, 7] with epsilon 0.01.",
                    covers=["quantized", "int8", "int4", "einsum_dense"])

    R("quantized_einsum_orders_func_keras", quantized_einsum_orders, fmt="keras")

    def quantized_float8(ctx, fmt):
        inp = keras.Input((6, 8))
        h = layers.LSTM(8, return_sequences=True)(layers.Dense(16, activation="relu", name="first")(inp))
        out = layers.EinsumDense("abc,cd->abd", (None, 3), bias_axes="d", name="einsum")(h)
        heads = [layers.Dense(5, use_bias=False, activation="tanh", name="clipped")(inp),
                 layers.Dense(4, activation="softmax", name="subnormal")(inp),
                 layers.EinsumDense("abc,dc->abd", (None, 4), bias_axes="d", name="einsum_transposed")(inp),
                 layers.EinsumDense("abc,cde->abde", (None, 2, 3), bias_axes="e", name="einsum_3d")(inp)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        model.quantize("float8")
        # stored scales as training leaves them: the inputs of "clipped" past 448 * 0.004, its kernel past 448 * 1e-3;
        # "subnormal" divides by 100, so most of its inputs fall below e4m3's smallest normal 2^-6
        for name, inputs_scale, kernel_scale in [("first", 0.01, 0.002), ("einsum", 0.02, 0.004),
                                                 ("clipped", 0.004, 1e-3), ("subnormal", 100.0, 0.05),
                                                 ("einsum_transposed", 0.03, 0.003), ("einsum_3d", 1.0, 1.0)]:
            layer = model.get_layer(name)
            layer.inputs_scale.assign(inputs_scale)
            layer.kernel_scale.assign(kernel_scale)
        return Case(model, [normal_inputs(ctx, 3, 6, 8)], fmt,
                    "functional, quantized by Keras to float8 (model.quantize('float8')), with stored scales set as "
                    "training would: Dense(16, relu) -> LSTM(8) -> EinsumDense abc,cd->abd (3, bias d); heads Dense(5, "
                    "no bias, tanh) whose inputs and kernel clip at 448 times their scale, Dense(4, softmax) whose "
                    "inputs mostly become e4m3 subnormals, EinsumDense abc,dc->abd (4, bias d) and abc,cde->abde "
                    "(2, 3, bias e, scales 1). Biases are rounded to bfloat16, as Keras rounds them.",
                    covers=["quantized", "float8", "dense", "einsum_dense"],
                    no_float64="Keras rounds a float8 layer's bias to bfloat16 only when it computes in float32")

    R("quantized_float8_func_keras", quantized_float8, fmt="keras")
    def ops_rms_normalization(ctx, fmt):
        inp = keras.Input((5, 6))
        x = layers.Dense(8)(inp)
        out = layers.Dense(2)(layers.GlobalAveragePooling1D()(ops.rms_normalization(x)))
        gain = layers.Dense(8)(layers.GlobalAveragePooling1D()(inp))[:, None, :]  # a tensor scale, (batch, 1, 8)
        scale = np.linspace(-1.5, 2.0, 8).astype("float32")
        heads = [ops.rms_normalization(x, scale=scale, epsilon=1e-3), ops.rms_normalization(x, scale=gain),
                 ops.rms_normalization(x, axis=[1, 2]), ops.rms_normalization(x, scale=np.full((5, 1), 0.5, "float32"),
                                                                               axis=1),
                 ops.rms_normalization(x * 0.01, epsilon=0.05), ops.rms_normalization(x, scale=2.5)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 6)], fmt,
                    "functional Dense(8) -> ops.rms_normalization (axis -1, epsilon None) -> GlobalAveragePooling1D -> "
                    "Dense(2); heads: a numpy scale of 8 with epsilon 1e-3, a tensor scale (batch, 1, 8) from a Dense, "
                    "axis [1, 2], axis 1 with a (5, 1) scale, small values with epsilon 0.05, a number scale 2.5.",
                    covers=["operations", "rms_normalization"])

    def ops_layer_normalization(ctx, fmt):
        inp = keras.Input((5, 6))
        x = layers.Dense(8)(inp)
        out = layers.Dense(2)(layers.GlobalAveragePooling1D()(ops.layer_normalization(x)))
        gamma = np.linspace(-1.5, 2.0, 8).astype("float32")
        beta = np.linspace(0.5, -0.5, 8).astype("float32")
        grid = ctx.rng.normal(size=(5, 8)).astype("float32")
        heads = [ops.layer_normalization(x, gamma, beta, epsilon=1e-3), ops.layer_normalization(x, beta=beta),
                 ops.layer_normalization(x, grid, grid * 0.5, axis=[1, 2]),
                 ops.layer_normalization(x, gamma[:5], axis=1),
                 ops.layer_normalization(x, gamma[None, None, :], beta, axis=2),
                 ops.layer_normalization(x * 0.1 + 1.0, epsilon=0.05),
                 ops.layer_normalization(x, gamma, beta, rms_scaling=True)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 6)], fmt,
                    "functional Dense(8) -> ops.layer_normalization (axis -1, epsilon None, no gamma or beta) -> "
                    "GlobalAveragePooling1D -> Dense(2); heads: numpy gamma and beta of 8 with epsilon 1e-3, beta "
                    "alone, axis [1, 2] with (5, 8) gamma and beta, axis 1 with a gamma of 5, axis 2 (named as the "
                    "last: Keras broadcasts a (1, 1, 8) gamma rather than reshaping it), values around 1 with "
                    "epsilon 0.05, the deprecated rms_scaling (the variance, beta left out).",
                    covers=["operations", "layer_normalization"])

    def ops_dot_product_attention(ctx, fmt):
        t, s = 6, 4
        inp = keras.Input((t, 8))
        memory = keras.Input((s, 8))
        ids = keras.Input((t,))

        def heads_of(x, n, d, name):
            return layers.Reshape((-1, n, d))(layers.Dense(n * d, name=name)(x))

        q, k, v = (heads_of(inp, 2, 4, n) for n in ("q", "k", "v"))
        attended = ops.dot_product_attention(q, k, v)
        out = layers.Dense(2)(layers.GlobalAveragePooling1D()(layers.Reshape((t, 8))(attended)))
        padding = ops.not_equal(ids, 0)[:, None, None, :]  # (batch, 1, 1, steps); a row of ids all 0 masks everything
        band = np.abs(np.subtract.outer(np.arange(t), np.arange(t)))[None, None] <= 2  # (1, 1, t, t)
        bias = ctx.rng.normal(size=(2, t, t)).astype("float32")
        q4 = heads_of(inp, 4, 4, "q4")
        km, vm = heads_of(memory, 2, 4, "km"), heads_of(memory, 2, 4, "vm")
        heads = [ops.dot_product_attention(q, k, v, is_causal=True), ops.dot_product_attention(q, k, v, scale=0.3),
                 ops.dot_product_attention(q, k, v, mask=padding),
                 ops.dot_product_attention(q, k, v, mask=band, is_causal=True),
                 ops.dot_product_attention(q, k, v, bias=bias, mask=padding),
                 ops.dot_product_attention(q4, k, v), ops.dot_product_attention(q, km, vm, is_causal=True),
                 ops.dot_product_attention(q4, km, vm, bias=ops.ones((1, 1, t, s)) * 0.5, scale=1.5)]
        model = keras.Model([inp, memory, ids], [out] + heads)
        randomize(model, ctx.rng, scale=0.5)  # logits of a few units: float32 noise well inside the tolerance
        id_values = ctx.rng.integers(1, 9, size=(3, t)).astype("float32")
        id_values[0, 4:] = 0
        id_values[1, :] = 0  # every key step masked: Keras gives each query step equal weights
        return Case(model, [normal_inputs(ctx, 3, t, 8), normal_inputs(ctx, 3, s, 8), id_values], fmt,
                    "functional: query, key and value (batch, 6, 2, 4) from Dense + Reshape -> ops.dot_product_attention "
                    "-> Reshape -> GlobalAveragePooling1D -> Dense(2); heads: is_causal, scale 0.3, a padding mask "
                    "(batch, 1, 1, 6) computed from an ids input (a sample with every step masked), a constant band mask "
                    "(1, 1, 6, 6) with is_causal, a constant bias (2, 6, 6) with the padding mask, 4 query heads over 2 "
                    "key/value heads (grouped-query), cross-attention over a memory of 4 steps with is_causal (T > S), "
                    "and grouped cross-attention with a bias tensor (1, 1, 6, 4) and scale 1.5.",
                    covers=["operations", "dot_product_attention"])

    R("ops_dot_product_attention_func_keras", ops_dot_product_attention, fmt="keras")

    def ops_dot_product_attention_dynamic(ctx, fmt):
        inp = keras.Input((None, 8))  # steps known only at run time: 5 queries, 7 keys given
        memory = keras.Input((None, 8))
        ids = keras.Input((None,))
        q = layers.Reshape((-1, 2, 4))(layers.Dense(8)(inp))
        k = layers.Reshape((-1, 2, 4))(layers.Dense(8)(memory))
        v = layers.Reshape((-1, 2, 4))(layers.Dense(8)(memory))
        padding = ops.not_equal(ids, 0)[:, None, None, :]
        model = keras.Model([inp, memory, ids], [ops.dot_product_attention(q, k, v, is_causal=True),
                                                 ops.dot_product_attention(q, k, v, mask=padding, is_causal=True)])
        randomize(model, ctx.rng, scale=0.5)
        id_values = ctx.rng.integers(0, 3, size=(3, 7)).astype("float32")
        return Case(model, [normal_inputs(ctx, 3, 5, 8), normal_inputs(ctx, 3, 7, 8), id_values], fmt,
                    "functional cross-attention whose steps are known only at run time (5 query steps, 7 key steps "
                    "given): ops.dot_product_attention with is_causal (the causal mask built for the run's lengths), "
                    "and with a padding mask from an ids input as well.",
                    covers=["operations", "dot_product_attention"])

    R("ops_dot_product_attention_dynamic_func_keras", ops_dot_product_attention_dynamic, fmt="keras")

    def ops_slice(ctx, fmt):
        inp = keras.Input((6, 5))
        steps = keras.Input((None, 4))  # steps known only at run time
        x = layers.LSTM(5, return_sequences=True)(inp)
        out = layers.Dense(2)(layers.Flatten()(ops.slice(x, [0, 4, 0], [-1, 2, 5])))
        heads = [ops.slice(x, [0, 1, 2], [-1, 3, 2]), ops.slice(x, (0, 2, 0), (-1, -1, 3)),
                 ops.slice(x, np.array([0, 0, 4]), [-1, 6, -1]), ops.slice(x, [0, 5, 1], [-1, 1, 4]),
                 ops.slice(steps, [0, 1, 1], [-1, 2, 2]), ops.slice(steps, [0, 2, 0], [-1, -1, 4])]
        model = keras.Model([inp, steps], [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 5), normal_inputs(ctx, 3, 7, 4)], fmt,
                    "functional LSTM(5, return_sequences) -> ops.slice of the last 2 steps -> Flatten -> Dense(2); heads: "
                    "ops.slice with sizes 3 and 2, size -1 (the rest of the steps), numpy start indices with the whole "
                    "axis, the last step alone, and on an input whose steps are known only at run time "
                    "(7 given): sizes 2 and 2, and the rest of the steps from step 2.",
                    covers=["operations", "slice"])

    R("ops_slice_func_keras", ops_slice, fmt="keras")

    def ops_image_resize(ctx, fmt):
        inp = keras.Input((None, None, 3))  # images of any size: 5 x 7 given
        x = layers.Conv2D(4, 3, padding="same")(inp)
        out = layers.Dense(2)(layers.GlobalAveragePooling2D()(ops.image.resize(x, (8, 8))))
        heads = [ops.image.resize(x, (10, 4), interpolation="nearest"),
                 ops.image.resize(x, (9, 11), interpolation="bicubic"),
                 ops.image.resize(x, (4, 4), crop_to_aspect_ratio=True),
                 ops.image.resize(x, (6, 6), pad_to_aspect_ratio=True, fill_value=0.5),
                 ops.image.resize(ops.transpose(x, (0, 3, 1, 2)), (3, 8), data_format="channels_first")]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 5, 7, 3)], fmt,
                    "functional Conv2D(4, 3, same) on images of any size (5 x 7 given) -> ops.image.resize to 8 x 8 "
                    "(bilinear) -> GlobalAveragePooling2D -> Dense(2); heads: nearest to 10 x 4, bicubic to 9 x 11, "
                    "crop_to_aspect_ratio to 4 x 4, pad_to_aspect_ratio with fill_value 0.5 to 6 x 6, and channels_first "
                    "to 3 x 8 after ops.transpose.",
                    covers=["operations", "image_resize"])

    R("ops_image_resize_func_keras", ops_image_resize, fmt="keras")

    def ops_unstack(ctx, fmt):
        inp = keras.Input((6, 5))
        qkv = layers.Reshape((6, 3, 2, 4))(layers.Dense(24)(inp))  # a fused query-key-value projection
        q, k, v = ops.unstack(qkv, axis=2)
        attended = layers.Reshape((6, 8))(ops.dot_product_attention(q, k, v, is_causal=True))
        out = layers.Dense(2)(layers.GlobalAveragePooling1D()(attended))
        heads = ops.unstack(inp, 5, axis=-1) + ops.unstack(qkv, axis=3)
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng, scale=0.5)
        return Case(model, [normal_inputs(ctx, 3, 6, 5)], fmt,
                    "functional Dense(24) -> Reshape (6, 3, 2, 4), a fused query-key-value projection -> q, k, v = "
                    "ops.unstack(axis=2) -> ops.dot_product_attention(is_causal) -> Reshape -> GlobalAveragePooling1D "
                    "-> Dense(2); heads: ops.unstack of the input's features (num 5, axis -1) and of the heads axis.",
                    covers=["operations", "unstack"])

    R("ops_unstack_func_keras", ops_unstack, fmt="keras")

    def ops_moments(ctx, fmt):
        inp = keras.Input((6, 5))
        x = layers.Dense(8)(inp)
        mean, variance = ops.moments(x, axes=[-1], keepdims=True)
        normed = (x - mean) * ops.rsqrt(variance + 1e-5)  # a hand-written layer normalization
        out = layers.Dense(2)(layers.GlobalAveragePooling1D()(normed))
        over_time = ops.moments(x, axes=1)
        over_both = ops.moments(x, axes=[1, 2], keepdims=True, synchronized=True)
        model = keras.Model(inp, [out, *over_time, *over_both])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 5)], fmt,
                    "functional Dense(8) -> mean, variance = ops.moments(axes [-1], keepdims) -> (x - mean) · "
                    "rsqrt(variance + 1e-5) -> GlobalAveragePooling1D -> Dense(2); heads: the mean and variance over "
                    "time (axes 1, not kept) and over time and features (keepdims, synchronized, which without a "
                    "distribution strategy computes the same).",
                    covers=["operations", "moments"])

    R("ops_moments_func_keras", ops_moments, fmt="keras")

    def ops_average(ctx, fmt):
        ids = keras.Input((6,))
        inp = keras.Input((6, 5))
        x = layers.Dense(4)(inp)
        scores = layers.Dense(4, activation="softplus")(x)  # weights from the model, x's shape
        pooled = ops.average(x, axis=1, weights=scores)
        out = layers.Dense(2)(pooled)
        present = ops.repeat(ops.cast(ops.not_equal(ids, 0), "float32")[:, :, None], 4, axis=2) + 0.5
        heads = [ops.average(x, axis=1), ops.average(x, axis=-1, weights=np.array([1.0, 2.0, 0.5, -0.25], "float32")),
                 ops.average(x, axis=1, weights=present),
                 ops.average(x, axis=2, weights=ctx.rng.uniform(0.5, 2.0, size=(1, 6, 4)).astype("float32"))]
        model = keras.Model([ids, inp], [out, pooled] + heads)
        randomize(model, ctx.rng)
        id_values = ctx.rng.integers(0, 3, size=(3, 6)).astype("float32")
        return Case(model, [id_values, normal_inputs(ctx, 3, 6, 5)], fmt,
                    "functional Dense(4) -> ops.average over steps weighted by a softplus Dense(4) of it -> Dense(2); "
                    "heads: the weighted average, the plain average over steps, over features with a numpy vector of "
                    "4 (one negative), over steps with weights from an ids input, and over features with a (1, 6, 4) "
                    "numpy array.",
                    covers=["operations", "average"])

    R("ops_average_func_keras", ops_average, fmt="keras")

    def ops_take_lookup(ctx, fmt):
        ids = keras.Input((6,), dtype="int32")
        inp = keras.Input((6, 5))
        table = ctx.rng.normal(size=(10, 4)).astype("float32")
        looked_up = ops.take(table, ids, axis=0)  # (batch, 6, 4)
        chosen = ops.take(table, ops.argmax(inp, axis=-1))  # axis None: the flattened table, indices from a tensor
        out = layers.Dense(2)(layers.Flatten()(looked_up))
        heads = [chosen, ops.take(ops.convert_to_tensor(table[:, 0]), ids),
                 ops.take(table, ids - 10, axis=-2)]
        model = keras.Model([ids, inp], [out] + heads)
        randomize(model, ctx.rng)
        id_values = ctx.rng.integers(0, 10, size=(3, 6)).astype("float32")
        return Case(model, [id_values, normal_inputs(ctx, 3, 6, 5)], fmt,
                    "functional: ops.take of a constant (10, 4) numpy table at int32 ids (batch, 6), axis 0 -> Flatten -> "
                    "Dense(2); heads: the flattened table (axis None) at ops.argmax of another input, a constant "
                    "tensor of 10 at the ids, and the table at ids - 10 (negative, counted from the "
                    "end) with axis -2.",
                    covers=["operations", "take"])

    R("ops_take_lookup_func_keras", ops_take_lookup, fmt="keras")

    def ops_extract_patches(ctx, fmt):
        inp = keras.Input((8, 8, 3))
        patches = ops.image.extract_patches(inp, 4)  # (batch, 2, 2, 48): a vision transformer's patches
        tokens = layers.Dense(6)(layers.Reshape((4, 48))(patches))
        out = layers.Dense(2)(layers.GlobalAveragePooling1D()(tokens))
        heads = [ops.image.extract_patches(inp, (3, 2), strides=(2, 1), padding="same"),
                 ops.image.extract_patches(inp, 2, strides=1, dilation_rate=2)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 8, 8, 3)], fmt,
                    "functional: ops.image.extract_patches(size 4) of 8 x 8 x 3 images -> Reshape (4 patches, 48) -> "
                    "Dense(6) -> GlobalAveragePooling1D -> Dense(2), a vision transformer's patch embedding; heads: "
                    "size (3, 2) with strides (2, 1) and same padding, size 2 with strides 1 and dilation 2.",
                    covers=["operations", "extract_patches"])

    R("ops_extract_patches_func_keras", ops_extract_patches, fmt="keras")

    def ops_divide_no_nan(ctx, fmt):
        ids = keras.Input((6,))
        inp = keras.Input((6, 5))
        x = layers.Dense(4)(inp)
        mask = ops.cast(ops.not_equal(ids, 0), "float32")[:, :, None]
        pooled = ops.divide_no_nan(ops.sum(x * mask, axis=1), ops.sum(mask, axis=1))  # a masked mean over steps
        out = layers.Dense(2)(pooled)
        heads = [ops.divide_no_nan(inp, ids[:, :, None]), ops.divide_no_nan(2.0, ids),
                 ops.divide_no_nan(x, ops.floor(x))]
        model = keras.Model([ids, inp], [out, pooled] + heads)
        randomize(model, ctx.rng)
        id_values = ctx.rng.integers(0, 3, size=(3, 6)).astype("float32")
        id_values[1, :] = 0  # every step masked: 0 / 0 gives 0
        return Case(model, [id_values, normal_inputs(ctx, 3, 6, 5)], fmt,
                    "functional Dense(4) -> a masked mean over steps, ops.divide_no_nan(sum(x · mask), sum(mask)) with "
                    "the mask from an ids input (one sample with every step masked: 0 / 0 is 0) -> Dense(2); heads: "
                    "the pooled means, the input divided by the ids (zeros among them), 2.0 / ids, and x / floor(x) (0 "
                    "for x in [0, 1)).",
                    covers=["operations", "divide_no_nan"])

    def ops_batch_normalization(ctx, fmt):
        inp = keras.Input((5, 6))
        x = layers.Dense(8)(inp)

        def vector(n, low, high):
            return ctx.rng.uniform(low, high, size=(n,)).astype("float32")

        normed = ops.batch_normalization(x, vector(8, -1, 1), vector(8, 0.2, 3), axis=-1, offset=vector(8, -1, 1),
                                         scale=vector(8, 0.5, 2), epsilon=1e-2)
        out = layers.Dense(2)(layers.GlobalAveragePooling1D()(normed))
        heads = [ops.batch_normalization(x, vector(8, -1, 1), vector(8, 0.2, 3), axis=2),
                 ops.batch_normalization(x, vector(5, -1, 1), vector(5, 0.2, 3), axis=1, scale=vector(5, 0.5, 2))]
        model = keras.Model(inp, [out, normed] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 6)], fmt,
                    "functional Dense(8) -> ops.batch_normalization with numpy mean, variance, offset and scale of 8, "
                    "axis -1, epsilon 1e-2 -> GlobalAveragePooling1D -> Dense(2); heads: the normalized values, mean and "
                    "variance alone on axis 2 (epsilon 1e-3), and axis 1 (the steps) with a scale and no offset.",
                    covers=["operations", "batch_normalization"])

    def ops_constant_products(ctx, fmt):
        inp = keras.Input((6, 5))
        x = layers.Dense(4)(inp)
        table = ctx.rng.normal(size=(10, 4)).astype("float32")  # an embedding table, tied to the output
        logits = x @ table.T  # (batch, 6, 10)
        out = layers.Dense(2)(layers.GlobalAveragePooling1D()(logits))
        w = ctx.rng.normal(size=(4, 3)).astype("float32")
        v = ctx.rng.normal(size=(4,)).astype("float32")
        pooled = ops.mean(x, axis=1)  # (batch, 4)
        heads = [ops.matmul(x, v), ops.dot(x, w), ops.dot(x, v), ops.tensordot(x, w, axes=1),
                 ops.tensordot(x, ops.convert_to_tensor(w), axes=[[2], [0]]), pooled @ w]
        model = keras.Model(inp, [out, logits] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 5)], fmt,
                    "functional Dense(4) -> x @ table.T, a (10, 4) numpy embedding table tied to the output -> "
                    "GlobalAveragePooling1D -> Dense(2); heads: the logits, ops.matmul by a vector of 4 (its axis "
                    "dropped), ops.dot by a (4, 3) matrix and by the vector, ops.tensordot with axes 1 and with axes "
                    "[[2], [0]] on a constant tensor, and a rank-2 tensor (the mean over steps) @ the matrix.",
                    covers=["operations", "matmul", "dot", "tensordot"])

    R("ops_constant_products_func_keras", ops_constant_products, fmt="keras")
    R("ops_divide_no_nan_func_keras", ops_divide_no_nan, fmt="keras")
    R("ops_batch_normalization_func_keras", ops_batch_normalization, fmt="keras")
    R("ops_rms_normalization_func_keras", ops_rms_normalization, fmt="keras")
    R("ops_layer_normalization_func_keras", ops_layer_normalization, fmt="keras")

    def audio(ctx, rows, samples, rate, amplitude):
        """Sine mixtures (4 tones between 50 Hz and 0.45 rate, random phases) plus white noise at 2% of amplitude."""
        t = np.arange(samples) / rate
        x = [sum(ctx.rng.uniform(0.2, 1) * np.sin(2 * np.pi * ctx.rng.uniform(50, 0.45 * rate) * t + ctx.rng.uniform(0, 6))
                 for _ in range(4)) + 0.02 * ctx.rng.standard_normal(samples) for _ in range(rows)]
        return np.array(x) * amplitude / 4

    MEL_NO_FLOAT64 = ("Keras 3.15.1's MelSpectrogram fails in float64: its mel matrix stays float32 ('Input y of Sub "
                      "has type float32 that does not match type float64')")

    def mel_spectrogram(ctx, fmt):
        inp = keras.Input((16000,))
        out = layers.MelSpectrogram()(inp)
        heads = [layers.MelSpectrogram(fft_length=512, sequence_stride=160, num_mel_bins=40, min_freq=60.0,
                                       max_freq=7600.0, power_to_db=False, mag_exp=1.0)(inp),
                 layers.MelSpectrogram(fft_length=400, sequence_stride=160, window="hamming", num_mel_bins=64,
                                       ref_power=10.0, top_db=60.0, min_power=1e-6)(inp),
                 layers.MelSpectrogram(fft_length=512, sequence_length=400, sequence_stride=128, window=None,
                                       sampling_rate=22050, num_mel_bins=32, min_freq=0.0, max_freq=5000.0,
                                       power_to_db=False)(inp),
                 layers.MelSpectrogram(fft_length=256, sequence_length=200, sequence_stride=128, num_mel_bins=20,
                                       sampling_rate=8000, mag_exp=1.0, top_db=40.0)(inp)]
        model = keras.Model(inp, [out] + heads)
        x = np.concatenate([audio(ctx, 2, 16000, 16000, 0.3), audio(ctx, 1, 16000, 16000, 1e-4)])
        return Case(model, [x], fmt,
                    "functional MelSpectrogram heads on 1 s of 16 kHz audio (sine mixtures plus noise; the third row "
                    "1e-4 quiet, near silence): the default (fft 2048, stride 512, hann, 128 mel bins, power_to_db, top_db "
                    "80); fft 512 stride 160, 40 bins 60-7600 Hz, magnitude (mag_exp 1), no dB; fft 400 hamming, 64 bins, "
                    "ref_power 10, top_db 60, min_power 1e-6; fft 512 with sequence_length 400 and window None, 22.05 kHz, "
                    "32 bins 0-5000 Hz, power, no dB; fft 256 with a 200 hann window, 8 kHz, 20 bins, mag_exp 1 in dB, "
                    "top_db 40. top_db clamps against the maximum over the whole batch: rows depend on each other.",
                    covers=["mel_spectrogram"], no_float64=MEL_NO_FLOAT64)

    def mel_spectrogram_conv_gru(ctx, fmt):
        inp = keras.Input((8000,))
        x = layers.MelSpectrogram(fft_length=256, sequence_stride=128, num_mel_bins=32, sampling_rate=8000)(inp)
        x = layers.Permute((2, 1))(layers.Rescaling(0.02)(x))
        x = layers.Conv1D(8, 3, strides=2, activation="relu")(x)
        out = layers.Dense(3)(layers.GRU(8)(x))
        model = keras.Model(inp, out)
        randomize(model, ctx.rng)
        return Case(model, [audio(ctx, 3, 8000, 8000, 0.5)], fmt,
                    "functional keyword-spotting front end: 1 s of 8 kHz audio -> MelSpectrogram(fft 256, stride 128, "
                    "32 bins, dB) -> Rescaling(0.02) -> Permute (frames, bins) -> Conv1D(8, 3, strides 2, relu) -> GRU(8) "
                    "-> Dense(3). top_db clamps against the maximum over the whole batch: rows depend on each other.",
                    covers=["mel_spectrogram"], no_float64=MEL_NO_FLOAT64)

    R("mel_spectrogram_func_keras", mel_spectrogram, fmt="keras")

    def stft_window(n, a):
        """A raised-cosine window as a list (hann 0.5, hamming 0.54): Keras builds its named windows with scipy, absent here."""
        return [a - (1 - a) * np.cos(2 * np.pi * i / (n - 1)) for i in range(n)]

    def noisy_audio(ctx, rows, samples):
        """2-channel 8 kHz sine mixtures plus loud noise: no bin's magnitude near 0, where log and angle are unstable."""
        x = np.stack([audio(ctx, rows, samples, 8000, 0.5), audio(ctx, rows, samples, 8000, 0.5)], axis=-1)
        return x + 0.3 * ctx.rng.standard_normal(x.shape)

    def stft_spectrogram(ctx, fmt):
        inp = keras.Input((1000, 2))
        heads = [layers.STFTSpectrogram(mode="magnitude", frame_length=64, frame_step=20, fft_length=128,
                                        window=stft_window(64, 0.54), scaling="spectrum", padding="same")(inp),
                 layers.STFTSpectrogram(mode="psd", frame_length=48, frame_step=16, window=stft_window(48, 0.5),
                                        scaling=None, expand_dims=True)(inp),
                 layers.STFTSpectrogram(mode="real", frame_length=32, frame_step=32, padding="same",
                                        window=stft_window(32, 0.5))(inp),
                 layers.STFTSpectrogram(mode="imag", frame_length=32, frame_step=8, window=None, expand_dims=True)(inp),
                 layers.STFTSpectrogram(mode="stft", frame_length=32, frame_step=16, window=stft_window(32, 0.5),
                                        expand_dims=True)(inp),
                 layers.STFTSpectrogram(mode="stft", frame_length=32, frame_step=16, window=stft_window(32, 0.5),
                                        padding="same")(inp)]
        model = keras.Model(inp, heads)
        return Case(model, [noisy_audio(ctx, 3, 1000)], fmt,
                    "functional STFTSpectrogram heads on 2-channel 8 kHz audio (sine mixtures plus loud noise), the "
                    "kernels as Keras initializes them from windows given as lists (named windows need scipy): magnitude "
                    "(frame 64, step 20, fft 128, hamming, spectrum scaling, same padding); psd (frame 48, step 16, hann, "
                    "no scaling, expand_dims); real (frame 32, step 32, same); imag (frame 32, step 8, window None, "
                    "expand_dims); stft (frame 32, step 16) with expand_dims, and with same padding. (channels_first: "
                    "Keras' TensorFlow backend cannot run it on a CPU.)",
                    covers=["stft_spectrogram"])

    def stft_spectrogram_log_angle(ctx, fmt):
        inp = keras.Input((400, 2))
        heads = [layers.STFTSpectrogram(frame_length=64, fft_length=64, window=stft_window(64, 0.5))(inp),
                 layers.STFTSpectrogram(mode="angle", frame_length=40, frame_step=25, fft_length=64,
                                        window=stft_window(40, 0.5))(inp)]
        model = keras.Model(inp, heads)
        return Case(model, [noisy_audio(ctx, 1, 400)], fmt,
                    "functional STFTSpectrogram heads log (the default: frame 64, step 32, hann, density scaling) and "
                    "angle (frame 40, step 25, fft 64) on one row of 2-channel 8 kHz audio (sine mixtures plus loud "
                    "noise). Both amplify the rounding of bins of small magnitude: on a few hundred values Keras' own "
                    "float32 noise stays within the generator's bound, a tenth of the tolerance.",
                    covers=["stft_spectrogram"])

    R("stft_spectrogram_func_keras", stft_spectrogram, fmt="keras")
    R("stft_spectrogram_log_angle_func_keras", stft_spectrogram_log_angle, fmt="keras")
    R("mel_spectrogram_conv_gru_func_keras", mel_spectrogram_conv_gru, fmt="keras")

    def conv_transpose(ctx, fmt):
        inp = keras.Input((8, 3))
        h = layers.LSTM(6, return_sequences=True)(layers.Conv1D(4, 3, strides=2, padding="same")(inp))
        out = layers.Conv1DTranspose(3, 3, strides=2, padding="same")(h)
        heads = [layers.Conv1DTranspose(2, 4, strides=3)(inp),
                 layers.Conv1DTranspose(5, 3, padding="same")(inp),
                 layers.Conv1DTranspose(2, 3, strides=2, output_padding=1)(inp),
                 layers.Conv1DTranspose(2, 2, strides=3, padding="same", output_padding=2, use_bias=False,
                                        activation="relu")(inp)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 8, 3)], fmt,
                    "functional Conv1D(4, 3, strides 2, same) -> LSTM(6, seq) -> Conv1DTranspose(3, 3, strides 2, same), "
                    "a sequence autoencoder back to 8 steps; heads Conv1DTranspose(2, 4, strides 3, valid), "
                    "Conv1DTranspose(5, 3, same), Conv1DTranspose(2, 3, strides 2, valid, output_padding 1), "
                    "Conv1DTranspose(2, 2, strides 3, same, output_padding 2, no bias, relu).",
                    covers=["conv1d_transpose"])

    R("conv_transpose_func_keras", conv_transpose, fmt="keras")
    R("conv_transpose_func_h5", conv_transpose, fmt="h5")

    def conv2d_transpose(ctx, fmt):
        inp = keras.Input((5, 6, 3))
        down = layers.Conv2D(4, 3, strides=2, padding="same", activation="relu")(inp)
        out = layers.Conv2DTranspose(3, 3, strides=2, padding="same", output_padding=(0, 1), name="decoder")(down)
        heads = [layers.Conv2DTranspose(2, (2, 3), strides=(3, 2), name="valid")(inp),
                 layers.Conv2DTranspose(3, 3, padding="same", activation="tanh", name="same")(inp),
                 layers.Conv2DTranspose(2, (3, 2), strides=2, output_padding=1, use_bias=False, name="padded")(inp),
                 layers.Conv2DTranspose(2, 2, strides=(2, 3), padding="same", output_padding=(1, 2), name="same_padded")(inp)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 5, 6, 3)], fmt,
                    "functional Conv2D(4, 3, strides 2, same, relu) -> Conv2DTranspose(3, 3, strides 2, same, output_padding "
                    "(0, 1)), an autoencoder back to 5 x 6; heads Conv2DTranspose(2, (2, 3), strides (3, 2), valid), "
                    "Conv2DTranspose(3, 3, same, tanh), Conv2DTranspose(2, (3, 2), strides 2, valid, output_padding 1, no "
                    "bias), Conv2DTranspose(2, 2, strides (2, 3), same, output_padding (1, 2)).",
                    covers=["conv2d_transpose"])

    R("conv2d_transpose_func_keras", conv2d_transpose, fmt="keras")
    R("conv2d_transpose_func_h5", conv2d_transpose, fmt="h5")

    def resizing_heads(ctx, fmt):
        """Keras Resizing and UpSampling2D's interpolations, as TensorFlow's tf.image.resize computes them."""
        inp = keras.Input((7, 9, 3))
        heads = [layers.Resizing(14, 18), layers.Resizing(4, 5), layers.Resizing(10, 6, interpolation="nearest"),
                 layers.Resizing(3, 4, interpolation="nearest"), layers.Resizing(5, 13, interpolation="bicubic"),
                 layers.Resizing(16, 11, interpolation="bicubic"),
                 layers.Resizing(6, 8, interpolation="bilinear", data_format="channels_first"),
                 layers.UpSampling2D(2, interpolation="bilinear"), layers.UpSampling2D((3, 2), interpolation="bicubic"),
                 layers.UpSampling2D((1, 2), interpolation="bilinear", data_format="channels_first")]
        model = heads_model(inp, inp, heads)
        return Case(model, [normal_inputs(ctx, 2, 7, 9, 3)], fmt,
                    "functional heads on 7 x 9 x 3 images: Resizing(14, 18), Resizing(4, 5) (bilinear, up and down), "
                    "Resizing(10, 6, nearest), Resizing(3, 4, nearest), Resizing(5, 13, bicubic), Resizing(16, 11, bicubic), "
                    "Resizing(6, 8, channels_first, over 9 x 3), UpSampling2D(2, bilinear), UpSampling2D((3, 2), bicubic), "
                    "UpSampling2D((1, 2), bilinear, channels_first). TensorFlow's bicubic weights come from a table of 1024 "
                    "steps, outside positions excluded.",
                    covers=["resizing", "upsampling2d_bilinear", "upsampling2d_bicubic"])

    R("resizing_heads_func_keras", resizing_heads, fmt="keras")
    R("resizing_heads_func_h5", resizing_heads, fmt="h5")

    def resizing_crop(ctx, fmt):
        """Resizing with crop_to_aspect_ratio: the centre of each image cropped to the target's aspect ratio, then resized."""
        inp = keras.Input((None, None, 3))
        heads = [layers.Resizing(4, 9, crop_to_aspect_ratio=True), layers.Resizing(8, 3, interpolation="nearest",
                                                                                    crop_to_aspect_ratio=True),
                 layers.Resizing(5, 5, interpolation="bicubic", crop_to_aspect_ratio=True),
                 layers.Resizing(6, 4, crop_to_aspect_ratio=True, data_format="channels_first")]
        model = heads_model(inp, inp, heads)
        return Case(model, [normal_inputs(ctx, 2, 7, 10, 3)], fmt,
                    "functional heads on images of any size (called on 7 x 10 x 3): Resizing(4, 9), Resizing(8, 3, nearest), "
                    "Resizing(5, 5, bicubic), each with crop_to_aspect_ratio; Resizing(6, 4, crop_to_aspect_ratio, "
                    "channels_first, over 10 x 3).",
                    covers=["resizing", "crop_to_aspect_ratio"])

    R("resizing_crop_aspect_func_keras", resizing_crop, fmt="keras")

    def resizing_pad(ctx, fmt):
        """Resizing with pad_to_aspect_ratio: each image padded with fill_value towards the target's aspect ratio (the
        same number of positions on both sides, half the missing ones rounded down), then resized."""
        inp = keras.Input((None, None, 3))
        heads = [layers.Resizing(4, 9, pad_to_aspect_ratio=True),
                 layers.Resizing(8, 3, interpolation="nearest", pad_to_aspect_ratio=True, fill_value=0.5),
                 layers.Resizing(5, 5, interpolation="bicubic", pad_to_aspect_ratio=True, fill_value=-1.5),
                 layers.Resizing(14, 20, pad_to_aspect_ratio=True, fill_value=3.0),
                 layers.Resizing(6, 4, pad_to_aspect_ratio=True, fill_value=2.0, data_format="channels_first")]
        model = heads_model(inp, inp, heads)
        return Case(model, [normal_inputs(ctx, 2, 7, 10, 3)], fmt,
                    "functional heads on images of any size (called on 7 x 10 x 3), each with pad_to_aspect_ratio: "
                    "Resizing(4, 9) (2 columns of 0 on each side), Resizing(8, 3, nearest, fill 0.5) (9 rows each side), "
                    "Resizing(5, 5, bicubic, fill -1.5), Resizing(14, 20, fill 3) (the image's own aspect ratio: no padding), "
                    "Resizing(6, 4, fill 2, channels_first, over 10 x 3).",
                    covers=["resizing", "pad_to_aspect_ratio"])

    R("resizing_pad_aspect_func_keras", resizing_pad, fmt="keras")

    def resizing_nonfinite(ctx, fmt):
        """Resizing, UpSampling2D and CenterCrop on images holding NaN and infinities: TensorFlow's bilinear kernel blends
        as a + (b - a)·t (so an infinity beside another value gives NaN) and its bicubic kernel multiplies every tap, a
        zero weight too."""
        inp = keras.Input((None, None, 2))
        heads = [layers.Resizing(9, 7), layers.Resizing(3, 2), layers.Resizing(6, 5), layers.Resizing(8, 9, interpolation="bicubic"),
                 layers.Resizing(6, 5, interpolation="bicubic"), layers.Resizing(4, 9, pad_to_aspect_ratio=True, fill_value=1.5),
                 layers.UpSampling2D(2, interpolation="bilinear"), layers.CenterCrop(8, 3), layers.CenterCrop(4, 3)]
        model = heads_model(inp, inp, heads)
        nan, inf = np.nan, np.inf
        x = normal_inputs(ctx, 2, 6, 5, 2)
        x[0, 1, 1, 0], x[0, 3, 2, 1], x[0, 4, 4, 0], x[1, 0, 0, 1], x[1, 2, 3, 0], x[1, 5, 1, 1] = inf, -inf, nan, inf, nan, -inf
        return Case(model, [x], fmt,
                    "functional heads on 6 x 5 x 2 images (called with a +inf, a -inf and a NaN in each sample): "
                    "Resizing(9, 7), (3, 2) and (6, 5) (the image's own size) bilinear, (8, 9) and (6, 5) bicubic, (4, 9) "
                    "bilinear with pad_to_aspect_ratio and fill 1.5; UpSampling2D(2, bilinear); CenterCrop(8, 3) "
                    "(smart_resize) and (4, 3) (a slice). TensorFlow's bilinear kernel blends as a + (b - a)·t and its "
                    "bicubic kernel multiplies every tap, so non-finite values spread as NaN.",
                    covers=["resizing", "center_crop", "nan_input", "inf_input"], nonfinite=True)

    R("resizing_nonfinite_func_keras", resizing_nonfinite, fmt="keras")

    def center_crop(ctx, fmt):
        """CenterCrop: Keras slices the centre where the image is at least as large as the crop (or of a size unknown when
        the model is built), and otherwise crops to the aspect ratio and resizes bilinearly (smart_resize)."""
        image = keras.Input((9, 12, 3))
        free = keras.Input((None, None, 2))
        heads = [layers.CenterCrop(5, 7)(image), layers.CenterCrop(4, 4)(image), layers.CenterCrop(9, 12)(image),
                 layers.CenterCrop(12, 8)(image), layers.CenterCrop(6, 16)(image),
                 layers.CenterCrop(2, 5, data_format="channels_first")(image),
                 layers.CenterCrop(4, 5)(free), layers.CenterCrop(3, 2, data_format="channels_first")(free),
                 layers.CenterCrop(8, 5)(free)]
        model = keras.Model([image, free], heads)
        return Case(model, [normal_inputs(ctx, 2, 9, 12, 3), normal_inputs(ctx, 2, 7, 9, 2)], fmt,
                    "functional CenterCrop heads on 9 x 12 x 3 images: (5, 7), (4, 4), (9, 12) (the image itself), (12, 8) "
                    "and (6, 16) (larger than the image on one axis: smart_resize, the centre cropped to the aspect ratio and "
                    "resized bilinearly), (2, 5) channels_first (over 12 x 3); on images of any size (called on 7 x 9 x 2): "
                    "(4, 5), (3, 2) channels_first (over 9 x 2), and (8, 5), more rows than the image has: Keras' predict traces "
                    "the model with the image's size and runs smart_resize.",
                    covers=["center_crop", "resizing", "channels_first"])

    R("center_crop_func_keras", center_crop, fmt="keras")
    R("center_crop_func_h5", center_crop, fmt="h5")

    def segmentation_upsampling(ctx, fmt):
        """A small segmentation net on images of any size: Resizing in the model, strided convolutions down, bilinear
        UpSampling2D back, a per-pixel softmax."""
        inp = keras.Input((None, None, 3))
        x = layers.Resizing(24, 32)(inp)
        x = layers.Conv2D(6, 3, strides=2, padding="same", activation="relu")(x)
        x = layers.Conv2D(8, 3, strides=2, padding="same", activation="relu")(x)
        x = layers.UpSampling2D(4, interpolation="bilinear")(x)
        y = layers.Conv2D(4, 1, activation="softmax")(x)
        model = keras.Model(inp, y)
        randomize(model, ctx.rng, scale=0.6)
        return Case(model, [normal_inputs(ctx, 2, 30, 41, 3)], fmt,
                    "functional segmentation on images of any size: Resizing(24, 32) -> Conv2D(6, 3, strides 2, same, relu) "
                    "-> Conv2D(8, 3, strides 2, same, relu) -> UpSampling2D(4, bilinear) -> Conv2D(4, 1, softmax); batch 2 "
                    "of 30 x 41 x 3.",
                    covers=["resizing", "upsampling2d_bilinear", "dynamic_spatial"])

    R("segmentation_upsampling_func_keras", segmentation_upsampling, fmt="keras")

    def unet3d(ctx, fmt):
        """A small 3-D U-Net (volumetric segmentation): Conv3D and MaxPooling3D down, Conv3DTranspose up, a skip
        connection, a per-voxel softmax; heads with other transposed-convolution options."""
        inp = keras.Input((4, 8, 6, 2))
        e1 = layers.Conv3D(4, 3, padding="same", activation="relu")(inp)
        d1 = layers.MaxPooling3D(2)(e1)
        b = layers.Conv3D(6, 3, padding="same", activation="relu")(d1)
        u1 = layers.Conv3DTranspose(4, 2, strides=2, padding="same", name="up")(b)
        seg = layers.Conv3D(3, 1, activation="softmax")(layers.Concatenate()([u1, e1]))
        heads = [layers.Conv3DTranspose(2, (2, 3, 2), strides=(1, 2, 3), name="valid")(inp),
                 layers.Conv3DTranspose(3, 3, padding="same", activation="tanh", name="same")(inp),
                 layers.Conv3DTranspose(2, (3, 2, 2), strides=2, output_padding=1, use_bias=False, name="padded")(inp),
                 layers.Conv3DTranspose(2, 2, strides=(2, 3, 2), padding="same", output_padding=(1, 2, 1),
                                        name="same_padded")(inp)]
        model = keras.Model(inp, [seg] + heads)
        randomize(model, ctx.rng, scale=0.6)
        return Case(model, [normal_inputs(ctx, 2, 4, 8, 6, 2)], fmt,
                    "functional 3-D U-Net on 4 x 8 x 6 x 2 volumes: Conv3D(4, 3, same, relu) -> MaxPooling3D(2) -> Conv3D(6, "
                    "3, same, relu) -> Conv3DTranspose(4, 2, strides 2, same) -> Concatenate with the first Conv3D -> "
                    "Conv3D(3, 1, softmax); heads Conv3DTranspose(2, (2, 3, 2), strides (1, 2, 3), valid), "
                    "Conv3DTranspose(3, 3, same, tanh), Conv3DTranspose(2, (3, 2, 2), strides 2, valid, output_padding 1, no "
                    "bias), Conv3DTranspose(2, 2, strides (2, 3, 2), same, output_padding (1, 2, 1)).",
                    covers=["conv3d_transpose", "unet3d"], no_float64="TensorFlow's MaxPool3D has no float64 kernel")

    R("unet3d_conv3d_transpose_func_keras", unet3d, fmt="keras")
    R("unet3d_conv3d_transpose_func_h5", unet3d, fmt="h5")

    def conv3d_transpose_channels_first(ctx, fmt):
        inp = keras.Input((2, 3, 4, 5))
        y = layers.Conv3DTranspose(3, (2, 3, 2), strides=(2, 1, 2), padding="same", output_padding=(1, 0, 1),
                                   data_format="channels_first", name="up")(inp)
        model = keras.Model(inp, y)
        randomize(model, ctx.rng)

        def twin(reloaded, inputs):
            """The same layer channels_last, with the same weights, on the transposed inputs; output transposed back."""
            x = keras.Input((3, 4, 5, 2))
            options = {k: v for k, v in reloaded.get_layer("up").get_config().items()
                       if k not in ("name", "data_format", "dtype")}
            up = layers.Conv3DTranspose(**options)
            twin_model = keras.Model(x, up(x))
            up.set_weights(reloaded.get_layer("up").get_weights())
            return [np.transpose(twin_model.predict(np.transpose(inputs[0], (0, 2, 3, 4, 1)), verbose=0), (0, 4, 1, 2, 3))]

        return Case(model, [normal_inputs(ctx, 2, 2, 3, 4, 5)], fmt,
                    "functional Conv3DTranspose(3, (2, 3, 2), strides (2, 1, 2), same, output_padding (1, 0, 1), "
                    "channels_first). Keras' TensorFlow backend cannot run a channels_first Conv3DTranspose on a CPU, so the "
                    "golden output is Keras' of the same layer channels_last, with the same weights, on the transposed "
                    "inputs, transposed back.",
                    covers=["conv3d_transpose", "channels_first"], twin=twin,
                    no_float64="the golden comes from the channels_last twin")

    R("conv3d_transpose_channels_first_func_keras", conv3d_transpose_channels_first, fmt="keras")

    def conv3d_groups(ctx, fmt):
        """Grouped Conv3D, which Keras' TensorFlow backend runs through XLA on a CPU: same padding where a stride is larger
        than the window then starts the windows at the input's edge, as Conv2D's does, not inside it as TensorFlow's
        ungrouped Conv3D."""
        inp = keras.Input((4, 7, 9, 8))
        heads = [layers.Conv3D(6, (2, 3, 2), groups=2, padding="same", activation="relu", name="two_groups")(inp),
                 layers.Conv3D(8, 3, groups=4, strides=(1, 2, 2), padding="valid", name="four_groups_strided")(inp),
                 layers.Conv3D(4, 1, groups=2, strides=(1, 3, 5), padding="same", name="pointwise_wide_strides")(inp),
                 layers.Conv3D(8, (1, 3, 3), groups=8, dilation_rate=(1, 2, 2), padding="same", use_bias=False,
                               name="depthwise_dilated")(inp),
                 layers.Conv3D(4, 2, groups=2, padding="same", data_format="channels_first",
                               name="channels_first")(layers.Permute((4, 1, 2, 3))(inp))]
        model = keras.Model(inp, heads)
        randomize(model, ctx.rng, scale=0.3)  # kernel fan-in is read from its depth; keeps float32 noise small
        return Case(model, [normal_inputs(ctx, 2, 4, 7, 9, 8)], fmt,
                    "functional grouped Conv3D heads on 4 x 7 x 9 x 8: Conv3D(6, (2, 3, 2), groups 2, same, relu); "
                    "Conv3D(8, 3, groups 4, strides (1, 2, 2), valid); Conv3D(4, 1, groups 2, strides (1, 3, 5), same), where "
                    "Keras (through XLA) starts the windows at the input's edge; Conv3D(8, (1, 3, 3), groups 8, dilation "
                    "(1, 2, 2), same, no bias), a depthwise 3-D convolution; Conv3D(4, 2, groups 2, same, channels_first).",
                    covers=["conv3d", "groups", "channels_first"])

    def conv_channels_first_rowwise(ctx, fmt):
        """channels_first convolutions: a row-wise activation (softmax, log_softmax, sparsemax, glu) runs along the layer's
        last axis, a spatial one, as Keras applies it; and the 1-D layers channels_first."""
        image = keras.Input((4, 6, 7))
        volume = keras.Input((2, 3, 4, 5))
        steps = keras.Input((4, 9))
        cf = {"data_format": "channels_first"}
        heads = [(layers.SeparableConv2D(3, 3, padding="same", activation="softmax", name="separable_softmax", **cf), 0),
                 (layers.Conv2D(6, 3, groups=2, activation="log_softmax", name="grouped_log_softmax", **cf), 0),
                 (layers.DepthwiseConv2D((1, 2), activation="glu", name="depthwise_glu", **cf), 0),
                 (layers.Conv2DTranspose(3, 2, strides=2, activation="softmax", name="transposed_softmax", **cf), 0),
                 (layers.Conv3D(3, 2, padding="same", activation="sparsemax", name="conv3d_sparsemax", **cf), 1),
                 (layers.Conv1D(5, 3, activation="softmax", name="conv1d_softmax", **cf), 2),
                 (layers.Conv1D(4, 2, padding="causal", dilation_rate=2, activation="relu", name="conv1d_causal", **cf), 2),
                 (layers.DepthwiseConv1D(3, depth_multiplier=2, padding="same", name="depthwise1d", **cf), 2),
                 (layers.SeparableConv1D(3, 2, strides=2, name="separable1d", **cf), 2),
                 (layers.Conv1DTranspose(3, 3, strides=2, activation="softmax", name="transposed1d_softmax", **cf), 2)]
        ins = [image, volume, steps]
        model = keras.Model(ins, [layer(ins[k]) for layer, k in heads])
        randomize(model, ctx.rng, scale=0.5)

        def twin(reloaded, inputs):
            """Each head as the same layer channels_last without its activation, with the same weights, on the transposed
            input; its output transposed back, then the layer's activation along the last axis (Keras' own functions)."""
            outputs = []
            for layer, k in heads:
                saved = reloaded.get_layer(layer.name)
                options = {key: v for key, v in saved.get_config().items()
                           if key not in ("name", "data_format", "dtype", "activation")}
                x = inputs[k]
                moved = np.transpose(x, (0,) + tuple(range(2, x.ndim)) + (1,))
                last = type(saved)(**options)
                last(moved)
                last.set_weights(saved.get_weights())
                y = np.asarray(last(moved))
                y = np.transpose(y, (0, y.ndim - 1) + tuple(range(1, y.ndim - 1)))
                outputs.append(np.asarray(keras.activations.get(saved.get_config()["activation"])(y)))
            return outputs

        return Case(model, [normal_inputs(ctx, 2, 4, 6, 7), normal_inputs(ctx, 2, 2, 3, 4, 5), normal_inputs(ctx, 2, 4, 9)],
                    fmt, "functional channels_first convolution heads. On 4 x 6 x 7 images: SeparableConv2D(3, 3, same, "
                    "softmax), Conv2D(6, 3, groups 2, log_softmax), DepthwiseConv2D((1, 2), glu), Conv2DTranspose(3, 2, "
                    "strides 2, softmax); on 2 x 3 x 4 x 5 volumes Conv3D(3, 2, same, sparsemax): each row-wise activation "
                    "along the last axis, a spatial one, as Keras applies it. On 4 x 9 steps: Conv1D(5, 3, softmax), "
                    "Conv1D(4, 2, causal, dilation 2, relu), DepthwiseConv1D(3, multiplier 2, same), SeparableConv1D(3, 2, "
                    "strides 2), Conv1DTranspose(3, 3, strides 2, softmax). Keras' TensorFlow backend cannot run most "
                    "channels_first convolutions on a CPU (and adds some biases along the wrong axis through XLA), so each "
                    "golden output is Keras' of the same layer channels_last on the transposed input, transposed back, then "
                    "Keras' activation along the last axis.",
                    covers=["channels_first", "conv1d", "conv2d", "conv3d", "softmax"], twin=twin,
                    no_float64="Keras' TensorFlow backend cannot run these layers channels_first on a CPU")

    R("conv_channels_first_rowwise_func_keras", conv_channels_first_rowwise, fmt="keras")
    R("conv_channels_first_rowwise_func_h5", conv_channels_first_rowwise, fmt="h5")
    R("conv3d_groups_func_keras", conv3d_groups, fmt="keras")
    R("conv3d_groups_func_h5", conv3d_groups, fmt="h5")

    R("pad_crop_upsample_func_keras", pad_crop_upsample, fmt="keras")
    R("pad_crop_upsample_func_h5", pad_crop_upsample, fmt="h5")

    def gap_channels_first_masked(ctx, fmt):
        model = chain_model("sequential", (5, 3), [layers.Masking(), layers.Dense(5),
                                                   layers.GlobalAveragePooling1D(data_format="channels_first")])
        randomize(model, ctx.rng)
        return Case(model, [padded_rows(ctx, 4, 5, 3, [5, 3, 1, 4], "post")], fmt,
                    "sequential Masking on 5 steps -> Dense(5) -> GlobalAveragePooling1D(channels_first): Keras applies "
                    "the (batch, 5) mask, which runs along axis 1, to the 5 steps on axis 2 (keras4j refuses the "
                    "broadcast Keras makes where the lengths differ).",
                    covers=["global_average_pooling_channels_first_masked"])

    R("gap_channels_first_masked_keras", gap_channels_first_masked, fmt="keras")

    def attention_heads(ctx, fmt):
        q_in, v_in = keras.Input((4, 3)), keras.Input((5, 3))
        q = layers.LSTM(6, return_sequences=True)(layers.Masking()(q_in))
        v = layers.LSTM(6, return_sequences=True)(layers.Masking()(v_in))
        k = layers.Dense(6)(v)
        causal = layers.Attention(use_scale=True, name="dot_scaled_causal")([q, v], use_causal_mask=True)
        concat, weights = layers.Attention(score_mode="concat", use_scale=True, name="concat_key")(
            [q, v, k], return_attention_scores=True)
        additive = layers.AdditiveAttention(name="additive")([q, v])
        plain = layers.AdditiveAttention(use_scale=False, name="additive_unscaled")([q, k, v])
        model = keras.Model([q_in, v_in], [causal, concat, weights, additive, plain])
        randomize(model, ctx.rng)
        q_x = padded_rows(ctx, 3, 4, 3, [4, 2, 3], "post")
        v_x = padded_rows(ctx, 3, 5, 3, [5, 3, 1], "post")  # step 0 valid: no causal row is all masked
        return Case(model, [q_x, v_x], fmt,
                    "functional Masking -> LSTM(6, seq) on a 4-step query and a 5-step value, Dense(6) of the value as a "
                    "key; outputs Attention(use_scale) with use_causal_mask, Attention(concat, use_scale) on [query, "
                    "value, key] with return_attention_scores (two outputs), AdditiveAttention, AdditiveAttention("
                    "use_scale=False) on [query, key, value]: the query's and the value's masks apply.",
                    covers=["attention", "attention_concat", "attention_causal", "attention_scores",
                            "additive_attention", "attention_masked"])

    R("attention_heads_masked_func_keras", attention_heads, fmt="keras")

    def self_attention_classifier(ctx, fmt):
        ids_in = keras.Input((7,))
        h = layers.Bidirectional(layers.LSTM(5, return_sequences=True))(layers.Embedding(20, 4, mask_zero=True)(ids_in))
        attended = layers.Attention(name="self_attention")([h, h])
        pooled = layers.GlobalAveragePooling1D()(layers.Concatenate()([h, attended]))
        model = keras.Model(ids_in, layers.Dense(3, activation="softmax")(pooled))
        randomize(model, ctx.rng)
        return Case(model, [ids(ctx, 4, 7, 20, [7, 4, 1, 5], "post")], fmt,
                    "functional Embedding(mask_zero) -> Bidirectional(LSTM(5, seq)) -> self-Attention [h, h] -> "
                    "Concatenate with h -> GlobalAveragePooling1D (over the query's mask) -> Dense(3, softmax): the usual "
                    "LSTM-with-attention text classifier.",
                    covers=["attention", "self_attention", "attention_masked"])

    R("attention_self_bilstm_classifier_func_keras", self_attention_classifier, fmt="keras")

    def multi_head_attention_masked(ctx, fmt):
        ids_in, v_in, u_in = keras.Input((6,)), keras.Input((5, 3)), keras.Input((4, 6))
        q = layers.Embedding(20, 8, mask_zero=True)(ids_in)
        v = layers.Masking()(v_in)
        k = layers.Dense(4)(v)
        fused = layers.MultiHeadAttention(2, 3, value_dim=4, use_gate=True, name="fused_gated")(query=q, value=v, key=k)
        last = layers.LSTM(3)(fused)
        causal, scores = layers.MultiHeadAttention(2, 4, name="causal_scores")(
            u_in, u_in, use_causal_mask=True, return_attention_scores=True)
        windowed = layers.MultiHeadAttention(2, 3, dropout=0.25, use_bias=False, output_shape=5, sliding_window=2,
                                             attention_axes=[1], name="dropout_window")(u_in, u_in)
        model = keras.Model([ids_in, v_in, u_in], [fused, last, causal, scores, windowed])
        randomize(model, ctx.rng)
        ids_x = ids(ctx, 4, 6, 20, [6, 4, 1, 0], "post")        # the last query sample all padding
        v_x = padded_rows(ctx, 4, 5, 3, [5, 2, 0, 3], "pre")     # the third value sample all masked
        return Case(model, [ids_x, v_x, normal_inputs(ctx, 4, 4, 6)], fmt,
                    "functional MultiHeadAttention(2 heads, key_dim 3, value_dim 4, use_gate) called with query=, "
                    "value=, key= keywords on an Embedding(20, 8, mask_zero) query (post-padded, one sample all "
                    "padding), a Masking value of 5 steps (pre-padded, one sample all masked) and Dense(4) of it as the "
                    "key, then an LSTM(3) over it (the query's mask); on a third, unmasked input: a causal "
                    "self-attention with return_attention_scores (two outputs), and one with dropout 0.25, no bias, "
                    "output_shape 5, sliding_window 2. Keras' fused attention weighs every step equally where a query "
                    "step sees none (masked query, all-masked value)."
                    + (" Keras 3.15.1 cannot reload this .h5 (mask operation nodes): outputs from the same model saved "
                       "as .keras." if fmt == "h5" else ""),
                    covers=["multi_head_attention", "multi_head_attention_masked", "multi_head_attention_gate",
                            "multi_head_attention_causal", "multi_head_attention_scores",
                            "multi_head_attention_sliding_window"], reload_from="keras" if fmt == "h5" else None)

    R("multi_head_attention_masked_func_keras", multi_head_attention_masked, fmt="keras")
    R("multi_head_attention_masked_func_h5", multi_head_attention_masked, fmt="h5")

    def multi_head_attention_masked_scores(ctx, fmt):
        ids_in = keras.Input((6,))
        x = layers.Embedding(20, 6, mask_zero=True)(ids_in)
        attended, scores = layers.MultiHeadAttention(3, 2, dropout=0.1, name="self_attention")(
            x, x, use_causal_mask=True, return_attention_scores=True)
        h = layers.LayerNormalization()(layers.Add()([x, attended]))
        model = keras.Model(ids_in, [layers.Dense(2)(layers.GlobalAveragePooling1D()(h)), attended, scores])
        randomize(model, ctx.rng)
        return Case(model, [ids(ctx, 4, 6, 20, [6, 3, 1, 2], "pre")], fmt,
                    "functional Embedding(20, 6, mask_zero) (pre-padded) -> causal "
                    "MultiHeadAttention(3 heads, key_dim 2, dropout 0.1) self-attention with return_attention_scores "
                    "-> Add with its input -> LayerNormalization -> GlobalAveragePooling1D -> Dense(2); outputs the "
                    "Dense, the attention and its scores. With dropout or scores Keras weighs no step where a query "
                    "step sees none (the padding's rows).",
                    covers=["multi_head_attention", "multi_head_attention_masked", "multi_head_attention_causal",
                            "multi_head_attention_scores"])

    R("multi_head_attention_masked_scores_func_keras", multi_head_attention_masked_scores, fmt="keras")

    def transformer_lstm_block(ctx, fmt):
        x_in = keras.Input((8, 5))
        h = layers.LSTM(8, return_sequences=True)(x_in)
        attended = layers.MultiHeadAttention(4, 2, name="self_attention")(h, h, use_causal_mask=True)
        h = layers.LayerNormalization()(layers.Add()([h, attended]))
        h = layers.LayerNormalization()(layers.Add()([h, layers.Dense(8)(layers.Dense(16, activation="gelu")(h))]))
        model = keras.Model(x_in, layers.Dense(2)(layers.GlobalAveragePooling1D()(h)))
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 8, 5)], fmt,
                    "functional LSTM(8, seq) -> causal MultiHeadAttention(4 heads, key_dim 2) self-attention -> Add + "
                    "LayerNormalization -> Dense(16, gelu) -> Dense(8) -> Add + LayerNormalization -> "
                    "GlobalAveragePooling1D -> Dense(2): a transformer block over an LSTM, unmasked.",
                    covers=["multi_head_attention", "multi_head_attention_causal", "transformer_block"])

    R("multi_head_attention_lstm_block_func_keras", transformer_lstm_block, fmt="keras")
    R("multi_head_attention_lstm_block_func_h5", transformer_lstm_block, fmt="h5")

    def luong_dot_attention(ctx, fmt):
        enc_in, dec_in = keras.Input((6, 3)), keras.Input((4, 2))
        enc, h, c = layers.LSTM(5, return_sequences=True, return_state=True)(enc_in)
        dec = layers.LSTM(5, return_sequences=True)(dec_in, initial_state=[h, c])
        scores = layers.Dot(axes=[2, 2], name="scores")([dec, enc])
        weights = layers.Activation("softmax")(scores)
        context = layers.Dot(axes=[2, 1], name="context")([weights, enc])
        out = layers.TimeDistributed(layers.Dense(3))(layers.Concatenate()([context, dec]))
        cosine = layers.Dot(axes=-1, normalize=True, name="cosine")([dec, context])
        last = layers.Dot(axes=1, name="rank2")([h, c])
        model = keras.Model([enc_in, dec_in], [out, cosine, last])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 3), normal_inputs(ctx, 3, 4, 2)], fmt,
                    "functional Luong attention written with Dot layers: encoder LSTM(5, seq, state), decoder LSTM(5, seq) "
                    "from its states, Dot(axes=[2, 2]) scores -> softmax -> Dot(axes=[2, 1]) context -> Concatenate -> "
                    "TimeDistributed(Dense(3)); also Dot(axes=-1, normalize=True) of decoder and context (cosine, "
                    "(batch, 4, 4)) and Dot(axes=1) of the two final states (batch, 1).",
                    covers=["dot", "dot_normalize", "luong_attention"])

    R("dot_luong_attention_func_keras", luong_dot_attention, fmt="keras")
    R("dot_luong_attention_func_h5", luong_dot_attention, fmt="h5")

    def rnn_cells(ctx, fmt):
        inp = keras.Input((6, 3))
        x = layers.Masking()(inp)
        seq = layers.RNN(layers.LSTMCell(5), return_sequences=True, name="rnn_lstm_cell")(x)
        back = layers.RNN(layers.GRUCell(4), go_backwards=True, name="rnn_gru_cell_backwards")(seq)
        stacked = layers.RNN([layers.GRUCell(4), layers.SimpleRNNCell(3)], return_state=True, name="rnn_stacked")(seq)
        bidi = layers.Bidirectional(layers.RNN(layers.LSTMCell(2)), name="bidi_rnn")(x)
        model = keras.Model(inp, [back, *stacked, bidi])
        randomize(model, ctx.rng)
        return Case(model, [padded_rows(ctx, 3, 6, 3, [6, 4, 2], "post")], fmt,
                    "functional Masking -> RNN(LSTMCell(5), seq) -> RNN(GRUCell(4), go_backwards) and RNN([GRUCell(4), "
                    "SimpleRNNCell(3)], return_state) (stacked cells: output and both states), and Bidirectional(RNN("
                    "LSTMCell(2))) on the masked input.",
                    covers=["rnn_cell", "rnn_stacked_cells", "masking", "bidirectional", "return_state", "go_backwards"])

    R("rnn_cells_masked_func_keras", rnn_cells, fmt="keras")

    def rnn_cells_sequential(ctx, fmt):
        model = chain_model("sequential", (6, 3), [
            layers.Masking(), layers.RNN(layers.SimpleRNNCell(4, activation="relu"), return_sequences=True),
            layers.RNN([layers.LSTMCell(3), layers.GRUCell(2, reset_after=False)])])
        randomize(model, ctx.rng)
        return Case(model, [padded_rows(ctx, 3, 6, 3, [6, 1, 3], "post")], fmt,
                    "sequential Masking -> RNN(SimpleRNNCell(4, relu), seq) -> RNN([LSTMCell(3), GRUCell(2, "
                    "reset_after=False)]) (stacked cells).",
                    covers=["rnn_cell", "rnn_stacked_cells", "masking"])

    R("rnn_cells_masked_seq_h5", rnn_cells_sequential, fmt="h5")

    def normalization_adapted(ctx, fmt):
        raw = (ctx.rng.standard_normal((40, 6, 3)) * [1.0, 4.0, 0.2] + [5.0, -2.0, 0.5]).astype(np.float32)
        norm = layers.Normalization(name="norm")
        model = chain_model("sequential", (6, 3), [layers.Masking(), norm, layers.Identity(), layers.LSTM(4),
                                                   layers.Dense(2)])
        randomize(model, ctx.rng, per_layer={"norm": {"bias": 0.0}})
        norm.adapt(raw)
        x = raw[:4].copy()
        x[1, 4:] = 0.0
        x[2, :2] = 0.0
        return Case(model, [x], fmt,
                    "sequential Masking -> Normalization adapted on data of means (5, -2, 0.5) and deviations (1, 4, 0.2) ->"
                    " Identity -> LSTM(4) -> Dense(2): the mask passes through the normalization and the identity (padded"
                    " steps normalized but skipped).",
                    covers=["normalization", "normalization_adapted", "identity", "mask_passthrough"])

    R("normalization_adapted_masked_seq_keras", normalization_adapted, fmt="keras")
    R("normalization_adapted_masked_seq_h5", normalization_adapted, fmt="h5")

    def normalization_configured(ctx, fmt):
        inp = keras.Input((5, 3))
        heads = [layers.Normalization(axis=(1, 2), mean=[[1.0, -1.0, 0.5]], variance=[[4.0, 0.5, 0.25]],
                                      name="both_axes"),
                 layers.Normalization(axis=None, mean=2.0, variance=3.0, name="scalar"),
                 layers.Normalization(axis=-1, mean=[0.5, 1.0, -1.0], variance=[2.0, 0.5, 1.0], invert=True,
                                      name="inverted")]
        model = heads_model(inp, inp, heads)
        return Case(model, [normal_inputs(ctx, 3, 5, 3)], fmt,
                    "functional heads Normalization with mean and variance in the config: axis (1, 2) with a mean of "
                    "and variance of shape (1, 3) broadcast over the 5 steps, axis None with "
                    "scalars, axis -1 with invert=True.",
                    covers=["normalization", "normalization_config", "normalization_invert"])

    R("normalization_configured_func_keras", normalization_configured, fmt="keras")

    # ------------------------------------------------------------------ Flatten, Reshape, RepeatVector, Permute

    def reshape_chain(ctx, fmt, api):
        model = chain_model(api, (6, 4), [
            layers.Flatten(),
            layers.Dense(12),
            layers.Reshape((4, -1)),
            layers.Permute((2, 1)),
            layers.LSTM(5),
            layers.RepeatVector(3),
            layers.LSTM(4, return_sequences=True),
            layers.Reshape((-1,)),
            layers.Dense(2),
        ])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 4)], fmt,
                    f"{api} Flatten -> Dense(12) -> Reshape((4, -1)) -> Permute((2, 1)) -> LSTM(5) -> RepeatVector(3) "
                    "-> LSTM(4, return_sequences) -> Reshape((-1,)) -> Dense(2).")

    R("reshape_chain_seq_h5", reshape_chain, fmt="h5", api="sequential")

    def reshape_heads(ctx, fmt):
        inp = keras.Input((4, 3, 2))
        heads = [layers.Permute((3, 1, 2)), layers.Permute((2, 3, 1)), layers.Flatten(),
                 layers.Flatten(data_format="channels_first"), layers.Reshape((2, -1, 3)), layers.Reshape((36,)),
                 layers.Reshape((6, 6))]
        d = layers.Dense(3)(inp)
        model = heads_model(inp, d, heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 4, 3, 2)], fmt,
                    "functional Dense(3) on a (4, 3, 2) input, heads Permute((3, 1, 2)), Permute((2, 3, 1)), Flatten, "
                    "Flatten(channels_first) (moves axis 1 last before flattening), Reshape((2, -1, 3)), Reshape((36,)), "
                    "Reshape((6, 6)).", covers=["flatten_channels_first", "permute_rank4"])

    R("reshape_heads_rank4_func_h5", reshape_heads, fmt="h5")

    # ------------------------------------------------------------------ merging

    def merge_heads(ctx, fmt):
        a, b, c = keras.Input((5, 3)), keras.Input((5, 3)), keras.Input((5, 3))
        v, w = keras.Input((3,)), keras.Input((1, 3))
        da, db, dc = layers.Dense(3)(a), layers.Dense(3)(b), layers.Dense(3)(c)
        outs = [
            layers.Add()([da, db, dc]),
            layers.Subtract()([da, db]),
            layers.Multiply()([da, db, dc]),
            layers.Average()([da, db, dc]),
            layers.Maximum()([da, db, dc]),
            layers.Minimum()([da, db]),
            layers.Concatenate()([da, db]),
            layers.Concatenate(axis=1)([da, db, dc]),
            layers.Concatenate(axis=-2)([da, b]),
            layers.Add()([da, v]),          # rank 2 gets an axis after the batch: (batch, 1, 3)
            layers.Multiply()([db, w]),     # (batch, 1, 3) broadcasts over the steps
            layers.Maximum()([v, w, dc]),
            layers.Average()([da]),
        ]
        model = keras.Model([a, b, c, v, w], outs)
        randomize(model, ctx.rng)
        ins = [normal_inputs(ctx, 3, 5, 3) for _ in range(3)] + [normal_inputs(ctx, 3, 3), normal_inputs(ctx, 3, 1, 3)]
        return Case(model, ins, fmt,
                    "functional, inputs a, b, c (5, 3), v (3,), w (1, 3); Dense(3) on a, b, c; heads Add(a,b,c), "
                    "Subtract(a,b), Multiply(a,b,c), Average(a,b,c), Maximum(a,b,c), Minimum(a,b), Concatenate(a,b), "
                    "Concatenate(axis=1)(a,b,c), Concatenate(axis=-2)(a, raw b), Add(a, v) (v expanded to (1, 3)), "
                    "Multiply(b, w) (broadcast), Maximum(v, w, c), Average(a).",
                    covers=["merge_broadcast", "merge_rank_expansion", "concat_axis:1", "concat_axis:-1"])

    R("merge_heads_func_h5", merge_heads, fmt="h5")

    def merge_masked(ctx, fmt):
        a, b, c = keras.Input((6, 3)), keras.Input((6, 3)), keras.Input((6, 3))
        ma = layers.Masking()(a)   # post-padded
        mb = layers.Masking()(b)   # pre-padded
        mc = layers.Masking()(c)
        outs = []
        for cls in (layers.Add, layers.Subtract, layers.Multiply, layers.Average, layers.Maximum, layers.Minimum):
            m = cls()([ma, mb])
            outs.append(m)
            if cls in (layers.Add, layers.Maximum):
                # the output mask (OR of the two) shows through a Maximum with the unmasked c: where it is
                # 0, Maximum outputs c
                outs.append(layers.Maximum()([m, c]))
        for cls in (layers.Maximum, layers.Minimum, layers.Multiply, layers.Add):
            m = cls()([c, mb])     # only the second input has a mask: no output mask
            outs.append(m)
            if cls is layers.Add:
                outs.append(layers.Minimum()([m, mc]))
        m3 = layers.Maximum()([ma, mb, mc])
        m4 = layers.Multiply()([ma, c, mb])
        m5 = layers.Minimum()([mb, ma])
        outs += [m3, m4, m5, layers.Multiply()([m3, c])]
        model = keras.Model([a, b, c], outs)
        xa = padded_rows(ctx, 3, 6, 3, [6, 4, 2], "post")
        xb = padded_rows(ctx, 3, 6, 3, [3, 6, 1], "pre")
        xc = padded_rows(ctx, 3, 6, 3, [6, 5, 4], "post")
        return Case(model, [xa, xb, xc], fmt,
                    "functional, Masking on a (post-padded), b (pre-padded) and c (post-padded, also used unmasked): "
                    "Add, Subtract, Multiply, Average, Maximum, Minimum of (a, b), each output, Add and Maximum also probed by "
                    "Maximum(merge, c unmasked) (the merge's mask is the OR of the input masks; Maximum outputs c where "
                    "it is 0); Maximum, Minimum, Multiply, Add of (c unmasked, b) (no output mask; Maximum, Minimum and "
                    "Multiply still use b's mask for their values), Add probed by Minimum(merge, c masked); Maximum of "
                    "three masked; Multiply(a, c unmasked, b); Minimum(b, a); Multiply(Maximum of three, c).",
                    covers=["merge_masked", "merge_mask_or", "merge_partial_masks", "mask_probe_maximum"])

    R("merge_masked_func_h5", merge_masked, fmt="h5")

    def merge_masked_broadcast(ctx, fmt):
        a, v, w, u, c = (keras.Input((6, 3)), keras.Input((1, 3)), keras.Input((1, 3)), keras.Input((6, 1)),
                         keras.Input((6, 3)))
        ma, mv = layers.Masking()(a), layers.Masking()(v)
        add = layers.Add()([ma, mv])
        outs = [layers.Multiply()([ma, w]), layers.Multiply()([w, ma]), layers.Maximum()([ma, w]),
                layers.Minimum()([w, ma]), layers.Maximum()([ma, mv]), layers.Multiply()([ma, mv]),
                layers.Minimum()([ma, mv, w]), layers.Maximum()([ma, u]), layers.Multiply()([u, ma]),
                layers.Maximum()([add, c])]
        model = keras.Model([a, v, w, u, c], outs)
        xv = normal_inputs(ctx, 3, 1, 3)
        xv[1] = 0.0   # sample 1's v is masked
        return Case(model, [padded_rows(ctx, 3, 6, 3, [6, 4, 2], "post"), xv, normal_inputs(ctx, 3, 1, 3),
                            normal_inputs(ctx, 3, 6, 1), normal_inputs(ctx, 3, 6, 3)], fmt,
                    "functional: Masking on a (3, 6, 3) post-padded and on v (3, 1, 3) (sample 1 all zero, so masked) "
                    "merged with broadcasting: Multiply(a, w), Multiply(w, a), Maximum(a, w), Minimum(w, a) with w "
                    "(3, 1, 3) unmasked; Maximum(a, v), Multiply(a, v) (masks (3, 6) and (3, 1) broadcast); "
                    "Minimum(a, v, w); Maximum(a, u), Multiply(u, a) with u (3, 6, 1) unmasked; Add(a, v) probed by "
                    "Maximum(add, c) (its mask is the broadcast OR of both masks).",
                    covers=["merge_masked", "merge_masked_broadcast", "mask_probe_maximum"])

    R("merge_masked_broadcast_func_keras", merge_masked_broadcast, fmt="keras")

    def concat_masked(ctx, fmt):
        a, b, c = keras.Input((5, 3)), keras.Input((4, 3)), keras.Input((5, 2))
        p9, p14, p5 = keras.Input((9, 3)), keras.Input((14, 3)), keras.Input((5, 5))
        ma, mb, mc = layers.Masking()(a), layers.Masking()(b), layers.Masking()(c)
        outs = []
        for m, probe in ((layers.Concatenate(axis=1)([ma, mb]), p9),      # masks joined along time
                         (layers.Concatenate(axis=1)([ma, b]), p9),       # b counts as all valid
                         (layers.Concatenate(axis=-2)([a, mb, ma]), p14),
                         (layers.Concatenate()([ma, mc]), p5),            # OR of the masks
                         (layers.Concatenate()([ma, c]), p5),             # c unmasked: every step valid
                         (layers.Concatenate(axis=2)([c, ma]), p5)):
            outs += [m, layers.Maximum()([m, probe])]
        model = keras.Model([a, b, c, p9, p14, p5], outs)
        xa = padded_rows(ctx, 3, 5, 3, [5, 2, 3], "post")
        xb = padded_rows(ctx, 3, 4, 3, [1, 4, 2], "pre")
        xc = padded_rows(ctx, 3, 5, 2, [3, 5, 1], "post")
        probes = [normal_inputs(ctx, 3, 9, 3), normal_inputs(ctx, 3, 14, 3), normal_inputs(ctx, 3, 5, 5)]
        return Case(model, [xa, xb, xc] + probes, fmt,
                    "functional Concatenate with masks, each output and probed by Maximum(concat, unmasked input): "
                    "axis=1 of two masked (masks joined along time), axis=1 of masked and unmasked (unmasked counts as "
                    "valid), axis=-2 of unmasked, masked, masked; axis=-1 of two masked (OR), axis=-1 and axis=2 of "
                    "masked and unmasked (all valid).",
                    covers=["concat_masked_time", "concat_masked_features", "mask_probe_maximum"])

    R("merge_concat_masked_func_h5", concat_masked, fmt="h5")

    # ------------------------------------------------------------------ normalization

    def bn_chain(ctx, fmt, api):
        model = chain_model(api, (5, 4), [
            layers.BatchNormalization(),
            layers.Dense(6),
            layers.BatchNormalization(center=False),
            layers.LSTM(5),
            layers.BatchNormalization(scale=False, epsilon=0.01),
            layers.Dense(4),
            layers.BatchNormalization(center=False, scale=False),
        ])
        randomize(model, ctx.rng)
        bn_stats(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 4)], fmt,
                    f"{api} BatchNormalization -> Dense(6) -> BatchNormalization(center=False) -> LSTM(5) -> "
                    "BatchNormalization(scale=False, epsilon=0.01) -> Dense(4) -> BatchNormalization(center=False, "
                    "scale=False); random gamma, beta, moving mean and positive moving variance.",
                    covers=["bn_center", "bn_scale", "bn_no_center", "bn_no_scale", "bn_3d", "bn_2d"])

    R("bn_chain_seq_h5", bn_chain, fmt="h5", api="sequential")

    def bn_axes(ctx, fmt):
        inp = keras.Input((5, 4, 3))
        heads = [layers.BatchNormalization(axis=1), layers.BatchNormalization(axis=2),
                 layers.BatchNormalization(axis=-1, epsilon=0.1), layers.BatchNormalization(renorm=True),
                 layers.BatchNormalization(axis=-3, center=False)]
        model = heads_model(inp, inp, heads)
        randomize(model, ctx.rng)
        bn_stats(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 5, 4, 3)], fmt,
                    "functional on a (5, 4, 3) input, heads BatchNormalization(axis=1), (axis=2), (axis=-1, "
                    "epsilon=0.1), (renorm=True: extra renorm weights, unused at inference), (axis=-3, center=False).",
                    covers=["bn_axis", "bn_renorm", "bn_4d"])

    R("bn_axes_func_keras", bn_axes, fmt="keras")

    def ln_chain(ctx, fmt, api):
        # Keras 3.15.1 cannot reload a LayerNormalization over several axes from a legacy .h5 file
        # ("Weight expects shape (5,)"), so the .h5 variant normalizes over axis 1 alone.
        second = [1, 2] if fmt == "keras" else 1
        model = chain_model(api, (6, 4), [
            layers.LayerNormalization(),
            layers.LSTM(5, return_sequences=True),
            layers.LayerNormalization(axis=second),
            layers.LayerNormalization(center=False),
            layers.Dense(3),
            layers.LayerNormalization(scale=False, epsilon=1e-5),
        ])
        randomize(model, ctx.rng)
        x = normal_inputs(ctx, 3, 6, 4) * 3 + 1
        return Case(model, [x], fmt,
                    f"{api} LayerNormalization -> LSTM(5, seq) -> LayerNormalization(axis={second}) -> "
                    "LayerNormalization(center=False) -> Dense(3) -> LayerNormalization(scale=False, epsilon=1e-5).",
                    covers=["ln_axis_last", "ln_axes_multi" if fmt == "keras" else "ln_axis", "ln_no_center",
                            "ln_no_scale"])

    R("ln_chain_seq_keras", ln_chain, fmt="keras", api="sequential")

    def ln_heads(ctx, fmt):
        inp = keras.Input((5, 4, 3))
        heads = [layers.LayerNormalization(axis=1), layers.LayerNormalization(axis=2, epsilon=0.1),
                 layers.LayerNormalization(axis=[1, 3]), layers.LayerNormalization(axis=[-1, 1]),
                 layers.LayerNormalization(rms_scaling=True), layers.LayerNormalization(axis=[2, 3], rms_scaling=True),
                 layers.LayerNormalization(center=False, scale=False)]
        model = heads_model(inp, inp, heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 5, 4, 3) * 2 - 0.5], fmt,
                    "functional on a (5, 4, 3) input, heads LayerNormalization(axis=1), (axis=2, epsilon=0.1), "
                    "(axis=[1, 3]), (axis=[-1, 1]: gamma shaped (3, 5) in that order and reshaped, as Keras does, to "
                    "(5, 3)), (rms_scaling=True: x / sqrt(var + eps) * gamma, no beta), (axis=[2, 3], rms_scaling=True),"
                    " (center=False, scale=False).",
                    covers=["ln_axis", "ln_axes_mixed_sign", "ln_rms_scaling", "ln_no_weights"])

    R("ln_heads_func_keras", ln_heads, fmt="keras")

    def ln_single_value(ctx, fmt):
        # Found by differential fuzzing: over axes holding one value, TensorFlow's graph optimizer folds Keras'
        # x*inv + (beta - mean*inv) into (x - mean)*inv + beta, which is beta; eager Keras rounds x*inv.
        inp = keras.Input((1, 6, 1))
        heads = [layers.LayerNormalization(), layers.LayerNormalization(axis=1, scale=False, epsilon=1e-5),
                 layers.LayerNormalization(axis=[1, 3]), layers.LayerNormalization(axis=2)]
        group = layers.GroupNormalization(groups=-1)(layers.Reshape((6,))(inp))
        outs = [h(inp) for h in heads] + [layers.Reshape((1, 6, 1))(group)]
        model = keras.Model(inp, layers.Concatenate()(outs))
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 1, 6, 1) * 1000 + 200], fmt,
                    "functional on a (1, 6, 1) input of magnitude 1000, heads LayerNormalization() (the last axis, one "
                    "value), (axis=1, scale=False, epsilon=1e-5), (axis=[1, 3]), all over one value, (axis=2) over six, "
                    "and GroupNormalization(groups=-1) of a Reshape((6,)): one value per group, concatenated. Where the "
                    "normalized group holds one value, Keras' TensorFlow graph gives beta (its optimizer folds x*inv - "
                    "mean*inv into (x - mean)*inv).",
                    covers=["ln_single_value", "gn_single_value"])

    R("ln_single_value_func_keras", ln_single_value, fmt="keras")

    # ------------------------------------------------------------------ activation layers

    def act_heads(ctx, fmt):
        inp = keras.Input((6, 4))
        heads = [layers.ReLU(), layers.ReLU(max_value=1.0), layers.ReLU(max_value=6.0),
                 layers.ReLU(negative_slope=0.1), layers.ReLU(threshold=0.5),
                 layers.ReLU(negative_slope=0.2, threshold=0.3),
                 layers.ReLU(max_value=1.5, negative_slope=0.1, threshold=0.2),
                 layers.ReLU(max_value=2.0, negative_slope=0.05),
                 layers.LeakyReLU(), layers.LeakyReLU(negative_slope=0.05),
                 layers.ELU(), layers.ELU(alpha=0.5),
                 layers.PReLU(), layers.PReLU(shared_axes=[1]), layers.PReLU(shared_axes=[1, 2])]
        x = layers.Dense(4)(inp)
        model = heads_model(inp, x, heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 4) * 3], fmt,
                    "functional Dense(4) then heads ReLU(), ReLU(max_value=1), ReLU(max_value=6), ReLU(negative_slope="
                    "0.1), ReLU(threshold=0.5), ReLU(negative_slope=0.2, threshold=0.3), ReLU(max_value=1.5, "
                    "negative_slope=0.1, threshold=0.2), ReLU(max_value=2, negative_slope=0.05), LeakyReLU() (0.3), "
                    "LeakyReLU(0.05), ELU(), ELU(0.5), PReLU(), PReLU(shared_axes=[1]), PReLU(shared_axes=[1, 2]); "
                    "random PReLU alphas.",
                    covers=["relu_max_value", "relu_negative_slope", "relu_threshold", "leaky_relu_default",
                            "elu_alpha", "prelu_shared_axes"])

    R("act_heads_func_keras", act_heads, fmt="keras")

    def nonfinite_activations(ctx):
        names = ["linear", "relu", "relu6", "leaky_relu", "elu", "selu", "celu", "softplus", "softsign", "silu", "gelu",
                 "tanh", "sigmoid", "log_sigmoid", "exponential", "hard_sigmoid", "hard_silu", "hard_tanh", "hard_shrink",
                 "soft_shrink", "tanh_shrink", "sparse_plus", "sparse_sigmoid", "squareplus", "mish",
                 "log_softmax", "sparsemax", "glu"]
        # not softmax: TensorFlow's CPU kernel (oneDNN here) gives [nan, 0, 0, ...] for a row with a NaN or an
        # infinity, which no formula of softmax gives; keras4j gives NaN for the whole row
        inp = keras.Input((8,))
        heads = [layers.Activation(a, name=f"act_{a}") for a in names]
        heads += [layers.ReLU(max_value=6.0), layers.ReLU(negative_slope=0.1, threshold=0.5), layers.LeakyReLU(),
                  layers.ELU(), layers.PReLU()]
        model = heads_model(inp, inp, heads)
        randomize(model, ctx.rng)
        inf, nan = np.inf, np.nan
        x = np.array([[nan, 1, -1, 0.5, 2, -2, 0.25, 3], [inf, -inf, 1, -1, 0, 0.5, -0.5, 2],
                      [0.3, -0.7, 1.2, -1.5, 2.5, -2.5, 0.1, -0.1]], dtype=np.float32)
        return Case(model, [x], "keras",
                    f"functional, one input of 8 values, a head for each activation ({', '.join(names)}) and for "
                    "ReLU(max_value=6), ReLU(negative_slope=0.1, threshold=0.5), LeakyReLU(), ELU(), PReLU(); rows with "
                    "a NaN, with +inf and -inf, and finite: what each function gives for NaN and infinities.",
                    covers=["nan_input", "inf_input", "activations_all"], nonfinite=True)

    R("nonfinite_activations_func_keras", nonfinite_activations)

    def ops_signed_zero_nan(ctx):
        inp = keras.Input((6,))
        model = keras.Model(inp, [ops.cast(ops.argmax(inp, axis=-1), "float32"), ops.cast(ops.argmin(inp, axis=-1),
                                                                                            "float32"),
                                  ops.reciprocal(-inp), ops.clip(inp, -1.0, 1.0)])
        nan = np.nan
        x = np.array([[-0.0, 0.0, -1, -2, -0.0, -3], [nan, 1, 3, 2, 3, -1], [0.0, -0.0, 1, 2, nan, 2],
                      [nan, nan, nan, nan, nan, nan]], dtype=np.float32)
        return Case(model, [x], "keras",
                    "functional Keras 3 operations on rows holding -0.0 and NaN: argmax and argmin (Keras' TensorFlow "
                    "backend puts -0.0 below +0.0, and tf.argmax never picks a NaN over a number), reciprocal of the "
                    "negation (1 / -x: -inf at +0.0, +inf at -0.0), clip of NaN.",
                    covers=["operations", "nan_input"], nonfinite=True)

    R("ops_signed_zero_nan_func_keras", ops_signed_zero_nan)

    def ops_nonfinite_math(ctx):
        inp = keras.Input((6,))
        truth = [ops.isnan(inp), ops.isinf(inp), ops.isfinite(inp), ops.logical_and(inp, 1.0), ops.logical_not(inp),
                 ops.not_equal(inp, inp)]
        model = keras.Model(inp, [ops.sign(inp), ops.trunc(inp), ops.mod(inp, 0.0), ops.mod(inp, 2.0),
                                  ops.floor_divide(inp, 0.0), ops.floor_divide(inp, -2.0), ops.log1p(inp),
                                  ops.arctanh(inp), ops.rsqrt(inp), ops.exp2(inp), ops.zeros_like(inp),
                                  ops.full_like(inp, -2.0), ops.squareplus(inp * 3e19, 2.0), ops.tanh_shrink(inp * 1e-7),
                                  ops.log10(ops.abs(inp) * 1e30), ops.log2(ops.abs(inp) * 1e30)]
                            + [ops.cast(ops.cast(v, t), "float32") for v, t in [(inp, "int32"), (100.0 * inp, "int8"),
                                                                               (inp, "bool"), (inp * 1e10, "int64")]]
                            + [ops.cast(v, "float32") for v in truth]
                            + [ops.cast(ops.count_nonzero(inp, axis=-1), "float32"), ops.nan_to_num(inp),
                               ops.nan_to_num(inp, nan=-1.0, posinf=9.0, neginf=-9.0), ops.logaddexp(inp, 0.5 * inp)])
        nan, inf = np.nan, np.inf
        x = np.array([[-0.0, 0.0, -1, -2.5, 3.5, -3], [nan, 1, inf, -inf, 3, -1], [0.5, -0.5, 1, 2, nan, -inf],
                      [nan, nan, -0.0, inf, 7, -7]], dtype=np.float32)
        return Case(model, [x], "keras",
                    "functional Keras 3 operations on rows holding -0.0, NaN and infinities: sign, trunc, mod and "
                    "floor_divide by 0 and by numbers, log1p, arctanh and rsqrt out of their domains, exp2 (here because "
                    "generate.py's float64 cross-check, which ops_math_func_keras runs, fails on Keras' float64 exp2), zeros_like and full_like (the value whatever x holds), squareplus and "
                    "tanh_shrink in float32 (x² overflowing, x - tanh(x) rounding to 0), log10 and log2 as float32 "
                    "quotients of logarithms, casts to int32, int8 (of 100x), bool and int64 (of 1e10 x), isnan, isinf, "
                    "isfinite, logical_and and logical_not (NaN is true), not_equal(x, x), count_nonzero, nan_to_num with its "
                    "defaults and with values, logaddexp (inf - inf: the sum).",
                    covers=["operations", "nan_input"], nonfinite=True)

    R("ops_nonfinite_math_func_keras", ops_nonfinite_math)

    def ops_sort_nonfinite(ctx):
        inp = keras.Input((6,))
        values, positions = ops.top_k(inp, 3)
        model = keras.Model(inp, [ops.sort(inp), ops.cast(ops.argsort(inp), "float32"), values,
                                  ops.cast(positions, "float32")])
        inf = np.inf
        x = np.array([[-0.0, 0.0, -1, 2, -0.0, -3], [inf, 1, inf, -inf, 3, -1], [0.5, -inf, 1, 0.0, -2, -inf],
                      [inf, -inf, -0.0, inf, 0.0, -inf]], dtype=np.float32)
        return Case(model, [x], "keras",
                    "functional Keras 3 sort, argsort and top_k(3) on rows holding -0.0 and infinities (equal to "
                    "+0.0 and to each other: they keep their order). Rows holding NaN are left out: TensorFlow's order "
                    "then depends on its algorithm (a row [0.5, nan, 1, nan, -2, -inf] sorts to [-inf, -2, 0.5, nan, 1, "
                    "nan]).",
                    covers=["operations", "nan_input"], nonfinite=True)

    R("ops_sort_nonfinite_func_keras", ops_sort_nonfinite)

    def float64_policy(ctx, fmt):
        inp = keras.Input((6, 4), dtype="float64")
        x = layers.LSTM(8, return_sequences=True, dtype="float64")(inp)
        x = layers.GRU(6, dtype="float64")(x)
        model = keras.Model(inp, layers.Dense(3, dtype="float64")(x))
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 4)], fmt,
                    "functional, every layer with dtype float64 (Input, LSTM(8, return_sequences), GRU(6), Dense(3)):"
                    " Keras computes in float64, keras4j in float32; the outputs are Keras' rounded to float32",
                    covers=["dtype_float64"])

    R("float64_policy_func_keras", float64_policy, fmt="keras")
    R("float64_policy_func_h5", float64_policy, fmt="h5")

    def unroll_masked(ctx):
        inp = keras.Input((6, 3))
        x = layers.Masking()(inp)
        heads = [layers.LSTM(3, return_sequences=True, go_backwards=True, unroll=True),
                 layers.GRU(3, go_backwards=True, unroll=True),
                 layers.SimpleRNN(3, return_sequences=True, zero_output_for_mask=True, unroll=True),
                 layers.Bidirectional(layers.LSTM(2, unroll=True))]
        model = keras.Model(inp, [h(x) for h in heads])
        randomize(model, ctx.rng)
        return Case(model, [padded_rows(ctx, 4, 6, 3, [6, 4, 2, 5], "post")], "keras",
                    "functional Masking on 6 steps (lengths 6, 4, 2, 5), heads with unroll=True where Keras' unrolled loop"
                    " gives the loop's results: LSTM(3, return_sequences, go_backwards), GRU(3, go_backwards), "
                    "SimpleRNN(3, return_sequences, zero_output_for_mask), Bidirectional(LSTM(2)) (keras4j refuses "
                    "go_backwards with return_sequences and zero_output_for_mask, where it does not).",
                    covers=["unroll", "masked"])

    R("unroll_masked_heads_func_keras", unroll_masked)

    def backward_use_bias(ctx, fmt):
        inp = keras.Input((5, 3))
        heads = [layers.Bidirectional(layers.SimpleRNN(2, use_bias=False, return_sequences=True),
                                      backward_layer=layers.SimpleRNN(2, go_backwards=True, return_sequences=True)),
                 layers.Bidirectional(layers.LSTM(3, return_state=True),
                                      backward_layer=layers.LSTM(3, use_bias=False, go_backwards=True, return_state=True)),
                 layers.Bidirectional(layers.GRU(2), backward_layer=layers.GRU(2, use_bias=False, go_backwards=True),
                                      merge_mode="sum")]
        model = heads_model(inp, inp, heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 3)], fmt,
                    "functional, Bidirectional layers whose backward_layer differs in use_bias: SimpleRNN(2, seq) without"
                    " bias / with; LSTM(3, return_state) with / without (outputs, then both directions' h and c); GRU(2) "
                    "with / without, merge sum.",
                    covers=["bidirectional_backward_layer", "backward_use_bias"])

    R("backward_layer_use_bias_func_keras", backward_use_bias, fmt="keras")
    R("backward_layer_use_bias_func_h5", backward_use_bias, fmt="h5")

    def backward_other_class(ctx, fmt):
        inp = keras.Input((6, 3))
        x = layers.Masking()(inp)
        heads = [layers.Bidirectional(layers.GRU(3, return_sequences=True),
                                      backward_layer=layers.LSTM(3, go_backwards=True, return_sequences=True)),
                 layers.Bidirectional(layers.GRU(2, return_state=True, use_bias=False),
                                      backward_layer=layers.SimpleRNN(4, go_backwards=True, return_state=True),
                                      merge_mode=None),
                 layers.Bidirectional(layers.SimpleRNN(2), backward_layer=layers.GRU(2, reset_after=False,
                                                                                     go_backwards=True),
                                      merge_mode="ave")]
        model = heads_model(inp, x, heads)
        randomize(model, ctx.rng)
        return Case(model, [padded_rows(ctx, 4, 6, 3, [6, 4, 1, 3], "post")], fmt,
                    "functional Masking -> Bidirectional layers whose backward_layer is of another class: GRU(3, seq) "
                    "forward, LSTM(3, seq) backward; GRU(2, return_state, no bias) / SimpleRNN(4, return_state), "
                    "merge None (two outputs, then each direction's h; Keras fails to run an LSTM with another class "
                    "there, whose states differ in number); SimpleRNN(2) / GRU(2, reset_after="
                    "False), merge ave; post-padded." + (" Keras 3.15.1 cannot reload this .h5 (mask operation "
                                                          "nodes): outputs from the same model saved as .keras."
                                                          if fmt == "h5" else ""),
                    covers=["bidirectional_backward_layer", "backward_other_class"],
                    reload_from="keras" if fmt == "h5" else None)

    R("backward_layer_other_class_func_keras", backward_other_class, fmt="keras")
    R("backward_layer_other_class_func_h5", backward_other_class, fmt="h5")

    def softmax_heads(ctx, fmt):
        inp = keras.Input((4, 5))
        x = layers.Dense(5)(inp)
        heads = [layers.Softmax(), layers.Softmax(axis=1), layers.Softmax(axis=[1, 2]), layers.Softmax(axis=(-1,)),
                 layers.Softmax(axis=-2)]
        model = heads_model(inp, x, heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 4, 5) * 2], fmt,
                    "functional Dense(5) on (4, 5), heads Softmax(), Softmax(axis=1), Softmax(axis=[1, 2]) (over both "
                    "axes at once), Softmax(axis=(-1,)), Softmax(axis=-2).",
                    covers=["softmax_axis", "softmax_multi_axis"])

    R("softmax_heads_func_keras", softmax_heads, fmt="keras")

    def softmax_masked(ctx):
        model = chain_model("sequential", (4, 4), [layers.Masking(), layers.Softmax(),
                                                   layers.LSTM(3, return_sequences=True)])
        randomize(model, ctx.rng)
        x = padded_rows(ctx, 4, 4, 4, [4, 2, 3, 1], "post")
        return Case(model, [x], "h5",
                    "sequential Masking -> Softmax -> LSTM(3, seq), batch 4 x 4 steps x 4 features. Keras 3's Softmax "
                    "applies the (batch, steps) mask broadcast against (batch, steps, features) aligned to the right, so "
                    "mask[s, f] masks feature f of step s in every sample (it runs only because batch = steps = "
                    "features here); the Softmax passes the mask on to the LSTM.",
                    covers=["softmax_masked_keras3_broadcast"])

    R("softmax_masked_seq_h5", softmax_masked)


def register_mask_kwarg_cases(g):
    """Functional models in which a mask reaches layers whose call() takes `mask` (LSTM, GRU,
    GlobalAveragePooling1D, Softmax, BatchNormalization). Keras 3.15.1 records the mask computation in
    such models as op nodes (module keras.src.ops.numpy: NotEqual, Any, LogicalOr, ExpandDims, ZerosLike,
    OnesLike, Concatenate) and passes the result as the `mask=` keyword of the consuming call; keras4j
    checks that such a chain is the mask Keras derives and derives it itself. Keras 3.15.1 cannot reload such a
    model from a legacy .h5 file ("Unknown layer: 'NotEqual'"): the one .h5 case takes its outputs from the same
    model saved as .keras (Case.reload_from)."""
    keras, layers, Case, R = g.keras, g.layers, g.Case, g.register
    randomize, normal_inputs = g.randomize, g.normal_inputs

    def padded(ctx, b, t, f, lengths, pad):
        x = normal_inputs(ctx, b, t, f)
        for i, n in enumerate(lengths):
            if pad == "post":
                x[i, n:, :] = 0
            else:
                x[i, :t - n, :] = 0
        return x

    def emb_lstm(ctx):
        inp = keras.Input((8,))
        e = layers.Embedding(13, 5, mask_zero=True)(inp)
        y = layers.LSTM(4, return_sequences=True)(e)
        model = keras.Model(inp, layers.Dense(2)(y))
        randomize(model, ctx.rng)
        x = ctx.rng.integers(1, 13, size=(3, 8)).astype(np.float32)
        x[0, 5:] = 0
        x[1, :6] = 0
        return Case(model, [x], "keras",
                    "functional Embedding(13, 5, mask_zero) -> LSTM(4, seq) -> Dense(2); the mask reaches the LSTM "
                    "through a recorded NotEqual op node and the mask= keyword.",
                    covers=["mask_kwarg_op_nodes"])

    def merges_rnn(ctx):
        a, b = keras.Input((6, 3)), keras.Input((6, 3))
        ma, mb = layers.Masking()(a), layers.Masking()(b)
        outs = [layers.GRU(3, return_sequences=True)(layers.Add()([ma, mb])),
                layers.LSTM(2, return_sequences=True)(layers.Concatenate(axis=1)([ma, mb])),
                layers.LSTM(2, return_sequences=True)(layers.Concatenate()([ma, b])),
                layers.GlobalAveragePooling1D()(layers.Maximum()([ma, mb]))]
        model = keras.Model([a, b], outs)
        randomize(model, ctx.rng)
        return Case(model, [padded(ctx, 3, 6, 3, [6, 4, 2], "post"), padded(ctx, 3, 6, 3, [2, 6, 3], "pre")], "keras",
                    "functional Masking on a and b: GRU(3, seq) on Add (mask OR), LSTM(2, seq) on Concatenate(axis=1) "
                    "(masks joined along time), LSTM(2, seq) on Concatenate(a, unmasked b) (all valid), "
                    "GlobalAveragePooling1D on Maximum; masks reach them through recorded op nodes.",
                    covers=["mask_kwarg_op_nodes"])

    def norm_softmax(ctx):
        inp = keras.Input((4, 4))
        m = layers.Masking()(inp)
        bn = layers.BatchNormalization()(m)
        s = layers.Softmax()(bn)
        y = layers.LSTM(3, return_sequences=True)(s)
        model = keras.Model(inp, [s, y])
        randomize(model, ctx.rng)
        lyr = model.layers[2]
        w = lyr.get_weights()
        w[3] = ctx.rng.uniform(0.2, 2.0, size=w[3].shape).astype(np.float32)
        lyr.set_weights(w)
        return Case(model, [padded(ctx, 4, 4, 4, [4, 1, 3, 2], "post")], "keras",
                    "functional Masking -> BatchNormalization -> Softmax (masked, Keras 3 broadcast) -> LSTM(3, seq); "
                    "the masks reach BatchNormalization, Softmax and LSTM through recorded op nodes.",
                    covers=["mask_kwarg_op_nodes"])

    def merges_rnn_h5(ctx):
        c = merges_rnn(ctx)
        c.fmt, c.reload_from = "h5", "keras"
        c.description += (" Saved as .h5, which Keras 3.15.1 writes without the operations' modules and cannot reload;"
                          " the outputs are those of the same model saved as .keras and reloaded.")
        return c

    R("maskkw_emb_lstm_func_keras", emb_lstm)
    R("maskkw_merges_rnn_func_keras", merges_rnn)
    R("maskkw_merges_rnn_func_h5", merges_rnn_h5)
    R("maskkw_bn_softmax_lstm_func_keras", norm_softmax)


def register_operation_cases(g):
    """Functional models calling Keras 3 operations that rearrange or pick values, work on images, pool and convolve
    (keras.ops.hstack, rot90, select, image.crop_images, max_pool, conv, ...), each model several operations."""
    keras, layers, Case, R = g.keras, g.layers, g.Case, g.register
    randomize, normal_inputs = g.randomize, g.normal_inputs
    ops = keras.ops
    def ops_rearrange(ctx):
        inp, img = keras.Input((4, 3)), keras.Input((3, 3, 2))
        x = layers.Dense(3)(inp)
        heads = [ops.hstack([inp, x]), ops.append(inp, x, axis=-1), ops.rot90(inp, axes=(1, 2)),
                 ops.rot90(img, k=2, axes=(2, 1)), ops.rot90(img, k=-1, axes=(1, 3)), ops.rot90(img, k=7, axes=(3, 2)),
                 ops.deg2rad(100.0 * inp), ops.rad2deg(inp), ops.broadcast_to(x[:, :, :1], (3, 4, 5)),
                 ops.broadcast_to(img[:, :1], (3, 3, 3, 2)),
                 ops.select([inp > 0.5, inp < -0.5, x > 0], [inp, 0.25, 2.0 * x], -1.0)]
        model = keras.Model([inp, img], heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 4, 3), normal_inputs(ctx, 3, 3, 3, 2)], "keras",
                    "functional Keras 3 operations that rearrange or pick values: hstack and append(axis=-1) of the "
                    "input and a Dense(3) of it, rot90 (k 1, 2 on a square plane, -1 and 7, over axes given in either order), deg2rad "
                    "(of 100x) and rad2deg (times float32 pi/180 and 180/pi, as Keras), broadcast_to a size-1 axis (the batch "
                    "axis 3, the generated batch), select of three conditions (tensors and a number as choices, a "
                    "number as default; the first true condition wins).",
                    covers=["operations"])

    R("ops_rearrange_func_keras", ops_rearrange)

    def ops_pool_conv(ctx):
        seq, img, vol = keras.Input((8, 3)), keras.Input((6, 7, 3)), keras.Input((4, 5, 6, 2))
        k = lambda *s: ctx.rng.normal(0, 0.5, size=s).astype(np.float32)
        heads = [ops.max_pool(seq, 2), ops.average_pool(seq, 3, 2, "same"), ops.max_pool(img, (2, 3), (1, 2), "same"),
                 ops.average_pool(img, 2, padding="same"), ops.max_pool(vol, 2, 1),
                 ops.average_pool(vol, (2, 1, 3), 2, "same"), ops.conv(seq, k(3, 3, 4), 1, "same"),
                 ops.conv(img, k(3, 3, 3, 4), (2, 1), "same"), ops.conv(img, k(2, 2, 3, 6), 1, dilation_rate=2),
                 ops.conv(vol, k(2, 2, 3, 2, 3), 1, "same"), ops.depthwise_conv(img, k(3, 3, 3, 2), 1, "same"),
                 ops.depthwise_conv(seq, k(3, 3, 1), 2), ops.depthwise_conv(img, k(2, 3, 3, 1), 2, "same", dilation_rate=2)]
        model = keras.Model([seq, img, vol], heads)
        return Case(model, [normal_inputs(ctx, 3, 8, 3), normal_inputs(ctx, 3, 6, 7, 3), normal_inputs(ctx, 3, 4, 5, 6, 2)],
                    "keras",
                    "functional Keras 3 pooling and convolution operations over 1, 2 and 3 spatial axes: max_pool and "
                    "average_pool (pool sizes, strides, padding valid and same), conv with numpy kernels (strides, same "
                    "padding, dilation 2, a 3-D kernel), depthwise_conv (multipliers 2 and 1, strides 2 "
                    "together with dilation 2).",
                    covers=["operations"], no_float64="the numpy kernels stay float32, which TensorFlow's float64 "
                    "depthwise convolution refuses; TensorFlow's MaxPool3D has no float64 kernel")

    R("ops_pool_conv_func_keras", ops_pool_conv)

    def ops_image_crop_pad(ctx):
        img, first = keras.Input((6, 7, 3)), keras.Input((3, 5, 4))
        image = ops.image
        heads = [image.crop_images(img, 1, 2, target_height=3, target_width=4),
                 image.crop_images(img, bottom_cropping=2, target_height=3, left_cropping=1, right_cropping=2),
                 image.pad_images(img, 1, 2, target_height=9, target_width=10),
                 image.pad_images(img, bottom_padding=2, target_height=8, left_padding=0, right_padding=3),
                 image.rgb_to_grayscale(img), image.rgb_to_grayscale(img[..., :1]),
                 image.rgb_to_grayscale(first, data_format="channels_first"),
                 image.crop_images(first, 1, 0, target_height=1, right_cropping=1, data_format="channels_first"),
                 image.pad_images(first, 0, 1, bottom_padding=1, right_padding=0, data_format="channels_first")]
        model = keras.Model([img, first], heads)
        return Case(model, [normal_inputs(ctx, 3, 6, 7, 3), normal_inputs(ctx, 3, 3, 5, 4)], "keras",
                    "functional Keras 3 image operations: crop_images and pad_images given counts, or a target size "
                    "and one count (the other derived from the image's size), channels last and first; rgb_to_grayscale "
                    "(0.2989 r + 0.5870 g + 0.1140 b in float32) of 3 channels, last and first, and of 1 channel (kept).",
                    covers=["operations"])

    R("ops_image_crop_pad_func_keras", ops_image_crop_pad)

    def ops_update_diagonal(ctx):
        inp, planes = keras.Input((5, 4)), keras.Input((2, 3, 3))
        x = layers.Dense(2)(inp)
        heads = [ops.slice_update(inp, (0, 1, 2), x[:, :3]), ops.slice_update(inp, (0, 4, -1), 2.0 * x[:, :2]),
                 ops.slice_update(inp, [5, 0, 0], 3.0 * inp[:, :1]), ops.erfinv(ops.tanh(inp)),
                 ops.erfinv(0.99 * ops.tanh(2.0 * inp)), ops.diagonal(planes, axis1=2, axis2=3),
                 ops.diagonal(planes, axis1=-1, axis2=2), ops.trace(planes, axis1=2, axis2=3),
                 ops.cast(ops.isclose(inp, ops.round(4.0 * inp) / 4.0, 0.05, 0.01), "float32"),
                 ops.cast(ops.isclose(x, ops.round(10.0 * x) / 10.0, 0.0, 0.03, equal_nan=True), "float32"),
                 ops.cast(ops.isclose(inp, 0.5, 0.5, 0.25), "float32"), ops.cumprod(1.0 + 0.5 * ops.tanh(inp), axis=1),
                 ops.cumprod(inp, axis=-1)]
        model = keras.Model([inp, planes], heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 4), normal_inputs(ctx, 3, 2, 3, 3)], "keras",
                    "functional Keras 3 operations: slice_update of a Dense(2)'s rows into the input from constant "
                    "starts (a start past the end or negative is clamped so the update fits, as XLA's "
                    "DynamicUpdateSlice: rows from 3 for a start of 4, column 0 for -1, the batch's start 5 is 0), "
                    "erfinv of tanh(x) and of 0.99 tanh(2x), diagonal and trace of square planes "
                    "(axes given in either order), isclose (to a rounded copy and to a number, rtol and atol given, equal_nan), cumprod over steps and over features.",
                    covers=["operations"])

    R("ops_update_diagonal_func_keras", ops_update_diagonal)

    def ops_quantile_diagonal(ctx):
        inp, planes = keras.Input((5, 4)), keras.Input((2, 3, 4))
        c = ctx.rng.normal(0, 0.5, size=(6, 3)).astype(np.float32)
        heads = [ops.median(inp, axis=1), ops.median(inp, axis=-1, keepdims=True), ops.quantile(inp, 0.3, axis=1),
                 ops.quantile(planes, 0.8, axis=-1, keepdims=True), ops.quantile(inp, 0.0, axis=2),
                 ops.quantile(planes, 0.9, axis=2), ops.quantile(inp, 1.0, axis=1), ops.ptp(inp, axis=1), ops.ptp(planes, axis=(2, 3), keepdims=True),
                 ops.diagonal(planes, offset=1, axis1=2, axis2=3), ops.diagonal(planes, offset=-1, axis1=3, axis2=2),
                 ops.diagonal(planes, offset=2, axis1=-2, axis2=-1), ops.trace(planes, offset=-1, axis1=2, axis2=3),
                 ops.trace(planes, offset=1, axis1=3, axis2=2), ops.matmul(c, planes), ops.matmul(c[0, :3], planes)]
        model = keras.Model([inp, planes], heads)
        return Case(model, [normal_inputs(ctx, 3, 5, 4), normal_inputs(ctx, 3, 2, 3, 4)], "keras",
                    "functional Keras 3 operations: median and quantile (linear) along one axis (q 0, 0.3, 0.8, 0.9 "
                    "and 1; keepdims), ptp over one and two "
                    "axes, diagonal and trace with offsets 1, -1 and 2 on non-square planes (axes in either order), and "
                    "a numpy matrix and vector times the input's last two axes (matmul with the constant on the left).",
                    covers=["operations"])

    R("ops_quantile_diagonal_func_keras", ops_quantile_diagonal)

    def ops_sequences_patches(ctx):
        sig, seq, vol = keras.Input((11,)), keras.Input((4, 9)), keras.Input((4, 5, 6, 2))
        heads = [ops.extract_sequences(sig, 4, 2), ops.extract_sequences(seq, 3, 3), ops.extract_sequences(seq, 9, 1),
                 ops.image.extract_patches(vol, (2, 2, 2)),
                 ops.image.extract_patches(vol, (2, 3, 2), strides=(1, 2, 3), padding="same"),
                 ops.image.extract_patches(vol, (3, 2, 2), strides=1, dilation_rate=(1, 2, 2)),
                 ops.fabs(seq), ops.real(seq), ops.conj(seq), ops.copy(seq), ops.fmod(seq, 0.3), ops.fmod(-seq, 0.3),
                 ops.fmod(seq, seq[:, :, ::-1]), ops.heaviside(seq, np.array([0.5], np.float32)), ops.heaviside(ops.round(seq), seq[:, ::-1]),
                 ops.logaddexp2(seq, 2.0 * seq[:, ::-1]), ops.saturate_cast(100.0 * seq, "int8"),
                 ops.saturate_cast(100.0 * seq, "uint8")]
        model = keras.Model([sig, seq, vol], heads)
        return Case(model, [normal_inputs(ctx, 3, 11), normal_inputs(ctx, 3, 4, 9), normal_inputs(ctx, 3, 4, 5, 6, 2)],
                    "keras",
                    "functional Keras 3 operations: extract_sequences (lengths 4, 3 and the whole axis, strides 2, 3 "
                    "and 1; a short remainder dropped), 3-D extract_patches (valid, same with strides, dilation), fabs, "
                    "real, conj and copy (the input), fmod by a number and by a tensor (the dividend's sign), heaviside "
                    "(x2 a number and a tensor, at 0 after round), logaddexp2, saturate_cast of 100x to int8 and uint8.",
                    covers=["operations"])

    R("ops_sequences_patches_func_keras", ops_sequences_patches)

    def ops_nonfinite_quantile_casts(ctx):
        inp = keras.Input((6,))
        heads = [ops.median(inp, axis=-1), ops.quantile(inp, 0.25, axis=-1), ops.ptp(inp, axis=-1),
                 ops.imag(inp), ops.fabs(inp), ops.fmod(inp, 0.0), ops.fmod(inp, 2.0), ops.fmod(2.0, inp),
                 ops.heaviside(inp, np.array([-1.0], np.float32)), ops.logaddexp2(inp, 0.5 * inp)]
        heads += [ops.cast(ops.saturate_cast(v, t), "float32") for v, t in [
            (inp * 1e10, "int32"), (inp * 100.0, "uint8"), (inp * 1e30, "int64"), (inp, "bool"), (inp, "float32"),
            (inp * 1e4, "int16")]]
        heads += [ops.cast(ops.isposinf(inp), "float32"), ops.cast(ops.isneginf(inp), "float32")]
        model = keras.Model(inp, heads)
        nan, inf = np.nan, np.inf
        x = np.array([[-0.0, 0.0, -1, -2.5, 3.5, -3], [nan, 1, inf, -inf, 3, -1], [0.5, -0.5, 1, 2, 0.25, -inf],
                      [4, inf, -0.0, inf, 7, -7], [300, -300, 1e-3, 1.5e38, -1e5, 2]], dtype=np.float32)
        return Case(model, [x], "keras",
                    "functional Keras 3 operations on rows holding -0.0, NaN, infinities and large values: median, "
                    "quantile and ptp (NaN where the row holds one; infinities sorted in), imag (zeros), "
                    "fabs, fmod by 0, by 2 and of 2 (C's fmod), heaviside (x2 where x is 0 or NaN), logaddexp2 (inf - inf: "
                    "the sum), saturate_cast to int32, uint8, int64, bool, float32 and int16 (clipped to the "
                    "type's range rounded into float32, so int32's and int64's largest become 2^31 and 2^63, which the "
                    "cast takes to the lowest value), isposinf and isneginf.",
                    covers=["operations", "nan_input"], nonfinite=True)

    R("ops_nonfinite_quantile_casts_func_keras", ops_nonfinite_quantile_casts)

    def ops_norms_stacks(ctx):
        inp, cond = keras.Input((5, 8)), keras.Input((4,))
        scale = layers.Dense(8)(cond)[:, None, :]
        shift = layers.Dense(8)(cond)[:, None, :]
        full = layers.Dense(8)(inp)
        beta = np.linspace(0.5, -0.5, 8).astype("float32")
        grid = np.linspace(-1.0, 1.5, 40).astype("float32").reshape(5, 8)
        heads = [ops.layer_normalization(inp, 1.0 + scale, shift), ops.layer_normalization(inp, scale, beta, epsilon=1e-3),
                 ops.layer_normalization(inp, None, shift), ops.layer_normalization(inp, full, 0.5 * full, axis=[1, 2]),
                 ops.layer_normalization(inp, grid, full, axis=[1, 2]),
                 ops.layer_normalization(inp, scale, rms_scaling=True),
                 ops.norm(inp, ord=np.inf, axis=-1), ops.norm(inp, ord=-np.inf, axis=1, keepdims=True),
                 ops.norm(ops.relu(inp), ord=0, axis=-1), ops.norm(inp, ord=3, axis=-1), ops.norm(inp, ord=0.5, axis=1),
                 ops.norm(inp, ord=-1, axis=-1), ops.dstack([inp, full]), ops.dstack([cond, 2.0 * cond])]
        model = keras.Model([inp, cond], heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 8), normal_inputs(ctx, 3, 4)], "keras",
                    "functional Keras 3 operations: layer_normalization with tensor gamma and beta (Dense layers of a "
                    "second input, as an adaptive layer norm; of the input's rank over two axes; mixed with numpy arrays; "
                    "rms_scaling), vector norms of ord inf, -inf, 0, 3, 0.5 and -1, dstack of rank-3 and rank-2 tensors.",
                    covers=["operations"])

    R("ops_norms_stacks_func_keras", ops_norms_stacks)

    def ops_colors(ctx):
        img = keras.Input((4, 5, 3))
        pixels = ops.sigmoid(img)
        heads = [ops.image.rgb_to_hsv(pixels), ops.image.hsv_to_rgb(pixels),
                 ops.image.hsv_to_rgb(ops.image.rgb_to_hsv(pixels)),
                 ops.image.rgb_to_hsv(ops.transpose(pixels, (0, 3, 1, 2)), data_format="channels_first"),
                 ops.image.hsv_to_rgb(ops.transpose(pixels, (0, 3, 1, 2)), data_format="channels_first")]
        model = keras.Model(img, heads)
        return Case(model, [normal_inputs(ctx, 3, 4, 5, 3)], "keras",
                    "functional Keras 3 operations: rgb_to_hsv and hsv_to_rgb (tf.image's kernels) of sigmoid pixels, "
                    "channels last and first, and the round trip.",
                    covers=["operations"], no_float64="the hue divides by the channels' range, so float32 rounding "
                    "reaches 0.12 of the tolerance against Keras' float64 result where the range is small")

    R("ops_colors_func_keras", ops_colors)

    def ops_multi_hot(ctx):
        ids, steps = keras.Input((6,), dtype="int32"), keras.Input((3, 4), dtype="int32")
        model = keras.Model([ids, steps], [ops.multi_hot(ids, 5), ops.multi_hot(ids, 8, dtype="float64"),
                                           ops.multi_hot(steps, 6), layers.Dense(2)(ops.multi_hot(ids, 4))])
        randomize(model, ctx.rng)
        return Case(model, [ctx.rng.integers(-1, 7, size=(3, 6)).astype(np.float32),
                            ctx.rng.integers(-1, 7, size=(3, 3, 4)).astype(np.float32)], "keras",
                    "functional Keras 3 multi_hot of int32 ids from -1 to 6 (some outside the classes, repeated ones "
                    "counted once): rows of 6 ids into 5, 8 (float64) and 4 classes (then a Dense), and ids of shape "
                    "(3, 4) per sample, whose axis 1 Keras' TensorFlow backend reduces (giving (4, 6) per sample).",
                    covers=["operations"])

    R("ops_multi_hot_func_keras", ops_multi_hot)

    def ops_special_functions(ctx):
        inp, exps = keras.Input((8,)), keras.Input((8,), dtype="int32")
        heads = [ops.cast(ops.signbit(inp), "float32"), ops.cbrt(inp), ops.erfc(inp), ops.sinc(inp), ops.angle(inp),
                 ops.fmax(inp, inp[:, ::-1]), ops.fmin(inp, 0.5), ops.fmin(inp, np.array([np.nan, 1, -1, 0, np.nan, 2,
                 -3, np.inf], np.float32)), ops.ldexp(inp, exps), ops.ldexp(inp, 3), ops.round(inp, 2),
                 ops.round(100.0 * inp, -1), ops.round(inp, 0)]
        model = keras.Model([inp, exps], heads)
        nan, inf = np.nan, np.inf
        x = np.array([[-0.0, 0.0, nan, -nan, inf, -inf, -2.5, 1.25], [0.3, -0.7, 2.0, -8.0, 1e-3, 27.0, -1e-30, 1e30],
                      [0.125, -0.375, 1.005, -3.0, 1.5, 0.555, 2.5e-39, -1e-4]], dtype=np.float32)
        x = np.concatenate([x, 3.0 * ctx.rng.normal(size=(2, 8)).astype(np.float32)])
        e = np.array([[1, 2, -3, 4, 5, 200, -200, 0], [3, -1, 127, 128, -130, 2, 100, -100],
                      [0, 1, 2, 3, -4, -5, 6, 7]], dtype=np.float32)
        e = np.concatenate([e, ctx.rng.integers(-8, 9, size=(2, 8)).astype(np.float32)])
        return Case(model, [x, e], "keras",
                    "functional Keras 3 operations on rows holding -0.0, NaN (with and without its sign bit), "
                    "infinities, tiny and huge values: signbit (cast to float32), cbrt, erfc, sinc (1 at 0), angle "
                    "(pi below 0), fmax and fmin of tensors, a number and a numpy array holding NaN (the other operand "
                    "where one is NaN), ldexp by int32 exponents (to -200 and 200: 0 and infinity factors) and by 3, "
                    "round with decimals 2, -1 and 0.",
                    covers=["operations", "nan_input"], nonfinite=True)

    R("ops_special_functions_func_keras", ops_special_functions)

    def ops_splits_flips(ctx):
        inp, vol, edge = keras.Input((5, 6)), keras.Input((2, 3, 4)), keras.Input((8,))
        bins = np.array([-1.0, 0.0, 0.0, 0.5, 2.0], np.float32)
        heads = [ops.fliplr(inp), ops.fliplr(vol), ops.fliplr(edge), *ops.hsplit(inp, 5), *ops.hsplit(inp, [1, 4]), *ops.hsplit(vol, 2),
                 *ops.dsplit(vol, 3), *ops.dsplit(vol, [2]), *ops.array_split(inp, 4, axis=2),
                 *ops.array_split(vol, 3, axis=-1), *ops.array_split(inp, 5, axis=1),
                 ops.cast(ops.digitize(inp, bins), "float32"), ops.cast(ops.digitize(edge, bins), "float32"),
                 ops.trapezoid(inp), ops.trapezoid(inp, dx=0.25, axis=1), ops.trapezoid(vol, axis=2),
                 ops.trapezoid(inp, x=[0.0, 0.5, 0.75, 2.0, 2.5, 4.0]), ops.trapezoid(edge)]
        model = keras.Model([inp, vol, edge], heads)
        nan, inf = np.nan, np.inf
        e = np.array([[-0.0, 0.0, nan, inf, -inf, -1.0, 0.5, 2.0], [-1.5, -1.0, -0.5, 0.0, 0.25, 0.5, 1.99, 2.01],
                      [1.0, -1.0, 3.0, -inf, -inf, 5.0, nan, 1.0]], dtype=np.float32)
        return Case(model, [normal_inputs(ctx, 3, 5, 6), normal_inputs(ctx, 3, 2, 3, 4), e], "keras",
                    "functional Keras 3 operations: fliplr of ranks 2 to 4, hsplit into equal sections and at indices, "
                    "dsplit, array_split into uneven sections (6 into 4, 4 into 3, "
                    "5 into 5), digitize into ascending bins with a repeated edge (values on the edges, -0.0, NaN, "
                    "infinities), trapezoid along the last and other axes with dx and with sample points x, and of "
                    "rows holding NaN and infinities.",
                    covers=["operations", "nan_input"], nonfinite=True)

    R("ops_splits_flips_func_keras", ops_splits_flips)

    def ops_separable_space_depth(ctx):
        img, seq, free = keras.Input((6, 8, 4)), keras.Input((9, 3)), keras.Input((None, 6, 8))
        dk2, pk2 = ctx.rng.normal(0, 0.5, (3, 3, 4, 2)).astype("float32"), ctx.rng.normal(0, 0.5, (1, 1, 8, 5)).astype("float32")
        dk1, pk1 = ctx.rng.normal(0, 0.5, (3, 3, 1)).astype("float32"), ctx.rng.normal(0, 0.5, (1, 3, 4)).astype("float32")
        first = ops.transpose(img, (0, 3, 1, 2))
        heads = [ops.separable_conv(img, dk2, pk2), ops.separable_conv(img, dk2, pk2, strides=2, padding="same"),
                 ops.separable_conv(img, dk2, pk2, dilation_rate=2), ops.separable_conv(img, dk2, pk2, strides=(1, 2),
                 dilation_rate=(2, 1), padding="same"), ops.separable_conv(seq, dk1, pk1, padding="same"),
                 ops.separable_conv(seq, dk1, pk1, strides=2), ops.separable_conv(first, dk2, pk2, padding="same",
                 data_format="channels_first"), ops.nn.depth_to_space(img, 2), ops.nn.space_to_depth(img, 2),
                 ops.nn.depth_to_space(first, 2, data_format="channels_first"),
                 ops.nn.space_to_depth(first, 2, data_format="channels_first"),
                 ops.nn.depth_to_space(ops.nn.space_to_depth(img, 2), 2), ops.nn.space_to_depth(free, 2)]
        model = keras.Model([img, seq, free], heads)
        return Case(model, [normal_inputs(ctx, 3, 6, 8, 4), normal_inputs(ctx, 3, 9, 3), normal_inputs(ctx, 3, 4, 6, 8)],
                    "keras",
                    "functional Keras 3 operations: separable_conv of numpy kernels (2-D: valid, same with strides, "
                    "dilation, strides and dilation on different axes, channels_first; 1-D: same, strided), "
                    "depth_to_space and space_to_depth with block 2 (channels last and first, a round trip, rows known "
                    "only at run time).",
                    covers=["operations"], no_float64="the numpy kernels stay float32, which TensorFlow's float64 "
                    "depthwise convolution refuses")

    R("ops_separable_space_depth_func_keras", ops_separable_space_depth)

    def ops_nan_reductions(ctx):
        inp, vol = keras.Input((6,)), keras.Input((3, 4))
        heads = [ops.nansum(inp, axis=-1), ops.nanprod(inp, axis=1, keepdims=True), ops.nanmax(inp, axis=-1),
                 ops.nanmin(inp, axis=-1, keepdims=True), ops.nanmean(inp, axis=-1), ops.nanvar(inp, axis=-1),
                 ops.nanstd(inp, axis=-1), ops.nancumsum(inp, axis=1), ops.nancumprod(inp, axis=-1),
                 ops.nanargmax(inp, axis=-1), ops.nanargmin(inp, axis=1, keepdims=True),
                 ops.nansum(vol, axis=(1, 2)), ops.nanmean(vol, axis=1, keepdims=True), ops.nanmax(vol, axis=[-1, 1]),
                 ops.nanvar(vol, axis=(1, 2), keepdims=True), ops.nanstd(vol, axis=1), ops.nanargmin(vol, axis=2)]
        heads = [ops.cast(h, "float32") for h in heads]
        model = keras.Model([inp, vol], heads)
        nan, inf = np.nan, np.inf
        x = np.array([[1.0, nan, -2.0, 3.5, nan, 0.5], [nan] * 6, [inf, 1.0, nan, -1.0, 2.0, nan],
                      [-inf, -inf, nan, 0.25, -0.0, 0.0], [2.0, 2.0, -3.0, 1e30, 1e30, nan],
                      [0.5, -1.5, 2.5, -0.5, 1.0, 4.0]], dtype=np.float32)
        v = ctx.rng.normal(size=(6, 3, 4)).astype(np.float32)
        v[0, :, 1] = nan
        v[1] = nan
        v[2, 1, :] = nan
        v[3, 0, 0], v[3, 2, 3] = inf, nan
        v[4, :, 2] = [nan, -inf, nan]
        return Case(model, [x, v], "keras",
                    "functional Keras 3 reductions that skip NaN (cast to float32): nansum, nanprod, nanmax, nanmin, "
                    "nanmean, nanvar, nanstd, nancumsum and nancumprod (nan_to_num first: infinities become float32's "
                    "largest and lowest), nanargmax and nanargmin (-1 where all are NaN), over one and two axes with "
                    "keepdims, on rows and planes holding NaN, all NaN, infinities, -0.0 and 1e30.",
                    covers=["operations", "nan_input"], nonfinite=True)

    R("ops_nan_reductions_func_keras", ops_nan_reductions)

    def ops_cross_inner(ctx):
        vec, flat, plane = keras.Input((4, 3)), keras.Input((3,)), keras.Input((5, 2))
        m = ctx.rng.normal(0, 0.5, size=(4, 3)).astype(np.float32)
        heads = [ops.cross(vec, vec[:, ::-1]), ops.cross(vec, np.array([0.5, -1.0, 2.0], np.float32)),
                 ops.cross(np.array([1.0, 0.0, 0.0], np.float32), vec), ops.cross(plane, plane[:, ::-1]),
                 ops.cross(plane[:, :4], vec), ops.cross(vec, vec[:, :, :2]), ops.cross(flat, 2.0 * flat[:, ::-1]),
                 ops.inner(vec, m), ops.inner(vec, m[0]), ops.inner(flat, m[1])]
        model = keras.Model([vec, flat, plane], heads)
        return Case(model, [normal_inputs(ctx, 3, 4, 3), normal_inputs(ctx, 3, 3), normal_inputs(ctx, 3, 5, 2)], "keras",
                    "functional Keras 3 operations: cross of 3-vectors (tensors, a numpy vector on either side), of "
                    "2-vectors (the scalar product's last component) and of a 2-vector with a 3-vector, on rank 2 and 3; "
                    "inner of a tensor and a numpy matrix (its rows against the last axis) and vector.",
                    covers=["operations"])

    R("ops_cross_inner_func_keras", ops_cross_inner)

    def ops_fourier(ctx):
        re8, im8, re6, im6 = keras.Input((8,)), keras.Input((8,)), keras.Input((2, 6)), keras.Input((2, 6))
        re34, im34, re45, im45 = keras.Input((3, 4)), keras.Input((3, 4)), keras.Input((2, 4, 5)), keras.Input((2, 4, 5))
        audio, bins_re, bins_im = keras.Input((60,)), keras.Input((5,)), keras.Input((5,))
        heads = [*ops.fft((re8, im8)), *ops.fft((re6, im6)), *ops.fft2((re34, im34)), *ops.fft2((re45, im45)),
                 *ops.ifft2((re34, im34)), *ops.ifft2((re45, im45)), *ops.rfft(re8), *ops.rfft(re8, 6),
                 *ops.rfft(re8, 12), *ops.rfft(re6, 5), *ops.rfft(audio), ops.irfft((bins_re, bins_im)),
                 ops.irfft((bins_re, bins_im), 7), ops.irfft((bins_re, bins_im), 12), ops.irfft((bins_re, bins_im), 4),
                 ops.irfft(ops.rfft(audio, 64), 64)]
        model = keras.Model([re8, im8, re6, im6, re34, im34, re45, im45, audio, bins_re, bins_im], heads)
        shapes = [(8,), (8,), (2, 6), (2, 6), (3, 4), (3, 4), (2, 4, 5), (2, 4, 5), (60,), (5,), (5,)]
        return Case(model, [normal_inputs(ctx, 3, *s) for s in shapes], "keras",
                    "functional Keras 3 Fourier transforms, complex values as (real, imaginary) pairs of tensors: fft "
                    "of 8 (a power of two) and 6 values on rank 2 and 3, fft2 and ifft2 of 3x4 and 4x5 planes, rfft "
                    "with fft_length None, 6 (cut), 12 (padded) and 5 (odd) and of 60 samples, irfft of 5 bins with "
                    "fft_length None (8), 7, 12 (missing bins zero) and 4 (bins ignored), and rfft then irfft of 64 (TensorFlow's float32 transforms of longer signals are further from the "
                    "exact ones than the generator's float64 check allows: 0.28 of the tolerance for 400 normal samples).",
                    covers=["operations"])

    R("ops_fourier_func_keras", ops_fourier)

    def ops_linear_algebra(ctx):
        sq3, sq4, rhs, vec = keras.Input((3, 3)), keras.Input((2, 4, 4)), keras.Input((3, 2)), keras.Input((3,))
        eye3 = np.eye(3, dtype=np.float32)
        a = sq3 + 3.0 * eye3  # well conditioned: TensorFlow's float32 factorizations stay within the tolerance
        spd = ops.matmul(sq3, ops.transpose(sq3, (0, 2, 1))) + 0.5 * eye3
        lower = ops.cholesky(spd)
        heads = [ops.det(a), ops.det(sq4 + 4.0 * np.eye(4, dtype=np.float32)), ops.det(sq3[:, :, :1] * sq3[:, :1, :]) + sq3[:, 0, 0],
                 *ops.slogdet(a * ops.sign(vec)[:, :, None]), ops.logdet(spd), ops.solve(a, rhs), ops.solve(a, vec),
                 ops.solve_triangular(a, rhs, lower=True), ops.solve_triangular(a, vec), lower,
                 ops.cholesky(spd, upper=True), ops.cholesky_inverse(lower),
                 ops.cholesky_inverse(ops.transpose(lower, (0, 2, 1)), upper=True)]
        model = keras.Model([sq3, sq4, rhs, vec], heads)
        shapes = [(3, 3), (2, 4, 4), (3, 2), (3,)]
        return Case(model, [normal_inputs(ctx, 4, *s) for s in shapes], "keras",
                    "functional Keras 3 linear algebra on batches of square matrices: det of 3x3 and 4x4 matrices "
                    "(normal values plus 3 or 4 times the identity, well conditioned) and of a singular rank-1 3x3 (plus "
                    "an entry, as a constant output is refused), slogdet of positive and negative determinants (rows "
                    "times the signs of an input), logdet of a positive definite x·xᵀ + 0.5·I, solve for a matrix and a "
                    "vector, solve_triangular from the lower and the upper triangle (the other ignored), cholesky "
                    "lower and upper and cholesky_inverse of both factors.",
                    covers=["operations"])

    R("ops_linear_algebra_func_keras", ops_linear_algebra)

    def ops_bitwise(ctx):
        a, b = keras.Input((8,), dtype="int32"), keras.Input((8,), dtype="int32")
        s8, u8, counts8 = keras.Input((8,), dtype="int8"), keras.Input((8,), dtype="uint8"), keras.Input((8,), dtype="uint8")
        heads = [ops.bitwise_and(a, b), ops.bitwise_or(a, b), ops.bitwise_xor(a, b),
                 ops.bitwise_not(a), ops.bitwise_invert(s8), ops.bitwise_not(u8), ops.left_shift(a, b),
                 ops.right_shift(a, b), ops.bitwise_left_shift(a, 3), ops.bitwise_right_shift(a, 2),
                 ops.left_shift(u8, counts8), ops.right_shift(u8, counts8), ops.bitwise_or(s8, s8[:, ::-1]),
                 ops.bitwise_left_shift(s8, 3), ops.right_shift(s8, 9)]
        model = keras.Model([a, b, s8, u8, counts8], [ops.cast(h, "float32") for h in heads])
        x = np.array([[0, 1, -1, 5, -8, 2 ** 20 + 3, -(2 ** 22), 7], [12, -12, 255, -256, 1000, 3, 2 ** 23, -5],
                      [6, 9, -3, 100, -100, 77, 1, -2 ** 24]], np.float32)
        y = np.array([[0, 3, 31, 2, 2, 32, -1, 40], [1, 2, 3, 4, 5, 6, 7, 8], [-5, 0, 30, 1, 33, 9, 0, 2]], np.float32)
        v8 = np.array([[-128, 127, -1, 0, 5, -7, 64, 33], [1, -2, 3, -4, 100, -100, 12, -12],
                       [9, 8, 7, -6, 5, -4, 3, -2]], np.float32)
        w8 = np.array([[0, 1, 255, 200, 128, 3, 17, 250], [5, 6, 7, 8, 9, 10, 11, 12], [255, 254, 1, 2, 99, 100, 0, 64]],
                      np.float32)
        c8 = np.array([[0, 1, 7, 8, 9, 3, 200, 2], [1, 2, 3, 4, 5, 6, 7, 0], [7, 7, 0, 1, 2, 3, 4, 5]], np.float32)
        return Case(model, [x, y, v8, w8, c8], "keras",
                    "functional Keras 3 bitwise operations on int32, int8 and uint8 tensors (cast to float32): and, or, "
                    "xor, not and invert, left and right shifts by tensors (counts below 0 "
                    "and at or above the type's bits, which TensorFlow clips) and by numbers, results past the type's "
                    "range wrapped (int32 values up to 2^24 in magnitude, which float32 holds exactly).",
                    covers=["operations"], nonfinite=True)  # integers past 1e4 on purpose: no sanity checks

    R("ops_bitwise_func_keras", ops_bitwise)

    def ops_distances_special(ctx):
        pts, refs, row, toward = keras.Input((4, 3)), keras.Input((5, 3)), keras.Input((7,)), keras.Input((7,))
        vol = keras.Input((2, 4, 3))
        heads = [ops.cdist(pts, refs), ops.cdist(vol, vol[:, :, :2]), ops.percentile(row, 30.0, axis=-1),
                 ops.percentile(row, 99, axis=1, keepdims=True), ops.percentile(pts, 50, axis=1),
                 ops.percentile(pts, 12.5, axis=-1), ops.i0(row), ops.i0(3.0 * pts), ops.nextafter(row, toward),
                 ops.nextafter(row, 0.0)]
        model = keras.Model([pts, refs, row, toward, vol], heads)
        r = np.array([[0.0, -0.0, 0.0, 1.0, -2.5, 1e-3, 0.0], [0.5, 0.5, -3.0, 2.0, 7.0, -7.0, 1.5],
                      [1.25, -0.75, 0.0, 3.5, -1.0, 9.0, -0.0]], np.float32)
        w = np.array([[1.0, 1.0, -1.0, 1.0, -2.5, 5.0, 0.0], [0.5, -1.0, 3.0, 2.0, 8.0, -8.0, 0.0],
                      [2.0, -2.0, -1.0, 3.0, 1.0, 1.0, 0.0]], np.float32)
        return Case(model, [normal_inputs(ctx, 3, 4, 3), normal_inputs(ctx, 3, 5, 3), r, w,
                            normal_inputs(ctx, 3, 2, 4, 3)], "keras",
                    "functional Keras 3 operations: cdist of (4, 3) and (5, 3) point sets and of rank 4, percentile "
                    "(30, 99 with keepdims, 50 and 12.5, over the last and a middle axis), i0 (to |x| = 9), nextafter "
                    "toward a tensor and a number (from +0.0 and -0.0 toward both signs, equal values, others: Keras "
                    "computes it in float64 and casts back, so most values stay as they are).",
                    covers=["operations"])

    R("ops_distances_special_func_keras", ops_distances_special)

    def ops_integer_arithmetic(ctx):
        a, b, flat = keras.Input((8,), dtype="int32"), keras.Input((8,), dtype="int32"), keras.Input((1,), dtype="int32")
        heads = [ops.gcd(a, b), ops.lcm(a, b), ops.gcd(a, 6), *ops.unravel_index(a, (3, 4)),
                 *ops.unravel_index(ops.abs(b), (2, 3, 5)), *ops.unravel_index(flat[:, 0], (4, 5)),
                 *ops.unravel_index(flat[:, 0], (2, 2, 7))]
        model = keras.Model([a, b, flat], [ops.cast(h, "float32") for h in heads])
        x = np.array([[0, 12, -18, 7, 100, -35, 1, 48], [9, 0, 0, 21, -64, 27, 13, 30], [5, 6, 11, -10, 3, 2, 40, 0]],
                     np.float32)
        y = np.array([[0, 8, 24, 5, -75, 49, 1, 36], [6, 0, 4, -14, 48, 18, 26, 45], [15, 4, 7, 25, -9, 2, 16, 29]],
                     np.float32)
        return Case(model, [x, y, np.array([[0], [7], [19]], np.float32)], "keras",
                    "functional Keras 3 integer operations on int32 tensors (cast to float32): gcd and lcm of tensors "
                    "(zeros, negatives, coprimes) and with a number, unravel_index of indices of rank 2 (Keras 3.15.1 "
                    "divides by the shape's axes first to last there, unlike numpy) and of rank 1 (numpy's order).",
                    covers=["operations"])

    R("ops_integer_arithmetic_func_keras", ops_integer_arithmetic)

    def ops_unfold(ctx):
        img, wide = keras.Input((2, 5, 6)), keras.Input((3, 4, 7))
        heads = [ops.unfold(img, 2), ops.unfold(img, (2, 3), stride=2), ops.unfold(img, 3, padding=1),
                 ops.unfold(wide, (2, 2), dilation=(1, 2), padding=(0, 1), stride=(1, 2)), ops.unfold(wide, 1)]
        model = keras.Model([img, wide], heads)
        return Case(model, [normal_inputs(ctx, 3, 2, 5, 6), normal_inputs(ctx, 3, 3, 4, 7)], "keras",
                    "functional Keras 3 unfold (im2col) of channels-first images: square and rectangular kernels, "
                    "strides, zero padding, dilation, per-axis options and a 1x1 kernel.",
                    covers=["operations"])

    R("ops_unfold_func_keras", ops_unfold)

    def ops_stft(ctx):
        audio, chans = keras.Input((40,)), keras.Input((2, 33))
        heads = [*ops.stft(audio, 8, 4, 8), *ops.stft(audio, 6, 3, 8, window="hamming"),
                 *ops.stft(audio, 5, 2, 7, window=None), *ops.stft(audio, 8, 5, 16, center=False),
                 *ops.stft(chans, 6, 2, 10), *ops.stft(chans, 7, 3, 7, window="hann", center=False)]
        model = keras.Model([audio, chans], heads)
        return Case(model, [normal_inputs(ctx, 3, 40), normal_inputs(ctx, 3, 2, 33)], "keras",
                    "functional Keras 3 stft, (real, imaginary) pairs: hann and hamming windows of sequence_length "
                    "centred in longer fft_lengths (odd and even), no window (Keras cannot save a window array), center True "
                    "(reflect padding) and False, on (batch, samples) and (batch, channels, samples).",
                    covers=["operations"])

    R("ops_stft_func_keras", ops_stft)

    def ops_isreal(ctx):
        x, ids = keras.Input((5,)), keras.Input((2, 3), dtype="int32")
        model = keras.Model([x, ids], [ops.where(ops.isreal(x), x, -7.0),
                                       ops.where(ops.isreal(ids), ops.cast(ids, "float32"), -7.0),
                                       ops.where(ops.isreal(ops.log(x)), x, -7.0)])
        return Case(model, [normal_inputs(ctx, 3, 5), np.arange(18, dtype=np.int32).reshape(3, 2, 3)], "keras",
                    "functional Keras 3 isreal of real float32 (a log's NaN included) and int32 tensors: true "
                    "everywhere, so each where gives its tensor (isreal's output alone is constant, which the "
                    "generator refuses).",
                    covers=["operations"])

    R("ops_isreal_func_keras", ops_isreal)
