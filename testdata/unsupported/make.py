#!/usr/bin/env python3
"""Writes models that keras4j must refuse, listing every problem at once (see cli CliTest).

    /work/venv-keras/bin/python testdata/unsupported/make.py

three_unsupported_layers.keras: LSTM -> Lambda -> Doubler (a custom layer) -> RandomCrop -> Dense, saved by
Keras 3; keras4j supports the LSTM and the Dense but none of the three layers between them.

hand_mask_lstm.keras: Embedding(mask_zero) on ids -> LSTM(3, seq) called with mask=ops.not_equal(other, 0), a mask
computed from another input, which Keras applies instead of the Embedding's.

unroll_backwards_masked.keras: Masking -> Bidirectional(LSTM(3, return_sequences, unroll=True)): the backward layer's
unrolled loop zeroes its reversed outputs by the mask in input order (Keras 3.15.1, TensorFlow backend).

time_distributed_mask_rnn.keras: Masking on (batch, time, 2, 1) -> TimeDistributed(GlobalAveragePooling1D) ->
SimpleRNN(2): TimeDistributed keeps the (batch, time, 2) mask, which the SimpleRNN applies to its two units one by one.

time_distributed_mask_consumers.keras: Masking on (1, 2, 2, 2) -> TimeDistributed(GlobalMaxPooling1D), which keeps the
(1, 2, 2) mask, into GlobalAveragePooling1D (Keras broadcasts the mask into another shape), Softmax (Keras applies it unit
by unit) and Add -> SimpleRNN(2) (the Add's OR is kept whole too).

time_distributed_mask_one_step.keras: Masking on (1, 2, 1, 2) -> TimeDistributed(GlobalMaxPooling1D), which keeps the
(1, 2, 1) mask, into GlobalAveragePooling1D, Multiply and Attention (Keras computes another shape or fails; Softmax and
RNNs, where that mask broadcasts as a (batch, time) mask does, run: golden rmask_masking4d_one_step_td_kept_func_keras).

nested_output_concatenated_in_add.keras: Embedding(mask_zero) -> e; Concatenate([e, nested model(e)]) -> Add with
Dense(6)(e) -> GlobalAveragePooling1D: Keras records the Concatenate's mask with the nested output unmasked (its mask
exists only at run time) inside the Add's LogicalOr; keras4j follows such a record only where it is the whole mask
(golden rmask_nested_out_concatenated_*).

multi_head_attention_masks.keras: two MultiHeadAttention layers and an Attention on one Embedding(mask_zero) output
(MultiHeadAttention removes its inputs' masks at run time, so the others see them or not by the order Keras runs them
in), and a MultiHeadAttention given an attention_mask tensor.

bidirectional_lstm_gru_states.keras: Bidirectional(LSTM(2, return_state), backward_layer=GRU(2, return_state)): the
directions hold 2 and 1 states, which Keras 3.15.1 saves but fails to run.

multi_head_attention_stacked_masked.keras: Embedding(mask_zero) -> MultiHeadAttention 'first' -> Add with its input ->
LayerNormalization -> MultiHeadAttention 'second': 'first' removes the embedding's mask at run time, so the Add derives
none and Keras runs 'second' unmasked, where keras4j would apply the mask it derives.

masked_gap_channels_first.keras: Masking on (3, 1) -> GlobalAveragePooling1D(channels_first): Keras broadcasts the
(batch, 3) mask against the 1 step on axis 2.

lora_dense.h5: Dense(4) with enable_lora(2), saved as .h5, which holds the LoRA factors apart from the kernel.

operations_refused_options.keras: Keras 3 operations that keras4j refuses by their options: flipud and vsplit (the
batch axis), hsplit of a rank-1 input (the batch axis too), array_split into more sections than the axis holds, digitize
into descending bins, trapezoid with sample points x along an axis other than -1 (Keras' TensorFlow backend fails on
it), depth_to_space of images whose rows and columns are both known only at run time, separable_conv with a pointwise
kernel that does not fit the depthwise one's channels, cross along axis 1, inner of a constant and a tensor.

operations_refused_linear_algebra.keras: Keras 3 operations of linear algebra, Fourier transforms and bits that keras4j
refuses: qr, svd, eig and eigh (their factors' signs and order are LAPACK's conventions), stft of 8 samples with
fft_length 16 (reflect padding by 8 needs more samples), pinv, rfft with
fft_length 70000 (above 65536), and bitwise_and of an int8 and an int32 tensor (two types).

operations_refused_batch_axis.keras: Keras 3 operations that mix or reshape the batch axis, which a keras4j model keeps
first and whole: diag, diagflat, ravel, vdot, psnr, flipud, vsplit, vstack and outer.

quantized_refused.keras: Dense layers quantized by Keras' GPTQ and AWQ (4 bits, per channel), and an EinsumDense
quantized to int8 whose equation abc,bd->acd contracts an axis of the input other than its last (keras4j runs int8,
int4 and float8 Dense, EinsumDense and Embedding layers; int8 EinsumDense layers whose equation is a Dense product once
the kernel's axes are reordered).
"""

