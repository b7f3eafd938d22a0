package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.Weight;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Einsum;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * Keras 3 EinsumDense: {@code einsum(equation, x, kernel)}, then the bias over {@code bias_axes} (shaped as Keras shapes
 * it: the output's axes from the first bias axis on, 1 where not a bias axis), then the activation. The equation must
 * keep the input's first axis (the batch) first in the output. The output has no mask (the layer does not support one).
 */
final class EinsumDenseTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        String equation = config.string("", "equation");
        String biasAxes = config.string(null, "bias_axes");
        Activation activation = Activations.read(config, t.version(), "linear", "activation");
        config.raw("output_shape"); // the kernel's shape decides it; Keras checked the two agree
        config.ignore("kernel_initializer", "bias_initializer", "kernel_regularizer", "bias_regularizer",
                "kernel_constraint", "bias_constraint", "lora_rank", "lora_alpha");
        GeneralConfig.requireNull(config, "quantization_config", "quantized kernels are not supported");
        KTensor x = GeneralConfig.single(config, t);
        boolean useBias = biasAxes != null;
        if (x == null || !LayerWeights.count(config, t.weights(), useBias ? 2 : 1, useBias ? "kernel, bias" : "kernel")) {
            return List.of(t.unavailable());
        }
        String[] sides = equation.split("->", -1);
        String[] ins = sides[0].split(",", -1);
        if (sides.length != 2 || ins.length != 2 || ins[0].isEmpty() || !ins[0].startsWith(sides[1].substring(0,
                Math.min(1, sides[1].length())))) {
            config.problem("option equation='" + equation + "' is not supported (input,kernel->output, the output's first"
                    + " axis the input's: the batch)");
            return List.of(t.unavailable());
        }
        Weight kernel = t.weights().get(0);
        String k = GeneralConfig.constant(t, kernel.values(), ints(kernel.shape()));
        Einsum einsum;
        try {
            einsum = new Einsum(equation);
        } catch (IllegalArgumentException e) {
            config.problem("option equation: " + e.getMessage());
            return List.of(t.unavailable());
        }
        String y = t.emit(einsum, List.of(x.value(), k)).get(0);
        if (useBias) {
            Weight bias = t.weights().get(1);
            String b = GeneralConfig.constant(t, bias.values(), ints(bias.shape()));
            y = t.emit(new Elementwise(Elementwise.Kind.ADD), List.of(y, b)).get(0);
        }
        if (activation.kind() != Activation.Kind.LINEAR) {
            y = t.emit(new ActivationOp(activation), List.of(y)).get(0);
        }
        return List.of(new KTensor(y, null));
    }

    private static int[] ints(long[] shape) {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i]);
        }
        return s;
    }
}
