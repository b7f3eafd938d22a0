package io.keras4j.importer.onnx;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.CellOptions;
import io.keras4j.runtime.ops.DynamicQuantizedLstm;
import io.keras4j.runtime.ops.Gru;
import io.keras4j.runtime.ops.Lstm;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.RecurrentOptions;
import io.keras4j.runtime.ops.SimpleRnn;
import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.primitive.Concat;
import io.keras4j.runtime.ops.primitive.ConstantOfShape;
import io.keras4j.runtime.ops.primitive.Gather;
import io.keras4j.runtime.ops.primitive.ReverseAxis;
import io.keras4j.runtime.ops.primitive.SequenceMask;
import io.keras4j.runtime.ops.primitive.ShapeOf;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import io.keras4j.runtime.ops.primitive.ZeroEmptySequences;
import java.util.ArrayList;
import java.util.List;

/**
 * ONNX LSTM, GRU and RNN onto the runtime's Keras ops, one op per direction on the batch-major input:
 * <ul>
 * <li>Weights: W {@code [nd, G·H, I]} and R are transposed into Keras' {@code [I][G·H]} layout, LSTM gate
 * blocks reordered from ONNX i, o, f, c to Keras i, f, c, o. Biases Wb + Rb are summed, except the GRU
 * candidate's with {@code linear_before_reset=1} (Keras reset_after), whose Rb stays inside the reset product.</li>
 * <li>{@code reverse} (and the second direction) run with go_backwards; their output sequence is flipped back,
 * so Y is aligned with X as ONNX says.</li>
 * <li>{@code sequence_lens} becomes a mask of the first len steps with zero outputs beyond, which gives ONNX
 * Runtime's results: Y is 0 for t ≥ len, Y_h the state after step len−1, and the reverse direction reads
 * the first len steps backwards (the masked steps at the end are passed first without changing the state).
 * Like ONNX Runtime, LSTM and GRU give zero final states for len = 0.</li>
 * <li>Y is assembled as {@code [seq, nd, batch, H]} (layout 0) or {@code [batch, seq, nd, H]} (layout 1), states as
 * {@code [nd, batch, H]} or {@code [batch, nd, H]}.</li>
 * </ul>
 */
final class RecurrentTranslator implements OpTranslator {
    /** The three ONNX recurrent operators: gate count, default activations, Keras order of ONNX gate blocks. */
    enum Cell {
        LSTM(4, List.of("Sigmoid", "Tanh", "Tanh"), new int[] {0, 2, 3, 1}),
        GRU(3, List.of("Sigmoid", "Tanh"), new int[] {0, 1, 2}),
        RNN(1, List.of("Tanh"), new int[] {0});

        final int gates;
        final List<String> activations;
        final int[] onnxBlock;

        Cell(int gates, List<String> activations, int[] onnxBlock) {
            this.gates = gates;
            this.activations = activations;
            this.onnxBlock = onnxBlock;
        }
    }

    private final Cell cell;
    private final boolean quantized;