import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ["KERAS_BACKEND"] = "tensorflow"

import keras  # noqa: E402
from keras import layers  # noqa: E402

HERE = Path(__file__).resolve().parent


@keras.saving.register_keras_serializable(package="unsupported")
class Doubler(layers.Layer):
    """A custom layer: its Python code, which keras4j never runs, is not in the file."""

    def call(self, x):
        return x * 2.0


def main():
    keras.utils.set_random_seed(7)
    inputs = keras.Input((10, 3))
    x = layers.LSTM(8, return_sequences=True)(inputs)
    x = layers.Lambda(lambda t: t * 2.0, name="times_two")(x)
    x = Doubler(name="doubler")(layers.Reshape((8, 10, 1))(x))
    x = layers.Reshape((6, 8))(layers.RandomCrop(6, 8, name="crop")(x))
    model = keras.Model(inputs, layers.Dense(1)(x))
    model.save(HERE / "three_unsupported_layers.keras")

    ids, other = keras.Input((6,)), keras.Input((6,))
    e = layers.Embedding(12, 4, mask_zero=True)(ids)
    y = layers.LSTM(3, return_sequences=True)(e, mask=keras.ops.not_equal(other, 0.0))
    keras.Model([ids, other], y).save(HERE / "hand_mask_lstm.keras")

    steps = keras.Input((5, 2))
    masked = layers.Masking()(steps)
    y = layers.Bidirectional(layers.LSTM(3, return_sequences=True, unroll=True), name="bidi")(masked)
    keras.Model(steps, y).save(HERE / "unroll_backwards_masked.keras")

    groups = keras.Input((None, 2, 1))
    pooled = layers.TimeDistributed(layers.GlobalAveragePooling1D())(layers.Masking()(groups))
    keras.Model(groups, layers.SimpleRNN(2, name="rnn")(pooled)).save(HERE / "time_distributed_mask_rnn.keras")

    cells = keras.Input(batch_shape=(1, 2, 2, 2))
    kept = layers.TimeDistributed(layers.GlobalMaxPooling1D())(layers.Masking()(cells))
    keras.Model(cells, [layers.GlobalAveragePooling1D(name="gap")(kept), layers.Softmax(name="softmax")(kept),
                        layers.SimpleRNN(2, name="rnn")(layers.Add(name="add")([kept, kept]))]
                ).save(HERE / "time_distributed_mask_consumers.keras")

    one = keras.Input((2, 1, 2))
    kept = layers.TimeDistributed(layers.GlobalMaxPooling1D())(layers.Masking()(one))
    keras.Model(one, [layers.GlobalAveragePooling1D(name="gap")(kept), layers.Multiply(name="multiply")([kept, kept]),
                      layers.Attention(name="attention")([kept, kept])]
                ).save(HERE / "time_distributed_mask_one_step.keras")

    ids = keras.Input((5,), dtype="int32")
    embedded = layers.Embedding(10, 3, mask_zero=True, name="embedding")(ids)
    inner_in = keras.Input((5, 3))
    inner = keras.Model(inner_in, layers.Dense(3)(inner_in), name="inner")
    joined = layers.Concatenate()([embedded, inner(embedded)])
    summed = layers.Add()([joined, layers.Dense(6)(embedded)])
    keras.Model(ids, layers.GlobalAveragePooling1D(name="gap")(summed)).save(HERE / "nested_output_concatenated_in_add.keras")

    tokens, plain, allowed = keras.Input((4,)), keras.Input((4, 3)), keras.Input((4, 4))
    masked = layers.Embedding(10, 3, mask_zero=True)(tokens)
    keras.Model([tokens, plain, allowed], [
        layers.MultiHeadAttention(1, 2, name="first")(masked, masked),
        layers.MultiHeadAttention(1, 2, name="second")(masked, masked),
        layers.MultiHeadAttention(1, 2, name="given_mask")(plain, plain, attention_mask=allowed),
        layers.Attention(name="attention")([masked, masked])]
    ).save(HERE / "multi_head_attention_masks.keras")

    steps = keras.Input((4, 2))
    keras.Model(steps, layers.Bidirectional(layers.LSTM(2, return_state=True), name="bidirectional",
                                            backward_layer=layers.GRU(2, return_state=True, go_backwards=True))(steps)
                ).save(HERE / "bidirectional_lstm_gru_states.keras")

    words = keras.Input((5,), dtype="int32")
    embedded_words = layers.Embedding(10, 4, mask_zero=True)(words)
    block = layers.LayerNormalization()(layers.Add()([
        embedded_words, layers.MultiHeadAttention(2, 2, name="first")(embedded_words, embedded_words)]))
    keras.Model(words, layers.MultiHeadAttention(2, 2, name="second")(block, block)).save(
        HERE / "multi_head_attention_stacked_masked.keras")

    single = keras.Input((3, 1))
    pooled = layers.GlobalAveragePooling1D(data_format="channels_first", name="gap")(layers.Masking()(single))
    keras.Model(single, pooled).save(HERE / "masked_gap_channels_first.keras")

    dense = layers.Dense(4, name="dense")
    lora = keras.Sequential([keras.Input((3,)), dense])
    dense.enable_lora(2)
    lora.save(HERE / "lora_dense.h5")

    features = keras.Input((6, 8))
    # GPTQ and AWQ calibrate on data; a layer built with their dtype policy stores what a calibrated one does
    quantized = keras.Model(features, [layers.Dense(4, name="gptq", dtype="gptq/4/-1_from_float32")(features),
                                       layers.Dense(4, name="awq", dtype="awq/4/-1_from_float32")(features),
                                       layers.EinsumDense("abc,bd->acd", (8, 3), name="einsum")(features)])
    quantized.get_layer("einsum").quantize("int8")
    quantized.save(HERE / "quantized_refused.keras")

    seq = keras.Input((7, 3))
    ops = keras.ops
    free = keras.Input((None, 3))
    keras.Model([seq, free], [seq[0], ops.mean(seq), ops.reshape(seq, (-1, 3)), ops.vstack([seq, seq]),
                              ops.transpose(seq), ops.concatenate([seq, seq], axis=0), ops.add(seq, seq[:, 0]),
                              free[:, -3::-1], ops.sum(seq, axis=()), ops.prod(seq, axis=1, dtype="int32")]
                ).save(HERE / "operations_refused.keras")

    steps = keras.Input((None, 3))
    keras.Model(steps, steps[:, 4, 1:]).save(HERE / "index_unknown_length.keras")
    operations_refused_options()
    operations_refused_linear_algebra()
    operations_refused_batch_axis()


