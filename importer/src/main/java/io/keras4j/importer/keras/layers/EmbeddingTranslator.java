package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Embedding;
import java.util.List;

/**
 * Keras Embedding (Keras 1 weight W, Keras 1/2 input_length); Keras 3's int8- and int4-quantized Embedding, whose
 * table is de-quantized here as Keras de-quantizes the rows it takes ({@link Quantization#embeddings}). The output's mask is {@code ids != 0} with
 * mask_zero, else none (an incoming mask is dropped, as Keras does). In Keras 3 files a negative id counts from the
 * table's end, as Keras 3's {@code ops.take} does.
 */
final class EmbeddingTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int inputDim = config.positiveInt("input_dim");
        int outputDim = config.positiveInt("output_dim");
        boolean maskZero = config.bool(false, "mask_zero");
        config.ignore("embeddings_initializer", "embeddings_regularizer", "embeddings_constraint", "init",
                "W_regularizer", "W_constraint", "dropout", "lora_rank", "lora_alpha");
        Quantization quantization = Quantization.read(config);
        config.require("sparse", false, "sparse embedding outputs are not supported");
        if (quantization != null && !quantization.quantizesTable(config)) {
            return List.of(t.unavailable());
        }
        KTensor x = GeneralConfig.single(config, t);
        List<String> names = Quantization.weightNames(quantization, List.of("embeddings"));
        if (x == null || config.hasProblems() || !LayerWeights.count(config, t.weights(), names.size(),
                String.join(", ", names))) {
            return List.of(t.unavailable());
        }
        float[] table = quantization == null ? LayerWeights.take(config, t.weights(), 0, "embeddings", inputDim, outputDim)
                : quantization.embeddings(config, t.weights(), inputDim, outputDim);
        if (table == null) {
            return List.of(t.unavailable());
        }
        boolean negativeFromEnd = t.version().major() >= 3; // Keras 3's ops.take; tf.keras' gather refuses them
        List<String> outs = t.emit(new Embedding(inputDim, outputDim, table, maskZero, negativeFromEnd), List.of(x.value()));
        return List.of(new KTensor(outs.get(0), maskZero ? outs.get(1) : null));
    }
}
