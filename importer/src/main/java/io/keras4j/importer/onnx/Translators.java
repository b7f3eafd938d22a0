package io.keras4j.importer.onnx;

import io.keras4j.importer.ModelImportException;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.primitive.Cumulative;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.LinearQuantization;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The translator of each supported ONNX operator: the default domain's, and some of ONNX Runtime's (com.microsoft). */
final class Translators {
    private static final Map<String, OpTranslator> BY_OP = Map.ofEntries(
            Map.entry("LSTM", new RecurrentTranslator(RecurrentTranslator.Cell.LSTM, false)),
            Map.entry("GRU", new RecurrentTranslator(RecurrentTranslator.Cell.GRU, false)),
            Map.entry("RNN", new RecurrentTranslator(RecurrentTranslator.Cell.RNN, false)),
            Map.entry("Shape", new ShapeTranslator()),
            Map.entry("Gather", new GatherTranslator()),
            Map.entry("GatherElements", new GatherElementsTranslator()),
            Map.entry("Slice", new SliceTranslator()),
            Map.entry("Concat", new ConcatTranslator()),
            Map.entry("Unsqueeze", new UnsqueezeTranslator(false)),
            Map.entry("Squeeze", new UnsqueezeTranslator(true)),
            Map.entry("Reshape", new ReshapeTranslator()),
            Map.entry("Transpose", new TransposeTranslator()),
            Map.entry("ConstantOfShape", new ConstantOfShapeTranslator()),
            Map.entry("Constant", new ConstantTranslator()),
            Map.entry("Identity", new IdentityTranslator(false)),
            Map.entry("Dropout", new IdentityTranslator(true)),
            Map.entry("Cast", new CastTranslator(false)),
            Map.entry("CastLike", new CastTranslator(true)),
            Map.entry("Size", new SizeTranslator()),
            Map.entry("GatherND", new GatherNdTranslator()),
            Map.entry("ScatterND", new ScatterTranslator(false)),
            Map.entry("ScatterElements", new ScatterTranslator(true)),
            Map.entry("Scatter", new ScatterTranslator(true)),
            Map.entry("RMSNormalization", new LayerNormalizationTranslator(true)),
            Map.entry("SimplifiedLayerNormalization", new LayerNormalizationTranslator(true)),
            Map.entry("Expand", new ExpandTranslator()),
            Map.entry("Gemm", new GemmTranslator(false)),
            Map.entry("MatMul", new MatMulTranslator()),
            Map.entry("MatMulInteger", new MatMulIntegerTranslator()),
            Map.entry("NonZero", new NonZeroTranslator()),
            Map.entry("Col2Im", new Col2ImTranslator()),
            Map.entry("RoiAlign", new RoiAlignTranslator()),
            Map.entry("ConvInteger", new ConvIntegerTranslator()),
            Map.entry("DynamicQuantizeLinear", new DynamicQuantizeLinearTranslator()),
            Map.entry("QLinearConv", new QLinearConvTranslator()),
            Map.entry("QLinearMatMul", new QLinearMatMulTranslator()),
            Map.entry("Add", new ElementwiseTranslator(Elementwise.Kind.ADD)),
            Map.entry("Sub", new ElementwiseTranslator(Elementwise.Kind.SUB)),
            Map.entry("Mul", new ElementwiseTranslator(Elementwise.Kind.MUL)),
            Map.entry("Div", new ElementwiseTranslator(Elementwise.Kind.DIV)),
            Map.entry("Mod", new ElementwiseTranslator(Elementwise.Kind.MOD)),
            Map.entry("Pow", new ElementwiseTranslator(Elementwise.Kind.POW)),
            Map.entry("Equal", new ElementwiseTranslator(Elementwise.Kind.EQUAL)),
            Map.entry("Max", new ElementwiseTranslator(Elementwise.Kind.MAX)),
            Map.entry("Min", new ElementwiseTranslator(Elementwise.Kind.MIN)),
            Map.entry("Sum", ElementwiseTranslator.sum()),
            Map.entry("Mean", ElementwiseTranslator.mean()),
            Map.entry("Greater", new ElementwiseTranslator(Elementwise.Kind.GREATER)),
            Map.entry("Less", new ElementwiseTranslator(Elementwise.Kind.LESS)),
            Map.entry("GreaterOrEqual", new ElementwiseTranslator(Elementwise.Kind.GREATER_OR_EQUAL)),
            Map.entry("LessOrEqual", new ElementwiseTranslator(Elementwise.Kind.LESS_OR_EQUAL)),
            Map.entry("Not", new NotTranslator()),
            Map.entry("And", new ElementwiseTranslator(Elementwise.Kind.AND)),
            Map.entry("Or", new ElementwiseTranslator(Elementwise.Kind.OR)),
            Map.entry("Xor", new ElementwiseTranslator(Elementwise.Kind.XOR)),
            Map.entry("Where", new WhereTranslator()),
            Map.entry("BitwiseAnd", new BitwiseTranslator(BitwiseTranslator.Kind.AND)),
            Map.entry("BitwiseOr", new BitwiseTranslator(BitwiseTranslator.Kind.OR)),
            Map.entry("BitwiseXor", new BitwiseTranslator(BitwiseTranslator.Kind.XOR)),
            Map.entry("BitwiseNot", new BitwiseTranslator(BitwiseTranslator.Kind.NOT)),
            Map.entry("BitShift", new BitwiseTranslator(BitwiseTranslator.Kind.SHIFT)),
            Map.entry("PRelu", new PReluTranslator()),
            Map.entry("Abs", new ActivationTranslator(Kind.ABS)),
            Map.entry("Log", new ActivationTranslator(Kind.LOG)),
            Map.entry("Reciprocal", new ActivationTranslator(Kind.RECIPROCAL)),
            Map.entry("Floor", new ActivationTranslator(Kind.FLOOR)),
            Map.entry("Ceil", new ActivationTranslator(Kind.CEIL)),
            Map.entry("Round", new ActivationTranslator(Kind.ROUND)),
            Map.entry("HardSwish", new ActivationTranslator(Kind.HARD_SILU)),
            Map.entry("Mish", new ActivationTranslator(Kind.MISH)),
            Map.entry("Swish", new QuickGeluTranslator(1f)),
            Map.entry("ThresholdedRelu", new ActivationTranslator(Kind.THRESHOLDED_RELU)),
            Map.entry("Gelu", new ActivationTranslator(Kind.GELU)),
            Map.entry("Sqrt", new ActivationTranslator(Kind.SQRT)),
            Map.entry("LayerNormalization", new LayerNormalizationTranslator(false)),
            Map.entry("BatchNormalization", new BatchNormalizationTranslator()),
            Map.entry("InstanceNormalization", new GroupNormalizationTranslator(true)),
            Map.entry("GroupNormalization", new GroupNormalizationTranslator(false)),
            Map.entry("Conv", new ConvTranslator()),
            Map.entry("ConvTranspose", new ConvTransposeTranslator()),
            Map.entry("MaxPool", new PoolTranslator(PoolTranslator.Kind.MAX, false)),
            Map.entry("AveragePool", new PoolTranslator(PoolTranslator.Kind.AVERAGE, false)),
            Map.entry("LpPool", new PoolTranslator(PoolTranslator.Kind.LP, false)),
            Map.entry("Split", new SplitTranslator()),
            Map.entry("GlobalMaxPool", new PoolTranslator(PoolTranslator.Kind.MAX, true)),
            Map.entry("GlobalAveragePool", new PoolTranslator(PoolTranslator.Kind.AVERAGE, true)),
            Map.entry("GlobalLpPool", new PoolTranslator(PoolTranslator.Kind.LP, true)),
            Map.entry("Relu", new ActivationTranslator(Kind.RELU)),
            Map.entry("Sigmoid", new ActivationTranslator(Kind.SIGMOID)),
            Map.entry("Tanh", new ActivationTranslator(Kind.TANH)),
            Map.entry("LeakyRelu", new ActivationTranslator(Kind.LEAKY_RELU)),
            Map.entry("Elu", new ActivationTranslator(Kind.ELU)),
            Map.entry("HardSigmoid", new ActivationTranslator(Kind.HARD_SIGMOID)),
            Map.entry("Softsign", new ActivationTranslator(Kind.SOFTSIGN)),
            Map.entry("Softplus", new ActivationTranslator(Kind.SOFTPLUS)),
            Map.entry("Exp", new ActivationTranslator(Kind.EXPONENTIAL)),
            Map.entry("Erf", new ActivationTranslator(Kind.ERF)),
            Map.entry("Sin", new ActivationTranslator(Kind.SIN)),
            Map.entry("Cos", new ActivationTranslator(Kind.COS)),
            Map.entry("Tan", new ActivationTranslator(Kind.TAN)),
            Map.entry("Asin", new ActivationTranslator(Kind.ASIN)),
            Map.entry("Acos", new ActivationTranslator(Kind.ACOS)),
            Map.entry("Atan", new ActivationTranslator(Kind.ATAN)),
            Map.entry("Sinh", new ActivationTranslator(Kind.SINH)),
            Map.entry("Cosh", new ActivationTranslator(Kind.COSH)),
            Map.entry("Asinh", new ActivationTranslator(Kind.ASINH)),
            Map.entry("Acosh", new ActivationTranslator(Kind.ACOSH)),
            Map.entry("Atanh", new ActivationTranslator(Kind.ATANH)),
            Map.entry("Sign", new ActivationTranslator(Kind.SIGN)),
            Map.entry("IsNaN", new ActivationTranslator(Kind.IS_NAN)),
            Map.entry("IsInf", new ActivationTranslator(Kind.IS_INF)),
            Map.entry("Neg", new ActivationTranslator(Activation.NEGATIVE)),
            Map.entry("Celu", new ActivationTranslator(Kind.CELU)),
            Map.entry("Selu", new ActivationTranslator(Kind.SELU)),
            Map.entry("Clip", new ClipTranslator()),
            Map.entry("Pad", new PadTranslator()),
            Map.entry("Range", new RangeTranslator()),
            Map.entry("Trilu", new TriluTranslator()),
            Map.entry("GridSample", new GridSampleTranslator()),
            Map.entry("AffineGrid", new AffineGridTranslator()),
            Map.entry("Tile", new TileTranslator()),
            Map.entry("Resize", new ResizeTranslator(false)),
            Map.entry("DepthToSpace", new DepthToSpaceTranslator(true)),
            Map.entry("LRN", new LrnTranslator()),
            Map.entry("SpaceToDepth", new DepthToSpaceTranslator(false)),
            Map.entry("Upsample", new ResizeTranslator(true)),
            Map.entry("ArgMax", new ArgExtremeTranslator(true)),
            Map.entry("ArgMin", new ArgExtremeTranslator(false)),
            Map.entry("CumSum", new CumulativeTranslator(Cumulative.Kind.SUM)),
            Map.entry("EyeLike", new EyeLikeTranslator()),
            Map.entry("Det", new DetTranslator()),
            Map.entry("RotaryEmbedding", new RotaryEmbeddingTranslator()),
            Map.entry("ReverseSequence", new ReverseSequenceTranslator()),
            Map.entry("CenterCropPad", new CenterCropPadTranslator()),
            Map.entry("Compress", new CompressTranslator()),
            Map.entry("LpNormalization", new LpNormalizationTranslator()),
            Map.entry("MeanVarianceNormalization", new MeanVarianceNormalizationTranslator()),
            Map.entry("CumProd", new CumulativeTranslator(Cumulative.Kind.PRODUCT)),
            Map.entry("DFT", new DftTranslator()),
            Map.entry("STFT", new StftTranslator()),
            Map.entry("HannWindow", new WindowTranslator(WindowTranslator.Kind.HANN)),
            Map.entry("HammingWindow", new WindowTranslator(WindowTranslator.Kind.HAMMING)),
            Map.entry("BlackmanWindow", new WindowTranslator(WindowTranslator.Kind.BLACKMAN)),
            Map.entry("MelWeightMatrix", new MelWeightMatrixTranslator()),
            Map.entry("QuantizeLinear", new LinearQuantizationTranslator(LinearQuantization.Kind.QUANTIZE)),
            Map.entry("DequantizeLinear", new LinearQuantizationTranslator(LinearQuantization.Kind.DEQUANTIZE)),
            Map.entry("Einsum", new EinsumTranslator()),
            Map.entry("TopK", new TopKTranslator()),
            Map.entry("OneHot", new OneHotTranslator()),
            Map.entry("Shrink", new ShrinkTranslator()),
            Map.entry("Softmax", new SoftmaxTranslator(SoftmaxTranslator.Kind.SOFTMAX)),
            Map.entry("LogSoftmax", new SoftmaxTranslator(SoftmaxTranslator.Kind.LOG_SOFTMAX)),
            Map.entry("Hardmax", new SoftmaxTranslator(SoftmaxTranslator.Kind.HARDMAX)),
            Map.entry("Flatten", new FlattenTranslator()),
            Map.entry("ReduceMean", new ReduceTranslator(Reduce.Kind.MEAN)),
            Map.entry("ReduceSum", new ReduceTranslator(Reduce.Kind.SUM)),
            Map.entry("ReduceMax", new ReduceTranslator(Reduce.Kind.MAX)),
            Map.entry("ReduceMin", new ReduceTranslator(Reduce.Kind.MIN)),
            Map.entry("ReduceProd", new ReduceTranslator(Reduce.Kind.PROD)),
            Map.entry("ReduceL1", new ReduceTranslator(Reduce.Kind.L1)),
            Map.entry("ReduceL2", new ReduceTranslator(Reduce.Kind.L2)),
            Map.entry("ReduceSumSquare", new ReduceTranslator(Reduce.Kind.SUM_SQUARE)),
            Map.entry("ReduceLogSum", new ReduceTranslator(Reduce.Kind.LOG_SUM)),
            Map.entry("ReduceLogSumExp", new ReduceTranslator(Reduce.Kind.LOG_SUM_EXP)),
            Map.entry("If", new IfTranslator()),
            Map.entry("Loop", new LoopTranslator()),
            Map.entry("Scan", new ScanTranslator()),
            Map.entry("SequenceEmpty", new SequenceConstructTranslator()),
            Map.entry("SequenceConstruct", new SequenceConstructTranslator()),
            Map.entry("SequenceInsert", new SequenceInsertTranslator(false)),
            Map.entry("SequenceErase", new SequenceInsertTranslator(true)),
            Map.entry("SequenceAt", new SequenceAtTranslator()),
            Map.entry("SequenceLength", new SequenceLengthTranslator()),
            Map.entry("ConcatFromSequence", new ConcatFromSequenceTranslator()),
            Map.entry("SplitToSequence", new SplitToSequenceTranslator()),
            Map.entry("Optional", new OptionalTranslator(OptionalTranslator.Kind.OPTIONAL)),
            Map.entry("OptionalHasElement", new OptionalTranslator(OptionalTranslator.Kind.HAS_ELEMENT)),
            Map.entry("OptionalGetElement", new OptionalTranslator(OptionalTranslator.Kind.GET_ELEMENT)));
    /** ONNX Runtime's domain of its own operators. */
    static final String MICROSOFT = "com.microsoft";
    /**
     * The com.microsoft operators that ONNX Runtime's offline optimizer, onnxruntime.transformers' optimizer and its
     * quantization tools (quantize_dynamic, quantize_static's QOperator format) write for CPU models, as its CPU kernels
     * compute them.
     */
    private static final Map<String, OpTranslator> MICROSOFT_OPS = Map.ofEntries(
            Map.entry("DynamicQuantizeLSTM", new RecurrentTranslator(RecurrentTranslator.Cell.LSTM, true)),
            Map.entry("QGemm", new QGemmTranslator()),
            Map.entry("QLinearAdd", new QLinearBinaryTranslator(true)),
            Map.entry("QLinearMul", new QLinearBinaryTranslator(false)),
            Map.entry("QLinearConcat", new QLinearConcatTranslator()),
            Map.entry("QLinearGlobalAveragePool", new QLinearPoolTranslator(true)),
            Map.entry("QLinearAveragePool", new QLinearPoolTranslator(false)),
            Map.entry("QLinearSigmoid", new QLinearActivationTranslator("Sigmoid")),
            Map.entry("QLinearLeakyRelu", new QLinearActivationTranslator("LeakyRelu")),
            Map.entry("QLinearSoftmax", new QLinearSoftmaxTranslator()),
            Map.entry("FusedMatMul", new FusedMatMulTranslator()),
            Map.entry("FusedGemm", new GemmTranslator(true)),
            Map.entry("Gelu", new ActivationTranslator(Activation.of(Kind.GELU))),
            Map.entry("BiasGelu", new BiasGeluTranslator(Kind.GELU, 2)),
            Map.entry("FastGelu", new BiasGeluTranslator(Kind.GELU_TANH, 1)),
            Map.entry("QuickGelu", new QuickGeluTranslator(1.702f)),
            Map.entry("SkipLayerNormalization", new SkipLayerNormalizationTranslator(false)),
            Map.entry("SkipSimplifiedLayerNormalization", new SkipLayerNormalizationTranslator(true)),
            Map.entry("DynamicQuantizeMatMul", new MatMulIntegerToFloatTranslator(true)),
            Map.entry("MatMulIntegerToFloat", new MatMulIntegerToFloatTranslator(false)),
            Map.entry("Attention", new OrtAttentionTranslator()),
            Map.entry("EmbedLayerNormalization", new EmbedLayerNormalizationTranslator()));

