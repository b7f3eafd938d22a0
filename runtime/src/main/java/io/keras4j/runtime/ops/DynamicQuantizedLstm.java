package io.keras4j.runtime.ops;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.primitive.DynamicQuantizeLinear;
import java.util.Arrays;

/**
 * One direction of ONNX Runtime's DynamicQuantizeLSTM (com.microsoft): an LSTM whose two products are integer products,
 * computed as ONNX Runtime computes them. The input of all steps and rows is quantized to uint8 at once, with the scale
 * and zero point of its whole range ({@link DynamicQuantizeLinear}); before each step the previous h of all rows of the
 * batch likewise (so rows are not independent). A product is the int32 sum of {@code (q - zero)·w} over the weights'
 * integers w (their zero point subtracted), times {@code scale · weightScale[column]}; per step
 * {@code z = (x·W + h·R) + bias}, then the gates as {@link Lstm}'s. Inputs x {@code [batch, time, inputSize]}, then h
 * and c if initialState; outputs the sequence {@code [batch, time, units]} in the order it is computed (last step first
 * with goBackwards), h and c.
 */
public final class DynamicQuantizedLstm implements Op {
    private final int inputSize;
    private final int units;
    /** Weight integers {@code [4·units][inputSize]} and {@code [4·units][units]}, transposed for the dot products. */
    private final int[] kernel;
    private final int[] recurrentKernel;
    private final float[] kernelScale;
    private final float[] recurrentScale;
    private final float[] bias;
    private final Activation activation;
    private final Activation recurrentActivation;
    private final boolean goBackwards;
    private final boolean initialState;
    private final CellOptions cell;
    private final LstmGates gates;

    /**
     * @param kernel          {@code [inputSize][4·units]} integers with their zero point subtracted, gate order i, f, c, o
     * @param kernelScale     {@code [4·units]}, the scale of each kernel column
     * @param recurrentKernel {@code [units][4·units]} likewise
     * @param bias            {@code [4·units]}, or null without bias
     */
    public DynamicQuantizedLstm(int inputSize, int units, float[] kernel, float[] kernelScale, float[] recurrentKernel,
                                float[] recurrentScale, float[] bias, Activation activation, Activation recurrentActivation,
                                boolean goBackwards, boolean initialState, CellOptions cell) {
        if (inputSize <= 0 || units <= 0 || units > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("input_size " + inputSize + " and units " + units + " must be positive, with"
                    + " 4·units below 2^31");
        }
        int g = 4 * units;
        Weights.check("kernel_scale", kernelScale, g);
        Weights.check("recurrent_scale", recurrentScale, g);
        if (bias != null) {
            Weights.check("bias", bias, g);
        }
        if (cell.peepholes() != null) {
            Weights.check("peepholes", cell.peepholes(), 3, units);
        }
        this.inputSize = inputSize;
        this.units = units;
        this.kernel = integers("kernel", kernel, inputSize, g);
        this.recurrentKernel = integers("recurrent_kernel", recurrentKernel, units, g);
        this.kernelScale = kernelScale.clone();
        this.recurrentScale = recurrentScale.clone();
        this.bias = bias == null ? null : bias.clone();
        this.activation = activation;
        this.recurrentActivation = recurrentActivation;
        this.goBackwards = goBackwards;
        this.initialState = initialState;
        this.cell = cell;
        this.gates = new LstmGates(units, activation, recurrentActivation, cell);
    }

