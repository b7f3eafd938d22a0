package io.keras4j.importer.onnx;

import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Convolution;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.Padding;
import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.primitive.Squeeze;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX Conv over one spatial axis ({@code [batch, channels, steps]}, as torch's Conv1d exports it; W {@code [filters,
 * channels/group, kernel]}), two ({@code [batch, channels, rows, cols]}, torch's Conv2d; W {@code [filters,
 * channels/group, rows, cols]}) or three ({@code [batch, channels, depth, rows, cols]}, torch's Conv3d), with constant W
 * and B, run as a channels-last {@link Convolution} between two Transposes: {@code pads}, {@code strides},
 * {@code dilations}, {@code group}, {@code auto_pad} (see {@link AutoPad}).
 */
final class ConvTranslator implements OpTranslator {
    /** The spatial axes of a convolution or pooling over one, two and three of them. */
    static final String[] SPATIAL = {"steps", "rows, cols", "depth, rows, cols"};

    /** The axes of a kernel over {@code axes} spatial axes, as a W's shape names them. */
    static String kernelAxes(int axes) {
        return axes == 1 ? "kernel" : SPATIAL[axes - 1];
    }

    /** The problem of a {@code what} over 1 to {@code maxAxes} spatial axes given an input of {@code rank}. */
    static String onlyAxes(String what, int maxAxes, int rank) {
        StringBuilder inputs = new StringBuilder();
        for (int axes = 1; axes <= maxAxes; axes++) {
            inputs.append(axes == 1 ? "" : axes == maxAxes ? " or " : ", ").append("[batch, channels, ")
                    .append(SPATIAL[axes - 1]).append("]");
        }
        return "only " + (maxAxes == 3 ? "1-D, 2-D and 3-D " : maxAxes == 2 ? "1-D and 2-D " : "1-D ") + what
                + " is supported (input " + inputs + "), got an input of rank " + rank;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        Parameters params = Parameters.of(node, b, "convolution", 3);
        if (params != null) {
            convolve(node, b, params, node.input(0));
        }
    }

    /** Emits the node's convolution (its attributes) of value {@code x} by params' W and B into the node's output. */
    static void convolve(OnnxNode node, OnnxGraphBuilder b, Parameters params, String x) {
        convolve(node, b, params, x, node.output(0));
    }

    /** As {@link #convolve(OnnxNode, OnnxGraphBuilder, Parameters, String)}, into value {@code out}. */
    static void convolve(OnnxNode node, OnnxGraphBuilder b, Parameters params, String x, String out) {
        int[] shape = params.inputShape();
        int axes = shape.length - 2;
        OnnxTensor w = params.w();
        OnnxTensor bias = params.bias();
        int[] ws = w.shape();
        int group = (int) node.intAttr("group", 1);
        if (ws.length != shape.length || group < 1 || ws[0] % group != 0) {
            node.problem("W " + w + " must be [filters, channels/group, " + kernelAxes(axes)
                    + "] with filters divisible by group " + group);
            return;
        }
        int filters = ws[0];
        int perGroup = ws[1];
        int channels = perGroup * group;
        if (shape[1] >= 0 && shape[1] != channels) {
            node.problem("W " + w + " with group " + group + " takes " + channels + " channels but the input has " + shape[1]);
            return;
        }
        int[] kernel = Arrays.copyOfRange(ws, 2, ws.length);
        int[] strides = sizes(node, "strides", axes);
        int[] dilations = sizes(node, "dilations", axes);
        if (!biasAndKernelFit(node, w, bias, filters, kernel) || strides == null || dilations == null) {
            return;
        }
        int[] spans = new int[axes];
        for (int d = 0; d < axes; d++) {
            spans[d] = (int) Math.min((kernel[d] - 1) * (long) dilations[d] + 1, 1 << 30);
        }
        AutoPad.Padding padding = AutoPad.of(node, Arrays.copyOfRange(shape, 2, shape.length), strides, spans);
        if (padding == null) {
            return;
        }
        boolean same = padding.same();
        int[] pads = padding.pads();
        float[] keras = kerasKernel(w.floats(), filters, perGroup, Arrays.stream(kernel).reduce(1, (p, q) -> p * q));
        float[] bf = bias == null ? null : bias.floats();
        Activation linear = Activation.of(Activation.Kind.LINEAR);
        channelsLast(node, b, new Convolution(channels, filters, kernel, strides, dilations,
                same ? Padding.SAME : Padding.EXPLICIT, same ? null : pads, group, false, keras, bf, linear), x,
                out, List.of());
    }

    /** The input's shape ({@code [batch, channels, spatial...]}), constant W and optional B of a convolution node. */
    record Parameters(int[] inputShape, OnnxTensor w, OnnxTensor bias) {
        /**
         * The node's parameters, or null after a problem; {@code what} names the convolution for it, {@code maxAxes} (1 to
         * 3) is how many spatial axes it may have.
         */
        static Parameters of(OnnxNode node, OnnxGraphBuilder b, String what, int maxAxes) {
            return of(node, b, what, maxAxes, true);
        }

        /** As {@link #of(OnnxNode, OnnxGraphBuilder, String, int)}; without {@code biased}, input 2 is not a B. */
        static Parameters of(OnnxNode node, OnnxGraphBuilder b, String what, int maxAxes, boolean biased) {
            int[] shape = b.shape(node.input(0));
            if (shape.length < 3 || shape.length > 2 + maxAxes) {
                node.problem(onlyAxes(what, maxAxes, shape.length));
                return null;
            }
            OnnxTensor w = Args.constant(node, b, 1, "W");
            boolean hasBias = biased && !node.input(2).isEmpty();
            OnnxTensor bias = hasBias ? Args.constant(node, b, 2, "B") : null;
            return w == null || hasBias && bias == null ? null : new Parameters(shape, w, bias);
        }
    }

    /**
     * Emits {@code op}, which takes and gives channels last ({@code [batch, steps, channels]} or
     * {@code [batch, rows, cols, channels]}), between two Transposes of the node.
     */
    static void channelsLast(OnnxNode node, OnnxGraphBuilder b, Op op) {
        channelsLast(node, b, op, node.input(0), node.output(0), List.of());
    }

    /**
     * As {@link #channelsLast(OnnxNode, OnnxGraphBuilder, Op)}, from value {@code in} to value {@code out}, the op taking
     * the {@code extra} values after it.
     */
    static void channelsLast(OnnxNode node, OnnxGraphBuilder b, Op op, String in, String out, List<String> extra) {
        int rank = b.shape(in).length;
        int[] toLast = new int[rank];
        int[] back = new int[rank];
        for (int i = 1; i < rank; i++) {
            toLast[i] = i == rank - 1 ? 1 : i + 1;
            back[i] = i == 1 ? rank - 1 : i - 1;
        }
        String channelsLast = b.fresh(node, "channels_last");
        String computed = b.fresh(node, "convolved");
        b.emit(node, new Transpose("Transpose", toLast), List.of(in), List.of(channelsLast), DataTypes.FLOAT);
        List<String> inputs = new ArrayList<>(List.of(channelsLast));
        inputs.addAll(extra);
        b.emit(node, op, inputs, List.of(computed), DataTypes.FLOAT);
        b.emit(node, new Transpose("Transpose", back), List.of(computed), List.of(out), DataTypes.FLOAT);
    }

    /**
     * Emits {@code op}, which takes and gives images channels last, over the node's steps {@code [batch, channels, steps]}
     * as a row of one: an Unsqueeze, {@link #channelsLast(OnnxNode, OnnxGraphBuilder, Op, String, String, List)} (the op
     * taking the {@code extra} values after the row), a Squeeze.
     */
    static void channelsLastAsRow(OnnxNode node, OnnxGraphBuilder b, Op op, List<String> extra) {
        channelsLastAsRow(node, b, op, node.input(0), node.output(0), extra);
    }

    /** As {@link #channelsLastAsRow(OnnxNode, OnnxGraphBuilder, Op, List)}, from value {@code in} to value {@code out}. */
    static void channelsLastAsRow(OnnxNode node, OnnxGraphBuilder b, Op op, String in, String out, List<String> extra) {
        String row = b.fresh(node, "as_row");
        String computed = b.fresh(node, "computed_row");
        b.emit(node, new Unsqueeze(new long[] {2}), List.of(in), List.of(row), DataTypes.FLOAT);
        channelsLast(node, b, op, row, computed, extra);
        b.emit(node, new Squeeze(new long[] {2}), List.of(computed), List.of(out), DataTypes.FLOAT);
    }

    /** Whether B holds one value per filter and attribute kernel_shape, if given, is W's kernel size; else a problem. */
    static boolean biasAndKernelFit(OnnxNode node, OnnxTensor w, OnnxTensor bias, int filters, int... kernel) {
        if (bias != null && bias.floats().length != filters) {
            node.problem("B " + bias + " must have one value per filter (" + filters + ")");
            return false;
        }
        long[] kernelShape = node.intsAttr("kernel_shape");
        if (kernelShape != null && !Arrays.equals(kernelShape, Arrays.stream(kernel).asLongStream().toArray())) {
            node.problem("kernel_shape " + Arrays.toString(kernelShape) + " does not match W " + w);
            return false;
        }
        return true;
    }

    /** A list attribute of one positive size per spatial axis (default 1 each), or null after a problem. */
    static int[] sizes(OnnxNode node, String attribute, int axes) {
        long[] v = node.intsAttr(attribute);
        if (v == null) {
            int[] ones = new int[axes];
            Arrays.fill(ones, 1);
            return ones;
        }
        if (v.length != axes || Arrays.stream(v).anyMatch(d -> d < 1 || d > 1 << 24)) {
            node.problem(attribute + " " + Arrays.toString(v) + " must be " + axes + " positive size" + (axes == 1 ? "" : "s")
                    + " for a " + axes + "-D window");
            return null;
        }
        return Arrays.stream(v).mapToInt(d -> (int) d).toArray();
    }

    /** ONNX's {@code [filters][channels/group][taps]} as Keras' {@code [taps][channels/group][filters]} (taps row-major). */
    private static float[] kerasKernel(float[] w, int filters, int perGroup, int taps) {
        float[] kernel = new float[w.length];
        for (int f = 0; f < filters; f++) {
            for (int c = 0; c < perGroup; c++) {
                for (int j = 0; j < taps; j++) {
                    kernel[(j * perGroup + c) * filters + f] = w[(f * perGroup + c) * taps + j];
                }
            }
        }
        return kernel;
    }
}