    /**
     * Default-domain operators keras4j will not translate, each with the reason: what they compute has no reference to
     * match, or lies outside what a float32 inference runtime holds.
     */
    private static final Map<String, String> REFUSED = refused();

    private Translators() {
    }

    private static Map<String, String> refused() {
        Map<String, String> m = new HashMap<>();
        for (String op : List.of("Bernoulli", "Multinomial", "RandomNormal", "RandomNormalLike", "RandomUniform", "RandomUniformLike")) {
            m.put(op, "it draws random numbers, and ONNX Runtime's random stream (its generator, seeding and the order its"
                    + " threads draw in) cannot be reproduced, so there is no reference output to match");
        }
        for (String op : List.of("NegativeLogLikelihoodLoss", "SoftmaxCrossEntropyLoss")) {
            m.put(op, "it is a training loss; keras4j runs inference graphs");
        }
        for (String op : List.of("RegexFullMatch", "StringConcat", "StringNormalizer", "StringSplit", "TfIdfVectorizer")) {
            m.put(op, "it works on strings (or text n-grams), and keras4j's values are numbers held as float32");
        }
        m.put("ImageDecoder", "it decodes encoded image files (JPEG, PNG, ...), and keras4j has no image codecs");
        m.put("BitCast", "it reinterprets the bits of one element type as another, and keras4j holds every value as float32");
        m.put("SequenceMap", "it runs a subgraph over the elements of sequences, which keras4j resolves at import without"
                + " running bodies on them");
        for (String op : List.of("CausalConvWithState", "LinearAttention", "SwiGLU")) {
            m.put(op, "it comes with ONNX operator set 27 or 28, which ONNX Runtime 1.30 does not load, so there is no"
                    + " reference output to match");
        }
        return Map.copyOf(m);
    }

