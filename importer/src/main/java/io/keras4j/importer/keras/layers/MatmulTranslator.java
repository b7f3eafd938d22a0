package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.primitive.MatMul;
import io.keras4j.runtime.ops.primitive.Squeeze;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.matmul(a, b)} and {@code a @ b} of two tensors of one rank, at least 3 (the batch axis
 * pairs with the batch axis; a rank-2 operand would be one matrix over the whole batch), or of a tensor and a constant
 * matrix on either side (see {@link #byConstant} and {@link #constantTimes}).
 */
final class MatmulTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode args = t.positionalArguments();
        if (args.size() == 2 && OperationArguments.isTensor(args.get(0)) && OperationArguments.isConstant(args.get(1))) {
            return byConstant(config, t, args.get(1), false);
        }
        if (args.size() == 2 && OperationArguments.isConstant(args.get(0)) && OperationArguments.isTensor(args.get(1))) {
            return constantTimes(config, t, args.get(0));
        }
        if (t.inputs().size() != 2 || t.shape(t.inputs().get(0).value()).length < 3) {
            config.problem("is supported on two tensors of rank 3 or more (batched matrices), got "
                    + t.inputs().stream().map(x -> GeneralConfig.shapeText(t.shape(x.value()))).toList());
            return List.of(t.unavailable());
        }
        List<String> operands = OperationArguments.operands(config, t, 2);
        if (operands == null) {
            return List.of(t.unavailable());
        }
        return List.of(new KTensor(t.emit(new MatMul(), operands).get(0), null));
    }

    /**
     * The call's tensor (its first argument, of rank 2 or more) times constant {@code b} (a numpy array or constant
     * tensor) over its last axis, as a Dense op without bias: b a matrix {@code (k, n)}, or with {@code rows} {@code (n,
     * k)} (numpy's inner: each row against x's last axis), or a vector {@code (k,)} whose axis the result drops (numpy's
     * matmul and dot of an array and a matrix or vector); unavailable after a problem.
     */
    static List<KTensor> byConstant(LayerConfig config, Translation t, JsonNode b, boolean rows) {
        KTensor x = t.inputs().size() == 1 ? t.inputs().get(0) : null;
        int[] shape = x == null ? new int[0] : t.shape(x.value());
        OperationArguments.Array w = OperationArguments.array(b, false);
        int k = shape.length < 2 ? -1 : shape[shape.length - 1];
        boolean vector = w != null && w.shape().length == 1;
        if (w == null || w.shape().length < 1 || w.shape().length > 2 || k <= 0
                || w.shape()[rows ? w.shape().length - 1 : 0] != k) {
            config.problem("is supported on a tensor of rank 2 or more and a constant matrix or vector over its last"
                    + " axis, whose size is known at import; got " + (x == null ? "no single tensor"
                    : GeneralConfig.shapeText(shape)) + " and " + OperationArguments.quote(b));
            return List.of(t.unavailable());
        }
        int n = vector ? 1 : w.shape()[rows ? 0 : 1];
        float[] kernel = rows && !vector ? transposed(w.values(), n, k) : w.values();
        return List.of(new KTensor(dense(t, x.value(), shape.length, k, n, kernel, vector), null));
    }

    /**
     * Constant {@code a} (a numpy array or constant tensor) times the call's tensor, its second argument: a matrix
     * {@code (m, k)} or a vector {@code (k,)} times the matrices in x's last two axes {@code (k, n)}, x of rank 3 or more
     * (at rank 2 the batch axis would be a matrix axis), k known at import; computed as {@code (xᵀ · aᵀ)ᵀ}: a Dense op
     * without bias between two swaps of x's last axes (the vector's axis dropped, as numpy's matmul).
     */
    private static List<KTensor> constantTimes(LayerConfig config, Translation t, JsonNode a) {
        KTensor x = t.inputs().size() == 1 ? t.inputs().get(0) : null;
        int[] shape = x == null ? new int[0] : t.shape(x.value());
        OperationArguments.Array w = OperationArguments.array(a, false);
        int k = shape.length < 3 ? -1 : shape[shape.length - 2];
        if (w == null || w.shape().length < 1 || w.shape().length > 2 || k <= 0 || w.shape()[w.shape().length - 1] != k) {
            config.problem("is supported on a constant matrix or vector times a tensor of rank 3 or more over its"
                    + " second-to-last axis, whose size is known at import; got " + OperationArguments.quote(a) + " and "
                    + (x == null ? "no single tensor" : GeneralConfig.shapeText(shape)));
            return List.of(t.unavailable());
        }
        boolean vector = w.shape().length == 1;
        int m = vector ? 1 : w.shape()[0];
        float[] kernel = transposed(w.values(), m, k);
        int[] swap = new int[shape.length];
        for (int d = 0; d < swap.length; d++) {
            swap[d] = d < swap.length - 2 ? d : 2 * swap.length - 3 - d;
        }
        String xt = GeneralConfig.emit(t, new Transpose("Transpose", swap), x.value());
        String y = dense(t, xt, shape.length, k, m, kernel, vector);
        return List.of(new KTensor(vector ? y : GeneralConfig.emit(t, new Transpose("Transpose", swap), y), null));
    }

    /** The {@code (k, m)} transpose of an {@code (m, k)} matrix, both row-major. */
    private static float[] transposed(float[] w, int m, int k) {
        float[] out = new float[k * m];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = w[j * k + i];
            }
        }
        return out;
    }

    /**
     * Emits {@code x} (of rank {@code rank}) times a {@code (k, n)} kernel over its last axis, as a Dense op without
     * bias, and returns its value, the last axis dropped where {@code dropLast} (n is then 1).
     */
    private static String dense(Translation t, String x, int rank, int k, int n, float[] kernel, boolean dropLast) {
        String y = t.emit(new Dense(k, n, kernel, null, Activation.of(Activation.Kind.LINEAR)), List.of(x)).get(0);
        return dropLast ? t.emit(new Squeeze(new long[] {rank - 1}), List.of(y)).get(0) : y;
    }
}
