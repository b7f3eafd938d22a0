package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.Arrays;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.average(x, axis, weights)} as Keras' TensorFlow backend computes it over one {@code axis}
 * (not None, not the batch axis): without weights the mean; with weights of x's shape, as Keras requires them (a
 * tensor, or a constant array whose first dimension is 1), {@code sum(x · w, axis) / sum(w, axis)}; with a constant
 * vector of the axis's length {@code sum(x · w along the axis) / sum(w)}.
 */
final class AverageOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<KTensor> in = OperationArguments.leading(config, t, 1, 1, "a tensor");
        KTensor x = in == null ? null : in.get(0);
        int axis = OperationArguments.axis(config, t, x, "it averages over the batch axis too");
        if (axis < 0) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        long[] axes = {axis};
        JsonNode a = t.keywordArguments().path("weights");
        if (a.isMissingNode() || a.isNull()) {
            return List.of(new KTensor(GeneralConfig.emit(t, new Reduce(Reduce.Kind.MEAN, axes, false), x.value()), null));
        }
        OperationArguments.Array vector = OperationArguments.isConstant(a) ? OperationArguments.array(a, false) : null;
        String weights;
        String total;
        if (vector != null && vector.shape().length == 1 && shape.length > 1 && vector.shape()[0] == shape[axis]) {
            int[] along = new int[shape.length - axis];
            Arrays.fill(along, 1);
            along[0] = vector.shape()[0];
            weights = GeneralConfig.constant(t, vector.values(), along);
            double sum = 0;
            for (float w : vector.values()) {
                sum += w;
            }
            total = GeneralConfig.constant(t, new float[] {(float) sum}, new int[0]);
        } else {
            weights = OperationArguments.keyword(config, t, "weights", shape.length);
            if (weights == null) {
                return List.of(t.unavailable());
            }
            total = GeneralConfig.emit(t, new Reduce(Reduce.Kind.SUM, axes, false), weights);
        }
        String weighted = GeneralConfig.emit(t, new Elementwise(Elementwise.Kind.MUL), x.value(), weights);
        String sum = GeneralConfig.emit(t, new Reduce(Reduce.Kind.SUM, axes, false), weighted);
        return List.of(new KTensor(GeneralConfig.emit(t, new Elementwise(Elementwise.Kind.DIV), sum, total), null));
    }
}
