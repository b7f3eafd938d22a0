package io.keras4j.importer.onnx;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.AttentionMask;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.MultiHeadAttention;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX Runtime's Attention (com.microsoft), what its transformers optimizer makes of a BERT self-attention: the input
 * {@code [batch, steps, hidden]} times the packed constant weights {@code [hidden, q + k + v]} plus the bias (three Dense
 * ops, one per column block, {@code qkv_hidden_sizes} or three equal ones), then for each of {@code num_heads} heads the
 * softmax of {@code scale·(q·k)} (1/sqrt of the q head size by default) plus the mask of {@link AttentionMask}
 * ({@code unidirectional}, {@code mask_filter_value}) weighing v ({@link MultiHeadAttention}). The mask index as int32:
 * {@code [batch]}, {@code [2·batch]}, {@code [batch, steps]} or {@code [batch, steps, steps]}. past, attention_bias,
 * past_sequence_length, the present output and rotary embeddings are not supported.
 */
final class OrtAttentionTranslator implements OpTranslator {
    /** The bias is required: ONNX Runtime 1.30's CPU kernel crashes without it. */
    @Override
    public int requiredInputs() {
        return 3;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        long heads = node.intAttr("num_heads", 0);
        long unidirectional = node.intAttr("unidirectional", 0);
        float scale = node.floatAttr("scale", 0f);
        float filter = node.floatAttr("mask_filter_value", -10000f);
        long[] sizes = node.intsAttr("qkv_hidden_sizes");
        for (String zero : List.of("do_rotary", "rotary_embedding_dim", "past_present_share_buffer")) {
            if (node.intAttr(zero, 0) != 0) {
                node.problem("attribute " + zero + " = " + node.intAttr(zero, 0) + " is not supported (only 0)");
                return;
            }
        }
        String[] inputNames = {"past", "attention_bias", "past_sequence_length"};
        for (int i = 4; i <= 6; i++) {
            if (!node.input(i).isEmpty()) {
                node.problem("input " + i + " (" + inputNames[i - 4] + ", '" + node.input(i) + "') is not supported");
                return;
            }
        }
        if (!node.output(1).isEmpty()) {
            node.problem("output 1 (present, '" + node.output(1) + "') is not supported");
            return;
        }
        if (unidirectional != 0 && unidirectional != 1) {
            node.problem("attribute unidirectional = " + unidirectional + " is not supported (0 or 1)");
            return;
        }
        String x = node.input(0);
        int[] xs = b.shape(x);
        OnnxTensor w = Args.constant(node, b, 1, "weights");
        OnnxTensor bias = Args.constant(node, b, 2, "bias");
        if (w == null || bias == null) {
            return;
        }
        int[] ws = w.shape();
        if (xs.length != 3 || ws.length != 2 || xs[2] != ws[0]) {
            node.problem("input " + Shapes.toString(xs) + " must be [batch, steps, hidden] and weights " + w + " [hidden, q + k + v]");
            return;
        }
        int total = ws[1];
        long[] qkv = sizes == null ? new long[] {total / 3, total / 3, total / 3} : sizes;
        if (qkv.length != 3 || qkv[0] != qkv[1] || qkv[0] + qkv[1] + qkv[2] != total || heads < 1
                || qkv[0] % heads != 0 || qkv[2] % heads != 0 || qkv[0] == 0 || qkv[2] == 0) {
            node.problem("num_heads " + heads + " and qkv_hidden_sizes " + java.util.Arrays.toString(qkv) + " must split the weights' "
                    + total + " columns into q, k, v (q and k of one size), each a multiple of num_heads");
            return;
        }
        if (bias.shape().length != 1 || bias.size() != total) {
            node.problem("bias " + bias + " must be 1-D of the weights' " + total + " columns");
            return;
        }
        List<String> projected = new ArrayList<>();
        int from = 0;
        for (int part = 0; part < 3; part++) {
            int units = (int) qkv[part];
            String out = b.fresh(node, "qkv".substring(part, part + 1));
            if (!b.emit(node, block(w, bias, from, units), List.of(x), List.of(out), DataTypes.FLOAT)) {
                return;
            }
            projected.add(out);
            from += units;
        }
        int headSize = (int) (qkv[0] / heads);
        float alpha = scale == 0f ? 1f / (float) Math.sqrt(headSize) : scale;
        String mask = node.input(3);
        boolean biased = !mask.isEmpty() || unidirectional == 1;
        if (biased) {
            String scores = b.fresh(node, "mask");
            List<String> maskInputs = mask.isEmpty() ? List.of(x) : List.of(x, mask);
            if (!b.emit(node, new AttentionMask(!mask.isEmpty(), unidirectional == 1, filter), maskInputs, List.of(scores),
                    DataTypes.FLOAT)) {
                return;
            }
            projected.add(scores);
        }
        b.emit(node, new MultiHeadAttention((int) heads, headSize, (int) (qkv[2] / heads), MultiHeadAttention.Rows.EVEN,
                false, false, false, false, 0, false, alpha, biased), projected, List.of(node.output(0)), DataTypes.FLOAT);
    }

    /** A Dense op of {@code units} columns of the weights from column {@code from}, and the bias's same entries. */
    private static Dense block(OnnxTensor w, OnnxTensor bias, int from, int units) {
        int rows = w.shape()[0];
        int columns = w.shape()[1];
        float[] all = w.floats();
        float[] kernel = new float[rows * units];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(all, r * columns + from, kernel, r * units, units);
        }
        float[] b = java.util.Arrays.copyOfRange(bias.floats(), from, from + units);
        return new Dense(rows, units, kernel, b, Activation.of(Activation.Kind.LINEAR));
    }
}
