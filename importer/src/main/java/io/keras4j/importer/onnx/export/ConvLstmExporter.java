package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.ConvLstm;
import io.keras4j.runtime.ops.RecurrentOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras ConvLSTM2D and ConvLSTM3D (ConvLSTM1D is a ConvLSTM2D between Reshapes) as the input convolution of every
 * frame (ONNX Conv over {@code [batch·time, ...]}, the gates' bias included), then a Scan over time whose step adds the
 * same-padded convolution of h and applies the LSTM gates ({@link RecurrentCells#lstm}); go_backwards scans from the
 * last frame, the output sequence in processing order.
 */
final class ConvLstmExporter implements OpExporter {
    private static final OpExporter CONVOLUTION = new ConvolutionExporter();

    @Override
    public void export(Node node, OnnxWriter w) {
        ConvLstm op = (ConvLstm) node.op();
        RecurrentOptions o = op.options();
        if (o.stateful()) {
            w.problem(node, "stateful=True: an ONNX model carries no state from call to call");
            return;
        }
        String base = node.name();
        String x = node.inputs().get(0);
        int[] xs = w.shape(x);
        int[] outSizes = op.outSizes();
        int filters = op.filters();
        int[] frameShape = xs.clone();
        frameShape[1] = -1;
        long[] frameDims = new long[xs.length - 1];
        long[] gateDims = new long[outSizes.length + 1];
        long[] stateDims = new long[outSizes.length + 1];
        frameDims[0] = -1;
        for (int a = 2; a < xs.length; a++) {
            frameDims[a - 1] = xs[a];
        }
        for (int a = 0; a < outSizes.length; a++) {
            gateDims[a] = outSizes[a];
            stateDims[a] = outSizes[a];
        }
        gateDims[outSizes.length] = 4L * filters;
        stateDims[outSizes.length] = filters;
        String frames = w.binary("Reshape", x, w.longs(frameDims));
        w.declare(frames, java.util.Arrays.copyOfRange(frameShape, 1, frameShape.length));
        String convolved = w.fresh(base + "/input_convolution");
        CONVOLUTION.export(new Node(base + "/input_convolution", op.inputConvolution(), List.of(frames),
                List.of(convolved)), w);
        String timeShape = w.apply("Concat", List.of(w.unary("Shape", x, OnnxWriter.attr("end", 2)), w.longs(gateDims)),
                OnnxWriter.attr("axis", 0));
        String gates = w.binary("Reshape", convolved, timeShape);
        List<String> initial = new ArrayList<>();
        String zeros = o.initialState() ? null : TimeScan.zeros(w, x, stateDims);
        for (int k = 0; k < 2; k++) {
            initial.add(o.initialState() ? node.inputs().get(1 + k) : zeros);
        }
        List<String> outs = node.outputs();
        String finalH = o.returnState() ? outs.get(1) : o.returnSequences() ? w.fresh(base + "/final_h") : outs.get(0);
        List<String> results = new ArrayList<>(List.of(finalH, o.returnState() ? outs.get(2) : w.fresh(base + "/final_c")));
        if (o.returnSequences()) {
            results.add(outs.get(0));
        }
        int[] stateShape = new int[outSizes.length + 2];
        stateShape[0] = -1;
        for (int a = 0; a <= outSizes.length; a++) {
            stateShape[a + 1] = (int) stateDims[a];
        }
        TimeScan.write(w, base, initial, List.of(gates), List.of(OnnxWriter.FLOAT), o.goBackwards(), results,
                (states, step) -> {
                    w.declare(states.get(0), stateShape);
                    String recurrent = w.fresh(base + "/recurrent_convolution");
                    CONVOLUTION.export(new Node(base + "/recurrent_convolution", op.recurrentConvolution(),
                            List.of(states.get(0)), List.of(recurrent)), w);
                    List<String> made = new ArrayList<>(RecurrentCells.lstm(node, w, op.activation(), op.recurrentActivation(),
                            w.binary("Add", step.get(0), recurrent), states.get(1), filters));
                    if (o.returnSequences()) {
                        made.add(made.get(0));
                    }
                    return made;
                });
        if (o.returnState() && !o.returnSequences()) {
            w.add("Identity", List.of(finalH), List.of(outs.get(0)));
        }
    }
}
