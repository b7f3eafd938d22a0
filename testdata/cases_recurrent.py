"""Golden cases for the recurrent family (issue 3) and the per-layer / diverging data (issue 6).

GRU (reset_after True and False) and SimpleRNN with the options of the LSTM matrix;
Bidirectional over LSTM, GRU and SimpleRNN in every merge mode, with return_state;
initial_state fed from other tensors (encoder-decoder, Bidirectional encoders into a
decoder of twice the units, a Dense of another input); masking semantics (Masking with
mask_value 0 and non-zero, Embedding(mask_zero=True), padding at the end, at the start,
in the middle, a fully masked sample, masks through Dropout and TimeDistributed,
zero_output_for_mask); TimeDistributed around Dense and Conv1D; Functional graphs
(several inputs and outputs, shared layers, nested models); stateful models called twice
without reset; testdata/diverging/, a case made to fail at a known layer; and backend_jax_*
and backend_torch_*, cases whose outputs come from Keras on the JAX or PyTorch backend.

generate.py calls register_cases(<the generate module>) once; the builders use its
registry and helpers (Case, register, chain_model, randomize, normal_inputs), so the
conventions are exactly those of generate.py. Case names start with one of
gru_, srnn_, mixed_, bidi_, encdec_, rmask_, td_, graph_, stateful_, diverging_, backend_.
Regenerate them with

    /work/venv-keras/bin/python testdata/generate.py gru_ srnn_ mixed_ bidi_ encdec_ rmask_ td_ graph_ stateful_ diverging_ \
        backend_
"""

import numpy as np

PREFIXES = ("gru_", "srnn_", "mixed_", "bidi_", "encdec_", "rmask_", "td_", "graph_", "stateful_", "diverging_",
            "backend_")


