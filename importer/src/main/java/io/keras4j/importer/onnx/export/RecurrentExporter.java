package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.CellOptions;
import io.keras4j.runtime.ops.Gru;
import io.keras4j.runtime.ops.Lstm;
import io.keras4j.runtime.ops.RecurrentOp;
import io.keras4j.runtime.ops.RecurrentOptions;
import io.keras4j.runtime.ops.SimpleRnn;
import java.util.ArrayList;
import java.util.List;

/**
 * LSTM, GRU and SimpleRNN as native ONNX LSTM, GRU and RNN nodes between batch↔time Transposes, go_backwards as
 * {@code direction="reverse"} with the sequence put back in Keras' processing order; a mask as {@code sequence_lens}
 * when the caller asserts right padding and ONNX agrees with Keras at the masked steps (the last output, or sequences
 * with zero_output_for_mask), otherwise as a Scan ({@link ScanRecurrentExporter}), exact for any mask; a layer with an
 * activation that the ONNX recurrent operators do not name is a Scan too.
 */
final class RecurrentExporter implements OpExporter {
    private static final OpExporter SCAN = new ScanRecurrentExporter();

    @Override
    public void export(Node node, OnnxWriter w) {
        RecurrentOp op = (RecurrentOp) node.op();
        RecurrentOptions o = op.options();
        if (o.stateful()) {
            w.problem(node, "stateful=True: an ONNX model carries no state from call to call");
            return;
        }
        if (o.masked() && !(w.assumeRightPadding() && o.returnSequences() == o.zeroOutputForMask())) {
            SCAN.export(node, w);
            return;
        }
        int u = op.units();
        String kind;
        int gates;
        int[] kerasOf;
        List<Activation> fns;
        CellOptions cell = op.cellOptions();
        float[] recurrent;
        float[] recurrentBias = null;
        boolean resetAfter = false;
        if (op instanceof Lstm l) {
            kind = "LSTM";
            gates = 4;
            kerasOf = new int[] {0, 3, 1, 2};
            fns = List.of(l.recurrentActivation(), l.activation(),
                    cell.outputActivation() != null ? cell.outputActivation() : l.activation());
            recurrent = l.recurrentKernel();
        } else if (op instanceof Gru gr) {
            kind = "GRU";
            gates = 3;
            kerasOf = new int[] {0, 1, 2};
            fns = List.of(gr.recurrentActivation(), gr.activation());
            recurrent = gr.recurrentKernel();
            recurrentBias = gr.recurrentBias();
            resetAfter = gr.resetAfter();
        } else if (op instanceof SimpleRnn s) {
            kind = "RNN";
            gates = 1;
            kerasOf = new int[] {0};
            fns = List.of(s.activation());
            recurrent = s.recurrentKernel();
        } else {
            w.problem(node, "recurrent layer not supported by the ONNX exporter");
            return;
        }
        List<String> names = new ArrayList<>();
        List<Float> alphas = new ArrayList<>();
        List<Float> betas = new ArrayList<>();
        for (Activation f : fns) {
            String n = rnnActivation(f, alphas, betas);
            if (n == null) {
                SCAN.export(node, w);
                return;
            }
            names.add(n);
        }
        int in = op.inputSize();
        int width = gates * u;
        float[] kernel = op.kernel();
        float[] bias = op.inputBias();
        float[] wi = new float[width * in];
        float[] r = new float[width * u];
        float[] b = new float[2 * width];
        for (int blk = 0; blk < gates; blk++) {
            int k = kerasOf[blk];
            for (int j = 0; j < u; j++) {
                int row = blk * u + j;
                int col = k * u + j;
                for (int i = 0; i < in; i++) {
                    wi[row * in + i] = kernel[i * width + col];
                }
                for (int i = 0; i < u; i++) {
                    r[row * u + i] = recurrent[i * width + col];
                }
                b[row] = bias == null ? 0f : bias[col];
                b[width + row] = recurrentBias == null ? 0f : recurrentBias[col];
            }
        }
        String base = node.name();
        String[] slots = {timeMajor(w, node.inputs().get(0)), w.constant(base + "/W", wi, 1, width, in),
                w.constant(base + "/R", r, 1, width, u), w.constant(base + "/B", b, 1, 2 * width), "", "", "", ""};
        if (o.masked()) {
            slots[4] = sequenceLengths(w, node.inputs().get(1));
        }
        if (o.initialState()) {
            int first = o.masked() ? 2 : 1;
            for (int k = 0; k < op.stateCount(); k++) {
                slots[5 + k] = w.fresh(base + "/initial_state");
                w.add("Unsqueeze", List.of(node.inputs().get(first + k), w.longs(0)), List.of(slots[5 + k]));
            }
        }
        if (cell.peepholes() != null) {
            float[] p = cell.peepholes();
            float[] iof = new float[3 * u];
            for (int j = 0; j < u; j++) {
                iof[j] = p[j];
                iof[u + j] = p[2 * u + j];
                iof[2 * u + j] = p[u + j];
            }
            slots[7] = w.constant(base + "/P", iof, 1, 3 * u);
        }
        int used = slots.length;
        while (slots[used - 1].isEmpty()) {
            used--;
        }
        List<String> inputs = List.of(slots).subList(0, used);
        String y = w.fresh(base + "/Y");
        String yh = w.fresh(base + "/Y_h");
        String yc = w.fresh(base + "/Y_c");
        NodeProto.Builder rnn = w.addNamed(base, kind, inputs, kind.equals("LSTM") ? List.of(y, yh, yc) : List.of(y, yh))
                .addAttribute(attr("hidden_size", u))
                .addAttribute(attr("direction", o.goBackwards() ? "reverse" : "forward"))
                .addAttribute(OnnxWriter.strings("activations", names));
        if (!alphas.isEmpty()) {
            rnn.addAttribute(OnnxWriter.floats("activation_alpha", alphas));
        }
        if (!betas.isEmpty()) {
            rnn.addAttribute(OnnxWriter.floats("activation_beta", betas));
        }
        if (cell.clip() > 0) {
            rnn.addAttribute(attr("clip", cell.clip()));
        }
        if (cell.coupledInputForget()) {
            rnn.addAttribute(attr("input_forget", 1));
        }
        if (kind.equals("GRU")) {
            rnn.addAttribute(attr("linear_before_reset", resetAfter ? 1 : 0));
        }
        List<String> outs = node.outputs();
        if (o.returnSequences()) {
            String seq = w.fresh(base + "/Y_squeezed");
            w.add("Squeeze", List.of(y, w.longs(1)), List.of(seq));
            if (o.goBackwards()) {
                String reversed = w.fresh(base + "/Y_processing_order");
                w.reverse(seq, 0, reversed);
                seq = reversed;
            }
            w.transpose(seq, outs.get(0), 1, 0, 2);
        } else {
            w.add("Squeeze", List.of(yh, w.longs(0)), List.of(outs.get(0)));
        }
        if (o.returnState()) {
            w.add("Squeeze", List.of(yh, w.longs(0)), List.of(outs.get(1)));
            if (kind.equals("LSTM")) {
                w.add("Squeeze", List.of(yc, w.longs(0)), List.of(outs.get(2)));
            }
        }
    }

