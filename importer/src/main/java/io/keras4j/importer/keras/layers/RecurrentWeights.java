package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.Weight;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Re-lays the stored weights of LSTM and GRU layers written by Keras 1 or by the cuDNN layers into the Keras 2
 * layout the runtime takes: kernel {@code [in][gates·units]}, recurrent kernel {@code [units][gates·units]},
 * gate blocks in Keras order. The forms are told apart by the number of arrays and the bias shape, as Keras' own
 * loaders do ({@code preprocess_weights_for_loading}, {@code _convert_rnn_weights}).
 */
final class RecurrentWeights {
    private RecurrentWeights() {
    }

    /**
     * A recurrent layer's weights in Keras 2 layout.
     *
     * @param bias  the bias as stored (Keras 1's per-gate biases joined), null without bias
     * @param cudnn whether the weights were stored by a cuDNN layer: the kernels are already converted, the bias
     *              {@code [2·gates·units]} still holds the input biases, then the recurrent biases
     */
    record Fused(float[] kernel, float[] recurrentKernel, Weight bias, boolean cudnn) {
    }

    /**
     * Reads the weights of a recurrent layer with {@code saved.length} gate blocks: Keras 2/3 arrays; Keras 1's
     * per-gate arrays ({@code W_g, U_g, b_g} for each gate, {@code saved[g]} being the saved position of Keras gate
     * {@code g}); or cuDNN arrays, recognised by a flat bias of {@code 2·gates·units}. Null after recording a problem.
     */
    static Fused read(LayerConfig config, List<Weight> w, int in, int units, boolean useBias, int[] saved) {
        int gates = saved.length;
        if (w.size() == 3 * gates) {
            return perGate(config, w, in, units, saved);
        }
        if (w.size() != (useBias ? 3 : 2)) {
            config.problem("expected " + (useBias ? "3 weight arrays (kernel, recurrent_kernel, bias)"
                    : "2 weight arrays (kernel, recurrent_kernel)") + " or Keras 1's " + 3 * gates
                    + " per-gate arrays, but the file holds "
                    + w.size() + (w.isEmpty() ? "" : ": " + w.stream().map(x -> x.path() + x.shapeText()).toList()));
            return null;
        }
        float[] kernel = LayerWeights.take(config, w, 0, "kernel", in, (long) gates * units);
        float[] recurrent = LayerWeights.take(config, w, 1, "recurrent_kernel", units, (long) gates * units);
        if (kernel == null || recurrent == null) {
            return null;
        }
        Weight bias = useBias ? w.get(2) : null;
        boolean cudnn = bias != null && bias.hasShape(2L * gates * units);
        if (cudnn) {
            kernel = fromCudnn(kernel, in, units, gates);
            recurrent = fromCudnn(recurrent, units, units, gates);
        }
        return new Fused(kernel, recurrent, bias, cudnn);
    }

    /**
     * Keras 1 (consume_less 'cpu' or 'mem') stores one kernel, recurrent kernel and bias per gate: LSTM as i, c, f, o,
     * GRU as z, r, h. They are joined column-wise into Keras gate order.
     */
    private static Fused perGate(LayerConfig config, List<Weight> w, int in, int units, int[] saved) {
        int gates = saved.length;
        float[] kernel = new float[in * gates * units];
        float[] recurrent = new float[units * gates * units];
        float[] bias = new float[gates * units];
        List<String> biasNames = new ArrayList<>();
        boolean ok = true;
        for (int g = 0; g < gates; g++) {
            int p = 3 * saved[g];
            biasNames.add(w.get(p + 2).path());
            float[] k = LayerWeights.take(config, w, p, "kernel", in, units);
            float[] r = LayerWeights.take(config, w, p + 1, "recurrent_kernel", units, units);
            float[] b = LayerWeights.take(config, w, p + 2, "bias", units);
            if (k == null || r == null || b == null) {
                ok = false;
                continue;
            }
            placeBlock(k, in, units, kernel, g, gates);
            placeBlock(r, units, units, recurrent, g, gates);
            System.arraycopy(b, 0, bias, g * units, units);
        }
        if (!ok) {
            return null;
        }
        return new Fused(kernel, recurrent, new Weight(String.join(" + ", biasNames), new long[] {bias.length}, bias), false);
    }

    /**
     * Converts a cuDNN kernel {@code [rows][gates·units]} to Keras layout. cuDNN hands each gate block to the library
     * as the flat data of a row-major {@code [units][rows]} matrix, so Keras' block is the transpose of that matrix.
     * For a square recurrent block this is a plain transpose.
     */
    static float[] fromCudnn(float[] kernel, int rows, int units, int gates) {
        float[] out = new float[kernel.length];
        float[] block = new float[rows * units];
        float[] keras = new float[rows * units];
        for (int g = 0; g < gates; g++) {
            copyBlock(kernel, rows, units, g, gates, block);
            for (int u = 0; u < units; u++) {
                for (int d = 0; d < rows; d++) {
                    keras[d * units + u] = block[u * rows + d];
                }
            }
            placeBlock(keras, rows, units, out, g, gates);
        }
        return out;
    }

    /** The input half plus the recurrent half of a cuDNN bias {@code [2·n]}: the one bias of an LSTM. */
    static float[] foldCudnnBias(float[] bias) {
        int n = bias.length / 2;
        float[] out = Arrays.copyOf(bias, n);
        for (int j = 0; j < n; j++) {
            out[j] += bias[n + j];
        }
        return out;
    }

    /** Copies column block {@code g} of a {@code [rows][gates·units]} matrix into {@code block} ({@code [rows][units]}). */
    private static void copyBlock(float[] m, int rows, int units, int g, int gates, float[] block) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(m, (r * gates + g) * units, block, r * units, units);
        }
    }

    /** Writes {@code block} ({@code [rows][units]}) as column block {@code g} of a {@code [rows][gates·units]} matrix. */
    private static void placeBlock(float[] block, int rows, int units, float[] m, int g, int gates) {
        for (int r = 0; r < rows; r++) {
            System.arraycopy(block, r * units, m, (r * gates + g) * units, units);
        }
    }
}
