package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Conv1D;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.Transpose;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX Conv over one spatial axis ({@code [batch, channels, steps]}, as torch's Conv1d exports it) with constant W
 * {@code [filters, channels/group, kernel]} and B, run as a channels-last {@link Conv1D} between two Transposes:
 * {@code pads}, {@code strides}, {@code dilations}, {@code group}, {@code auto_pad} NOTSET, VALID, SAME_UPPER, and
 * SAME_LOWER where it pads as SAME_UPPER does (stride 1 and an even total).
 */
final class ConvTranslator implements OpTranslator {
    private static final int[] SWAP_LAST_TWO = {0, 2, 1};

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        Parameters params = Parameters.of(node, b, "convolution");
        if (params == null) {
            return;
        }
        int[] shape = params.inputShape();
        OnnxTensor w = params.w();
        OnnxTensor bias = params.bias();
        int[] ws = w.shape();
        int group = (int) node.intAttr("group", 1);
        if (ws.length != 3 || group < 1 || ws[0] % group != 0) {
            node.problem("W " + w + " must be [filters, channels/group, kernel] with filters divisible by group " + group);
            return;
        }
        int filters = ws[0];
        int perGroup = ws[1];
        int k = ws[2];
        int channels = perGroup * group;
        if (shape[1] >= 0 && shape[1] != channels) {
            node.problem("W " + w + " with group " + group + " takes " + channels + " channels but the input has " + shape[1]);
            return;
        }
        if (!biasAndKernelFit(node, w, bias, filters, k)) {
            return;
        }
        int stride = one(node, "strides");
        int dilation = one(node, "dilations");
        if (stride < 1 || dilation < 1) {
            return;
        }
        float[] kernel = kerasKernel(w.floats(), filters, perGroup, k);
        float[] bf = bias == null ? null : bias.floats();
        Activation linear = Activation.of(Activation.Kind.LINEAR);
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        long[] pads = node.intsAttr("pads");
        Boolean same = AutoPad.same(node, autoPad, stride, (k - 1) * (long) dilation + 1);
        if (same == null) {
            return;
        }
        Conv1D conv;
        if (same || autoPad.equals("VALID")) {
            Conv1D.Padding padding = same ? Conv1D.Padding.SAME : Conv1D.Padding.VALID;
            conv = new Conv1D(channels, filters, k, stride, dilation, padding, group, kernel, bf, linear);
        } else {
            long[] p = pads == null ? new long[2] : pads;
            if (p.length != 2 || p[0] < 0 || p[1] < 0 || p[0] > Integer.MAX_VALUE || p[1] > Integer.MAX_VALUE) {
                node.problem("pads " + Arrays.toString(pads) + " must be two sizes (begin, end) for a 1-D convolution");
                return;
            }
            conv = Conv1D.padded(channels, filters, k, stride, dilation, (int) p[0], (int) p[1], group, kernel, bf, linear);
        }
        channelsLast(node, b, conv);
    }

    /** The input's shape {@code [batch, channels, steps]}, constant W and optional B of a 1-D convolution node. */
    record Parameters(int[] inputShape, OnnxTensor w, OnnxTensor bias) {
        /** The node's parameters, or null after a problem; {@code what} names the convolution for it. */
        static Parameters of(OnnxNode node, OnnxGraphBuilder b, String what) {
            int[] shape = b.shape(node.input(0));
            if (shape.length != 3) {
                node.problem("only 1-D " + what + " is supported (input [batch, channels, steps]), got an input of rank "
                        + shape.length);
                return null;
            }
            OnnxTensor w = Args.constant(node, b, 1, "W");
            OnnxTensor bias = node.input(2).isEmpty() ? null : Args.constant(node, b, 2, "B");
            return w == null || !node.input(2).isEmpty() && bias == null ? null : new Parameters(shape, w, bias);
        }
    }

    /** Emits {@code op}, which takes and gives {@code [batch, steps, channels]}, between two Transposes of the node. */
    static void channelsLast(OnnxNode node, OnnxGraphBuilder b, Op op) {
        String channelsLast = b.fresh(node, "channels_last");
        String computed = b.fresh(node, "convolved");
        b.emit(node, new Transpose("Transpose", SWAP_LAST_TWO), List.of(node.input(0)), List.of(channelsLast), DataTypes.FLOAT);
        b.emit(node, op, List.of(channelsLast), List.of(computed), DataTypes.FLOAT);
        b.emit(node, new Transpose("Transpose", SWAP_LAST_TWO), List.of(computed), List.of(node.output(0)), DataTypes.FLOAT);
    }

    /** Whether B holds one value per filter and attribute kernel_shape, if given, is W's kernel size; else a problem. */
    static boolean biasAndKernelFit(OnnxNode node, OnnxTensor w, OnnxTensor bias, int filters, int k) {
        if (bias != null && bias.floats().length != filters) {
            node.problem("B " + bias + " must have one value per filter (" + filters + ")");
            return false;
        }
        long[] kernelShape = node.intsAttr("kernel_shape");
        if (kernelShape != null && !Arrays.equals(kernelShape, new long[] {k})) {
            node.problem("kernel_shape " + Arrays.toString(kernelShape) + " does not match W " + w);
            return false;
        }
        return true;
    }

    /** The single value of a one-element list attribute (default 1), or -1 after a problem. */
    static int one(OnnxNode node, String attribute) {
        long[] v = node.intsAttr(attribute);
        if (v == null) {
            return 1;
        }
        if (v.length != 1 || v[0] < 1 || v[0] > Integer.MAX_VALUE) {
            node.problem(attribute + " " + Arrays.toString(v) + " must be one positive size for a 1-D convolution");
            return -1;
        }
        return (int) v[0];
    }

    /** ONNX's {@code [filters][channels/group][kernel]} as Keras' {@code [kernel][channels/group][filters]}. */
    private static float[] kerasKernel(float[] w, int filters, int perGroup, int k) {
        float[] kernel = new float[w.length];
        for (int f = 0; f < filters; f++) {
            for (int c = 0; c < perGroup; c++) {
                for (int j = 0; j < k; j++) {
                    kernel[(j * perGroup + c) * filters + f] = w[(f * perGroup + c) * k + j];
                }
            }
        }
        return kernel;
    }
}