    /** @param quantized ONNX Runtime's DynamicQuantizeLSTM (com.microsoft; cell LSTM): see {@link QuantizedLstmWeights} */
    RecurrentTranslator(Cell cell, boolean quantized) {
        this.cell = cell;
        this.quantized = quantized;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String direction = node.stringAttr("direction", "forward");
        if (!List.of("forward", "reverse", "bidirectional").contains(direction)) {
            node.problem("attribute direction='" + direction + "' is not forward, reverse or bidirectional");
            return;
        }
        int nd = direction.equals("bidirectional") ? 2 : 1;
        long layout = node.intAttr("layout", 0);
        if (layout != 0 && layout != 1) {
            node.problem("attribute layout=" + layout + " is not 0 or 1");
            return;
        }
        float clip = node.has("clip") ? node.floatAttr("clip", 0f) : 0f;
        if (node.has("clip") && !(clip > 0 && Float.isFinite(clip))) {
            node.problem("attribute clip=" + clip + " must be a positive finite bound");
            return;
        }
        boolean inputForget = cell == Cell.LSTM && node.intAttr("input_forget", 0) != 0;
        boolean linearBeforeReset = cell == Cell.GRU && node.intAttr("linear_before_reset", 0) != 0;
        Activation[][] acts = RnnActivations.read(node, nd, cell.activations, cell == Cell.RNN);
        QuantizedLstmWeights q = quantized ? QuantizedLstmWeights.read(node, b, nd) : null;
        if (quantized && !node.input(4).isEmpty()) {
            node.problem("input 4 (sequence_lens) is not supported: ONNX Runtime then quantizes the input over the longest"
                    + " length's steps only");
            return;
        }
        OnnxTensor w = quantized ? q == null ? null : q.w() : Args.constant(node, b, 1, "W");
        OnnxTensor r = quantized ? q == null ? null : q.r() : Args.constant(node, b, 2, "R");
        OnnxTensor bias = node.input(3).isEmpty() ? null : Args.constant(node, b, 3, "B");
        OnnxTensor peep = cell == Cell.LSTM && !node.input(7).isEmpty() ? Args.constant(node, b, 7, "P") : null;
        if (acts == null || w == null || r == null || !node.input(3).isEmpty() && bias == null
                || cell == Cell.LSTM && !node.input(7).isEmpty() && peep == null) {
            return;
        }
        int g = cell.gates;
        int[] ws = w.shape();
        int[] rs = r.shape();
        long declared = node.intAttr("hidden_size", rs.length == 3 ? rs[2] : -1);
        if (declared < 1 || declared > OnnxImporter.MAX_DIMENSION) {
            node.problem("attribute hidden_size=" + declared + " must be between 1 and " + OnnxImporter.MAX_DIMENSION + " (2^24)");
            return;
        }
        int hidden = (int) declared;
        int in = ws.length == 3 ? ws[2] : -1;
        String x = node.input(0);
        int[] xs = b.shape(x);
        String sizes = " for hidden_size " + hidden + " and " + nd + " direction(s)";
        List<String> bad = new ArrayList<>();
        if (ws.length != 3 || ws[0] != nd || ws[1] != g * hidden) {
            bad.add("W has shape " + Shapes.toString(ws) + ", expected (" + nd + ", " + g * hidden + ", input_size)" + sizes);
        }
        if (!java.util.Arrays.equals(rs, new int[] {nd, g * hidden, hidden})) {
            bad.add("R has shape " + Shapes.toString(rs) + ", expected (" + nd + ", " + g * hidden + ", " + hidden + ")" + sizes);
        }
        if (bias != null && !java.util.Arrays.equals(bias.shape(), new int[] {nd, 2 * g * hidden})) {
            bad.add("B has shape " + Shapes.toString(bias.shape()) + ", expected (" + nd + ", " + 2 * g * hidden + ")" + sizes);
        }
        if (peep != null && !java.util.Arrays.equals(peep.shape(), new int[] {nd, 3 * hidden})) {
            bad.add("P has shape " + Shapes.toString(peep.shape()) + ", expected (" + nd + ", " + 3 * hidden + ")" + sizes);
        }
        if (xs.length != 3 || xs[2] >= 0 && xs[2] != in) {
            bad.add("X has shape " + Shapes.toString(xs) + ", expected rank 3 with input_size " + in + " last");
        }
        if (!bad.isEmpty()) {
            bad.forEach(node::problem);
            return;
        }
        new Emission(node, b, nd, direction.equals("reverse"), (int) layout, hidden, in).run(w, r, bias, peep, acts,
                new CellOptions(clip, null, null, inputForget), linearBeforeReset, q);
    }

    /** The nodes of one ONNX recurrent node. */
    private final class Emission {
        private final OnnxNode node;
        private final OnnxGraphBuilder b;
        private final int nd;
        private final boolean reverse;
        private final int layout;
        private final int hidden;
        private final int in;

        /** @param reverse direction "reverse" (the only direction, which runs backwards) */
        Emission(OnnxNode node, OnnxGraphBuilder b, int nd, boolean reverse, int layout, int hidden, int in) {
            this.node = node;
            this.b = b;
            this.nd = nd;
            this.reverse = reverse;
            this.layout = layout;
            this.hidden = hidden;
            this.in = in;
        }