    /** The translator for an operator of the domain ("" or "ai.onnx" for the default one), or null if keras4j does not support it. */
    static OpTranslator forOp(String opType, String domain) {
        if (domain.isEmpty() || domain.equals("ai.onnx")) {
            return BY_OP.get(opType);
        }
        return domain.equals(MICROSOFT) ? MICROSOFT_OPS.get(opType) : null;
    }

    /** Why an operator is refused, for the error message. */
    static String unsupportedReason(String opType, String domain) {
        if (domain.equals(MICROSOFT)) {
            return "operator " + opType + " of domain '" + domain + "' is not supported" + ModelImportException.SUPPORTED
                    + String.join(", ", new TreeSet<>(MICROSOFT_OPS.keySet())) + ")";
        }
        if (!domain.isEmpty() && !domain.equals("ai.onnx")) {
            return "operator " + opType + " of domain '" + domain + "' is not supported (keras4j reads the default ONNX domain"
                    + " and some operators of ONNX Runtime's " + MICROSOFT + ")";
        }
        String reason = REFUSED.get(opType);
        if (reason != null) {
            return "operator " + opType + " is not supported: " + reason;
        }
        return "operator " + opType + " is not supported" + ModelImportException.SUPPORTED + String.join(", ", new TreeSet<>(BY_OP.keySet()))
                + ")";
    }
}
