package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.Arrays;

/**
 * Keras' IntegerLookup with {@code output_mode} int: each id, cast toward zero to an integer as Keras casts it, gets its
 * index, {@code tokenStart + i} for the i-th vocabulary token; the mask token's 0 (when there is one); an id outside the
 * vocabulary, with {@code oovIndices} 1, index {@code oovStart}, with more, {@code oovStart + floormod(id, oovIndices)},
 * and with none, an error. Ids beyond {@link #MAX_ID}, which float32 cannot tell apart, are an error.
 */
public final class IndexLookup implements Op {
    /** The largest id, token and index float32 holds exactly (and so keras4j): 2^24. */
    public static final int MAX_ID = 1 << 24;

    private final float[] vocabulary;
    private final float maskToken;
    private final boolean masked;
    private final int oovIndices;
    /** The tokens ascending, and each one's position in the vocabulary. */
    private final float[] sorted;
    private final int[] position;

    /**
     * @param vocabulary the tokens, distinct, without the mask and OOV tokens
     * @param masked     whether {@code maskToken} maps to 0 (and the OOV indices start at 1)
     */
    public IndexLookup(float[] vocabulary, boolean masked, float maskToken, int oovIndices) {
        if (oovIndices < 0 || (long) oovIndices + vocabulary.length + 1 > MAX_ID) {
            throw new IllegalArgumentException("IndexLookup: " + oovIndices + " OOV indices and " + vocabulary.length
                    + " tokens: the indices must stay within 2^24");
        }
        this.vocabulary = vocabulary.clone();
        this.masked = masked;
        this.maskToken = maskToken;
        this.oovIndices = oovIndices;
        Integer[] order = new Integer[vocabulary.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Float.compare(vocabulary[a], vocabulary[b]));
        sorted = new float[vocabulary.length];
        position = new int[vocabulary.length];
        for (int i = 0; i < order.length; i++) {
            sorted[i] = vocabulary[order[i]];
            position[i] = order[i];
            if (i > 0 && sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("IndexLookup: token " + sorted[i] + " appears twice in the vocabulary");
            }
        }
    }

    @Override
    public String type() {
        return "IndexLookup";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("masked", masked).attr("mask_token", (double) maskToken)
                .attr("oov_indices", oovIndices).weight("vocabulary", vocabulary, vocabulary.length).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static IndexLookup fromSpec(OpSpec s) {
        return new IndexLookup(s.weight("vocabulary"), s.boolAttr("masked"), (float) s.doubleAttr("mask_token"),
                s.intAttr("oov_indices"));
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        return Dims.sameShape(in, type());
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        float[] x = inputs[0];
        float[] y = outputs[0];
        int oovStart = masked ? 1 : 0;
        int tokenStart = oovStart + oovIndices;
        for (int i = 0; i < x.length; i++) {
            if (!(Math.abs(x[i]) <= MAX_ID)) {
                throw new IllegalArgumentException("IntegerLookup: id " + x[i] + " lies beyond 2^24, where float32 values,"
                        + " which keras4j computes with, cannot tell ids apart");
            }
            float id = (long) x[i]; // toward zero, and -0.0 to 0, as Keras' cast to int64
            if (masked && id == maskToken) {
                y[i] = 0;
                continue;
            }
            int at = Arrays.binarySearch(sorted, id);
            if (at >= 0) {
                y[i] = tokenStart + position[at];
            } else if (oovIndices == 1) {
                y[i] = oovStart;
            } else if (oovIndices > 1) {
                float r = id % oovIndices;
                y[i] = oovStart + (r < 0 ? r + oovIndices : r);
            } else {
                throw new IllegalArgumentException("IntegerLookup: " + id + " is not in the vocabulary, and there is no"
                        + " OOV index (num_oov_indices=0)");
            }
        }
    }
}