        /** @param q the scales of a DynamicQuantizeLSTM, whose centred integers w and r are, or null */
        void run(OnnxTensor w, OnnxTensor r, OnnxTensor bias, OnnxTensor peep, Activation[][] acts, CellOptions base,
                 boolean linearBeforeReset, QuantizedLstmWeights q) {
            String x = node.input(0);
            String seqLens = node.input(4);
            String initH = node.input(5);
            String initC = cell == Cell.LSTM ? node.input(6) : "";
            String xb = x;
            if (layout == 0) {
                xb = fresh("x_batch_major");
                emit(new Transpose("Transpose", new int[] {1, 0, 2}), List.of(x), List.of(xb));
            }
            String mask = null;
            if (!seqLens.isEmpty()) {
                mask = fresh("mask");
                emit(new SequenceMask(), List.of(seqLens, xb), List.of(mask));
            }
            float[] wv = w.floats();
            float[] rv = r.floats();
            float[] bv = bias == null ? null : bias.floats();
            float[] pv = peep == null ? null : peep.floats();
            List<String> ys = new ArrayList<>();
            List<String> hs = new ArrayList<>();
            List<String> cs = new ArrayList<>();
            for (int d = 0; d < nd; d++) {
                boolean backwards = d == 1 || reverse;
                List<String> ins = new ArrayList<>(List.of(xb));
                if (mask != null) {
                    ins.add(mask);
                }
                boolean initial = !initH.isEmpty() || !initC.isEmpty();
                if (initial) {
                    String h = initH.isEmpty() ? null : direction(initH, d);
                    String c = initC.isEmpty() ? null : direction(initC, d);
                    ins.add(h != null ? h : zerosLike(c));
                    if (cell == Cell.LSTM) {
                        ins.add(c != null ? c : zerosLike(h));
                    }
                }
                RecurrentOptions options = RecurrentOptions.DEFAULTS.withReturnSequences(true).withReturnState(true)
                        .withGoBackwards(backwards).withMask(mask != null).withZeroOutputForMask(true).withInitialState(initial);
                Op op = op(d, wv, rv, bv, pv, acts[d], base, linearBeforeReset, options, q);
                List<String> outs = new ArrayList<>(List.of(fresh("y"), fresh("h")));
                if (cell == Cell.LSTM) {
                    outs.add(fresh("c"));
                }
                if (!emit(op, ins, outs)) {
                    return;
                }
                String y = outs.get(0);
                if (backwards) {
                    y = fresh("y_aligned");
                    emit(new ReverseAxis(1), List.of(outs.get(0)), List.of(y));
                }
                ys.add(y);
                hs.add(lengthZero(outs.get(1), seqLens));
                if (cell == Cell.LSTM) {
                    cs.add(lengthZero(outs.get(2), seqLens));
                }
            }
            String yOut = node.output(0);
            if (!yOut.isEmpty()) {
                if (layout == 0) {
                    String stacked = fresh("y_stacked");
                    stack(ys, 1, stacked);
                    emit(new Transpose("Transpose", new int[] {2, 1, 0, 3}), List.of(stacked), List.of(yOut));
                } else {
                    stack(ys, 2, yOut);
                }
            }
            if (!node.output(1).isEmpty()) {
                stack(hs, layout == 0 ? 0 : 1, node.output(1));
            }
            if (cell == Cell.LSTM && !node.output(2).isEmpty()) {
                stack(cs, layout == 0 ? 0 : 1, node.output(2));
            }
        }

