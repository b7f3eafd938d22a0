package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.importer.keras.Weight;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.primitive.Einsum;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Keras 3 EinsumDense: {@code einsum(equation, x, kernel)}, then the bias over {@code bias_axes} (shaped as Keras shapes
 * it: the output's axes from the first bias axis on, 1 where not a bias axis), then the activation. The equation must
 * keep the input's first axis (the batch) first in the output. Keras 3's quantization as {@link Quantization} computes
 * it: a float8 one, or an int4 one in groups or without an input quantizer, for any equation (the kernel de-quantized
 * here); int8, and int4 with quantized inputs, for equations that contract the input's last axes with the kernel's
 * first (as Dense does; the inputs then quantized over those axes together, as Keras quantizes them over its reduced
 * axes). The output has no mask (the layer does not support one).
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
        Quantization quantization = Quantization.read(config);
        KTensor x = GeneralConfig.single(config, t);
        boolean useBias = biasAxes != null;
        List<String> names = Quantization.weightNames(quantization, useBias ? List.of("kernel", "bias") : List.of("kernel"));
        if (x == null || config.hasProblems() || !LayerWeights.count(config, t.weights(), names.size(),
                String.join(", ", names))) {
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
        Weight stored = t.weights().get(0);
        Weight bias = useBias ? t.weights().get(1) : null;
        int[] kernelShape = quantization != null && quantization.packed()
                ? unpackedShape(config, t.shape(x.value()), ins[0], ins[1], sides[1]) : ints(stored.shape());
        if (kernelShape == null) {
            return List.of(t.unavailable());
        }
        String kernelTerm = ins[1];
        int contracted = contractedAxes(ins[0], kernelTerm, sides[1]);
        float[] kernel = stored.values();
        Quantization.Kernel quantized = null;
        if (quantization != null) {
            int rows = 1;
            for (int i = 0; i < kernelShape.length; i++) {
                rows *= sides[1].indexOf(ins[1].charAt(i)) < 0 ? kernelShape[i] : 1;
            }
            quantized = quantization.kernel(config, t.weights(), useBias ? 2 : 1, stored.shape(), rows,
                    product(kernelShape, 0, kernelShape.length) / rows, true);
            if (quantized == null) {
                return List.of(t.unavailable());
            }
            kernel = quantized.values();
            String order = contracted > 0 || !quantization.scalesProduct(quantized) ? kernelTerm
                    : denseOrder(ins[0], kernelTerm, sides[1]);
            if (order == null) {
                config.problem("quantization with equation='" + equation + "' is not supported (with a scale per"
                        + " output unit or quantized inputs, only an equation whose kernel, its axes reordered,"
                        + " contracts the input's last axes as Dense does)");
                return List.of(t.unavailable());
            }
            if (!order.equals(kernelTerm)) { // the kernel transposed into a Dense product's; Keras' scales lie so
                String from = kernelTerm;
                Transpose transpose = new Transpose("Transpose", order.chars().map(from::indexOf).toArray());
                float[] transposed = new float[kernel.length];
                transpose.forward(new float[][] {kernel}, new int[][] {kernelShape}, new float[][] {transposed}, null);
                kernel = transposed;
                kernelShape = transpose.outputShapes(new int[][] {kernelShape})[0];
                kernelTerm = order;
                contracted = contractedAxes(ins[0], kernelTerm, sides[1]);
            }
            bias = bias == null ? null : new Weight(bias.path(), bias.shape(), quantization.bias(bias.values()));
        }
        if (contracted > 0) {
            return List.of(new KTensor(asDense(t, x.value(), kernelTerm, kernel, kernelShape, contracted, biasAxes, bias,
                    activation, quantization, quantized), null));
        }
        String k = GeneralConfig.constant(t, kernel, kernelShape);
        Einsum einsum;
        try {
            einsum = new Einsum(equation);
        } catch (IllegalArgumentException e) {
            config.problem("option equation: " + e.getMessage());
            return List.of(t.unavailable());
        }
        UnaryOperator<String> product = v -> t.emit(einsum, List.of(v, k)).get(0);
        String y = quantization == null ? product.apply(x.value()) : quantization.product(t, x.value(), quantized, product);
        return List.of(new KTensor(biasAndActivation(t, y, bias, activation), null));
    }

    /**
     * The shape of a kernel an int4 file keeps packed as {@code [rows, ceil(columns / 2)]}: each axis the length of its
     * letter in the input or in {@code output_shape} (the output's axes after the batch). Null after recording a
     * problem.
     */
    private static int[] unpackedShape(LayerConfig config, int[] xShape, String input, String kernel, String output) {
        JsonNode outputShape = config.raw("output_shape");
        int[] shape = new int[kernel.length()];
        for (int i = 0; i < shape.length; i++) {
            int in = input.contains(".") ? -1 : input.indexOf(kernel.charAt(i));
            int out = output.indexOf(kernel.charAt(i));
            JsonNode length = outputShape == null ? null : outputShape.isArray() ? outputShape.get(out - 1)
                    : out == 1 ? outputShape : null;
            shape[i] = in >= 0 && in < xShape.length ? xShape[in] : out > 0 && length != null && length.isInt()
                    ? length.asInt() : -1;
            if (shape[i] <= 0) {
                config.problem("the int4 kernel's axis " + kernel.charAt(i) + " of equation '" + input + "," + kernel
                        + "->" + output + "' has no known length (from the input or option output_shape="
                        + outputShape + ")");
                return null;
            }
        }
        return shape;
    }

    /** {@code y} plus the bias (if any, broadcast as Keras shapes it), then the activation (unless linear). */
    private static String biasAndActivation(Translation t, String y, Weight bias, Activation activation) {
        return bias == null ? GeneralConfig.biasAndActivation(t, y, null, null, activation)
                : GeneralConfig.biasAndActivation(t, y, bias.values(), ints(bias.shape()), activation);
    }

    /**
     * How many trailing axes of the input the kernel's leading axes contract, where the equation is a Dense product:
     * input {@code P C}, kernel {@code C Q}, output {@code P Q} (P may start with {@code ...}; no letter repeated, C not
     * empty), as {@code abc,cd->abd} or {@code abcd,cde->abe}; 0 for any other equation.
     */
    static int contractedAxes(String input, String kernel, String output) {
        if (input.startsWith("...") && output.startsWith("...")) {
            input = input.substring(3);
            output = output.substring(3);
        }
        if (kernel.contains(".") || input.contains(".") || input.chars().distinct().count() != input.length()
                || kernel.chars().distinct().count() != kernel.length()) {
            return 0;
        }
        int c = 0;
        while (c < kernel.length() && input.indexOf(kernel.charAt(c)) >= 0) {
            c++;
        }
        String contracted = kernel.substring(0, c);
        String kept = input.substring(0, input.length() - c);
        String in = input;
        boolean dense = c > 0 && input.endsWith(contracted) && output.equals(kept + kernel.substring(c))
                && kernel.substring(c).chars().noneMatch(l -> in.indexOf(l) >= 0);
        return dense ? c : 0;
    }

    /**
     * The kernel term's letters in a Dense product's order, the contracted ones as the input ends with them, then the
     * others as the output ends with them (for {@code abc,dc->abd}: {@code cd}); null when no order makes one (none
     * contracted, a kernel letter also in the output and the input, the contracted letters not the input's last, the output not
     * the input's other letters then the kernel's, or a {@code ...}).
     */
    static String denseOrder(String input, String kernel, String output) {
        if ((input + kernel + output).contains(".")) {
            return null;
        }
        StringBuilder contracted = new StringBuilder();
        for (char c : input.toCharArray()) {
            if (kernel.indexOf(c) >= 0 && output.indexOf(c) < 0) {
                contracted.append(c);
            }
        }
        String kept = input.substring(0, input.length() - contracted.length());
        String others = output.substring(Math.min(kept.length(), output.length()));
        String order = contracted + others;
        boolean dense = contracted.length() > 0 && input.endsWith(contracted.toString()) && output.startsWith(kept) && order.length() == kernel.length()
                && order.chars().allMatch(c -> kernel.indexOf(c) >= 0) && order.chars().distinct().count() == order.length();
        return dense ? order : null;
    }

    /**
     * The equation as a Dense layer over the input's last {@code contracted} axes flattened into one: the kernel, read
     * as a {@code [product of C, product of Q]} matrix, is the Dense kernel; the output's Q axes come back by a reshape.
     * A bias over all of Q (or none) folds into the Dense, and then so does the activation unless it reads rows of the
     * last axis (softmax, say) and Q is more than one axis, or the layer is quantized ({@code quantization} and its
     * {@code quantized} kernel not null: then {@link Quantization#product} wraps the Dense).
     */
    private static String asDense(Translation t, String x, String kernelTerm, float[] kernel, int[] kernelShape,
                                  int contracted, String biasAxes, Weight bias, Activation activation,
                                  Quantization quantization, Quantization.Kernel quantized) {
        int[] xShape = t.shape(x);
        int kept = xShape.length - contracted;
        int inputSize = product(kernelShape, 0, contracted);
        int units = product(kernelShape, contracted, kernelShape.length);
        int[] q = Arrays.copyOfRange(kernelShape, contracted, kernelShape.length);
        if (contracted > 1) {
            x = reshape(t, x, kept, new int[] {inputSize});
        }
        boolean biasFused = quantization == null && (bias == null || biasAxes.equals(kernelTerm.substring(contracted)));
        boolean activationFused = biasFused && (q.length == 1 || !activation.isRowWise());
        Activation linear = Activation.of(Activation.Kind.LINEAR);
        Dense dense = new Dense(inputSize, units, kernel, biasFused && bias != null ? bias.values() : null,
                activationFused ? activation : linear);
        String y = quantization == null ? t.emit(dense, List.of(x)).get(0)
                : quantization.product(t, x, quantized, v -> t.emit(dense, List.of(v)).get(0));
        if (q.length != 1) {
            y = reshape(t, y, kept, q);
        }
        return biasAndActivation(t, y, biasFused ? null : bias, activationFused ? linear : activation);
    }

    /** {@code x} with its first {@code kept} axes as they are and the rest reshaped to {@code tail}. */
    private static String reshape(Translation t, String x, int kept, int[] tail) {
        float[] target = new float[kept + tail.length];
        for (int i = 0; i < tail.length; i++) {
            target[kept + i] = tail[i];
        }
        String shape = GeneralConfig.constant(t, target, new int[] {target.length});
        return t.emit(new io.keras4j.runtime.ops.primitive.Reshape(false), List.of(x, shape)).get(0);
    }

    private static int product(int[] shape, int from, int to) {
        int p = 1;
        for (int i = from; i < to; i++) {
            p = Math.multiplyExact(p, shape[i]);
        }
        return p;
    }

    private static int[] ints(long[] shape) {
        int[] s = new int[shape.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Math.toIntExact(shape[i]);
        }
        return s;
    }
}
