package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Gather;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.extract_sequences(x, sequence_length, sequence_stride)}, TensorFlow's
 * {@code tf.signal.frame} without padding: the last axis (not the batch axis, its length n known at import) replaced by
 * {@code 1 + (n - sequence_length) / sequence_stride} frames of {@code sequence_length} values, a Gather of constant
 * indices. A sequence longer than the axis (no frame) refused.
 */
final class ExtractSequencesTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int length = config.positiveInt("sequence_length");
        int stride = config.positiveInt("sequence_stride");
        if (x == null || config.hasProblems()) {
            return List.of(t.unavailable());
        }
        int[] shape = t.shape(x.value());
        int n = shape.length < 2 ? -1 : shape[shape.length - 1];
        if (n < length) {
            config.problem("takes sequences of " + length + " values from the last axis of an input of "
                    + GeneralConfig.shapeText(shape) + "; keras4j needs rank 2 or more and the axis's length, known at"
                    + " import, at least the sequence's (no frame otherwise)");
            return List.of(t.unavailable());
        }
        return List.of(new KTensor(frames(t, x.value(), shape.length - 1, n, length, stride), null));
    }

    /**
     * The frames of {@code length} values every {@code stride} along {@code axis} (of n values, at least length) of
     * x: that axis replaced by {@code (1 + (n - length) / stride, length)}, a Gather of constant indices.
     */
    static String frames(Translation t, String x, int axis, int n, int length, int stride) {
        int frames = 1 + (n - length) / stride;
        float[] indices = new float[frames * length];
        for (int f = 0; f < frames; f++) {
            for (int i = 0; i < length; i++) {
                indices[f * length + i] = f * stride + i;
            }
        }
        String idx = GeneralConfig.constant(t, indices, new int[] {frames, length});
        return GeneralConfig.emit(t, new Gather(axis), x, idx);
    }
}
