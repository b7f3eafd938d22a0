package io.keras4j.importer.onnx;

import com.google.protobuf.ByteString;
import io.keras4j.importer.onnx.proto.Onnx.AttributeProto;
import io.keras4j.importer.onnx.proto.Onnx.AttributeProto.AttributeType;
import io.keras4j.importer.onnx.proto.Onnx.GraphProto;
import io.keras4j.importer.onnx.proto.Onnx.ModelProto;
import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.importer.onnx.proto.Onnx.OperatorSetIdProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorProto;
import io.keras4j.importer.onnx.proto.Onnx.TensorShapeProto;
import io.keras4j.importer.onnx.proto.Onnx.TypeProto;
import io.keras4j.importer.onnx.proto.Onnx.ValueInfoProto;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.BidirectionalMerge;
import io.keras4j.runtime.ops.CellOptions;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.Embedding;
import io.keras4j.runtime.ops.Gru;
import io.keras4j.runtime.ops.Identity;
import io.keras4j.runtime.ops.Lstm;
import io.keras4j.runtime.ops.Masking;
import io.keras4j.runtime.ops.RecurrentOp;
import io.keras4j.runtime.ops.RecurrentOptions;
import io.keras4j.runtime.ops.SimpleRnn;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a graph of Keras layers as an ONNX model that ONNX Runtime runs: native LSTM, GRU and RNN nodes
 * (no Loop) between batch↔time Transposes, Dense as MatMul + Add, activations as ONNX operators, and a
 * dynamic batch dimension. Opset {@value #OPSET}, IR version {@value #IR_VERSION}.
 *
 * <p>Masks (from Masking or Embedding with mask_zero) become ONNX {@code sequence_lens}, the count of valid
 * steps, only when the caller asserts that every sequence is padded at the end ({@code assumeRightPadding}):
 * that is the one case where they agree with Keras, and a converted model cannot check its input. Even
 * then a layer returning sequences must zero its masked outputs (as inside Bidirectional), since ONNX
 * outputs 0 where Keras repeats the last output.
 *
 * <p>Refused, with the reason: masks without that assertion, stateful layers, activations without an ONNX
 * equivalent, and layers other than LSTM, GRU, SimpleRNN, Bidirectional, Dense, Activation, Masking,
 * Embedding and the inference identities (Dropout, ...).
 */
public final class OnnxExporter {
    /** The operator set the exporter writes. */
    public static final int OPSET = 17;
    /** The IR version the exporter writes. */
    public static final int IR_VERSION = 8;

    private final List<NodeProto.Builder> nodes = new ArrayList<>();
    private final List<TensorProto> initializers = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final Map<String, String> timeMajor = new HashMap<>();
    private final Map<String, String> lengths = new HashMap<>();
    private final boolean assumeRightPadding;
    private int fresh;

    private OnnxExporter(boolean assumeRightPadding) {
        this.assumeRightPadding = assumeRightPadding;
    }

    /**
     * The ONNX model of {@code graph}.
     *
     * @param name the model's name in messages
     * @throws OnnxExportException listing every layer that cannot be written, and why
     */
    public static byte[] export(Graph graph, String name) throws OnnxExportException {
        return export(graph, name, false);
    }

    /**
     * The ONNX model of {@code graph}; with {@code assumeRightPadding}, masked recurrent layers take the number of
     * valid steps as {@code sequence_lens}, which is exact when every sequence is padded at the end only.
     */
    public static byte[] export(Graph graph, String name, boolean assumeRightPadding) throws OnnxExportException {
        OnnxExporter e = new OnnxExporter(assumeRightPadding);
        for (Node node : graph.nodes()) {
            e.node(node);
        }
        if (!e.problems.isEmpty()) {
            throw new OnnxExportException(name, e.problems);
        }
        GraphProto.Builder g = GraphProto.newBuilder().setName(name.replaceAll(".*[/\\\\]", ""))
                .addAllInitializer(e.initializers);
        e.nodes.forEach(g::addNode);
        for (ValueInfo in : graph.inputs()) {
            g.addInput(valueInfo(in));
        }
        for (ValueInfo out : graph.outputs()) {
            g.addOutput(valueInfo(out));
        }
        return ModelProto.newBuilder().setIrVersion(IR_VERSION).setProducerName("keras4j")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setGraph(g).build().toByteArray();
    }

    private static ValueInfoProto valueInfo(ValueInfo v) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        int[] s = v.shape();
        for (int d = 0; d < s.length; d++) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (s[d] >= 0) {
                dim.setDimValue(s[d]);
            } else {
                dim.setDimParam(d == 0 && v.batchFirst() ? "batch" : v.name() + "_dim" + d);
            }
            shape.addDim(dim);
        }
        TypeProto.Tensor.Builder tensor = TypeProto.Tensor.newBuilder().setElemType(DataTypes.FLOAT).setShape(shape);
        return ValueInfoProto.newBuilder().setName(v.name()).setType(TypeProto.newBuilder().setTensorType(tensor)).build();
    }

    private void problem(Node node, String what) {
        problems.add("layer '" + node.name() + "' (" + node.op().type() + "): " + what);
    }

    private void node(Node node) {
        if (node.op() instanceof RecurrentOp r) {
            recurrent(node, r);
        } else if (node.op() instanceof Dense d) {
            dense(node, d);
        } else if (node.op() instanceof ActivationOp a) {
            activation(node, a.activation(), node.inputs().get(0), node.outputs().get(0));
        } else if (node.op() instanceof BidirectionalMerge m) {
            merge(node, m);
        } else if (node.op() instanceof Identity) {
            add("Identity", node.inputs(), node.outputs());
        } else if (node.op() instanceof Masking m) {
            masking(node, m);
        } else if (node.op() instanceof Embedding e) {
            embedding(node, e);
        } else {
            problem(node, "not supported by the ONNX exporter (LSTM, GRU, SimpleRNN, Bidirectional, Dense, Activation,"
                    + " Masking, Embedding, Dropout and the other inference identities are)");
        }
    }

    // ------------------------------------------------------------------ recurrent layers

    private void recurrent(Node node, RecurrentOp op) {
        RecurrentOptions o = op.options();
        if (o.masked() && !assumeRightPadding) {
            problem(node, "masked input: ONNX sequence_lens gives Keras' results only when every sequence is padded at"
                    + " the end, which a converted model cannot check; convert with --assume-right-padding if yours are");
            return;
        }
        if (o.masked() && o.returnSequences() != o.zeroOutputForMask()) {
            problem(node, o.returnSequences()
                    ? "masked input with return_sequences: Keras repeats the last output at masked steps where ONNX"
                    + " outputs 0 (they agree only with zero_output_for_mask, as inside Bidirectional)"
                    : "masked input with zero_output_for_mask and no return_sequences: Keras outputs 0 when the last step"
                    + " is masked where ONNX gives the final state");
            return;
        }
        if (o.stateful()) {
            problem(node, "stateful=True: an ONNX model carries no state from call to call");
            return;
        }
        int u = op.units();
        String kind;
        int gates;
        int[] kerasOf;
        List<Activation> fns;
        CellOptions cell = op.cellOptions();
        float[] recurrent;
        float[] recurrentBias = null;
        boolean resetAfter = false;
        if (op instanceof Lstm l) {
            kind = "LSTM";
            gates = 4;
            kerasOf = new int[] {0, 3, 1, 2};
            fns = List.of(l.recurrentActivation(), l.activation(),
                    cell.outputActivation() != null ? cell.outputActivation() : l.activation());
            recurrent = l.recurrentKernel();
        } else if (op instanceof Gru gr) {
            kind = "GRU";
            gates = 3;
            kerasOf = new int[] {0, 1, 2};
            fns = List.of(gr.recurrentActivation(), gr.activation());
            recurrent = gr.recurrentKernel();
            recurrentBias = gr.recurrentBias();
            resetAfter = gr.resetAfter();
        } else if (op instanceof SimpleRnn s) {
            kind = "RNN";
            gates = 1;
            kerasOf = new int[] {0};
            fns = List.of(s.activation());
            recurrent = s.recurrentKernel();
        } else {
            problem(node, "recurrent layer not supported by the ONNX exporter");
            return;
        }
        List<String> names = new ArrayList<>();
        List<Float> alphas = new ArrayList<>();
        List<Float> betas = new ArrayList<>();
        for (Activation f : fns) {
            String n = rnnActivation(f, alphas, betas);
            if (n == null) {
                problem(node, "activation " + f + " has no ONNX recurrent-operator equivalent (Relu, Tanh, Sigmoid, Affine,"
                        + " LeakyRelu, ThresholdedRelu, ScaledTanh, HardSigmoid, Elu, Softsign, Softplus)");
                return;
            }
            names.add(n);
        }
        int in = op.inputSize();
        int width = gates * u;
        float[] kernel = op.kernel();
        float[] bias = op.inputBias();
        float[] w = new float[width * in];
        float[] r = new float[width * u];
        float[] b = new float[2 * width];
        for (int blk = 0; blk < gates; blk++) {
            int k = kerasOf[blk];
            for (int j = 0; j < u; j++) {
                int row = blk * u + j;
                int col = k * u + j;
                for (int i = 0; i < in; i++) {
                    w[row * in + i] = kernel[i * width + col];
                }
                for (int i = 0; i < u; i++) {
                    r[row * u + i] = recurrent[i * width + col];
                }
                b[row] = bias == null ? 0f : bias[col];
                b[width + row] = recurrentBias == null ? 0f : recurrentBias[col];
            }
        }
        String base = node.name();
        String[] slots = {timeMajor(node.inputs().get(0)), constant(base + "/W", w, 1, width, in),
                constant(base + "/R", r, 1, width, u), constant(base + "/B", b, 1, 2 * width), "", "", "", ""};
        if (o.masked()) {
            slots[4] = sequenceLengths(node.inputs().get(1));
        }
        if (o.initialState()) {
            int first = o.masked() ? 2 : 1;
            for (int k = 0; k < op.stateCount(); k++) {
                slots[5 + k] = fresh(base + "/initial_state");
                add("Unsqueeze", List.of(node.inputs().get(first + k), ints(base + "/axis0", 0)), List.of(slots[5 + k]));
            }
        }
        if (cell.peepholes() != null) {
            float[] p = cell.peepholes();
            float[] iof = new float[3 * u];
            for (int j = 0; j < u; j++) {
                iof[j] = p[j];
                iof[u + j] = p[2 * u + j];
                iof[2 * u + j] = p[u + j];
            }
            slots[7] = constant(base + "/P", iof, 1, 3 * u);
        }
        int used = slots.length;
        while (slots[used - 1].isEmpty()) {
            used--;
        }
        List<String> inputs = List.of(slots).subList(0, used);
        String y = fresh(base + "/Y");
        String yh = fresh(base + "/Y_h");
        String yc = fresh(base + "/Y_c");
        NodeProto.Builder rnn = proto(kind, inputs, kind.equals("LSTM") ? List.of(y, yh, yc) : List.of(y, yh))
                .addAttribute(intAttr("hidden_size", u))
                .addAttribute(stringAttr("direction", o.goBackwards() ? "reverse" : "forward"))
                .addAttribute(stringsAttr("activations", names));
        if (!alphas.isEmpty()) {
            rnn.addAttribute(floatsAttr("activation_alpha", alphas));
        }
        if (!betas.isEmpty()) {
            rnn.addAttribute(floatsAttr("activation_beta", betas));
        }
        if (cell.clip() > 0) {
            rnn.addAttribute(floatAttr("clip", cell.clip()));
        }
        if (cell.coupledInputForget()) {
            rnn.addAttribute(intAttr("input_forget", 1));
        }
        if (kind.equals("GRU")) {
            rnn.addAttribute(intAttr("linear_before_reset", resetAfter ? 1 : 0));
        }
        nodes.add(rnn.setName(base));
        List<String> outs = node.outputs();
        if (o.returnSequences()) {
            String seq = fresh(base + "/Y_squeezed");
            add("Squeeze", List.of(y, ints(base + "/axis1", 1)), List.of(seq));
            if (o.goBackwards()) {
                String reversed = fresh(base + "/Y_processing_order");
                reverse(seq, 0, reversed);
                seq = reversed;
            }
            add("Transpose", List.of(seq), List.of(outs.get(0))).addAttribute(intsAttr("perm", 1, 0, 2));
        } else {
            add("Squeeze", List.of(yh, ints(base + "/axis0", 0)), List.of(outs.get(0)));
        }
        if (o.returnState()) {
            add("Squeeze", List.of(yh, ints(base + "/axis0", 0)), List.of(outs.get(1)));
            if (kind.equals("LSTM")) {
                add("Squeeze", List.of(yc, ints(base + "/axis0", 0)), List.of(outs.get(2)));
            }
        }
    }

    /** The ONNX RNN activation name of {@code f}, appending the alpha/beta it takes; null when there is none. */
    private static String rnnActivation(Activation f, List<Float> alphas, List<Float> betas) {
        float a = (float) f.alpha();
        float b = (float) f.beta();
        switch (f.kind()) {
            case TANH:
                return "Tanh";
            case SIGMOID:
                return "Sigmoid";
            case RELU:
                return "Relu";
            case SOFTSIGN:
                return "Softsign";
            case SOFTPLUS:
                return "Softplus";
            case LINEAR:
                alphas.add(1f);
                betas.add(0f);
                return "Affine";
            case AFFINE:
                alphas.add(a);
                betas.add(b);
                return "Affine";
            case SCALED_TANH:
                alphas.add(a);
                betas.add(b);
                return "ScaledTanh";
            case HARD_SIGMOID:
                alphas.add(a);
                betas.add(b);
                return "HardSigmoid";
            case LEAKY_RELU:
                alphas.add(a);
                return "LeakyRelu";
            case ELU:
                alphas.add(a);
                return "Elu";
            case THRESHOLDED_RELU:
                alphas.add(a);
                return "ThresholdedRelu";
            default:
                return null;
        }
    }

    /** The time-major {@code [time, batch, features]} transpose of a batch-major value, made once per value. */
    private String timeMajor(String value) {
        return timeMajor.computeIfAbsent(value, v -> {
            String t = fresh(v + "/time_major");
            add("Transpose", List.of(v), List.of(t)).addAttribute(intsAttr("perm", 1, 0, 2));
            return t;
        });
    }

    /** Reverses {@code value} along {@code axis} with a Slice of step -1. */
    private void reverse(String value, int axis, String out) {
        add("Slice", List.of(value, ints("reverse/start", -1), ints("reverse/end", Long.MIN_VALUE),
                ints("reverse/axis" + axis, axis), ints("reverse/step", -1)), List.of(out));
    }

    /** The int32 count of valid steps of a {@code [batch, time]} mask of ones and zeros, made once per mask. */
    private String sequenceLengths(String mask) {
        return lengths.computeIfAbsent(mask, m -> {
            String sum = fresh(m + "/valid_steps");
            add("ReduceSum", List.of(m, ints("axes/1", 1)), List.of(sum)).addAttribute(intAttr("keepdims", 0));
            String lens = fresh(m + "/sequence_lens");
            add("Cast", List.of(sum), List.of(lens)).addAttribute(intAttr("to", DataTypes.INT32));
            return lens;
        });
    }

    // ------------------------------------------------------------------ other layers

    /** Keras Masking: a step is valid when any feature differs from the mask value; outputs x with masked steps 0, and the mask. */
    private void masking(Node node, Masking m) {
        String x = node.inputs().get(0);
        String differs = unary("Not", binary("Equal", x, constant(node.name() + "/mask_value", new float[] {m.maskValue()})));
        String anyFeature = fresh(node.name() + "/valid");
        add("ReduceMax", List.of(unary("Cast", differs, intAttr("to", DataTypes.FLOAT))), List.of(anyFeature))
                .addAttribute(intsAttr("axes", -1)).addAttribute(intAttr("keepdims", 0));
        add("Identity", List.of(anyFeature), List.of(node.outputs().get(1)));
        String mask3 = fresh(node.name() + "/mask_last_axis");
        add("Unsqueeze", List.of(anyFeature, ints("axes/-1", -1)), List.of(mask3));
        add("Mul", List.of(x, mask3), List.of(node.outputs().get(0)));
    }

    /** Keras Embedding: ids truncated to integers select table rows; with mask_zero the second output is {@code id != 0}. */
    private void embedding(Node node, Embedding e) {
        String x = node.inputs().get(0);
        String ids = unary("Cast", x, intAttr("to", DataTypes.INT64));
        add("Gather", List.of(constant(node.name() + "/embeddings", e.table(), e.inputDim(), e.outputDim()), ids),
                List.of(node.outputs().get(0)));
        if (e.maskZero()) {
            String nonzero = unary("Not", binary("Equal", x, constant("zero_scalar", new float[] {0f})));
            add("Cast", List.of(nonzero), List.of(node.outputs().get(1))).addAttribute(intAttr("to", DataTypes.FLOAT));
        }
    }

    private void dense(Node node, Dense d) {
        String base = node.name();
        String x = node.inputs().get(0);
        String out = node.outputs().get(0);
        boolean act = !d.activation().isLinear();
        String product = d.bias() == null && !act ? out : fresh(base + "/matmul");
        add("MatMul", List.of(x, constant(base + "/kernel", d.kernel(), d.inputSize(), d.units())), List.of(product));
        String pre = product;
        if (d.bias() != null) {
            pre = act ? fresh(base + "/biased") : out;
            add("Add", List.of(product, constant(base + "/bias", d.bias(), d.units())), List.of(pre));
        }
        if (act) {
            activation(node, d.activation(), pre, out);
        }
    }

    private void activation(Node node, Activation f, String x, String out) {
        switch (f.kind()) {
            case LINEAR:
                add("Identity", List.of(x), List.of(out));
                return;
            case RELU:
                add("Relu", List.of(x), List.of(out));
                return;
            case SIGMOID:
                add("Sigmoid", List.of(x), List.of(out));
                return;
            case TANH:
                add("Tanh", List.of(x), List.of(out));
                return;
            case SOFTPLUS:
                add("Softplus", List.of(x), List.of(out));
                return;
            case SOFTSIGN:
                add("Softsign", List.of(x), List.of(out));
                return;
            case EXPONENTIAL:
                add("Exp", List.of(x), List.of(out));
                return;
            case SELU:
                add("Selu", List.of(x), List.of(out));
                return;
            case SOFTMAX:
                add("Softmax", List.of(x), List.of(out)).addAttribute(intAttr("axis", -1));
                return;
            case LOG_SOFTMAX:
                add("LogSoftmax", List.of(x), List.of(out)).addAttribute(intAttr("axis", -1));
                return;
            case ELU:
                add("Elu", List.of(x), List.of(out)).addAttribute(floatAttr("alpha", (float) f.alpha()));
                return;
            case LEAKY_RELU:
                add("LeakyRelu", List.of(x), List.of(out)).addAttribute(floatAttr("alpha", (float) f.alpha()));
                return;
            case HARD_SIGMOID:
                add("HardSigmoid", List.of(x), List.of(out)).addAttribute(floatAttr("alpha", (float) f.alpha()))
                        .addAttribute(floatAttr("beta", (float) f.beta()));
                return;
            case SILU:
                add("Mul", List.of(x, unary("Sigmoid", x)), List.of(out));
                return;
            case HARD_SILU:
                add("Mul", List.of(x, unary("HardSigmoid", x, floatAttr("alpha", 1f / 6), floatAttr("beta", 0.5f))), List.of(out));
                return;
            case MISH:
                add("Mul", List.of(x, unary("Tanh", unary("Softplus", x))), List.of(out));
                return;
            case TANH_SHRINK:
                add("Sub", List.of(x, unary("Tanh", x)), List.of(out));
                return;
            case LOG_SIGMOID:
                add("Neg", List.of(unary("Softplus", unary("Neg", x))), List.of(out));
                return;
            case GELU: {
                String erf = unary("Erf", binary("Div", x, constant("sqrt2", new float[] {(float) Math.sqrt(2)})));
                String half = binary("Mul", x, constant("half", new float[] {0.5f}));
                add("Mul", List.of(half, binary("Add", erf, constant("one", new float[] {1f}))), List.of(out));
                return;
            }
            case RELU6:
                add("Clip", List.of(x, constant("zero_scalar", new float[] {0f}), constant("six_scalar", new float[] {6f})), List.of(out));
                return;
            case HARD_TANH:
                add("Clip", List.of(x, constant("minus_one_scalar", new float[] {-1f}), constant("one_scalar", new float[] {1f})),
                        List.of(out));
                return;
            case CLIP:
                add("Clip", List.of(x, constant("clip_min_" + f.alpha(), new float[] {(float) f.alpha()}),
                        constant("clip_max_" + f.beta(), new float[] {(float) f.beta()})), List.of(out));
                return;
            case CELU:
                add("Celu", List.of(x), List.of(out)).addAttribute(floatAttr("alpha", (float) f.alpha()));
                return;
            case HARD_SHRINK:
            case SOFT_SHRINK:
            case SHRINK:
                add("Shrink", List.of(x), List.of(out)).addAttribute(floatAttr("lambd", (float) f.alpha()))
                        .addAttribute(floatAttr("bias", (float) switch (f.kind()) {
                            case SOFT_SHRINK -> f.alpha();
                            case SHRINK -> f.beta();
                            default -> 0;
                        }));
                return;
            default:
                problem(node, "activation " + f + " is not supported by the ONNX exporter");
        }
    }

    /** {@code op(x)} into a fresh value. */
    private String unary(String op, String x, AttributeProto... attributes) {
        String y = fresh(x + "/" + op);
        NodeProto.Builder b = add(op, List.of(x), List.of(y));
        for (AttributeProto a : attributes) {
            b.addAttribute(a);
        }
        return y;
    }

    /** {@code op(x, y)} into a fresh value. */
    private String binary(String op, String x, String y) {
        String z = fresh(x + "/" + op);
        add(op, List.of(x, y), List.of(z));
        return z;
    }

    private void merge(Node node, BidirectionalMerge m) {
        String f = node.inputs().get(0);
        String b = node.inputs().get(1);
        if (m.sequences()) {
            String aligned = fresh(node.name() + "/backward_aligned");
            reverse(b, 1, aligned);
            b = aligned;
        }
        List<String> outs = node.outputs();
        switch (m.mode()) {
            case CONCAT:
                add("Concat", List.of(f, b), outs).addAttribute(intAttr("axis", -1));
                return;
            case SUM:
                add("Add", List.of(f, b), outs);
                return;
            case MUL:
                add("Mul", List.of(f, b), outs);
                return;
            case AVE: {
                String sum = fresh(node.name() + "/sum");
                add("Add", List.of(f, b), List.of(sum));
                add("Div", List.of(sum, constant("two", new float[] {2f})), outs);
                return;
            }
            default:
                add("Identity", List.of(f), List.of(outs.get(0)));
                add("Identity", List.of(b), List.of(outs.get(1)));
        }
    }

    // ------------------------------------------------------------------ protobuf helpers

    private String fresh(String base) {
        return base + "_" + fresh++;
    }

    private NodeProto.Builder proto(String op, List<String> inputs, List<String> outputs) {
        return NodeProto.newBuilder().setOpType(op).addAllInput(inputs).addAllOutput(outputs);
    }

    /** Adds a node and returns its builder, so that attributes can be added until the model is built. */
    private NodeProto.Builder add(String op, List<String> inputs, List<String> outputs) {
        NodeProto.Builder b = proto(op, inputs, outputs).setName(fresh(outputs.get(0) + "/" + op));
        nodes.add(b);
        return b;
    }

    /** A float initializer (once per name); no dims gives a scalar. */
    private String constant(String name, float[] values, int... dims) {
        ByteBuffer buf = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buf.putFloat(v);
        }
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(DataTypes.FLOAT)
                .setRawData(ByteString.copyFrom(buf.array()));
        for (int d : dims) {
            t.addDims(d);
        }
        if (initializers.stream().noneMatch(i -> i.getName().equals(name))) {
            initializers.add(t.build());
        }
        return name;
    }

    private String ints(String name, long... values) {
        if (initializers.stream().noneMatch(i -> i.getName().equals(name))) {
            TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(DataTypes.INT64).addDims(values.length);
            for (long v : values) {
                t.addInt64Data(v);
            }
            initializers.add(t.build());
        }
        return name;
    }

    private static AttributeProto intAttr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(v).build();
    }

    private static AttributeProto floatAttr(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(v).build();
    }

    private static AttributeProto stringAttr(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING)
                .setS(ByteString.copyFrom(v, StandardCharsets.UTF_8)).build();
    }

    private static AttributeProto intsAttr(String name, long... v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long x : v) {
            a.addInts(x);
        }
        return a.build();
    }

    private static AttributeProto floatsAttr(String name, List<Float> v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOATS).addAllFloats(v).build();
    }

    private static AttributeProto stringsAttr(String name, List<String> v) {
        AttributeProto.Builder a = AttributeProto.newBuilder().setName(name).setType(AttributeType.STRINGS);
        v.forEach(s -> a.addStrings(ByteString.copyFrom(s, StandardCharsets.UTF_8)));
        return a.build();
    }
}