        private Op op(int d, float[] w, float[] r, float[] bias, float[] peep, Activation[] f, CellOptions base,
                      boolean linearBeforeReset, RecurrentOptions options, QuantizedLstmWeights q) {
            int g = cell.gates;
            int h = hidden;
            int width = g * h;
            float[] kernel = new float[in * width];
            float[] recurrent = new float[h * width];
            float[] kernelScale = q == null ? null : new float[width];
            float[] recurrentScale = q == null ? null : new float[width];
            float[] inputBias = bias == null ? null : new float[width];
            float[] recurrentBias = bias != null && linearBeforeReset ? new float[width] : null;
            for (int k = 0; k < g; k++) {
                int src = cell.onnxBlock[k];
                for (int j = 0; j < h; j++) {
                    int row = d * width + src * h + j;
                    int col = k * h + j;
                    if (q != null) {
                        kernelScale[col] = q.wScale()[row];
                        recurrentScale[col] = q.rScale()[row];
                    }
                    for (int i = 0; i < in; i++) {
                        kernel[i * width + col] = w[row * in + i];
                    }
                    for (int i = 0; i < h; i++) {
                        recurrent[i * width + col] = r[row * h + i];
                    }
                    if (bias != null) {
                        float wb = bias[d * 2 * width + src * h + j];
                        float rb = bias[d * 2 * width + width + src * h + j];
                        if (recurrentBias != null) {
                            inputBias[col] = wb;
                            recurrentBias[col] = rb;
                        } else {
                            inputBias[col] = wb + rb;
                        }
                    }
                }
            }
            switch (cell) {
                case LSTM: {
                    float[] p = null;
                    if (peep != null) {
                        p = new float[3 * h];
                        for (int j = 0; j < h; j++) {
                            p[j] = peep[d * 3 * h + j];
                            p[h + j] = peep[d * 3 * h + 2 * h + j];
                            p[2 * h + j] = peep[d * 3 * h + h + j];
                        }
                    }
                    CellOptions c = new CellOptions(base.clip(), f[2], p, base.coupledInputForget());
                    return q == null ? new Lstm(in, h, kernel, recurrent, inputBias, f[1], f[0], options, c)
                            : new DynamicQuantizedLstm(in, h, kernel, kernelScale, recurrent, recurrentScale, inputBias, f[1],
                                    f[0], options.goBackwards(), options.initialState(), c);
                }
                case GRU:
                    return new Gru(in, h, kernel, recurrent, inputBias, recurrentBias, linearBeforeReset, f[1], f[0], options, base);
                default:
                    return new SimpleRnn(in, h, kernel, recurrent, inputBias, f[0], options, base);
            }
        }

        /** Direction d of an initial state {@code [nd, batch, H]} (layout 0) or {@code [batch, nd, H]} (layout 1). */
        private String direction(String state, int d) {
            String index = fresh("direction");
            b.defineConstant(index, OnnxTensor.ofLongs(DataTypes.INT64, new int[0], new long[] {d}));
            String out = fresh("initial_state");
            emit(new Gather(layout == 0 ? 0 : 1), List.of(state, index), List.of(out));
            return out;
        }

        private String zerosLike(String value) {
            String shape = fresh("shape");
            String zeros = fresh("zeros");
            emit(new ShapeOf(0, Long.MAX_VALUE), List.of(value), List.of(shape));
            emit(new ConstantOfShape(0f), List.of(shape), List.of(zeros));
            return zeros;
        }

        /** Final states are 0 for sequences of length 0, as in ONNX Runtime. */
        private String lengthZero(String state, String seqLens) {
            if (seqLens.isEmpty()) {
                return state;
            }
            String out = fresh("state");
            emit(new ZeroEmptySequences(), List.of(state, seqLens), List.of(out));
            return out;
        }

        /** Inserts an axis of size 1 at {@code axis} into each part and concatenates them there, into {@code out}. */
        private void stack(List<String> parts, int axis, String out) {
            List<String> expanded = new ArrayList<>();
            for (String p : parts) {
                String e = parts.size() == 1 ? out : fresh("part");
                emit(new Unsqueeze(new long[] {axis}), List.of(p), List.of(e));
                expanded.add(e);
            }
            if (parts.size() > 1) {
                emit(new Concat(axis), expanded, List.of(out));
            }
        }

        private String fresh(String what) {
            return b.fresh(node, what);
        }

        private boolean emit(Op op, List<String> inputs, List<String> outputs) {
            return b.emit(node, op, inputs, outputs, DataTypes.FLOAT);
        }
    }
}
