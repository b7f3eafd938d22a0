package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.primitive.Concat;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Gather;
import io.keras4j.runtime.ops.primitive.Reshape;
import io.keras4j.runtime.ops.primitive.Slice;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * ONNX RotaryEmbedding (opset 23): x {@code [batch, heads, steps, head_size]}, or {@code [batch, steps, hidden]} with
 * {@code num_heads}; the first {@code rotary_embedding_dim} values of each head (all by default) rotated by the cos and
 * sin caches ({@code [batch, steps, dim/2]}, or rows picked by {@code position_ids} {@code [batch, steps]}) as the ONNX
 * reference computes it, {@code x1·cos - x2·sin} and {@code x1·sin + x2·cos}, x1 and x2 the two halves or
 * ({@code interleaved}) the even and odd values; the rest passed on. Composed of Gather, Slice, Mul, Sub, Add, Concat and
 * Reshape; the head size must be known at import.
 */
final class RotaryEmbeddingTranslator implements OpTranslator {
    @Override
    public int requiredInputs() {
        return 3;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String x = node.input(0);
        int[] shape = b.shape(x);
        long heads = node.intAttr("num_heads", 0);
        boolean interleaved = Args.flag(node, "interleaved", 0);
        long dim = node.intAttr("rotary_embedding_dim", 0);
        if (shape.length != 4 && (shape.length != 3 || heads <= 0)) {
            node.problem("the input must be [batch, heads, steps, head_size], or [batch, steps, hidden] with num_heads, got"
                    + " rank " + shape.length + " and num_heads=" + heads);
            return;
        }
        int width = shape[shape.length - 1];
        long headSize = shape.length == 4 ? width : width % heads == 0 ? width / heads : -1;
        dim = dim == 0 ? headSize : dim;
        if (width < 0 || headSize < 0 || dim <= 0 || dim > headSize || dim % 2 != 0) {
            node.problem("the head size (" + (width < 0 ? "unknown at import" : headSize) + ") must be known at import and"
                    + " rotary_embedding_dim=" + dim + " even and at most it");
            return;
        }
        Steps s = new Steps(node, b);
        String cos = s.cache(1, shape.length);
        String sin = s.cache(2, shape.length);
        String heads4 = shape.length == 4 ? x : s.op(new Reshape(false), x, b.longs(node, "per_head", 0, 0, heads, -1));
        String rotate = s.slice(heads4, 0, dim);
        String x1;
        String x2;
        if (interleaved) {
            String pairs = s.op(new Reshape(false), rotate, b.longs(node, "pairs", 0, 0, 0, dim / 2, 2));
            x1 = s.op(new Gather(-1), pairs, s.scalar("even", 0));
            x2 = s.op(new Gather(-1), pairs, s.scalar("odd", 1));
        } else {
            x1 = s.slice(rotate, 0, dim / 2);
            x2 = s.slice(rotate, dim / 2, dim);
        }
        String real = s.op(new Elementwise(Elementwise.Kind.SUB), s.mul(x1, cos), s.mul(x2, sin));
        String imaginary = s.op(new Elementwise(Elementwise.Kind.ADD), s.mul(x1, sin), s.mul(x2, cos));
        String rotated = interleaved
                ? s.op(new Reshape(false), s.op(new Concat(-1), s.op(new Unsqueeze(new long[] {-1}), real),
                        s.op(new Unsqueeze(new long[] {-1}), imaginary)), b.longs(node, "rotated", 0, 0, 0, dim))
                : s.op(new Concat(-1), real, imaginary);
        String whole = dim == headSize ? rotated : s.op(new Concat(-1), rotated, s.slice(heads4, dim, headSize));
        if (whole != null && shape.length == 4) {
            b.alias(node, whole, node.output(0));
        } else {
            s.into(node.output(0), new Reshape(false), whole, b.longs(node, "hidden", 0, 0, -1));
        }
    }

    /** The node's intermediate steps, each null once one has failed (its problem recorded). */
    private static final class Steps {
        private final OnnxNode node;
        private final OnnxGraphBuilder b;

        Steps(OnnxNode node, OnnxGraphBuilder b) {
            this.node = node;
            this.b = b;
        }

        /** {@code op} of the inputs into a fresh value, or null when an input is null or the op cannot run. */
        String op(Op op, String... inputs) {
            return into(b.fresh(node, op.type().toLowerCase(Locale.ROOT)), op, inputs);
        }

        /** {@code op} of the inputs into value {@code out}, or null when an input is null or the op cannot run. */
        String into(String out, Op op, String... inputs) {
            if (Arrays.asList(inputs).contains(null)) {
                return null;
            }
            return b.emit(node, op, List.of(inputs), List.of(out), DataTypes.FLOAT) ? out : null;
        }

        String mul(String a, String c) {
            return op(new Elementwise(Elementwise.Kind.MUL), a, c);
        }

        /** Positions [from, to) of the last axis. */
        String slice(String in, long from, long to) {
            return op(new Slice(4), in, b.longs(node, "start", from), b.longs(node, "end", to), b.longs(node, "axis", -1));
        }

        String scalar(String what, long value) {
            String name = b.fresh(node, what);
            b.defineConstant(name, OnnxTensor.ofLongs(DataTypes.INT64, new int[0], new long[] {value}));
            return name;
        }

        /** Cache input {@code i}, its rows picked by position_ids if given, with an axis for the heads. */
        String cache(int i, int rank) {
            String cache = node.input(i);
            String ids = node.input(3);
            String rows = ids.isEmpty() ? cache : op(new Gather(0), cache, ids);
            return op(new Unsqueeze(new long[] {rank == 4 ? 1 : 2}), rows);
        }
    }
}
