package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Embedding;
import java.util.List;

/**
 * Keras Embedding (Keras 1 weight W, Keras 1/2 input_length); Keras 3's int8-quantized Embedding, whose int8 rows are
 * divided by their scales here, as Keras divides the rows it takes. The output's mask is {@code ids != 0} with
 * mask_zero, else none (an incoming mask is dropped, as Keras does).
 */
final class EmbeddingTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int inputDim = config.positiveInt("input_dim");
        int outputDim = config.positiveInt("output_dim");
        boolean maskZero = config.bool(false, "mask_zero");
        config.ignore("embeddings_initializer", "embeddings_regularizer", "embeddings_constraint", "init",
                "W_regularizer", "W_constraint", "dropout", "lora_rank", "lora_alpha");
        boolean int8 = Int8Quantization.read(config) != null;
        config.require("sparse", false, "sparse embedding outputs are not supported");
        KTensor x = GeneralConfig.single(config, t);
        if (x == null || config.hasProblems() || !LayerWeights.count(config, t.weights(), int8 ? 2 : 1,
                int8 ? "embeddings, embeddings_scale" : "embeddings")) {
            return List.of(t.unavailable());
        }
        float[] table = LayerWeights.take(config, t.weights(), 0, "embeddings", inputDim, outputDim);
        float[] scale = int8 ? LayerWeights.take(config, t.weights(), 1, "embeddings_scale", inputDim) : null;
        if (table == null || int8 && scale == null) {
            return List.of(t.unavailable());
        }
        for (int i = 0; int8 && i < table.length; i++) {
            table[i] /= scale[i / outputDim]; // as Keras de-scales the int8 rows it takes
        }
        List<String> outs = t.emit(new Embedding(inputDim, outputDim, table, maskZero), List.of(x.value()));
        return List.of(new KTensor(outs.get(0), maskZero ? outs.get(1) : null));
    }
}
