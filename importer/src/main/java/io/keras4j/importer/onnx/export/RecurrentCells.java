package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Gru;
import io.keras4j.runtime.ops.Lstm;
import io.keras4j.runtime.ops.RecurrentOp;
import io.keras4j.runtime.ops.SimpleRnn;
import java.util.List;

/**
 * One step of a Keras LSTM, GRU (both reset_after forms) or SimpleRNN cell as ONNX nodes, in Keras' gate order and
 * with any activation that has an ONNX form, from the step's input projection {@code x·kernel + bias}:
 * <ul>
 *   <li>LSTM: {@code z = proj + h·R}; {@code i, f, c̃, o} its quarters; {@code c' = ra(f)·c + ra(i)·a(c̃)},
 *       {@code h' = ra(o)·a(c')};</li>
 *   <li>GRU: {@code z = ra(x_z + h·R_z)}, {@code r = ra(x_r + h·R_r)}, {@code h̃ = a(x_h + r·(h·R_h + b_h))} with
 *       reset_after, {@code a(x_h + (r·h)·R_h)} without; {@code h' = z·h + (1 - z)·h̃};</li>
 *   <li>SimpleRNN: {@code h' = a(proj + h·R)}.</li>
 * </ul>
 */
final class RecurrentCells {
    private RecurrentCells() {
    }

    /** The input projection {@code x·kernel + bias} of every step of {@code x} ({@code [batch, time, gates·units]}). */
    static String projection(Node node, OnnxWriter w, RecurrentOp op, String x) {
        float[] kernel = op.kernel();
        int width = kernel.length / op.inputSize();
        String p = w.binary("MatMul", x, w.constant(node.name() + "/kernel", kernel, op.inputSize(), width));
        float[] bias = op.inputBias();
        return bias == null ? p : w.binary("Add", p, w.constant(node.name() + "/bias", bias, width));
    }

    /**
     * The new states of one step (h, then c for an LSTM), each {@code [batch, units]}, from the step's projection
     * {@code [batch, gates·units]} and the states; the cell's activations that have no ONNX form are recorded as problems.
     */
    static List<String> step(Node node, OnnxWriter w, RecurrentOp op, String proj, List<String> states) {
        String base = node.name();
        String h = states.get(0);
        int u = op.units();
        if (op instanceof Lstm l) {
            String z = w.binary("Add", proj, w.binary("MatMul", h,
                    w.constant(base + "/recurrent_kernel", l.recurrentKernel(), u, 4 * u)));
            return lstm(node, w, l.activation(), l.recurrentActivation(), z, states.get(1), u);
        }
        if (op instanceof Gru g) {
            List<String> x = split(w, proj, u, 3);
            float[] r = g.recurrentKernel();
            String rec;
            if (g.resetAfter()) {
                rec = w.binary("MatMul", h, w.constant(base + "/recurrent_kernel", r, u, 3 * u));
                float[] rb = g.recurrentBias();
                rec = rb == null ? rec : w.binary("Add", rec, w.constant(base + "/recurrent_bias", rb, 3 * u));
            } else {
                rec = w.binary("MatMul", h, w.constant(base + "/recurrent_kernel_zr", columns(r, u, 0, 2 * u), u, 2 * u));
            }
            List<String> hr = split(w, rec, u, g.resetAfter() ? 3 : 2);
            Activation ra = g.recurrentActivation();
            String zGate = act(node, w, ra, w.binary("Add", x.get(0), hr.get(0)));
            String rGate = act(node, w, ra, w.binary("Add", x.get(1), hr.get(1)));
            String reset = g.resetAfter() ? w.binary("Mul", rGate, hr.get(2)) : w.binary("MatMul", w.binary("Mul", rGate, h),
                    w.constant(base + "/recurrent_kernel_h", columns(r, u, 2 * u, u), u, u));
            String candidate = act(node, w, g.activation(), w.binary("Add", x.get(2), reset));
            return List.of(w.binary("Add", w.binary("Mul", zGate, h),
                    w.binary("Mul", w.binary("Sub", w.scalar(1f), zGate), candidate)));
        }
        SimpleRnn s = (SimpleRnn) op;
        String z = w.binary("Add", proj, w.binary("MatMul", h, w.constant(base + "/recurrent_kernel", s.recurrentKernel(), u, u)));
        return List.of(act(node, w, s.activation(), z));
    }

    /**
     * The new h and c of an LSTM (or ConvLSTM) step from its gate pre-activations {@code z}, whose last axis holds i, f,
     * c̃, o of {@code units} each: {@code c' = ra(f)·c + ra(i)·a(c̃)}, {@code h' = ra(o)·a(c')}.
     */
    static List<String> lstm(Node node, OnnxWriter w, Activation a, Activation ra, String z, String c, int units) {
        List<String> g = split(w, z, units, 4);
        String next = w.binary("Add", w.binary("Mul", act(node, w, ra, g.get(1)), c),
                w.binary("Mul", act(node, w, ra, g.get(0)), act(node, w, a, g.get(2))));
        return List.of(w.binary("Mul", act(node, w, ra, g.get(3)), act(node, w, a, next)), next);
    }

    /** {@code f(x)} into a fresh value. */
    private static String act(Node node, OnnxWriter w, Activation f, String x) {
        String y = w.fresh(x + "/" + f.kind());
        Activations.write(node, w, f, x, y);
        return y;
    }

    /** The {@code parts} blocks of {@code units} along the last axis of {@code x [..., parts·units]}. */
    private static List<String> split(OnnxWriter w, String x, int units, int parts) {
        long[] sizes = new long[parts];
        java.util.Arrays.fill(sizes, units);
        List<String> out = new java.util.ArrayList<>();
        for (int k = 0; k < parts; k++) {
            out.add(w.fresh(x + "/part" + k));
        }
        w.add("Split", List.of(x, w.longs(sizes)), out).addAttribute(OnnxWriter.attr("axis", -1));
        return out;
    }

    /** Columns {@code [from, from + n)} of the row-major {@code [units, 3·units]} matrix {@code m}. */
    private static float[] columns(float[] m, int units, int from, int n) {
        float[] out = new float[units * n];
        for (int i = 0; i < units; i++) {
            System.arraycopy(m, i * 3 * units + from, out, i * n, n);
        }
        return out;
    }
}