def operations_refused_linear_algebra():
    ops = keras.ops
    sq, flat = keras.Input((3, 3)), keras.Input((8,))
    small, wide = keras.Input((4,), dtype="int8"), keras.Input((4,), dtype="int32")
    keras.Model([sq, flat, small, wide], [ops.bitwise_and(small, wide), *ops.qr(sq), *ops.svd(sq), *ops.eig(sq), *ops.eigh(sq), *ops.stft(flat, 4, 2, 16),
                                   ops.pinv(sq), *ops.rfft(flat, 70000)]
                ).save(HERE / "operations_refused_linear_algebra.keras")


def operations_refused_batch_axis():
    ops = keras.ops
    flat, seq = keras.Input((4,)), keras.Input((3, 4))
    keras.Model([flat, seq], [ops.diag(flat), ops.diagflat(flat), ops.ravel(seq), ops.vdot(flat, flat),
                              ops.psnr(flat, flat, 1.0), ops.flipud(seq), *ops.vsplit(seq, 2), ops.vstack([seq, seq]),
                              ops.outer(flat, flat)]
                ).save(HERE / "operations_refused_batch_axis.keras")


def operations_refused_options():
    import numpy as np
    ops = keras.ops
    seq, flat, img = keras.Input((6, 3)), keras.Input((4,)), keras.Input((None, None, 8))
    keras.Model([seq, flat, img], [ops.flipud(seq), *ops.vsplit(seq, 2), *ops.hsplit(ops.sum(seq, axis=(1, 2)), 2),
                                   *ops.array_split(seq, 7, axis=1), ops.digitize(flat, np.array([1.0, 0.0], "float32")),
                                   ops.trapezoid(seq, x=[0.0, 1.0, 2.0, 3.0, 4.0, 5.0], axis=1),
                                   ops.nn.depth_to_space(img, 2),
                                   ops.separable_conv(seq, np.ones((3, 3, 1), "float32"), np.ones((1, 2, 4), "float32")),
                                   ops.cross(seq[:, :3], seq[:, :3], axis=1), ops.inner(np.ones((2, 3), "float32"), seq)]
                ).save(HERE / "operations_refused_options.keras")


if __name__ == "__main__":
    main()
