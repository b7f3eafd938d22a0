package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Merge;
import java.util.List;
import java.util.Map;

/**
 * Keras 1's Merge layer (what {@code merge([a, b], mode=...)} creates; also {@code keras.legacy.layers.Merge} in
 * Keras 2.0 and 2.1). Modes concat, sum, mul, ave and max compute what Concatenate, Add, Multiply, Average and
 * Maximum compute and are translated by those translators; dot, cos and Python functions are refused. Keras 1
 * combined masks differently (the AND of the input masks), so masked inputs are refused too.
 */
final class LegacyMergeTranslator implements LayerTranslator {
    private static final Map<String, LayerTranslator> BY_MODE = Map.of(
            "concat", new ConcatenateTranslator(),
            "sum", new MergeTranslator(Merge.Kind.ADD),
            "mul", new MergeTranslator(Merge.Kind.MULTIPLY),
            "ave", new MergeTranslator(Merge.Kind.AVERAGE),
            "max", new MergeTranslator(Merge.Kind.MAXIMUM));

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        String mode = config.string("sum", "mode");
        String modeType = config.string("raw", "mode_type");
        config.ignore("dot_axes", "output_shape", "output_shape_type", "output_mask", "output_mask_type", "arguments",
                "concat_axis");
        if (config.raw("layers") != null) {
            config.problem("merges whole Sequential models (a Keras 1 Sequential starting with Merge), which keras4j does"
                    + " not support; save the model with the functional API instead");
            return List.of(t.unavailable());
        }
        LayerTranslator translator = BY_MODE.get(mode);
        if (!"raw".equals(modeType) || translator == null) {
            config.problem("option mode=" + ("raw".equals(modeType) ? "'" + mode + "'" : "(a Python " + modeType + ")")
                    + " is not supported (concat, sum, mul, ave or max)");
            return List.of(t.unavailable());
        }
        if (t.inputs().stream().anyMatch(x -> x.mask() != null)) {
            config.problem("merges masked tensors, whose masks Keras 1 combined differently from Keras 2 and 3;"
                    + " keras4j does not support it");
            return List.of(t.unavailable());
        }
        return translator.translate(config, t);
    }
}
