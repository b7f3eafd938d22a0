package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Reshape;
import io.keras4j.runtime.ops.primitive.OneHot;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.List;

/**
 * Keras' encoding of integer indices {@code (batch, n)} into {@code depth} classes (CategoryEncoding, and Discretization's
 * other output modes), as its TensorFlow backend computes it: {@code one_hot} a row per index, {@code (batch, n, depth)},
 * or {@code (batch, depth)} where n is 1; {@code multi_hot} whether each class occurs in the sample; {@code count} how
 * often. An index at or above {@code depth} is left out, as TensorFlow's bincount leaves it; a negative one, which
 * Keras refuses at run time, is left out too.
 */
final class CategoricalEncoding {
    private CategoricalEncoding() {
    }

    /** Whether {@code mode} is one of these encodings. */
    static boolean encodes(String mode) {
        return mode.equals("one_hot") || mode.equals("multi_hot") || mode.equals("count");
    }

    /** The encoding of index tensor {@code indices}, or unavailable (problem recorded) where it is not {@code (batch, n)}. */
    static KTensor emit(LayerConfig config, Translation t, String indices, int depth, String mode) {
        int[] shape = t.shape(indices);
        if (shape.length != 2 || shape[1] < 1) {
            config.problem("encodes an input of shape " + GeneralConfig.shapeText(shape) + " with output_mode='" + mode
                    + "'; keras4j encodes (batch, n) inputs of known n");
            return t.unavailable();
        }
        String v = indices;
        if (mode.equals("one_hot") && shape[1] == 1) {
            v = t.emit(new Reshape("Reshape", new int[0]), List.of(v)).get(0);
        }
        v = t.emit(new OneHot(depth, -1, false, 0f, 1f), List.of(v)).get(0);
        if (!mode.equals("one_hot")) {
            Reduce.Kind kind = mode.equals("count") ? Reduce.Kind.SUM : Reduce.Kind.MAX;
            v = t.emit(new Reduce(kind, new long[] {1}, false), List.of(v)).get(0);
        }
        return new KTensor(v, null);
    }
}
