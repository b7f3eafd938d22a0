package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Dense;
import java.util.List;

/**
 * Keras Dense (Keras 1 names: output_dim, bias), and Keras 1's TimeDistributedDense, which is the same Dense applied
 * to every timestep; Keras 3's quantized Dense (int8, int4, float8) as {@link Quantization} computes it. Applied to the
 * last axis; passes a mask through.
 */
final class DenseTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        int units = config.positiveInt("units", "output_dim");
        Activation activation = Activations.read(config, t.version(), "linear", "activation");
        boolean useBias = config.bool(true, "use_bias", "bias");
        config.ignore("kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
                "kernel_constraint", "bias_constraint", "init", "W_regularizer", "b_regularizer", "W_constraint",
                "b_constraint", "lora_rank", "lora_alpha");
        Quantization quantization = Quantization.read(config);
        KTensor x = t.inputs().get(0);
        int[] shape = t.shape(x.value());
        int in = shape.length == 0 ? -1 : shape[shape.length - 1];
        if (in <= 0) {
            config.problem("input shape " + java.util.Arrays.toString(shape) + " has no known last dimension");
            return List.of(t.unavailable());
        }
        List<String> names = Quantization.weightNames(quantization, useBias ? List.of("kernel", "bias") : List.of("kernel"));
        if (config.hasProblems() || !LayerWeights.count(config, t.weights(), names.size(), String.join(", ", names))) {
            return List.of(t.unavailable());
        }
        float[] bias = useBias ? LayerWeights.take(config, t.weights(), 1, "bias", units) : null;
        if (quantization == null) {
            float[] kernel = LayerWeights.take(config, t.weights(), 0, "kernel", in, units);
            if (kernel == null || useBias && bias == null) {
                return List.of(t.unavailable());
            }
            return List.of(new KTensor(t.emit(new Dense(in, units, kernel, bias, activation), List.of(x.value())).get(0),
                    x.mask()));
        }
        Quantization.Kernel kernel = quantization.kernel(config, t.weights(), useBias ? 2 : 1, new long[] {in, units},
                in, units, false);
        if (kernel == null || useBias && bias == null) {
            return List.of(t.unavailable());
        }
        Dense product = new Dense(in, units, kernel.values(), null, Activation.of(Activation.Kind.LINEAR));
        String y = quantization.product(t, x.value(), kernel, v -> GeneralConfig.emit(t, product, v));
        return List.of(new KTensor(GeneralConfig.biasAndActivation(t, y, quantization.bias(bias), new int[] {units},
                activation), x.mask()));
    }
}