    /** {@code w [rows][cols]} of integers as {@code [cols][rows]} ints. */
    private static int[] integers(String name, float[] w, int rows, int cols) {
        Weights.check(name, w, rows, cols);
        int[] t = new int[w.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                float v = w[r * cols + c];
                if (v != Math.rint(v) || Math.abs(v) > 255) {
                    throw new IllegalArgumentException(name + " holds " + v + ", not an integer within +-255");
                }
                t[c * rows + r] = (int) v;
            }
        }
        return t;
    }

    /** {@code [cols][rows]} ints back as {@code [rows][cols]} floats. */
    private static float[] floats(int[] t, int rows, int cols) {
        float[] w = new float[t.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                w[r * cols + c] = t[c * rows + r];
            }
        }
        return w;
    }

    @Override
    public String type() {
        return "DynamicQuantizeLSTM";
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int expected = initialState ? 3 : 1;
        if (in.length != expected) {
            throw new IllegalArgumentException(type() + " takes " + expected + " inputs, got " + in.length);
        }
        int[] x = in[0];
        Inputs.rank(x, 3, "input");
        Inputs.lastDim(x, inputSize, "input");
        for (int k = 1; k < in.length; k++) {
            Inputs.same(in[k], new int[] {x[0], units}, "initial state " + (k - 1));
        }
        return new int[][] {{x[0], x[1], units}, {x[0], units}, {x[0], units}};
    }

    /** Quantized input, projections, h, c, quantized h, a scale and zero point, the gates' work. */
    @Override
    public int scratchSize(int[][] in) {
        long rows = (long) in[0][0] * in[0][1];
        return Shapes.checkedScratch(rows * inputSize + rows * 4 * units + 3L * in[0][0] * units + 2 + gates.scratch());
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        int batch = inputShapes[0][0];
        int time = inputShapes[0][1];
        int g = 4 * units;
        int stride = batch * units;
        int proj = batch * time * inputSize;
        int h = proj + batch * time * g;
        int c = h + stride;
        int hq = c + stride;
        int params = hq + stride;
        int work = params + 2;
        DynamicQuantizeLinear.quantize(inputs[0], 0, proj, scratch, 0, scratch, params);
        for (int r = 0; r < batch * time; r++) {
            product(scratch, r * inputSize, inputSize, scratch, params, kernel, kernelScale, scratch, proj + r * g, false);
        }
        if (initialState) {
            System.arraycopy(inputs[1], 0, scratch, h, stride);
            System.arraycopy(inputs[2], 0, scratch, c, stride);
        } else {
            Arrays.fill(scratch, h, hq, 0f);
        }
        float[] y = outputs[0];
        for (int s = 0; s < time; s++) {
            int t = goBackwards ? time - 1 - s : s;
            DynamicQuantizeLinear.quantize(scratch, h, stride, scratch, hq, scratch, params);
            for (int b = 0; b < batch; b++) {
                System.arraycopy(scratch, proj + (b * time + t) * g, scratch, work, g);
                product(scratch, hq + b * units, units, scratch, params, recurrentKernel, recurrentScale, scratch, work, true);
                if (bias != null) {
                    for (int j = 0; j < g; j++) {
                        scratch[work + j] += bias[j];
                    }
                }
                gates.apply(scratch, work, scratch, h + b * units, c + b * units);
                System.arraycopy(scratch, h + b * units, y, (b * time + s) * units, units);
            }
        }
        System.arraycopy(scratch, h, outputs[1], 0, stride);
        System.arraycopy(scratch, c, outputs[2], 0, stride);
    }

    /**
     * Sets (or with {@code accumulate} adds to) {@code out[at, at+4·units)} the product of the quantized row
     * {@code q[from, from+k)}, whose scale and zero point are {@code params[p]} and {@code params[p+1]}, by the weight
     * integers {@code w [4·units][k]}: the int32 sum times {@code scale · wScale[column]}, in float32.
     */
    private static void product(float[] q, int from, int k, float[] params, int p, int[] w, float[] wScale, float[] out,
                                int at, boolean accumulate) {
        float scale = params[p];
        int zero = (int) params[p + 1];
        for (int col = 0; col < wScale.length; col++) {
            int sum = 0;
            for (int i = 0; i < k; i++) {
                sum += ((int) q[from + i] - zero) * w[col * k + i];
            }
            float v = sum * (scale * wScale[col]);
            out[at + col] = accumulate ? out[at + col] + v : v;
        }
    }

    @Override
    public OpSpec spec() {
        int g = 4 * units;
        OpSpec.Builder b = OpSpec.builder(type()).attr("input_size", inputSize).attr("units", units)
                .attr("go_backwards", goBackwards).attr("initial_state", initialState).attr("activation", activation)
                .attr("recurrent_activation", recurrentActivation)
                .weight("kernel", floats(kernel, inputSize, g), inputSize, g).weight("kernel_scale", kernelScale, g)
                .weight("recurrent_kernel", floats(recurrentKernel, units, g), units, g)
                .weight("recurrent_scale", recurrentScale, g).weight("bias", bias, g);
        cell.describe(b, units);
        return b.build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static DynamicQuantizedLstm fromSpec(OpSpec s) {
        return new DynamicQuantizedLstm(s.intAttr("input_size"), s.intAttr("units"), s.weight("kernel"),
                s.weight("kernel_scale"), s.weight("recurrent_kernel"), s.weight("recurrent_scale"), s.weight("bias"),
                s.activation("activation"), s.activation("recurrent_activation"), s.boolAttr("go_backwards"),
                s.boolAttr("initial_state"), CellOptions.fromSpec(s));
    }

    @Override
    public long parameterCount() {
        float[] p = cell.peepholes();
        return kernel.length + recurrentKernel.length + 8L * units + (bias == null ? 0 : bias.length)
                + (p == null ? 0 : p.length);
    }
}
