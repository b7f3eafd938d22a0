package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Concatenate;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Squeeze;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.cross(a, b)} as Keras' TensorFlow backend computes it, TensorFlow's cross product of vectors
 * along the last axis, {@code (a1·b2 - a2·b1, a2·b0 - a0·b2, a0·b1 - a1·b0)} in float32; a vector of 2 components has a
 * third of 0, and of two such vectors only the last component is given (the axis dropped). Operands as Add's, the last
 * axis of each of 2 or 3 components, known at import; {@code axisa}, {@code axisb}, {@code axisc} (or {@code axis}) the
 * last axis only.
 */
final class CrossOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<String> operands = OperationArguments.operands(config, t, 2);
        for (String key : new String[] {"axisa", "axisb", "axisc", "axis"}) {
            double axis = config.number(-1, key);
            if (axis != -1) {
                config.problem("option " + key + "=" + config.raw(key) + " is not supported (-1, the last axis, only)");
                return List.of(t.unavailable());
            }
        }
        if (operands == null) {
            return List.of(t.unavailable());
        }
        List<String[]> vectors = new ArrayList<>();
        boolean planar = true;
        for (String v : operands) {
            int[] shape = t.shape(v);
            int n = shape.length == 0 ? -1 : shape[shape.length - 1];
            if (n != 2 && n != 3) {
                config.problem("operand of shape " + GeneralConfig.shapeText(shape) + " is not supported (vectors of 2 or"
                        + " 3 components along the last axis, known at import)");
                return List.of(t.unavailable());
            }
            planar &= n == 2;
            int last = shape.length - 1;
            String[] c = new String[3];
            for (int i = 0; i < 3; i++) {
                c[i] = i < n ? OperationArguments.slice(t, v, List.of(new float[] {i, i + 1, last, 1}))
                        : GeneralConfig.scalar(t, 0f);
            }
            vectors.add(c);
        }
        String[] a = vectors.get(0);
        String[] b = vectors.get(1);
        String z = component(t, a[0], b[1], a[1], b[0]);
        int last = t.shape(z).length - 1;
        if (planar) {
            return List.of(new KTensor(GeneralConfig.emit(t, new Squeeze(new long[] {last}), z), null));
        }
        String x = component(t, a[1], b[2], a[2], b[1]);
        String y = component(t, a[2], b[0], a[0], b[2]);
        return List.of(new KTensor(t.emit(new Concatenate(last), List.of(x, y, z)).get(0), null));
    }

    /** {@code p·q - r·s}. */
    private static String component(Translation t, String p, String q, String r, String s) {
        return GeneralConfig.elementwise(t, Elementwise.Kind.SUB, GeneralConfig.elementwise(t, Elementwise.Kind.MUL, p, q),
                GeneralConfig.elementwise(t, Elementwise.Kind.MUL, r, s));
    }
}