    /** The ONNX RNN activation name of {@code f}, appending the alpha/beta it takes; null when there is none. */
    private static String rnnActivation(Activation f, List<Float> alphas, List<Float> betas) {
        float a = (float) f.alpha();
        float b = (float) f.beta();
        switch (f.kind()) {
            case TANH:
                return "Tanh";
            case SIGMOID:
                return "Sigmoid";
            case RELU:
                return "Relu";
            case SOFTSIGN:
                return "Softsign";
            case SOFTPLUS:
                return "Softplus";
            case LINEAR:
                alphas.add(1f);
                betas.add(0f);
                return "Affine";
            case AFFINE:
                alphas.add(a);
                betas.add(b);
                return "Affine";
            case SCALED_TANH:
                alphas.add(a);
                betas.add(b);
                return "ScaledTanh";
            case HARD_SIGMOID:
                alphas.add(a);
                betas.add(b);
                return "HardSigmoid";
            case LEAKY_RELU:
                alphas.add(a);
                return "LeakyRelu";
            case ELU:
                alphas.add(a);
                return "Elu";
            case THRESHOLDED_RELU:
                alphas.add(a);
                return "ThresholdedRelu";
            default:
                return null;
        }
    }

    /** The time-major {@code [time, batch, features]} transpose of a batch-major value, made once per value. */
    private static String timeMajor(OnnxWriter w, String value) {
        return w.once(value + "/time_major", key -> w.transposed(value, 1, 0, 2));
    }

    /** The int32 count of valid steps of a {@code [batch, time]} mask of ones and zeros, made once per mask. */
    private static String sequenceLengths(OnnxWriter w, String mask) {
        return w.once(mask + "/sequence_lens", key -> {
            String sum = w.fresh(mask + "/valid_steps");
            w.add("ReduceSum", List.of(mask, w.longs(1)), List.of(sum)).addAttribute(attr("keepdims", 0));
            return w.unary("Cast", sum, attr("to", OnnxWriter.INT32));
        });
    }
}
