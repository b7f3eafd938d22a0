package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.LayerSpec;
import io.keras4j.importer.keras.Weight;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.math.Activation;
import java.util.List;

/**
 * Keras 3 ReversibleEmbedding. Called plainly it is an Embedding (its first weight, {@code embeddings}; its other options
 * checked by {@link EmbeddingTranslator}); called with {@code reverse=True} it computes logits {@code x · kernel}, the
 * kernel being the transposed {@code embeddings} with {@code tie_weights}, else its {@code reverse_embeddings}
 * {@code (output_dim, input_dim)}, then with {@code logit_soft_cap} c {@code tanh(logits / c) · c}; that call has no mask.
 * A quantized ReversibleEmbedding is refused.
 */
final class ReversibleEmbeddingTranslator implements LayerTranslator {
    private static final List<String> OWN = List.of("tie_weights", "reverse_dtype", "logit_soft_cap");

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        boolean tied = config.bool(true, "tie_weights");
        String reverseDtype = config.string("float32", "reverse_dtype");
        if (!reverseDtype.equals("float32")) {
            config.problem("option reverse_dtype=" + reverseDtype + " is not supported (float32 or None: keras4j computes"
                    + " in float32)");
        }
        String quantized = config.quantizationMode();
        if (quantized != null) {
            config.problem("is quantized (" + quantized + "), which keras4j does not support for a ReversibleEmbedding");
        }
        GeneralConfig.requireNull(config, "quantization_config", "a quantized ReversibleEmbedding is not supported");
        JsonNode cap = config.raw("logit_soft_cap");
        double softCap = config.number(0, "logit_soft_cap");
        Boolean reverse = GeneralConfig.callFlag(config, t, "reverse");
        List<Weight> weights = t.weights();
        if (config.hasProblems() || reverse == null || !LayerWeights.count(config, weights, tied ? 1 : 2,
                tied ? "embeddings" : "embeddings, reverse_embeddings")) {
            config.layer().config().fieldNames().forEachRemaining(config::readLater);
            return List.of(t.unavailable());
        }
        if (!reverse) {
            config.layer().config().fieldNames().forEachRemaining(config::readLater); // the Embedding checks them
            ObjectNode embedding = config.layer().config().deepCopy();
            embedding.remove(OWN);
            return t.translateInner(new LayerSpec(config.layer().name(), "Embedding", embedding, List.of()), t.inputs(),
                    List.of(), weights.subList(0, 1));
        }
        int inputDim = config.positiveInt("input_dim");
        int outputDim = config.positiveInt("output_dim");
        config.ignore("mask_zero", "embeddings_initializer", "embeddings_regularizer", "embeddings_constraint",
                "lora_rank", "lora_alpha");
        config.require("sparse", false, "sparse embedding outputs are not supported");
        KTensor x = GeneralConfig.single(config, t);
        float[] kernel = tied ? transposed(LayerWeights.take(config, weights, 0, "embeddings", inputDim, outputDim),
                inputDim, outputDim) : LayerWeights.take(config, weights, 1, "reverse_embeddings", outputDim, inputDim);
        if (x == null || kernel == null) {
            return List.of(t.unavailable());
        }
        String logits = GeneralConfig.emit(t, new Dense(outputDim, inputDim, kernel, null,
                Activation.of(Activation.Kind.LINEAR)), x.value());
        if (cap != null && !cap.isNull()) {
            String c = GeneralConfig.constant(t, new float[] {(float) softCap}, new int[0]);
            String tanh = GeneralConfig.emit(t, new ActivationOp(Activation.of(Activation.Kind.TANH)),
                    GeneralConfig.elementwise(t, Elementwise.Kind.DIV, logits, c));
            logits = GeneralConfig.elementwise(t, Elementwise.Kind.MUL, tanh, c);
        }
        return List.of(new KTensor(logits, null));
    }

    /** {@code [rows][cols]} row-major as {@code [cols][rows]}, or null for null. */
    private static float[] transposed(float[] a, int rows, int cols) {
        if (a == null) {
            return null;
        }
        float[] out = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = a[r * cols + c];
            }
        }
        return out;
    }
}