def register_cases(g):
    keras, layers, Case = g.keras, g.layers, g.Case
    chain_model, randomize, normal_inputs, snake = g.chain_model, g.randomize, g.normal_inputs, g.snake

    KIND = {"lstm": layers.LSTM, "gru": layers.GRU, "srnn": layers.SimpleRNN}
    LABEL = {"lstm": "LSTM", "gru": "GRU", "srnn": "SimpleRNN"}

    # ------------------------------------------------------------------ coverage tokens

    def rnn_covers(model):
        """Tokens for what generate.derive_covers does not look at (it knows top-level LSTMs)."""
        toks = []

        def rnn(lyr):
            cls = type(lyr).__name__
            cfg = lyr.get_config()
            k = snake(cls)
            toks.append(k)
            if cls == "GRU":
                toks.append("gru_reset_after" if cfg["reset_after"] else "gru_reset_before")
            toks.append(f"{k}_activation:{cfg['activation']}")
            if "recurrent_activation" in cfg:
                toks.append(f"{k}_recurrent_activation:{cfg['recurrent_activation']}")
            if not cfg["use_bias"]:
                toks.append(f"{k}_no_bias")
            toks.append("return_sequences" if cfg["return_sequences"] else "return_last")
            if cfg["go_backwards"]:
                toks.append("go_backwards_seq" if cfg["return_sequences"] else "go_backwards_last")
            if cfg["return_state"]:
                toks.append("return_state")
            if cfg["stateful"]:
                toks.append("stateful")
            if cfg["zero_output_for_mask"]:
                toks.append("zero_output_for_mask")

        def visit(lyr, top):
            cls = type(lyr).__name__
            if cls in ("LSTM", "GRU", "SimpleRNN"):
                rnn(lyr)
                if len(lyr._inbound_nodes) > 1 and top:
                    toks.append("shared_layer")
            elif cls == "Bidirectional":
                toks.append(f"bidirectional_{snake(type(lyr.forward_layer).__name__)}")
                toks.append(f"bidi_merge:{lyr.merge_mode}")
                if lyr.return_state:
                    toks.append("bidi_return_state")
                if len(lyr._inbound_nodes) > 1 and top:
                    toks.append("shared_layer")
                rnn(lyr.forward_layer)
                rnn(lyr.backward_layer)
            elif cls == "TimeDistributed":
                toks.append(f"time_distributed:{snake(type(lyr.layer).__name__)}")
                if type(lyr.layer).__name__ == "Dense":
                    toks.append(f"dense_activation:{lyr.layer.get_config()['activation']}")
            elif cls == "Masking":
                toks.append(f"masking_value:{lyr.mask_value:g}")
            elif cls == "Embedding" and lyr.mask_zero:
                toks.append("embedding_mask_zero")
            elif cls in ("Sequential", "Functional"):
                toks.append(f"nested_{snake(cls)}")
                if len(lyr._inbound_nodes) > 1:
                    toks.append("nested_model_called_twice")
                for inner in lyr.layers:
                    visit(inner, False)
            elif cls in ("NotEqual", "Any"):
                toks.append("mask_kwarg_op_nodes")

        for lyr in model.layers:
            visit(lyr, True)
        if len(model.inputs) > 1:
            toks.append(f"inputs:{len(model.inputs)}")
        out = []
        for t in toks:
            if t not in out:
                out.append(t)
        return out

    def R(name, fn, **kwargs):
        """generate.register, adding rnn_covers(model) to the case's tokens."""
        def build(ctx, **kw):
            c = fn(ctx, **kw)
            c.covers = c.covers + [t for t in rnn_covers(c.model) if t not in c.covers]
            return c
        build.__name__ = fn.__name__
        g.register(name, build, **kwargs)

    # ------------------------------------------------------------------ helpers

    def opts_text(kw):
        return "".join(f", {k}={v!r}" for k, v in kw.items())

    def rnn_text(kind, units, kw):
        return f"{LABEL[kind]}({units}{opts_text(kw)})"

    def mask_rows(x, masked, value=0.0):
        """Sets the given time steps of each sample (a list of step lists) to `value` (every feature)."""
        x = x.copy()
        for i, steps in enumerate(masked):
            for s in steps:
                x[i, s, ...] = value
        return x

    def token_ids(ctx, b, t, vocab, masked):
        x = ctx.rng.integers(1, vocab, size=(b, t)).astype(np.float32)
        return mask_rows(x, masked, 0.0)

    def pattern_text(masked, t):
        out = []
        for steps in masked:
            s = sorted(steps)
            if not s:
                out.append("none")
            elif len(s) == t:
                out.append("all (fully masked sample)")
            elif s == list(range(t - len(s), t)):
                out.append(f"last {len(s)} (end)")
            elif s == list(range(len(s))):
                out.append(f"first {len(s)} (start)")
            else:
                out.append(f"steps {s}")
        return "; ".join(f"sample {i}: {p}" for i, p in enumerate(out))

    # ------------------------------------------------------------------ 1. GRU and SimpleRNN option matrix

    def single_rnn(ctx, fmt, api, kind, units, f, t, b, seq, dense=2, scale=1.0, input_scale=1.0, **kw):
        chain = [KIND[kind](units, return_sequences=seq, **kw)]
        if dense:
            chain.append(layers.Dense(dense))
        model = chain_model(api, (t, f), chain)
        randomize(model, ctx.rng, scale=scale)
        return Case(model, [normal_inputs(ctx, b, t, f) * np.float32(input_scale)], fmt,
                    f"{api} {rnn_text(kind, units, dict(kw, return_sequences=seq))}"
                    + (f" -> Dense({dense})" if dense else "")
                    + f" on batch {b} x {t} steps x {f} features"
                    + (f" (inputs N(0, {input_scale:g}^2) so that hard_sigmoid's +-3 corners are used)"
                       if input_scale != 1.0 else "") + "; random weights"
                    + (f" (scale {scale})" if scale != 1.0 else "") + ".")

    def state_rnn(ctx, fmt, kind, units, f, t, b, seq, dense=None, scale=1.0, **kw):
        """Functional RNN(return_state=True): outputs [output (through Dense if given), states...]."""
        inp = keras.Input((t, f))
        res = KIND[kind](units, return_sequences=seq, return_state=True, **kw)(inp)
        y, states = res[0], list(res[1:])
        if dense:
            y = layers.Dense(dense)(y)
        model = keras.Model(inp, [y] + states)
        randomize(model, ctx.rng, scale=scale)
        names = {"lstm": "[h, c]", "gru": "[h]", "srnn": "[h]"}[kind]
        return Case(model, [normal_inputs(ctx, b, t, f)], fmt,
                    f"functional {rnn_text(kind, units, dict(kw, return_sequences=seq, return_state=True))}; outputs "
                    f"[{'Dense(%d) of the ' % dense if dense else ''}{'sequence' if seq else 'last output'}] + states "
                    f"{names} in Keras' order; batch {b} x {t} steps x {f} features.")

    def rnn_stack(ctx, fmt, api, specs, f, t, b, dense=2, scale=1.0, desc=""):
        """specs: (kind, units, kwargs); every layer but the last returns sequences unless kwargs say so."""
        chain = []
        for i, (kind, units, kw) in enumerate(specs):
            kw = dict(kw)
            kw.setdefault("return_sequences", i < len(specs) - 1)
            chain.append(KIND[kind](units, **kw))
        if dense:
            chain.append(layers.Dense(dense))
        model = chain_model(api, (t, f), chain)
        randomize(model, ctx.rng, scale=scale)
        text = desc or (f"{api} stack " + " -> ".join(rnn_text(k, u, kw) for k, u, kw in specs)
                        + " (all but the last return sequences)" + (f" -> Dense({dense})" if dense else "")
                        + f"; batch {b} x {t} steps x {f} features.")
        return Case(model, [normal_inputs(ctx, b, t, f)], fmt, text)

    def scale_text(scale, head_scale):
        parts = ([f"scale {scale:g}"] if scale != 1.0 else []) + [f"head {i} scale {sc:g}"
                                                                  for i, sc in (head_scale or {}).items()]
        return f" ({', '.join(parts)})" if parts else ""

    def rnn_heads(ctx, fmt, kind, heads, f, t, b, scale=1.0, input_scale=1.0, head_scale=None):
        """Functional: one input, one RNN head per (units, kwargs), each head an output, in order.
        head_scale: {head index: weight scale} overriding `scale`."""
        inp = keras.Input((t, f))
        lyrs = [KIND[kind](u, **kw) for u, kw in heads]
        model = keras.Model(inp, [lyr(inp) for lyr in lyrs])
        randomize(model, ctx.rng, scale=scale,
                  per_layer={lyrs[i].name: {"scale": sc} for i, sc in (head_scale or {}).items()})
        return Case(model, [normal_inputs(ctx, b, t, f) * np.float32(input_scale)], fmt,
                    f"functional, one input (batch {b} x {t} steps x {f} features"
                    + (f", N(0, {input_scale:g}^2) so that hard_sigmoid's +-3 corners are used" if input_scale != 1.0
                       else "")
                    + f"), {len(heads)} {LABEL[kind]} heads, one output each: "
                    + "; ".join(rnn_text(kind, u, kw) for u, kw in heads)
                    + "; random weights" + scale_text(scale, head_scale) + ".")

    # GRU, reset_after True (Keras default, bias (2, 3u)) and False (bias (3u,))
    R("gru_reset_after_u5_f3_t8_b3_seq_h5", single_rnn, fmt="h5", api="sequential", kind="gru", units=5, f=3, t=8,
      b=3, seq=True, dense=None)
    R("gru_activation_heads_relu_linear_hard_sigmoid_func_h5", rnn_heads, fmt="h5", kind="gru", f=3, t=12, b=3,
      scale=0.5, input_scale=3.0, head_scale={1: 0.15, 2: 0.15}, heads=[
          (5, {"activation": "relu", "recurrent_activation": "hard_sigmoid", "return_sequences": True}),
          (4, {"activation": "linear", "recurrent_activation": "relu", "reset_after": False}),
          (4, {"activation": "hard_sigmoid", "recurrent_activation": "linear", "return_sequences": True}),
          (3, {"activation": "sigmoid", "recurrent_activation": "tanh", "reset_after": False,
               "return_sequences": True})])
    R("gru_option_heads_nobias_gobackwards_func_keras", rnn_heads, fmt="keras", kind="gru", f=3, t=7, b=3, heads=[
        (5, {"use_bias": False, "go_backwards": True, "return_sequences": True}),
        (4, {"use_bias": False, "reset_after": False}),
        (4, {"go_backwards": True, "reset_after": False}),
        (3, {"go_backwards": True, "reset_after": False, "return_sequences": True})])
    R("gru_reset_after_state_seq_func_h5", state_rnn, fmt="h5", kind="gru", units=5, f=3, t=6, b=3, seq=True, dense=2)
    R("gru_reset_before_state_last_gobackwards_func_keras", state_rnn, fmt="keras", kind="gru", units=4, f=2, t=8, b=2,
      seq=False, reset_after=False, go_backwards=True)
    R("gru_stack3_mixed_h5", rnn_stack, fmt="h5", api="sequential", f=3, t=8, b=3,
      specs=[("gru", 6, {}), ("gru", 5, {"reset_after": False, "go_backwards": True}),
             ("gru", 4, {"use_bias": False, "recurrent_activation": "hard_sigmoid"})])

    # SimpleRNN (no recurrent_activation; weights kernel, recurrent_kernel, bias)
    R("srnn_tanh_u5_f3_t8_b3_seq_h5", single_rnn, fmt="h5", api="sequential", kind="srnn", units=5, f=3, t=8, b=3,
      seq=True, dense=None)
    R("srnn_activation_option_heads_func_keras", rnn_heads, fmt="keras", kind="srnn", f=3, t=10, b=3, scale=0.5,
      input_scale=3.0, heads=[
          (6, {"activation": "relu"}),
          (5, {"activation": "linear", "return_sequences": True}),
          (5, {"activation": "hard_sigmoid"}),
          (4, {"activation": "sigmoid", "use_bias": False, "go_backwards": True, "return_sequences": True}),
          (4, {"go_backwards": True})])
    R("srnn_state_last_relu_gobackwards_func_h5", state_rnn, fmt="h5", kind="srnn", units=4, f=3, t=8, b=3, seq=False,
      dense=3, scale=0.5, activation="relu", go_backwards=True)
    R("mixed_stack_lstm_gru_srnn_seq_h5", rnn_stack, fmt="h5", api="sequential", f=3, t=8, b=2, dense=None,
      specs=[("lstm", 6, {}), ("gru", 5, {"reset_after": False}), ("srnn", 4, {"return_sequences": True})])

    def rnn_scan_activations(ctx, fmt):
        """Unmasked LSTM, GRU and SimpleRNN whose activations the ONNX recurrent operators do not name."""
        x_in, cond_in = keras.Input((6, 3)), keras.Input((2,))
        h0 = layers.Dense(4, activation="tanh")(cond_in)
        lstm_seq = layers.LSTM(5, activation="gelu", recurrent_activation="hard_silu", return_sequences=True)(x_in)
        lstm_last, h, c = layers.LSTM(3, activation="swish", return_state=True, go_backwards=True)(x_in)
        gru_after = layers.GRU(4, activation="selu")(x_in, initial_state=h0)
        gru_before = layers.GRU(4, activation="mish", reset_after=False, go_backwards=True,
                                return_sequences=True)(x_in)
        srnn = layers.SimpleRNN(4, activation="gelu", return_sequences=True)(x_in)
        model = keras.Model([x_in, cond_in], [lstm_seq, lstm_last, h, c, gru_after, gru_before, srnn])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 3), normal_inputs(ctx, 3, 2)], fmt,
                    "functional, no mask, on batch 3 x 6 steps x 3 features (and a 2-feature input whose Dense(4, "
                    "tanh) is a GRU's initial state): LSTM(5, gelu, recurrent hard_silu, seq); LSTM(3, swish, "
                    "go_backwards, return_state) with outputs [last, h, c]; GRU(4, selu, initial_state); GRU(4, mish, "
                    "reset_after=False, go_backwards, seq); SimpleRNN(4, gelu, seq): activations the ONNX recurrent "
                    "operators do not name (the ONNX exporter writes these layers as a Scan).")

    R("rnn_scan_activations_func_keras", rnn_scan_activations, fmt="keras")

    # ------------------------------------------------------------------ 2. Bidirectional

    def bidi(ctx, fmt, api, kind, merge, seq, state=False, units=4, f=3, t=7, b=3, dense=None, scale=1.0,
             layer_outputs=False, **kw):
        inner = KIND[kind](units, return_sequences=seq, return_state=state, **kw)
        wrapper = layers.Bidirectional(inner, merge_mode=merge)
        if api == "sequential":
            chain = [wrapper] + ([layers.Dense(dense)] if dense else [])
            model = chain_model("sequential", (t, f), chain)
        else:
            inp = keras.Input((t, f))
            res = wrapper(inp)
            res = list(res) if isinstance(res, (list, tuple)) else [res]
            if dense:
                res[0] = layers.Dense(dense)(res[0])
            model = keras.Model(inp, res if len(res) > 1 else res[0])
        randomize(model, ctx.rng, scale=scale)
        n_states = {"lstm": 2, "gru": 1, "srnn": 1}[kind]
        outs = (["forward output", "backward output"] if merge is None else [f"merged ({merge}) output"])
        if state:
            st = ["h", "c"][:n_states]
            outs += [f"forward {s}" for s in st] + [f"backward {s}" for s in st]
        return Case(model, [normal_inputs(ctx, b, t, f)], fmt,
                    f"{api} Bidirectional({rnn_text(kind, units, dict(kw, return_sequences=seq, return_state=state))}"
                    f", merge_mode={merge!r})" + (f" -> Dense({dense}) on the first output" if dense else "")
                    + f"; outputs: {', '.join(outs)}"
                    + ("; the backward sequence is flipped back to input order before merging" if seq else "")
                    + f"; batch {b} x {t} steps x {f} features.", layer_outputs=layer_outputs)

    def bidi_heads(ctx, fmt, kind, heads, f=3, t=7, b=3, scale=1.0):
        """Functional: one input, one Bidirectional head per (merge_mode, kwargs); merge_mode None heads give
        two outputs (forward, backward)."""
        inp = keras.Input((t, f))
        outs, names = [], []
        for merge, kw in heads:
            r = layers.Bidirectional(KIND[kind](4, **kw), merge_mode=merge)(inp)
            outs += list(r) if merge is None else [r]
            names.append(f"Bidirectional({rnn_text(kind, 4, kw)}, {merge!r})"
                         + (" (2 outputs: forward, backward)" if merge is None else ""))
        model = keras.Model(inp, outs)
        randomize(model, ctx.rng, scale=scale)
        return Case(model, [normal_inputs(ctx, b, t, f)], fmt,
                    f"functional, one input (batch {b} x {t} steps x {f} features), heads in output order: "
                    + "; ".join(names) + ". A returned sequence's backward half is flipped back to input order.")

    # every merge mode for each of LSTM, GRU, SimpleRNN; return_sequences both ways; return_state
    R("bidi_lstm_concat_seq_h5", bidi, fmt="h5", api="sequential", kind="lstm", merge="concat", seq=True, dense=2)
    R("bidi_lstm_merge_heads_sum_mul_ave_func_keras", bidi_heads, fmt="keras", kind="lstm", heads=[
        ("sum", {}), ("mul", {"return_sequences": True}), ("ave", {})])
    R("bidi_lstm_none_seq_func_keras", bidi, fmt="keras", api="functional", kind="lstm", merge=None, seq=True)
    R("bidi_lstm_concat_state_seq_func_h5", bidi, fmt="h5", api="functional", kind="lstm", merge="concat", seq=True,
      state=True, dense=3, layer_outputs=True)
    R("bidi_lstm_none_state_last_func_keras", bidi, fmt="keras", api="functional", kind="lstm", merge=None, seq=False,
      state=True)
    R("bidi_gru_concat_last_h5", bidi, fmt="h5", api="sequential", kind="gru", merge="concat", seq=False)
    R("bidi_gru_merge_heads_sum_ave_func_keras", bidi_heads, fmt="keras", kind="gru", heads=[
        ("sum", {"return_sequences": True, "reset_after": False}), ("ave", {})])
    R("bidi_gru_mul_state_last_func_h5", bidi, fmt="h5", api="functional", kind="gru", merge="mul", seq=False,
      state=True)
    R("bidi_gru_reset_before_none_state_seq_func_h5", bidi, fmt="h5", api="functional", kind="gru", merge=None,
      seq=True, state=True, reset_after=False)
    R("bidi_srnn_concat_seq_keras", bidi, fmt="keras", api="sequential", kind="srnn", merge="concat", seq=True)
    R("bidi_srnn_merge_heads_mul_ave_none_func_h5", bidi_heads, fmt="h5", kind="srnn", scale=0.7, heads=[
        ("mul", {"return_sequences": True, "activation": "relu"}), ("ave", {}), (None, {"return_sequences": True})])
    R("bidi_srnn_sum_state_last_func_keras", bidi, fmt="keras", api="functional", kind="srnn", merge="sum", seq=False,
      state=True)

    def bidi_custom_backward(ctx):
        inp = keras.Input((7, 3))
        fwd = layers.LSTM(4, return_sequences=True)
        bwd = layers.LSTM(4, return_sequences=True, go_backwards=True, activation="relu",
                          recurrent_activation="hard_sigmoid")
        y = layers.Bidirectional(fwd, backward_layer=bwd, merge_mode="concat")(inp)
        model = keras.Model(inp, layers.Dense(2)(y))
        randomize(model, ctx.rng, scale=0.8)
        return Case(model, [normal_inputs(ctx, 3, 7, 3)], "keras",
                    "functional Bidirectional(LSTM(4, seq), backward_layer=LSTM(4, seq, go_backwards=True, relu, "
                    "hard_sigmoid recurrent), concat) -> Dense(2): a backward layer with its own activations (config "
                    "key backward_layer). (Different units save, but Keras 3.15.1 cannot reload them: the reloaded "
                    "Bidirectional assumes 2 x forward units.)",
                    covers=["bidi_custom_backward_layer"])

    R("bidi_lstm_custom_backward_layer_func_keras", bidi_custom_backward)

    def bidi_backward_other_units(ctx, fmt, kind, merge):
        inp = keras.Input((6, 3))
        fwd = KIND[kind](3, return_sequences=True, return_state=True)
        bwd = KIND[kind](5, return_sequences=True, return_state=True, go_backwards=True)
        outs = layers.Bidirectional(fwd, backward_layer=bwd, merge_mode=merge)(inp)
        model = keras.Model(inp, outs)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 6, 3)], fmt,
                    f"functional Bidirectional({kind.upper()}(3, seq, return_state), backward_layer={kind.upper()}(5, "
                    f"seq, return_state, go_backwards), {merge}) as the model's outputs: a backward layer with other "
                    "units (Keras reloads it when nothing after it was built for the forward width).",
                    covers=["bidi_custom_backward_layer", "bidi_backward_other_units"])

    R("bidi_lstm_backward_other_units_concat_func_keras", bidi_backward_other_units, fmt="keras", kind="lstm",
      merge="concat")
    R("bidi_gru_backward_other_units_none_func_h5", bidi_backward_other_units, fmt="h5", kind="gru", merge=None)

    def bidi_inner_backwards(ctx):
        model = chain_model("sequential", (7, 3), [
            layers.Bidirectional(layers.GRU(4, return_sequences=True, go_backwards=True), merge_mode="concat",
                                 backward_layer=layers.GRU(4, return_sequences=True, go_backwards=False)),
            layers.Dense(2)])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 7, 3)], "h5",
                    "sequential Bidirectional(GRU(4, seq, go_backwards=True), backward_layer=GRU(4, seq, "
                    "go_backwards=False), concat) -> Dense(2): the directions swapped. The 'forward' layer reads "
                    "backwards (its sequence stays in reversed time order) and the 'backward' layer reads forwards, "
                    "yet Bidirectional still flips the backward layer's sequence in time before concatenating. (Without "
                    "backward_layer Keras 3 refuses a go_backwards=True layer: it sets go_backwards=True on the copy "
                    "instead of toggling it.)",
                    covers=["bidi_inner_go_backwards", "bidi_custom_backward_layer"])

    R("bidi_gru_inner_gobackwards_seq_h5", bidi_inner_backwards)

    def bidi_stack(ctx):
        model = chain_model("sequential", (8, 3), [
            layers.Bidirectional(layers.LSTM(4, return_sequences=True)),
            layers.Bidirectional(layers.GRU(3, return_sequences=True, reset_after=False), merge_mode="sum"),
            layers.Bidirectional(layers.SimpleRNN(3), merge_mode="ave"),
            layers.Dense(2)])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 8, 3)], "h5",
                    "sequential Bidirectional(LSTM(4, seq), concat) -> Bidirectional(GRU(3, seq, reset_after=False), "
                    "sum) -> Bidirectional(SimpleRNN(3), ave) -> Dense(2).")

    R("bidi_stack_lstm_gru_srnn_h5", bidi_stack)

    # ------------------------------------------------------------------ 3. initial_state from other tensors

    def encdec(ctx, fmt, kind, units=5, te=7, td=5, fe=3, fd=2, b=3, out_states=False, layer_outputs=False, **kw):
        enc_in, dec_in = keras.Input((te, fe), name="encoder_input"), keras.Input((td, fd), name="decoder_input")
        res = KIND[kind](units, return_state=True, name="encoder", **kw)(enc_in)
        states = list(res[1:])
        dec = KIND[kind](units, return_sequences=True, return_state=out_states, name="decoder", **kw)
        r = dec(dec_in, initial_state=states)
        y = r[0] if out_states else r
        y = layers.Dense(3, name="head")(y)
        model = keras.Model([enc_in, dec_in], [y] + list(r[1:]) if out_states else y)
        randomize(model, ctx.rng)
        st = "[h, c]" if kind == "lstm" else "[h]"
        return Case(model, [normal_inputs(ctx, b, te, fe), normal_inputs(ctx, b, td, fd)], fmt,
                    f"functional encoder-decoder: encoder {rnn_text(kind, units, dict(kw, return_state=True))} on input 0 "
                    f"({te} steps); its states {st} are the initial_state of decoder "
                    f"{rnn_text(kind, units, dict(kw, return_sequences=True, return_state=out_states))} on input 1 "
                    f"({td} steps) -> Dense(3)" + (f"; outputs [Dense, decoder states {st}]" if out_states else "") + ".",
                    covers=["initial_state", "encoder_decoder"], layer_outputs=layer_outputs)

    R("encdec_lstm_states_func_h5", encdec, fmt="h5", kind="lstm", layer_outputs=True)
    R("encdec_gru_reset_before_func_keras", encdec, fmt="keras", kind="gru", reset_after=False, out_states=True)

    def encdec_bidi_concat(ctx, fmt, kind):
        units = 4
        enc_in, dec_in = keras.Input((7, 3)), keras.Input((5, 2))
        res = layers.Bidirectional(KIND[kind](units, return_state=True), name="encoder")(enc_in)
        if kind == "lstm":
            _, fh, fc, bh, bc = res
            states = [layers.Concatenate(name="concat_h")([fh, bh]), layers.Concatenate(name="concat_c")([fc, bc])]
        else:
            _, fh, bh = res
            states = [layers.Concatenate(name="concat_h")([fh, bh])]
        y = KIND[kind](2 * units, return_sequences=True, name="decoder")(dec_in, initial_state=states)
        model = keras.Model([enc_in, dec_in], layers.Dense(3)(y))
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 7, 3), normal_inputs(ctx, 3, 5, 2)], fmt,
                    f"functional Bidirectional({LABEL[kind]}({units}, return_state=True)) encoder on input 0; "
                    f"Concatenate([forward h, backward h])" + (" and Concatenate([forward c, backward c])" if kind == "lstm"
                                                                 else "")
                    + f" are the initial_state of decoder {LABEL[kind]}({2 * units}, seq) on input 1 -> Dense(3).",
                    covers=["initial_state", "encoder_decoder", "bidi_encoder_states"])

    R("encdec_bidi_lstm_concat_states_func_keras", encdec_bidi_concat, fmt="keras", kind="lstm")

    def encdec_bidi_to_bidi(ctx):
        enc_in, dec_in = keras.Input((6, 3)), keras.Input((5, 2))
        res = layers.Bidirectional(layers.LSTM(4, return_state=True), name="encoder")(enc_in)
        y = layers.Bidirectional(layers.LSTM(4, return_sequences=True), merge_mode="sum", name="decoder")(
            dec_in, initial_state=list(res[1:]))
        model = keras.Model([enc_in, dec_in], layers.Dense(2)(y))
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 6, 3), normal_inputs(ctx, 2, 5, 2)], "keras",
                    "functional Bidirectional(LSTM(4, return_state)) encoder; its 4 states [fwd h, fwd c, bwd h, bwd c] "
                    "are the initial_state of a Bidirectional(LSTM(4, seq), sum) decoder (first half to the forward "
                    "layer, second half to the backward layer) -> Dense(2).",
                    covers=["initial_state", "encoder_decoder", "bidi_initial_state"])

    R("encdec_bidi_to_bidi_initial_state_func_keras", encdec_bidi_to_bidi)

    def init_from_dense(ctx):
        seq_in, cond_in = keras.Input((6, 3), name="sequence"), keras.Input((4,), name="condition")
        h0 = layers.Dense(5, activation="tanh", name="h0")(cond_in)
        c0 = layers.Dense(5, name="c0")(cond_in)
        y, h, c = layers.LSTM(5, return_sequences=True, return_state=True, name="lstm")(seq_in, initial_state=[h0, c0])
        g0 = layers.Dense(3, name="g0")(h)
        z = layers.GRU(3, name="gru")(y, initial_state=[g0])
        model = keras.Model([seq_in, cond_in], [z, h, c])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 3), normal_inputs(ctx, 3, 4)], "h5",
                    "functional: LSTM(5, seq, return_state) on input 0 with initial_state [Dense(5, tanh)(input 1), "
                    "Dense(5)(input 1)] (input 1 is 2-D, batch x 4); then GRU(3) on its sequence with initial_state "
                    "[Dense(3)(LSTM h)]; outputs [GRU output, LSTM h, LSTM c].",
                    covers=["initial_state", "initial_state_from_dense"])

    R("encdec_dense_initial_state_lstm_gru_func_h5", init_from_dense)

    def lstm_h_into_gru(ctx):
        enc_in, dec_in = keras.Input((6, 3)), keras.Input((4, 3))
        _, h, c = layers.LSTM(5, return_state=True)(enc_in)
        y1 = layers.GRU(5, return_sequences=True)(dec_in, initial_state=[c])
        y2 = layers.SimpleRNN(5)(dec_in, initial_state=h)
        model = keras.Model([enc_in, dec_in], [y1, y2])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 6, 3), normal_inputs(ctx, 2, 4, 3)], "keras",
                    "functional LSTM(5, return_state) encoder; its c state is the initial_state of GRU(5, seq) and its "
                    "h state (passed as a bare tensor, not a list) that of SimpleRNN(5), both on input 1; outputs "
                    "[GRU sequence, SimpleRNN output].",
                    covers=["initial_state", "encoder_decoder", "initial_state_across_kinds"])

    R("encdec_lstm_states_into_gru_srnn_func_keras", lstm_h_into_gru)

    # ------------------------------------------------------------------ 4. masking semantics

    # Masks are fed in Sequential models: in a Keras 3.15.1 Functional model a mask that reaches an
    # RNN is recorded as op nodes (NotEqual, Any) and passed as the mask= keyword (see cases_layers.py);
    # the rmask_opnodes_ cases below are the Functional ones, .keras only (.h5 cannot be reloaded).

    POST, PRE = "post", "pre"

    def mask_case(ctx, fmt, first, rnn_layer, rnn_desc, masked, t=8, f=3, b=None, value=0.0, dense=2,
                  extra_layers=(), extra_desc="", vocab=13, covers=(), layer_outputs=False):
        b = b or len(masked)
        if first == "masking":
            head = [layers.Masking(mask_value=value)]
            x = mask_rows(normal_inputs(ctx, b, t, f), masked, value)
            # one step with SOME features equal to mask_value: not masked
            for i, steps in enumerate(masked):
                free = [s for s in range(t) if s not in steps]
                if free and 0 < len(steps) < t:
                    x[i, free[len(free) // 2], 0] = value
                    break
            shape = (t, f)
            head_desc = f"Masking(mask_value={value:g})"
        else:
            head = [layers.Embedding(vocab, f, mask_zero=True)]
            x = token_ids(ctx, b, t, vocab, masked)
            shape = (t,)
            head_desc = f"Embedding({vocab}, {f}, mask_zero=True)"
        chain = head + list(extra_layers) + [rnn_layer] + ([layers.Dense(dense)] if dense else [])
        model = chain_model("sequential", shape, chain)
        randomize(model, ctx.rng)
        return Case(model, [x], fmt,
                    f"sequential {head_desc}{extra_desc} -> {rnn_desc}" + (f" -> Dense({dense})" if dense else "")
                    + f"; batch {b} x {t} steps, masked steps per sample: {pattern_text(masked, t)}"
                    + ("; one unmasked step has a single feature equal to mask_value" if first == "masking" else "")
                    + ".", covers=list(covers), layer_outputs=layer_outputs)

    T = 8
    M_MIX = [[], [5, 6, 7], [0, 1, 2], [3, 4], list(range(T))]          # none / end / start / middle / all
    M_END = [[], [6, 7], [2, 3, 4, 5, 6, 7], list(range(T))]
    M_START = [[0, 1, 2, 3, 4], [], [0], list(range(T))]
    M_MID = [[2, 3], [1, 4, 5], [], [6]]

    def rm_single(ctx, fmt, first, kind, seq, masked, value=0.0, dense=None, units=5, **kw):
        lyr = KIND[kind](units, return_sequences=seq, **kw)
        return mask_case(ctx, fmt, first, lyr, rnn_text(kind, units, dict(kw, return_sequences=seq)), masked,
                         value=value, dense=dense)

    def rm(name, fmt, first, kind, seq, masked, **kw):
        R(name, rm_single, fmt=fmt, first=first, kind=kind, seq=seq, masked=masked, **kw)

    rm("rmask_masking_lstm_mixed_pad_seq_dense_h5", "h5", "masking", "lstm", True, M_MIX, dense=2)
    rm("rmask_masking_lstm_gobackwards_start_pad_last_keras", "keras", "masking", "lstm", False, M_START,
       go_backwards=True)
    rm("rmask_masking_value_gru_reset_before_mid_pad_last_h5", "h5", "masking", "gru", False, M_MID, value=-2.5,
       reset_after=False)
    rm("rmask_masking_gru_gobackwards_mixed_pad_seq_keras", "keras", "masking", "gru", True, M_MIX, go_backwards=True)
    rm("rmask_masking_value_srnn_end_pad_seq_keras", "keras", "masking", "srnn", True, M_END, value=1.0)
    rm("rmask_emb_lstm_mid_pad_last_h5", "h5", "embedding", "lstm", False, M_MID)
    rm("rmask_emb_srnn_start_pad_gobackwards_seq_h5", "h5", "embedding", "srnn", True, M_START, go_backwards=True)
    rm("rmask_masking_lstm_zero_output_for_mask_mixed_pad_seq_keras", "keras", "masking", "lstm", True, M_MIX,
       zero_output_for_mask=True)
    rm("rmask_emb_lstm_zero_output_for_mask_gobackwards_seq_h5", "h5", "embedding", "lstm", True, M_MIX,
       zero_output_for_mask=True, go_backwards=True)

    def rm_nan_value(ctx, fmt, api):
        model = chain_model(api, (T, 3), [layers.Masking(mask_value=float("nan")), layers.LSTM(5, return_sequences=True)])
        randomize(model, ctx.rng)
        x = mask_rows(normal_inputs(ctx, 3, T, 3), [[2, 3], [], list(range(T))], 0.0)
        return Case(model, [x], fmt,
                    f"{api} Masking(mask_value=nan) -> LSTM(5, seq): NaN equals nothing, so no step is masked, also "
                    "the all-zero steps (2-3 of sample 0, all of sample 2); the config holds the bare NaN Python's json "
                    "writes.", covers=["masking_value_nan"])

    R("rmask_masking_nan_lstm_seq_h5", rm_nan_value, fmt="h5", api="sequential")
    R("rmask_masking_nan_lstm_func_keras", rm_nan_value, fmt="keras", api="functional")

    def rm_state(ctx, fmt, first, kind, seq, masked, **kw):
        lyr = KIND[kind](5, return_sequences=seq, return_state=True, **kw)
        c = mask_case(ctx, fmt, first, lyr, rnn_text(kind, 5, dict(kw, return_sequences=seq, return_state=True)),
                      masked, dense=None)
        c.description += (" The RNN is the last layer of the Sequential, so the model outputs [output, states...]; "
                          "masked steps leave the states unchanged.")
        return c

    R("rmask_masking_lstm_state_last_h5", rm_state, fmt="h5", first="masking", kind="lstm", seq=False, masked=M_MIX)

    def rm_bidi(ctx, fmt, first, kind, merge, seq, masked, value=0.0, state=False, dense=None, **kw):
        lyr = layers.Bidirectional(KIND[kind](4, return_sequences=seq, return_state=state, **kw), merge_mode=merge)
        c = mask_case(ctx, fmt, first, lyr,
                      f"Bidirectional({rnn_text(kind, 4, dict(kw, return_sequences=seq, return_state=state))}, "
                      f"merge_mode={merge!r})", masked, value=value, dense=dense)
        if seq:
            c.description += (" Bidirectional forces zero_output_for_mask=True on both directions when returning "
                              "sequences, so masked steps are 0 in both halves.")
        return c

    R("rmask_masking_bidi_lstm_concat_mixed_pad_seq_h5", rm_bidi, fmt="h5", first="masking", kind="lstm",
      merge="concat", seq=True, masked=M_MIX)
    R("rmask_masking_value_bidi_gru_sum_mid_pad_last_keras", rm_bidi, fmt="keras", first="masking", kind="gru",
      merge="sum", seq=False, masked=M_MID, value=0.5)
    R("rmask_emb_bidi_gru_none_start_pad_seq_keras", rm_bidi, fmt="keras", first="embedding", kind="gru", merge=None,
      seq=True, masked=M_START)
    R("rmask_masking_bidi_lstm_state_mul_mixed_pad_last_keras", rm_bidi, fmt="keras", first="masking", kind="lstm",
      merge="mul", seq=False, masked=M_MIX, state=True)

    def rm_flow(ctx, fmt, first, kind):
        extra = [layers.Dropout(0.3), layers.TimeDistributed(layers.Dense(4, activation="tanh")), layers.Dropout(0.2)]
        lyr = KIND[kind](5, return_sequences=True)
        return mask_case(ctx, fmt, first, lyr, f"{LABEL[kind]}(5, return_sequences=True)", M_MIX, extra_layers=extra,
                         extra_desc=" -> Dropout -> TimeDistributed(Dense(4, tanh)) -> Dropout",
                         covers=["mask_through_dropout", "mask_through_time_distributed"],
                         layer_outputs=(kind == "lstm"))

    R("rmask_masking_dropout_td_dense_lstm_seq_h5", rm_flow, fmt="h5", first="masking", kind="lstm")

    def rm_stack(ctx):
        lyrs = [layers.LSTM(5, return_sequences=True), layers.GRU(4, return_sequences=True, go_backwards=True)]
        return mask_case(ctx, "h5", "masking", layers.SimpleRNN(4, return_sequences=True),
                         "SimpleRNN(4, return_sequences=True)", M_MIX, extra_layers=lyrs,
                         extra_desc=" -> LSTM(5, seq) -> GRU(4, seq, go_backwards=True)", dense=None,
                         covers=["mask_through_rnn_stack"])

    R("rmask_masking_stack_lstm_gru_srnn_seq_h5", rm_stack)

    # Functional models with masks: recorded NotEqual / Any op nodes (.keras only)
    def rm_opnodes_state(ctx):
        inp = keras.Input((T, 3))
        m = layers.Masking()(inp)
        y, h, c = layers.LSTM(5, return_sequences=True, return_state=True)(m)
        z = layers.Bidirectional(layers.GRU(3))(y)
        model = keras.Model(inp, [z, h, c])
        randomize(model, ctx.rng)
        x = mask_rows(normal_inputs(ctx, 5, T, 3), M_MIX)
        return Case(model, [x], "keras",
                    "functional Masking -> LSTM(5, seq, return_state) -> Bidirectional(GRU(3)); outputs [Bidirectional, "
                    f"LSTM h, LSTM c]; masked steps: {pattern_text(M_MIX, T)}. Keras 3.15.1 records the mask as "
                    "NotEqual/Any op nodes passed as mask= (the LSTM's output mask reaches the Bidirectional the same way).",
                    covers=["mask_kwarg_op_nodes"])

    R("rmask_opnodes_masking_lstm_state_bidi_gru_func_keras", rm_opnodes_state)

    def rm_opnodes_encdec(ctx):
        enc_in, dec_in = keras.Input((T,)), keras.Input((6,))
        e = layers.Embedding(15, 4, mask_zero=True)(enc_in)
        _, h, c = layers.LSTM(5, return_state=True)(e)
        d = layers.Embedding(12, 3, mask_zero=True)(dec_in)
        y = layers.LSTM(5, return_sequences=True)(d, initial_state=[h, c])
        model = keras.Model([enc_in, dec_in], layers.Dense(4, activation="softmax")(y))
        randomize(model, ctx.rng)
        xe = token_ids(ctx, 4, T, 15, [[], [5, 6, 7], [0, 1, 2], list(range(T))])
        xd = token_ids(ctx, 4, 6, 12, [[4, 5], [], [0, 1], [3]])
        return Case(model, [xe, xd], "keras",
                    "functional seq2seq with masks: Embedding(15, 4, mask_zero) -> LSTM(5, return_state) encoder on "
                    "input 0; Embedding(12, 3, mask_zero) -> LSTM(5, seq, initial_state=[h, c]) decoder on input 1 -> "
                    "Dense(4, softmax). Encoder ids: none / end / start padded / all padding (so that sample's decoder "
                    "starts from zero states); decoder ids end / none / start / middle padded. Mask reaches the "
                    "LSTMs through recorded NotEqual op nodes.",
                    covers=["mask_kwarg_op_nodes", "initial_state", "encoder_decoder"])

    R("rmask_opnodes_emb_encdec_lstm_func_keras", rm_opnodes_encdec)

    def rm_td_4d(ctx, fmt):
        inp = keras.Input((3, 6, 2))                    # (batch, groups, steps, features)
        m = layers.Masking()(inp)
        last = layers.TimeDistributed(layers.LSTM(4))(m)
        seq = layers.TimeDistributed(layers.GRU(3, return_sequences=True))(m)
        mean = layers.TimeDistributed(layers.GlobalAveragePooling1D())(seq)
        model = keras.Model(inp, [last, seq, mean])
        randomize(model, ctx.rng)
        x = normal_inputs(ctx, 2, 3, 6, 2)
        x[0, 0, 4:] = 0.0      # group padded at the end
        x[0, 1, :2] = 0.0      # at the start
        x[1, 1, 2:4] = 0.0     # in the middle
        x[1, 2, 1:] = 0.0      # one valid step (a group with none makes Keras' masked mean 0/0)
        return Case(model, [x], fmt,
                    "functional Masking on a 4-D (batch, groups, steps, features) input -> TimeDistributed(LSTM(4)), "
                    "TimeDistributed(GRU(3, seq)) -> TimeDistributed(GlobalAveragePooling1D): TimeDistributed gives "
                    "each wrapped layer the (batch, steps) mask of its group; groups padded at the end, start, middle "
                    "and all but the first step." + (" Keras 3.15.1 cannot reload this .h5 (mask operation nodes): "
                                                    "outputs from the same model saved as .keras." if fmt == "h5" else ""),
                    covers=["time_distributed_rnn_mask"], reload_from="keras" if fmt == "h5" else None)

    def rm_td_4d_last(ctx):
        inp = keras.Input((4, 5, 2))                    # (batch, groups, steps, features)
        m = layers.Masking()(inp)
        joined = layers.Concatenate()([layers.TimeDistributed(layers.LSTM(3))(m),
                                       layers.TimeDistributed(layers.GRU(2, go_backwards=True))(m)])
        model = keras.Model(inp, layers.LSTM(3, return_sequences=True)(joined))
        randomize(model, ctx.rng)
        x = normal_inputs(ctx, 2, 4, 5, 2)
        x[0, 1, 3:] = 0.0      # group padded at the end
        x[0, 3, :] = 0.0       # every step masked: the group is masked for the LSTM over groups
        x[1, 0, :] = 0.0
        x[1, 2, 1:4] = 0.0     # in the middle
        return Case(model, [x], "keras",
                    "functional Masking on a 4-D (batch, groups, steps, features) input -> TimeDistributed(LSTM(3)) and "
                    "TimeDistributed(GRU(2, go_backwards)) without return_sequences -> Concatenate -> LSTM(3, seq) over "
                    "the groups: Keras keeps the (batch, groups, steps) mask on the TimeDistributed outputs and "
                    "Concatenate reduces it with any over the steps, so a group with no valid step is masked.",
                    covers=["time_distributed_rnn_mask"])

    R("rmask_masking4d_td_last_concat_lstm_func_keras", rm_td_4d_last)

    def rm_td_one_step_kept(ctx):
        inp = keras.Input((4, 1, 3))                    # (batch, groups, one step, features)
        kept = layers.TimeDistributed(layers.GlobalMaxPooling1D())(layers.Masking()(inp))
        added = layers.Add()([kept, kept])
        model = keras.Model(inp, [layers.Softmax()(kept), layers.LSTM(3, return_sequences=True)(kept),
                                  layers.Bidirectional(layers.GRU(2))(kept), layers.SimpleRNN(2)(added)])
        randomize(model, ctx.rng)
        x = normal_inputs(ctx, 3, 4, 1, 3)
        x[0, 1] = 0.0          # a group in the middle
        x[1, 3] = 0.0          # at the end
        x[2, :2] = 0.0         # at the start
        return Case(model, [x], "keras",
                    "functional Masking on a 4-D (batch, groups, 1 step, features) input -> "
                    "TimeDistributed(GlobalMaxPooling1D), which keeps the (batch, groups, 1) mask, into Softmax, "
                    "LSTM(3, seq), Bidirectional(GRU(2)) and Add -> SimpleRNN(2): the one-step mask broadcasts over "
                    "the features and units as a (batch, groups) mask does (keras4j refuses it to "
                    "GlobalAveragePooling1D, Multiply, Maximum, Minimum and Attention, where Keras computes another "
                    "shape or fails).",
                    covers=["time_distributed_rnn_mask"])

    R("rmask_masking4d_one_step_td_kept_func_keras", rm_td_one_step_kept)
    R("rmask_masking4d_td_lstm_gru_gap_func_keras", rm_td_4d, fmt="keras")
    R("rmask_masking4d_td_lstm_gru_gap_func_h5", rm_td_4d, fmt="h5")

    # Masks across nested-model boundaries. A nested model's output carries the mask its layers computed, and a
    # mask given to a nested model reaches its layers; Keras 3 records such calls with "mask": null, which Keras
    # fills in at run time with the input's own mask.
    def mask_head(ctx, first):
        """The layer that makes the mask, inputs for it (5 samples, masked steps M_MIX), its text, its input shape."""
        if first == "masking":
            return layers.Masking(0.0), mask_rows(normal_inputs(ctx, 5, T, 3), M_MIX), "Masking(0)", (T, 3)
        return (layers.Embedding(12, 3, mask_zero=True), token_ids(ctx, 5, T, 12, M_MIX),
                "Embedding(12, 3, mask_zero=True)", (T,))

    def rm_nested_out(ctx, fmt, inner_api, first, inner_rnn, outer):
        head, x, head_desc, shape = mask_head(ctx, first)
        chain = [head] + ([layers.GRU(4, return_sequences=True)] if inner_rnn else []) + [layers.Dense(4, activation="tanh")]
        chain_desc = head_desc + (" -> GRU(4, seq)" if inner_rnn else "") + " -> Dense(4, tanh)"
        inner = chain_model(inner_api, shape, chain, name="inner")
        inp = keras.Input(shape)
        y = inner(inp)
        if outer == "bidi":
            y, outer_desc = layers.Bidirectional(layers.LSTM(3, return_sequences=True))(y), "Bidirectional(LSTM(3, seq))"
        else:
            y, outer_desc = layers.LSTM(5, return_sequences=True)(y), "LSTM(5, seq)"
        model = keras.Model(inp, layers.Dense(2)(y))
        randomize(model, ctx.rng)
        randomize(inner, ctx.rng)
        return Case(model, [x], fmt,
                    f"functional with a nested {inner_api.capitalize()} 'inner' [{chain_desc}] whose output mask reaches "
                    f"the outer {outer_desc} -> Dense(2); masked steps: {pattern_text(M_MIX, T)}. Keras 3 records the "
                    "outer RNN's call with mask null and fills in the nested model's output mask when it runs.",
                    covers=["mask_out_of_nested_model"])

    R("rmask_nested_seq_masking_out_lstm_func_keras", rm_nested_out, fmt="keras", inner_api="sequential",
      first="masking", inner_rnn=False, outer="lstm")
    R("rmask_nested_func_masking_gru_out_lstm_func_keras", rm_nested_out, fmt="keras", inner_api="functional",
      first="masking", inner_rnn=True, outer="lstm")
    R("rmask_nested_func_masking_out_lstm_func_h5", rm_nested_out, fmt="h5", inner_api="functional",
      first="masking", inner_rnn=False, outer="lstm")
    R("rmask_nested_func_emb_out_bidi_func_keras", rm_nested_out, fmt="keras", inner_api="functional",
      first="embedding", inner_rnn=False, outer="bidi")

    def rm_nested_into(ctx, inner_api, first):
        head, x, head_desc, shape = mask_head(ctx, first)
        inner = chain_model(inner_api, (T, 3), [layers.LSTM(5, return_sequences=True), layers.Dense(3)], name="inner")
        inp = keras.Input(shape)
        y = layers.GRU(4)(inner(head(inp)))
        model = keras.Model(inp, layers.Dense(2)(y))
        randomize(model, ctx.rng)
        randomize(inner, ctx.rng)
        return Case(model, [x], "keras",
                    f"functional {head_desc} -> nested {inner_api.capitalize()} 'inner' [LSTM(5, seq) -> Dense(3)] "
                    f"-> GRU(4) -> Dense(2); masked steps: {pattern_text(M_MIX, T)}. The mask is passed into the nested "
                    "model (recorded as NotEqual/Any op nodes), applied by its LSTM, and carried out to the GRU.",
                    covers=["mask_into_nested_model", "mask_out_of_nested_model"])

    R("rmask_nested_mask_into_func_lstm_func_keras", rm_nested_into, inner_api="functional", first="masking")
    R("rmask_nested_emb_into_seq_lstm_func_keras", rm_nested_into, inner_api="sequential", first="embedding")

    def rm_nested_out_concatenated(ctx, first):
        head, x, head_desc, shape = mask_head(ctx, first)
        inner = chain_model("functional", (T, 3), [layers.Dense(3, activation="tanh")], name="inner")
        inp = keras.Input(shape)
        h = head(inp)
        s = inner(h)
        pooled = layers.GlobalAveragePooling1D()(layers.Concatenate()([h, s]))
        last = layers.LSTM(4)(layers.Concatenate()([s, h]))
        both = layers.GRU(3)(layers.Concatenate()([s, s]))
        model = keras.Model(inp, [pooled, last, both])
        randomize(model, ctx.rng)
        randomize(inner, ctx.rng)
        return Case(model, [x], "keras",
                    f"functional {head_desc} -> h; nested Functional 'inner' [Dense(3, tanh)] on h -> s; "
                    "Concatenate([h, s]) -> GlobalAveragePooling1D, Concatenate([s, h]) -> LSTM(4), Concatenate([s, s]) "
                    f"-> GRU(3); masked steps: {pattern_text(M_MIX, T)}. Keras records the first two Concatenates' "
                    "masks with s unmasked (OnesLike: a nested model's output has no mask while the model is built), "
                    "so every step is valid there, and applies them; the third records none, so the GRU gets the mask "
                    "s carries at run time.",
                    covers=["mask_out_of_nested_model", "mask_concatenate_recorded"])

    R("rmask_nested_out_concatenated_emb_func_keras", rm_nested_out_concatenated, first="embedding")
    R("rmask_nested_out_concatenated_masking_func_keras", rm_nested_out_concatenated, first="masking")

    # ------------------------------------------------------------------ 5. TimeDistributed

    def td_dense_seq(ctx):
        model = chain_model("sequential", (7, 3), [
            layers.TimeDistributed(layers.Dense(5, activation="relu")),
            layers.LSTM(5, return_sequences=True),
            layers.TimeDistributed(layers.Dense(4, activation="softmax"))])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 7, 3)], "h5",
                    "sequential TimeDistributed(Dense(5, relu)) -> LSTM(5, seq) -> TimeDistributed(Dense(4, softmax)).")

    R("td_dense_relu_lstm_td_dense_softmax_seq_h5", td_dense_seq)

    def td_conv_flatten(ctx):
        inp = keras.Input((5, 8, 3))
        y = layers.TimeDistributed(layers.Conv1D(4, 3, activation="relu"))(inp)
        y = layers.TimeDistributed(layers.Flatten())(y)
        y = layers.LSTM(5)(y)
        model = keras.Model(inp, layers.Dense(2)(y))
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 5, 8, 3)], "h5",
                    "functional on 4-D input (batch 2, 5 steps, 8 positions, 3 channels): TimeDistributed(Conv1D(4, 3, "
                    "relu)) -> TimeDistributed(Flatten) (5 x 24) -> LSTM(5) -> Dense(2).",
                    covers=["input_4d"])

    R("td_conv1d_4d_flatten_lstm_func_h5", td_conv_flatten)


    # ------------------------------------------------------------------ 6. Functional graphs

    def graph_multi_io(ctx):
        a, b = keras.Input((7, 3), name="a"), keras.Input((5, 2), name="b")
        ha = layers.LSTM(4, name="lstm_a")(a)
        sb = layers.GRU(3, return_sequences=True, name="gru_b")(b)
        hb = layers.SimpleRNN(3, name="srnn_b")(sb)
        joint = layers.Concatenate(name="joint")([ha, hb])
        out1 = layers.Dense(3, activation="softmax", name="out_class")(joint)
        out2 = layers.TimeDistributed(layers.Dense(2), name="out_seq")(sb)
        model = keras.Model([a, b], [out1, out2, ha])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 7, 3), normal_inputs(ctx, 3, 5, 2)], "h5",
                    "functional, 2 inputs of different lengths: LSTM(4) on a; GRU(3, seq) -> SimpleRNN(3) on b; "
                    "Concatenate -> Dense(3, softmax); outputs [softmax, TimeDistributed(Dense(2)) of the GRU sequence, "
                    "LSTM output (also an intermediate tensor)].",
                    covers=["multi_output"])

    R("graph_two_inputs_three_outputs_func_h5", graph_multi_io)

    def graph_shared_lstm(ctx):
        a, b = keras.Input((6, 3)), keras.Input((6, 3))
        shared = layers.LSTM(4, name="shared_lstm")
        ha, hb = shared(a), shared(b)
        d = layers.Subtract()([ha, hb])
        model = keras.Model([a, b], [layers.Dense(2)(d), ha, hb])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 3), normal_inputs(ctx, 3, 6, 3)], "keras",
                    "functional siamese: ONE LSTM(4) (shared weights) applied to input a and input b; outputs "
                    "[Dense(2)(Subtract(ha, hb)), ha, hb].", covers=["shared_layer"])

    R("graph_shared_lstm_two_inputs_func_keras", graph_shared_lstm)

    def graph_shared_bidi(ctx):
        a, b = keras.Input((6, 3)), keras.Input((4, 3))
        shared = layers.Bidirectional(layers.GRU(3, return_sequences=True), name="shared_bidi")
        ya, yb = shared(a), shared(b)
        joint = layers.Concatenate(axis=1)([ya, yb])
        model = keras.Model([a, b], layers.LSTM(4)(joint))
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 6, 3), normal_inputs(ctx, 2, 4, 3)], "h5",
                    "functional: one Bidirectional(GRU(3, seq)) applied to a (6 steps) and b (4 steps), sequences "
                    "joined along time by Concatenate(axis=1) -> LSTM(4).", covers=["shared_layer"])

    R("graph_shared_bidi_gru_concat_time_func_h5", graph_shared_bidi)

    def graph_nested_seq(ctx):
        inner = keras.Sequential([keras.Input((7, 3)), layers.LSTM(5, return_sequences=True),
                                  layers.Dense(4, activation="tanh")], name="inner_seq")
        inp = keras.Input((7, 3))
        y = inner(inp)
        y = layers.GRU(3)(y)
        model = keras.Model(inp, layers.Dense(2)(y))
        randomize(model, ctx.rng)
        randomize(inner, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 7, 3)], "keras",
                    "functional with a nested Sequential 'inner_seq' [LSTM(5, seq), Dense(4, tanh)] whose output feeds "
                    "GRU(3) -> Dense(2). layers/ holds the top-level layers' outputs (inner_seq as one layer).",
                    layer_outputs=True)

    R("graph_nested_sequential_in_func_keras", graph_nested_seq)

    def graph_nested_func(ctx):
        i_in = keras.Input((6, 3))
        i_y = layers.SimpleRNN(4, return_sequences=True)(layers.GRU(5, return_sequences=True)(i_in))
        inner = keras.Model(i_in, i_y, name="inner_func")
        inp = keras.Input((6, 3))
        y = inner(inp)
        y = layers.Concatenate()([y, inp])
        y = layers.LSTM(4)(y)
        model = keras.Model(inp, layers.Dense(2)(y))
        randomize(model, ctx.rng)
        randomize(inner, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 6, 3)], "h5",
                    "functional with a nested Functional 'inner_func' (GRU(5, seq) -> SimpleRNN(4, seq)); its output "
                    "is concatenated with the outer input -> LSTM(4) -> Dense(2).")

    R("graph_nested_func_in_func_h5", graph_nested_func)

    def graph_nested_twice(ctx):
        inner = keras.Sequential([keras.Input((5, 2)), layers.GRU(4, return_sequences=True, reset_after=False)],
                                 name="encoder")
        a, b = keras.Input((5, 2)), keras.Input((5, 2))
        ya, yb = inner(a), inner(b)
        y = layers.LSTM(3)(layers.Add()([ya, yb]))
        model = keras.Model([a, b], [layers.Dense(2)(y), yb])
        randomize(inner, ctx.rng)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 2), normal_inputs(ctx, 3, 5, 2)], "keras",
                    "functional using the nested Sequential 'encoder' [GRU(4, seq, reset_after=False)] TWICE (on a and "
                    "b: node indices 0 and 1 in the config); Add -> LSTM(3) -> Dense(2); outputs [Dense, encoder(b)].",
                    covers=["nested_model_called_twice"])

    R("graph_nested_sequential_twice_node_index_func_keras", graph_nested_twice)

    def graph_nested_multi_out(ctx):
        i_in = keras.Input((6, 3))
        seq, h, c = layers.LSTM(5, return_sequences=True, return_state=True)(i_in)
        inner = keras.Model(i_in, [seq, h, c], name="inner_state")
        inp = keras.Input((6, 3))
        s, h, c = inner(inp)
        z = layers.GRU(3)(s)
        out = layers.Dense(2)(layers.Concatenate()([z, c]))
        model = keras.Model(inp, [out, h])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 3)], "h5",
                    "functional with a nested Functional 'inner_state' returning [sequence, h, c] of an "
                    "LSTM(5, return_state); the outer model uses tensor 0 (GRU(3)), tensor 2 (c, concatenated with the "
                    "GRU output -> Dense(2)) and outputs tensor 1 (h): keras_history tensor indices 0, 1, 2.",
                    covers=["nested_multi_output"])

    R("graph_nested_multi_output_func_h5", graph_nested_multi_out)

    def graph_nested_func_twice_outputs(ctx, fmt):
        i_in = keras.Input((5, 3))
        inner = keras.Model(i_in, layers.Dense(2)(layers.LSTM(4, return_sequences=True)(i_in)), name="inner")
        a, b = keras.Input((5, 3)), keras.Input((5, 3))
        model = keras.Model([a, b], [inner(a), inner(b)])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 5, 3), normal_inputs(ctx, 2, 5, 3)], fmt,
                    "functional whose outputs are a nested Functional 'inner' [LSTM(4, seq) -> Dense(2)] called on a "
                    "and on b: output_layers name the calls nodes 1 and 2 (Keras counts the model's own node as 0), "
                    "inbound nodes of Keras 3 name them 0 and 1.", covers=["nested_model_called_twice"])

    R("graph_nested_func_twice_outputs_func_keras", graph_nested_func_twice_outputs, fmt="keras")
    R("graph_nested_func_twice_outputs_func_h5", graph_nested_func_twice_outputs, fmt="h5")

    def graph_seq_in_seq(ctx):
        inner = keras.Sequential([keras.Input((6, 3)), layers.Bidirectional(layers.LSTM(3, return_sequences=True)),
                                  layers.Dense(4)], name="inner_seq")
        model = keras.Sequential([keras.Input((6, 3)), inner, layers.GRU(3), layers.Dense(2)])
        randomize(model, ctx.rng)
        randomize(inner, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 6, 3)], "h5",
                    "sequential whose first layer is a nested Sequential [Bidirectional(LSTM(3, seq)), Dense(4)], then "
                    "GRU(3) -> Dense(2).")

    R("graph_sequential_in_sequential_h5", graph_seq_in_seq)

    # Models nested three and four levels deep in a Keras 3 .h5: the weight names in the top-level group carry only
    # the name scope of the model that built each layer (a Sequential given an Input), so the models in between
    # appear nowhere in them.
    def graph_nested_deep_seq(ctx):
        l3 = keras.Sequential([keras.Input((6, 3)), layers.LSTM(5, return_sequences=True),
                               layers.BatchNormalization(), layers.Dense(4)], name="level3")
        l2 = keras.Sequential([keras.Input((6, 3)), l3, layers.GRU(4, return_sequences=True)], name="level2")
        l1 = keras.Sequential([keras.Input((6, 3)), l2], name="level1")
        model = keras.Sequential([keras.Input((6, 3)), l1, layers.SimpleRNN(3), layers.Dense(2)])
        randomize(model, ctx.rng)
        bn = l3.layers[1]
        gamma, beta, mean, var = bn.get_weights()
        bn.set_weights([gamma, beta, mean, np.abs(var) + 0.5])   # a variance must be positive
        return Case(model, [normal_inputs(ctx, 2, 6, 3)], "h5",
                    "sequential -> Sequential 'level1' -> Sequential 'level2' [Sequential 'level3' [LSTM(5, seq), "
                    "BatchNormalization, Dense(4)], GRU(4, seq)] -> SimpleRNN(3) -> Dense(2): weights named "
                    "level3/lstm/..., level2/gru/..., no level1 anywhere.", covers=["nested_three_levels"])

    R("graph_nested_three_levels_seq_h5", graph_nested_deep_seq)

    def graph_nested_deep_func(ctx):
        def encoder(name):
            i = keras.Input((6, 3))
            y = layers.Dense(3, name=f"{name}_in")(i)  # built by no model: named "<name>_in/kernel"
            inner = keras.Model(i, y, name=f"{name}_func")
            return keras.Sequential([keras.Input((6, 3)), inner, layers.LSTM(4, return_sequences=True, name="proj")],
                                    name=name)
        a = keras.Input((6, 3))
        both = layers.Concatenate()([encoder("enc")(a), encoder("dec")(a)])
        middle = keras.Model(a, both, name="middle")
        inp = keras.Input((6, 3))
        model = keras.Model(inp, layers.GRU(2)(middle(inp)))
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 6, 3)], "h5",
                    "functional -> Functional 'middle' [Sequential 'enc' and Sequential 'dec', each [Functional "
                    "[Dense(3)], LSTM(4, seq) named 'proj'], concatenated] -> GRU(2): two layers named 'proj' told apart "
                    "by their Sequential's scope (enc/proj, dec/proj); the Dense layers' names carry no model at all.",
                    covers=["nested_three_levels"])

    R("graph_nested_func_seq_func_h5", graph_nested_deep_func)

    # ------------------------------------------------------------------ 7. stateful (calls without reset)

    def stateful(ctx, fmt, api, kind, lengths=(7, 6), fixed_t=False, units=5, f=3, b=2, stack=None, bidi=None, **kw):
        """Input(batch_shape=(b, None, f)) (or (b, T, f) with fixed_t, all calls of length T): the model is
        called len(lengths) times, call k on lengths[k] steps, without reset."""
        n_calls = len(lengths)
        if fixed_t:
            assert len(set(lengths)) == 1
        shape = (b, lengths[0] if fixed_t else None, f)
        if stack:
            chain = [KIND[k](u, stateful=True, return_sequences=True, **kk) for k, u, kk in stack]
            text = " -> ".join(rnn_text(k, u, dict(kk, stateful=True, return_sequences=True)) for k, u, kk in stack)
        elif bidi:
            chain = [layers.Bidirectional(KIND[kind](units, stateful=True, return_sequences=True, **kw),
                                          merge_mode=bidi)]
            text = f"Bidirectional({rnn_text(kind, units, dict(kw, stateful=True, return_sequences=True))}, {bidi})"
        else:
            chain = [KIND[kind](units, stateful=True, return_sequences=True, **kw)]
            text = rnn_text(kind, units, dict(kw, stateful=True, return_sequences=True))
        chain.append(layers.Dense(2))
        if api == "sequential":
            model = keras.Sequential([keras.Input(batch_shape=shape)] + chain)
        else:
            inp = keras.Input(batch_shape=shape)
            y = inp
            for lyr in chain:
                y = lyr(y)
            model = keras.Model(inp, y)
        randomize(model, ctx.rng)
        xs = [normal_inputs(ctx, b, t, f) for t in lengths]
        return Case(model, [xs[0]], fmt,
                    f"{api} {text} -> Dense(2), Input(batch_shape={shape}); Keras predict called {n_calls} times "
                    f"WITHOUT reset_states, on different inputs of {', '.join(map(str, lengths))} steps: call k>0 starts "
                    f"from the states call k-1 ended with (call<k>_input_0.npy / call<k>_output_0.npy)"
                    + ("" if fixed_t else "; the time dimension is None, so the model can also be fed in chunks") + ".",
                    covers=["stateful", f"calls:{n_calls}"], calls=[[x] for x in xs[1:]])

    R("stateful_lstm_h5", stateful, fmt="h5", api="sequential", kind="lstm")
    R("stateful_gru_keras", stateful, fmt="keras", api="functional", kind="gru")
    R("stateful_simple_rnn_h5", stateful, fmt="h5", api="sequential", kind="srnn")
    R("stateful_bidi_lstm_concat_fixed_t_keras", stateful, fmt="keras", api="sequential", kind="lstm", units=4,
      bidi="concat", lengths=(7, 7), fixed_t=True)
    R("stateful_stack_gru_lstm_srnn_3calls_func_h5", stateful, fmt="h5", api="functional", kind=None, lengths=(6, 4, 8),
      stack=[("gru", 5, {"reset_after": False}), ("lstm", 4, {}), ("srnn", 3, {"go_backwards": True})])

    # ------------------------------------------------------------------ 8. diverging (testdata/diverging/)

    def diverging(ctx):
        model = keras.Sequential([keras.Input((8, 3)),
                                  layers.LSTM(6, return_sequences=True, name="lstm_first"),
                                  layers.LSTM(5, return_sequences=True, name="lstm_second"),
                                  layers.LSTM(4, name="lstm_third"),
                                  layers.Dense(2, name="head")], name="diverging")
        randomize(model, ctx.rng)
        changed = [w.copy() for w in model.get_layer("lstm_second").get_weights()]
        changed[0][0, 0] += 0.5   # one kernel entry of the second layer
        changed[2][:] += 0.05     # and its whole bias
        return Case(model, [normal_inputs(ctx, 3, 8, 3)], "h5",
                    "DELIBERATELY WRONG golden data: sequential LSTM(6, seq) 'lstm_first' -> LSTM(5, seq) "
                    "'lstm_second' -> LSTM(4) 'lstm_third' -> Dense(2) 'head' saved as model.h5, but output_0.npy and "
                    "layers/*.npy were computed by Keras from a COPY whose lstm_second weights were changed (kernel[0, 0] "
                    "+ 0.5, every bias + 0.05). lstm_first matches; lstm_second is the first layer to diverge. keras4j "
                    "must FAIL this case and name lstm_second.",
                    covers=["diverging", "expected_failure"], layer_outputs=True, golden_weights={"lstm_second": changed},
                    folder="diverging",
                    extra={"expected_to_fail": True, "first_diverging_layer": "lstm_second",
                           "changed_layers": {"lstm_second": "kernel[0, 0] += 0.5; bias += 0.05 (in the copy only)"}})

    R("diverging_second_lstm_h5", diverging)

    def conv_lstm_2d(ctx, fmt):
        inp = keras.Input((5, 6, 6, 2))
        seq = layers.ConvLSTM2D(3, (3, 3), padding="same", return_sequences=True)(inp)
        last, h, c = layers.ConvLSTM2D(2, (2, 2), strides=2, return_state=True, recurrent_activation="hard_sigmoid")(seq)
        out = layers.Dense(2)(layers.Flatten()(last))
        heads = [seq, h, c, layers.ConvLSTM2D(2, (3, 2), dilation_rate=(2, 1), padding="same", go_backwards=True,
                                              activation="softsign", use_bias=False)(inp)]
        model = keras.Model(inp, [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 5, 6, 6, 2)], fmt,
                    "functional ConvLSTM2D(3, 3x3, same, return_sequences) over 5 steps of 6x6x2 -> ConvLSTM2D(2, 2x2, "
                    "strides 2, valid, return_state, hard_sigmoid) -> Flatten -> Dense(2); heads: the sequences, the "
                    "states h and c, ConvLSTM2D(2, 3x2, dilation (2, 1), same, go_backwards, softsign, no bias).",
                    covers=["conv_lstm"])

    R("conv_lstm2d_func_keras", conv_lstm_2d, fmt="keras")
    R("conv_lstm2d_func_h5", conv_lstm_2d, fmt="h5")

    def conv_lstm_1d_3d(ctx, fmt):
        rows, cube = keras.Input((6, 8, 3)), keras.Input((3, 3, 4, 4, 1))
        first = layers.ConvLSTM1D(4, 3, padding="same", return_sequences=True)(rows)
        out = layers.Dense(2)(layers.Flatten()(layers.ConvLSTM1D(2, 3, strides=2)(first)))
        heads = [first, layers.Bidirectional(layers.ConvLSTM1D(2, 3, padding="same", return_sequences=True))(rows),
                 layers.Bidirectional(layers.ConvLSTM1D(2, 3), merge_mode="sum")(rows),
                 layers.ConvLSTM3D(2, 2, padding="same")(cube)]
        model = keras.Model([rows, cube], [out] + heads)
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 6, 8, 3), normal_inputs(ctx, 3, 3, 3, 4, 4, 1)], fmt,
                    "functional ConvLSTM1D(4, 3, same, return_sequences) over 6 steps of 8x3 -> ConvLSTM1D(2, 3, strides "
                    "2) -> Flatten -> Dense(2); heads: the sequences, Bidirectional(ConvLSTM1D(2, 3, same, return_sequences)) (concat on the filters), "
                    "Bidirectional(ConvLSTM1D(2, 3), sum), ConvLSTM3D(2, 2, same) over 3 steps of 3x4x4x1.",
                    covers=["conv_lstm", "bidirectional"])

    R("conv_lstm1d_3d_func_keras", conv_lstm_1d_3d, fmt="keras")

    def conv_lstm_channels_first(ctx, fmt):
        inp = keras.Input((4, 2, 5, 6))
        seq = layers.ConvLSTM2D(3, (3, 2), padding="same", data_format="channels_first", return_sequences=True,
                                name="first")(inp)
        last, h, c = layers.ConvLSTM2D(2, 2, strides=(1, 2), data_format="channels_first", return_state=True,
                                       name="second")(seq)
        model = keras.Model(inp, [seq, last, h, c])
        randomize(model, ctx.rng)

        def twin(reloaded, inputs):
            """The same layers channels_last, with the same weights, on the transposed inputs; outputs transposed back."""
            x = keras.Input((4, 5, 6, 2))
            options = lambda name: {k: v for k, v in reloaded.get_layer(name).get_config().items()
                                    if k not in ("name", "data_format", "dtype")}
            first = layers.ConvLSTM2D(**options("first"))
            second = layers.ConvLSTM2D(**options("second"))
            s1 = first(x)
            twin_model = keras.Model(x, [s1] + list(second(s1)))
            first.set_weights(reloaded.get_layer("first").get_weights())
            second.set_weights(reloaded.get_layer("second").get_weights())
            ys = twin_model.predict(np.transpose(inputs[0], (0, 1, 3, 4, 2)), verbose=0)
            return [np.transpose(ys[0], (0, 1, 4, 2, 3))] + [np.transpose(y, (0, 3, 1, 2)) for y in ys[1:]]

        return Case(model, [normal_inputs(ctx, 3, 4, 2, 5, 6)], fmt,
                    "functional ConvLSTM2D(3, 3x2, same, channels_first, return_sequences) over 4 steps of 2x5x6 -> "
                    "ConvLSTM2D(2, 2x2, strides (1, 2), channels_first, return_state); outputs the sequences, the last "
                    "output and the states h and c. Keras' TensorFlow backend runs channels_first only on a GPU, so the "
                    "golden outputs are Keras' of the same layers channels_last, with the same weights, on the "
                    "transposed inputs, transposed back.",
                    covers=["conv_lstm", "channels_first"], twin=twin,
                    no_float64="Keras cannot run the channels_first model on a CPU")

    R("conv_lstm2d_channels_first_func_keras", conv_lstm_channels_first, fmt="keras")

    def conv_lstm_large_stateful(ctx, fmt):
        """Frames of 32 x 32: as a dense LSTM over positions the first layer's kernels would hold 3.4e8 floats, so only
        the convolution form runs it; stateful, called three times without reset."""
        shape = (2, 3, 32, 32, 2)  # with a time of None, Keras 3.15.1 answered a 4-step third call with 2 steps
        model = keras.Sequential([
            keras.Input(batch_shape=shape),
            layers.ConvLSTM2D(8, 3, padding="same", return_sequences=True, stateful=True),
            layers.ConvLSTM2D(4, (3, 2), strides=(2, 1), stateful=True, return_sequences=True),
            layers.TimeDistributed(layers.GlobalAveragePooling2D()),
            layers.Dense(2),
        ])
        randomize(model, ctx.rng, scale=0.5)
        xs = [normal_inputs(ctx, 2, 3, 32, 32, 2) for _ in range(3)]
        return Case(model, [xs[0]], fmt,
                    "sequential ConvLSTM2D(8, 3x3, same, return_sequences, stateful) -> ConvLSTM2D(4, 3x2, strides (2, 1), "
                    "return_sequences, stateful) -> TimeDistributed(GlobalAveragePooling2D) -> Dense(2) on frames of 32 x 32 "
                    "x 2, Input(batch_shape=(2, 3, 32, 32, 2)); Keras predict called 3 times WITHOUT reset_states "
                    "(call<k>_input_0.npy / call<k>_output_0.npy).",
                    covers=["conv_lstm", "stateful", "calls:3"], calls=[[x] for x in xs[1:]])

    def conv_lstm3d_large(ctx, fmt):
        """Volumes of 6 x 16 x 16: as a dense LSTM over positions the first layer's kernels would hold 1.3e9 floats, so
        only the convolution form runs it; then a strided ConvLSTM3D with its states as outputs."""
        inp = keras.Input((3, 6, 16, 16, 2))
        x = layers.ConvLSTM3D(8, 3, padding="same", return_sequences=True)(inp)
        y, h, c = layers.ConvLSTM3D(3, (2, 3, 3), strides=(1, 2, 2), padding="same", return_state=True,
                                    go_backwards=True)(x)
        model = keras.Model(inp, [layers.Dense(2)(layers.GlobalAveragePooling3D()(y)), h, c])
        randomize(model, ctx.rng, scale=0.5)
        return Case(model, [normal_inputs(ctx, 2, 3, 6, 16, 16, 2)], fmt,
                    "functional ConvLSTM3D(8, 3x3x3, same, return_sequences) -> ConvLSTM3D(3, 2x3x3, strides (1, 2, 2), "
                    "same, return_state, go_backwards) -> GlobalAveragePooling3D -> Dense(2), with the second layer's h "
                    "and c as outputs; batch 2 of 3 volumes of 6 x 16 x 16 x 2.",
                    covers=["conv_lstm", "conv_lstm3d"])

    R("conv_lstm3d_large_func_keras", conv_lstm3d_large, fmt="keras")
    R("conv_lstm3d_large_func_h5", conv_lstm3d_large, fmt="h5")

    def conv_lstm3d_nonfinite(ctx, fmt):
        """A NaN and an infinity in one step's volume reach only the output positions whose windows hold them."""
        inp = keras.Input((2, 4, 5, 6, 1))
        model = keras.Model(inp, layers.ConvLSTM3D(2, 2, return_sequences=True)(inp))
        randomize(model, ctx.rng, scale=0.5)
        x = normal_inputs(ctx, 1, 2, 4, 5, 6, 1)
        x[0, 1, 0, 0, 0, 0] = np.nan
        x[0, 1, 3, 4, 5, 0] = np.inf
        return Case(model, [x], fmt,
                    "functional ConvLSTM3D(2, 2x2x2, valid, return_sequences) on 2 volumes of 4 x 5 x 6 x 1 whose second "
                    "holds a NaN in its first corner and +inf in its last: only the windows that hold them are NaN.",
                    covers=["conv_lstm3d", "nan_input", "inf_input"], nonfinite=True)

    R("conv_lstm3d_nonfinite_func_keras", conv_lstm3d_nonfinite, fmt="keras")

    def next_frame(ctx, fmt):
        """The shape of Keras' next-frame prediction example: ConvLSTM2D layers, BatchNormalization, a Conv3D head."""
        inp = keras.Input((None, 10, 10, 1))
        x = layers.ConvLSTM2D(6, 3, padding="same", return_sequences=True, activation="relu")(inp)
        x = layers.BatchNormalization()(x)
        x = layers.ConvLSTM2D(4, (3, 3), padding="same", return_sequences=True)(x)
        frames = layers.Conv3D(1, (3, 3, 3), activation="sigmoid", padding="same", name="frames")(x)
        heads = [layers.Conv3D(3, (2, 3, 2), strides=(1, 2, 2), name="strided")(x),
                 layers.Conv3D(2, 2, dilation_rate=(1, 2, 1), padding="same", use_bias=False, name="dilated")(x),
                 layers.GlobalAveragePooling3D(name="gap3d")(x), layers.GlobalMaxPooling3D(keepdims=True, name="gmp3d")(x)]
        model = keras.Model(inp, [frames] + heads)
        randomize(model, ctx.rng, scale=0.6)
        g.batch_norm_weights(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 5, 10, 10, 1)], fmt,
                    "functional next-frame model as in Keras' ConvLSTM example, on 5 frames of 10 x 10 x 1 (time None): "
                    "ConvLSTM2D(6, 3x3, same, relu, return_sequences) -> BatchNormalization -> ConvLSTM2D(4, 3x3, same, "
                    "return_sequences) -> Conv3D(1, 3x3x3, same, sigmoid); heads Conv3D(3, (2, 3, 2), strides (1, 2, 2)), "
                    "Conv3D(2, 2, dilation (1, 2, 1), same, no bias), GlobalAveragePooling3D, GlobalMaxPooling3D(keepdims).",
                    covers=["conv_lstm", "conv3d", "global_pool3d", "batch_norm"])

    R("conv_lstm2d_next_frame_conv3d_func_keras", next_frame, fmt="keras")
    def conv3d_channels_first(ctx, fmt):
        inp = keras.Input((2, 4, 5, 6))
        y = layers.Conv3D(3, (2, 3, 2), padding="same", strides=(1, 1, 2), data_format="channels_first", name="conv")(inp)
        g = layers.GlobalAveragePooling3D(data_format="channels_first", name="gap")(y)
        model = keras.Model(inp, [y, g])
        randomize(model, ctx.rng)

        def twin(reloaded, inputs):
            """The same layers channels_last, with the same weights, on the transposed inputs; outputs transposed back."""
            x = keras.Input((4, 5, 6, 2))
            options = {k: v for k, v in reloaded.get_layer("conv").get_config().items()
                       if k not in ("name", "data_format", "dtype")}
            conv = layers.Conv3D(**options)
            c = conv(x)
            twin_model = keras.Model(x, [c, layers.GlobalAveragePooling3D()(c)])
            conv.set_weights(reloaded.get_layer("conv").get_weights())
            ys = twin_model.predict(np.transpose(inputs[0], (0, 2, 3, 4, 1)), verbose=0)
            return [np.transpose(ys[0], (0, 4, 1, 2, 3)), ys[1]]

        return Case(model, [normal_inputs(ctx, 2, 2, 4, 5, 6)], fmt,
                    "functional Conv3D(3, (2, 3, 2), same, strides (1, 1, 2), channels_first) -> GlobalAveragePooling3D("
                    "channels_first); both outputs. Keras' TensorFlow backend runs a channels_first Conv3D on a CPU only "
                    "through XLA, so the golden outputs are Keras' of the same layers channels_last, with the same weights, "
                    "on the transposed inputs, transposed back.",
                    covers=["conv3d", "channels_first"], twin=twin,
                    no_float64="the golden comes from the channels_last twin")

    R("conv3d_channels_first_func_keras", conv3d_channels_first, fmt="keras")

    def conv3d_same_strides(ctx, fmt):
        """Same padding with strides larger than the window: TensorFlow's Conv3D (channels last, on a CPU) starts its
        windows inside the input, where Conv2D's start at its edge."""
        inp = keras.Input((3, 6, 14, 2))
        heads = [layers.Conv3D(2, 1, strides=(1, 3, 9), padding="same", name="pointwise")(inp),
                 layers.Conv3D(3, (1, 2, 3), strides=(2, 4, 5), padding="same", name="wide_strides")(inp),
                 layers.Conv3D(2, 2, strides=(1, 2, 2), padding="same", name="even")(inp)]
        seq = keras.Input((2, 3, 6, 14, 2))
        lstm = layers.ConvLSTM3D(2, (1, 1, 2), strides=(1, 3, 5), padding="same", return_sequences=True, name="conv_lstm")(seq)
        model = keras.Model([inp, seq], heads + [lstm])
        randomize(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 2, 3, 6, 14, 2), normal_inputs(ctx, 2, 2, 3, 6, 14, 2)], fmt,
                    "functional Conv3D heads with same padding on 3 x 6 x 14 x 2: Conv3D(2, 1, strides (1, 3, 9)), "
                    "Conv3D(3, (1, 2, 3), strides (2, 4, 5)), Conv3D(2, 2, strides (1, 2, 2)); and ConvLSTM3D(2, (1, 1, 2), "
                    "strides (1, 3, 5), same, return_sequences) over 2 steps. Where the stride is larger than the window, "
                    "TensorFlow's Conv3D (channels last, on a CPU) starts the windows inside the input (6 positions, stride 3, "
                    "window 1: positions 1 and 4), where Conv2D starts them at its edge.",
                    covers=["conv3d", "conv_lstm", "same_padding_conv3d"])

    R("conv3d_same_strides_func_keras", conv3d_same_strides, fmt="keras")
    R("conv3d_same_strides_func_h5", conv3d_same_strides, fmt="h5")
    R("conv_lstm2d_next_frame_conv3d_func_h5", next_frame, fmt="h5")

    R("conv_lstm2d_large_stateful_seq_keras", conv_lstm_large_stateful, fmt="keras")
    R("conv_lstm2d_large_stateful_seq_h5", conv_lstm_large_stateful, fmt="h5")

    # ------------------------------------------------------------------ 9. outputs of Keras' JAX and PyTorch backends

    def on_backend(fn, backend):
        """fn's case with its outputs (of every call) from Keras on `backend` ("jax" or "torch"), which also writes the
        model file: generate.predict_on_backend."""
        def build(ctx, **kw):
            c = fn(ctx, **kw)
            c.keras_backend = backend
            c.description = (f"Keras' outputs under the {'JAX' if backend == 'jax' else 'PyTorch'} backend (the model file "
                             f"saved again by Keras running on it): {c.description}")
            if c.calls:
                c.description += " On this backend the calls are model(x, training=False), see testdata/predict_backend.py."
            c.covers = c.covers + [f"keras_backend:{backend}"]
            return c
        build.__name__ = f"{fn.__name__}_on_{backend}"
        return build

    def backend_recurrent(ctx, fmt):
        inp = keras.Input((8, 3))
        x = layers.Masking()(inp)
        seq = layers.Bidirectional(layers.LSTM(4, return_sequences=True))(x)
        gru, gru_h = layers.GRU(5, go_backwards=True, return_state=True, reset_after=False)(seq)
        srnn = layers.SimpleRNN(3, return_sequences=True, zero_output_for_mask=True)(seq)
        lstm, _, lstm_c = layers.LSTM(4, return_state=True, unroll=True)(x)
        out = layers.Dense(2)(layers.Concatenate()([gru, lstm]))
        model = keras.Model(inp, [out, srnn, gru_h, lstm_c])
        randomize(model, ctx.rng)
        masked = [[], [5, 6, 7], [0, 1], list(range(8))]
        return Case(model, [mask_rows(normal_inputs(ctx, 4, 8, 3), masked)], fmt,
                    "functional Masking -> Bidirectional(LSTM(4, return_sequences)) -> GRU(5, go_backwards, return_state, "
                    "reset_after=False) and SimpleRNN(3, return_sequences, zero_output_for_mask); LSTM(4, return_state, "
                    "unroll) of the masked input; Dense(2) of the GRU and LSTM outputs; outputs Dense, SimpleRNN, GRU state, "
                    f"LSTM cell state; masked: {pattern_text(masked, 8)}.")

    def backend_conv_attention(ctx, fmt):
        inp = keras.Input((10, 4))
        x = layers.Conv1D(8, 3, padding="causal", activation="relu")(inp)
        x = layers.BatchNormalization()(x)
        att = layers.MultiHeadAttention(2, 4)(x, x, use_causal_mask=True)
        x = layers.LayerNormalization()(layers.Add()([x, att]))
        x = layers.LSTM(6)(x)
        model = keras.Model(inp, layers.Dense(3, activation="softmax")(x))
        randomize(model, ctx.rng)
        g.batch_norm_weights(model, ctx.rng)
        return Case(model, [normal_inputs(ctx, 3, 10, 4)], fmt,
                    "functional Conv1D(8, 3, causal, relu) -> BatchNormalization -> MultiHeadAttention(2 heads, key_dim 4, "
                    "self-attention with use_causal_mask) added back -> LayerNormalization -> LSTM(6) -> Dense(3, softmax).")

    R("backend_jax_recurrent_masked_func_keras", on_backend(backend_recurrent, "jax"), fmt="keras")
    R("backend_jax_conv_attention_lstm_func_h5", on_backend(backend_conv_attention, "jax"), fmt="h5")
    R("backend_jax_stateful_stack_3calls_func_keras", on_backend(stateful, "jax"), fmt="keras", api="functional",
      kind=None, lengths=(6, 4, 8), stack=[("lstm", 4, {}), ("gru", 5, {"go_backwards": True}), ("srnn", 3, {})])
    R("backend_torch_recurrent_masked_func_keras", on_backend(backend_recurrent, "torch"), fmt="keras")
    R("backend_torch_conv_attention_lstm_func_keras", on_backend(backend_conv_attention, "torch"), fmt="keras")
    R("backend_torch_stateful_bidi_gru_h5", on_backend(stateful, "torch"), fmt="h5", api="sequential", kind="gru",
      bidi="sum")
