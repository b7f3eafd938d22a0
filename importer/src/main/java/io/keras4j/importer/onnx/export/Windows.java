package io.keras4j.importer.onnx.export;

import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import io.keras4j.runtime.ops.Padding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What convolutions and poolings share: ONNX runs them channels first, so a channels-last value is transposed in and
 * out, and Keras' VALID, SAME (TensorFlow's, which ONNX's auto_pad does not always match) and CAUSAL padding become
 * explicit ONNX {@code pads}.
 */
final class Windows {
    private Windows() {
    }

    /**
     * Runs ONNX {@code op} on the channels-last value {@code inputs[0]} (rank {@code rank}) between Transposes into
     * {@code out}; the other inputs pass unchanged. Returns the node, for its attributes.
     */
    static NodeProto.Builder channelsFirst(OnnxWriter w, String op, List<String> inputs, String out, int rank) {
        int[] in = new int[rank];
        int[] back = new int[rank];
        in[1] = rank - 1;
        back[rank - 1] = 1;
        for (int a = 2; a < rank; a++) {
            in[a] = a - 1;
            back[a - 1] = a;
        }
        List<String> args = new ArrayList<>(inputs);
        args.set(0, w.transposed(inputs.get(0), in));
        String y = w.fresh(out + "/channels_first");
        NodeProto.Builder b = w.add(op, args, List.of(y));
        w.transpose(y, out, back);
        return b;
    }

    /**
     * Writes ONNX {@code op} (Conv or ConvTranspose) on the node's channels-last input with the spec's kernel (Keras'
     * layout {@code [taps..., a, b]}, re-laid {@code [b, a, taps...]} as ONNX wants it), bias, strides, dilations and
     * activation, and the given {@code pads}. Returns the convolution node, for its other attributes.
     */
    static NodeProto.Builder convolution(Node node, OnnxWriter w, String op, OpSpec s, int a, int b, int[] pads) {
        int[] kernelSize = s.intsAttr("kernel_size");
        float[] kernel = s.weight("kernel");
        int taps = kernel.length / (a * b);
        float[] onnx = new float[kernel.length];
        for (int t = 0; t < taps; t++) {
            for (int i = 0; i < a; i++) {
                for (int j = 0; j < b; j++) {
                    onnx[(j * a + i) * taps + t] = kernel[(t * a + i) * b + j];
                }
            }
        }
        int[] dims = new int[kernelSize.length + 2];
        dims[0] = b;
        dims[1] = a;
        System.arraycopy(kernelSize, 0, dims, 2, kernelSize.length);
        List<String> inputs = new ArrayList<>(List.of(node.inputs().get(0), w.constant(node.name() + "/W", onnx, dims)));
        float[] bias = s.weight("bias");
        if (bias != null) {
            inputs.add(w.constant(node.name() + "/B", bias, bias.length));
        }
        String y = w.fresh(node.name() + "/convolved");
        NodeProto.Builder conv = channelsFirst(w, op, inputs, y, dims.length);
        conv.addAttribute(OnnxWriter.ints("kernel_shape", kernelSize)).addAttribute(OnnxWriter.ints("strides", s.intsAttr("strides")))
                .addAttribute(OnnxWriter.ints("dilations", s.intsAttr("dilations"))).addAttribute(OnnxWriter.ints("pads", pads));
        Activations.write(node, w, s.activation("activation"), y, node.outputs().get(0));
        return conv;
    }

    /**
     * ONNX {@code pads} (each axis' leading padding, then each axis' trailing one) for windows of {@code spans} positions
     * every {@code strides} over the spatial axes of {@code x} ({@code [batch, spatial..., channels]}, or channels
     * first), padded as Keras pads them; {@code tfSame}: SAME as TensorFlow's 3-D kernels, which may start the windows
     * inside the input. Null, with the problem recorded, where a SAME input's size is known only at run time or the
     * windows start inside the input.
     */
    static int[] pads(Node node, OnnxWriter w, Padding padding, boolean tfSame, int[] spans, int[] strides, int[] explicit,
                      boolean channelsFirst) {
        int axes = spans.length;
        int[] x = w.shape(node.inputs().get(0));
        int[] pads = new int[2 * axes];
        for (int a = 0; a < axes; a++) {
            int size = x[channelsFirst ? a + 2 : a + 1];
            switch (padding) {
                case EXPLICIT -> {
                    pads[a] = explicit[a];
                    pads[axes + a] = explicit[axes + a];
                }
                case CAUSAL -> pads[a] = spans[a] - 1;
                case SAME -> {
                    if (size < 0) {
                        w.problem(node, "padding 'same' on an axis whose size is known only at run time: TensorFlow's"
                                + " same padding is written as explicit ONNX pads, which need the size");
                        return null;
                    }
                    int out = (size + strides[a] - 1) / strides[a];
                    int need = (out - 1) * strides[a] + spans[a] - size;
                    pads[a] = tfSame ? Padding.tfSamePadBefore(size, out, strides[a], spans[a])
                            : Padding.samePadBefore(size, out, strides[a], spans[a]);
                    if (pads[a] < 0) {
                        w.problem(node, "padding 'same' with strides " + Arrays.toString(strides) + " larger than the"
                                + " window: TensorFlow starts the windows inside the input, which ONNX pads cannot say");
                        return null;
                    }
                    pads[axes + a] = Math.max(need - pads[a], 0);
                }
                default -> {
                }
            }
        }
        return pads;
    }
}
