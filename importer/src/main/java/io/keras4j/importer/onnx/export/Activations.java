package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import java.util.List;

/** Keras activations as ONNX operators: Activation layers, and the activations of Dense, convolutions and recurrent layers. */
final class Activations implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        write(node, w, ((ActivationOp) node.op()).activation(), node.inputs().get(0), node.outputs().get(0));
    }

    /** Writes {@code out = f(x)}, or records that f has no ONNX form. */
    static void write(Node node, OnnxWriter w, Activation f, String x, String out) {
        List<String> in = List.of(x);
        List<String> y = List.of(out);
        switch (f.kind()) {
            case LINEAR -> w.add("Identity", in, y);
            case RELU -> w.add("Relu", in, y);
            case SIGMOID -> w.add("Sigmoid", in, y);
            case TANH -> w.add("Tanh", in, y);
            case SOFTPLUS -> w.add("Softplus", in, y);
            case SOFTSIGN -> w.add("Softsign", in, y);
            case EXPONENTIAL -> w.add("Exp", in, y);
            case SELU -> w.add("Selu", in, y);
            case ERF, SQRT, ABS, LOG, RECIPROCAL, FLOOR, CEIL, ROUND, SIN, COS, TAN, ATAN, ASIN, ACOS, SINH, COSH, ASINH, ACOSH,
                    ATANH -> w.add(onnxName(f.kind()), in, y);
            case RSQRT -> w.add("Reciprocal", List.of(w.unary("Sqrt", x)), y);
            case AFFINE -> w.add("Add", List.of(w.binary("Mul", x, w.scalar((float) f.alpha())), w.scalar((float) f.beta())), y);
            case THRESHOLDED_RELU -> w.add("Where", List.of(w.binary("Greater", x, w.scalar((float) f.alpha())), x,
                    w.scalar((float) f.beta())), y);
            case LOG1P -> w.add("Log", List.of(w.binary("Add", x, w.scalar(1f))), y);
            case EXPM1 -> w.add("Sub", List.of(w.unary("Exp", x), w.scalar(1f)), y);
            case LOG2 -> w.add("Div", List.of(w.unary("Log", x), w.scalar((float) Math.log(2))), y);
            case LOG10 -> w.add("Div", List.of(w.unary("Log", x), w.scalar((float) Math.log(10))), y);
            case EXP2 -> w.add("Pow", List.of(w.scalar(2f), x), y);
            case SIGN -> w.add("Sign", in, y);
            case TRUNC -> w.add("Mul", List.of(w.unary("Sign", x), w.unary("Floor", w.unary("Abs", x))), y);
            case IS_NAN -> w.add("Cast", List.of(w.unary("IsNaN", x)), y).addAttribute(attr("to", OnnxWriter.FLOAT));
            case IS_INF -> w.add("Cast", List.of(w.unary("IsInf", x, attr("detect_negative", f.alpha() == 1 ? 1 : 0),
                    attr("detect_positive", f.beta() == 1 ? 1 : 0))), y).addAttribute(attr("to", OnnxWriter.FLOAT));
            case IS_FINITE -> w.add("Cast", List.of(w.unary("Not", w.binary("Or", w.unary("IsNaN", x), w.unary("IsInf", x)))), y)
                    .addAttribute(attr("to", OnnxWriter.FLOAT));
            case SOFTMAX -> w.add("Softmax", in, y).addAttribute(attr("axis", -1));
            case LOG_SOFTMAX -> w.add("LogSoftmax", in, y).addAttribute(attr("axis", -1));
            case ELU -> w.add("Elu", in, y).addAttribute(attr("alpha", (float) f.alpha()));
            case LEAKY_RELU -> w.add("LeakyRelu", in, y).addAttribute(attr("alpha", (float) f.alpha()));
            case CELU -> w.add("Celu", in, y).addAttribute(attr("alpha", (float) f.alpha()));
            case HARD_SIGMOID -> w.add("HardSigmoid", in, y).addAttribute(attr("alpha", (float) f.alpha()))
                    .addAttribute(attr("beta", (float) f.beta()));
            case SILU -> w.add("Mul", List.of(x, w.unary("Sigmoid", x)), y);
            case HARD_SILU -> w.add("Mul", List.of(x, w.unary("HardSigmoid", x, attr("alpha", 1f / 6), attr("beta", 0.5f))), y);
            case MISH -> w.add("Mul", List.of(x, w.unary("Tanh", w.unary("Softplus", x))), y);
            case TANH_SHRINK -> w.add("Sub", List.of(x, w.unary("Tanh", x)), y);
            case LOG_SIGMOID -> w.add("Neg", List.of(w.unary("Softplus", w.unary("Neg", x))), y);
            case GELU -> {
                String erf = w.unary("Erf", w.binary("Div", x, w.scalar((float) Math.sqrt(2))));
                w.add("Mul", List.of(w.binary("Mul", x, w.scalar(0.5f)), w.binary("Add", erf, w.scalar(1f))), y);
            }
            case GELU_TANH -> {
                String cube = w.binary("Mul", w.binary("Mul", x, x), x);
                String inner = w.binary("Add", x, w.binary("Mul", w.scalar(0.044715f), cube));
                String t = w.unary("Tanh", w.binary("Mul", w.scalar((float) Math.sqrt(2 / Math.PI)), inner));
                w.add("Mul", List.of(w.binary("Mul", x, w.scalar(0.5f)), w.binary("Add", t, w.scalar(1f))), y);
            }
            case RELU6 -> w.add("Clip", List.of(x, w.scalar(0f), w.scalar(6f)), y);
            case HARD_TANH -> w.add("Clip", List.of(x, w.scalar(-1f), w.scalar(1f)), y);
            case CLIP -> w.add("Clip", List.of(x, w.scalar((float) f.alpha()), w.scalar((float) f.beta())), y);
            case HARD_SHRINK, SOFT_SHRINK, SHRINK -> w.add("Shrink", in, y).addAttribute(attr("lambd", (float) f.alpha()))
                    .addAttribute(attr("bias", (float) switch (f.kind()) {
                        case SOFT_SHRINK -> f.alpha();
                        case SHRINK -> f.beta();
                        default -> 0;
                    }));
            default -> w.problem(node, "activation " + f + " is not supported by the ONNX exporter");
        }
    }

    /** The ONNX operator of the same name as {@code kind}: ASINH is Asinh. */
    private static String onnxName(Activation.Kind kind) {
        String n = kind.name();
        return n.charAt(0) + n.substring(1).toLowerCase(java.util.Locale.ROOT);
    }
}
