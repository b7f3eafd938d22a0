package io.keras4j.importer.keras.layers;

import io.keras4j.importer.ModelImportException;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.ColorSpace;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Reduce;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The translator of each supported Keras 3 operation class: the nodes a functional model records for
 * {@code keras.ops.*} calls and Python operators on its tensors ({@code x[:, -1]}, {@code a + b}, {@code 2.0 * x}).
 * Computed as Keras' TensorFlow backend computes them; their outputs carry no mask, as in Keras.
 */
public final class Operations {
    private static final Map<String, LayerTranslator> BY_CLASS = Map.ofEntries(
            Map.entry("Add", ElementwiseOperationTranslator.of(Elementwise.Kind.ADD)),
            Map.entry("Subtract", ElementwiseOperationTranslator.of(Elementwise.Kind.SUB)),
            Map.entry("Multiply", ElementwiseOperationTranslator.of(Elementwise.Kind.MUL)),
            Map.entry("Divide", ElementwiseOperationTranslator.of(Elementwise.Kind.DIV)),
            Map.entry("TrueDivide", ElementwiseOperationTranslator.of(Elementwise.Kind.DIV)),
            Map.entry("DivideNoNan", new PiecewiseOperationTranslator(PiecewiseOperationTranslator.Form.DIVIDE_NO_NAN)),
            Map.entry("Maximum", ElementwiseOperationTranslator.of(Elementwise.Kind.MAX)),
            Map.entry("Minimum", ElementwiseOperationTranslator.of(Elementwise.Kind.MIN)),
            Map.entry("Power", ElementwiseOperationTranslator.of(Elementwise.Kind.POW)),
            Map.entry("Square", ElementwiseOperationTranslator.with(Elementwise.Kind.POW, 2f)),
            Map.entry("Mod", ElementwiseOperationTranslator.of(Elementwise.Kind.FLOOR_MOD)),
            Map.entry("FloorDivide", ElementwiseOperationTranslator.of(Elementwise.Kind.FLOOR_DIV)),
            Map.entry("Arctan2", ElementwiseOperationTranslator.of(Elementwise.Kind.ATAN2)),
            Map.entry("Deg2rad", ElementwiseOperationTranslator.with(Elementwise.Kind.MUL, (float) Math.PI / 180f)),
            Map.entry("Rad2deg", ElementwiseOperationTranslator.with(Elementwise.Kind.MUL, 180f / (float) Math.PI)),
            Map.entry("Hypot", ElementwiseOperationTranslator.of(Elementwise.Kind.HYPOT)),
            Map.entry("Logaddexp", ElementwiseOperationTranslator.of(Elementwise.Kind.LOG_ADD_EXP)),
            Map.entry("Logaddexp2", ElementwiseOperationTranslator.of(Elementwise.Kind.LOG_ADD_EXP2)),
            Map.entry("Fmod", ElementwiseOperationTranslator.of(Elementwise.Kind.FMOD)),
            Map.entry("Heaviside", new PiecewiseOperationTranslator(PiecewiseOperationTranslator.Form.HEAVISIDE)),
            Map.entry("Fmax", new PiecewiseOperationTranslator(PiecewiseOperationTranslator.Form.FMAX)),
            Map.entry("Fmin", new PiecewiseOperationTranslator(PiecewiseOperationTranslator.Form.FMIN)),
            Map.entry("Ldexp", new PiecewiseOperationTranslator(PiecewiseOperationTranslator.Form.LDEXP)),
            Map.entry("Greater", ElementwiseOperationTranslator.of(Elementwise.Kind.GREATER)),
            Map.entry("GreaterEqual", ElementwiseOperationTranslator.of(Elementwise.Kind.GREATER_OR_EQUAL)),
            Map.entry("Less", ElementwiseOperationTranslator.of(Elementwise.Kind.LESS)),
            Map.entry("LessEqual", ElementwiseOperationTranslator.of(Elementwise.Kind.LESS_OR_EQUAL)),
            Map.entry("Equal", ElementwiseOperationTranslator.of(Elementwise.Kind.EQUAL)),
            Map.entry("NotEqual", ElementwiseOperationTranslator.of(Elementwise.Kind.NOT_EQUAL)),
            Map.entry("LogicalAnd", ElementwiseOperationTranslator.of(Elementwise.Kind.AND)),
            Map.entry("LogicalOr", ElementwiseOperationTranslator.of(Elementwise.Kind.OR)),
            Map.entry("LogicalXor", ElementwiseOperationTranslator.of(Elementwise.Kind.XOR)),
            Map.entry("LogicalNot", ElementwiseOperationTranslator.with(Elementwise.Kind.EQUAL, 0f)),
            Map.entry("Where", new WhereTranslator()),
            Map.entry("Isclose", new IscloseOperationTranslator()),
            Map.entry("Select", new SelectOperationTranslator()),
            Map.entry("Cast", new CastOperationTranslator(false)),
            Map.entry("SaturateCast", new CastOperationTranslator(true)),
            Map.entry("Negative", ActivationOperationTranslator.of(Activation.NEGATIVE)),
            Map.entry("Absolute", ActivationOperationTranslator.of(Activation.of(Kind.ABS))),
            Map.entry("Fabs", ActivationOperationTranslator.of(Activation.of(Kind.ABS))),
            Map.entry("Exp", ActivationOperationTranslator.of(Activation.of(Kind.EXPONENTIAL))),
            Map.entry("Log", ActivationOperationTranslator.of(Activation.of(Kind.LOG))),
            Map.entry("Sqrt", ActivationOperationTranslator.of(Activation.of(Kind.SQRT))),
            Map.entry("Reciprocal", ActivationOperationTranslator.of(Activation.of(Kind.RECIPROCAL))),
            Map.entry("Erf", ActivationOperationTranslator.of(Activation.of(Kind.ERF))),
            Map.entry("Erfc", ActivationOperationTranslator.of(Activation.of(Kind.ERFC))),
            Map.entry("Signbit", ActivationOperationTranslator.of(Activation.of(Kind.SIGNBIT))),
            Map.entry("Cbrt", new FormulaOperationTranslator(FormulaOperationTranslator.Form.CBRT)),
            Map.entry("Sinc", new FormulaOperationTranslator(FormulaOperationTranslator.Form.SINC)),
            Map.entry("Angle", new FormulaOperationTranslator(FormulaOperationTranslator.Form.ANGLE)),
            Map.entry("Erfinv", ActivationOperationTranslator.of(Activation.of(Kind.ERFINV))),
            Map.entry("Sin", ActivationOperationTranslator.of(Activation.of(Kind.SIN))),
            Map.entry("Floor", ActivationOperationTranslator.of(Activation.of(Kind.FLOOR))),
            Map.entry("Ceil", ActivationOperationTranslator.of(Activation.of(Kind.CEIL))),
            Map.entry("Round", new FormulaOperationTranslator(FormulaOperationTranslator.Form.ROUND)),
            Map.entry("Cos", ActivationOperationTranslator.of(Activation.of(Kind.COS))),
            Map.entry("Tan", ActivationOperationTranslator.of(Activation.of(Kind.TAN))),
            Map.entry("Arctan", ActivationOperationTranslator.of(Activation.of(Kind.ATAN))),
            Map.entry("Arcsin", ActivationOperationTranslator.of(Activation.of(Kind.ASIN))),
            Map.entry("Arccos", ActivationOperationTranslator.of(Activation.of(Kind.ACOS))),
            Map.entry("Sinh", ActivationOperationTranslator.of(Activation.of(Kind.SINH))),
            Map.entry("Cosh", ActivationOperationTranslator.of(Activation.of(Kind.COSH))),
            Map.entry("Arcsinh", ActivationOperationTranslator.of(Activation.of(Kind.ASINH))),
            Map.entry("Arccosh", ActivationOperationTranslator.of(Activation.of(Kind.ACOSH))),
            Map.entry("Arctanh", ActivationOperationTranslator.of(Activation.of(Kind.ATANH))),
            Map.entry("Log1p", ActivationOperationTranslator.of(Activation.of(Kind.LOG1P))),
            Map.entry("Expm1", ActivationOperationTranslator.of(Activation.of(Kind.EXPM1))),
            Map.entry("Log2", ActivationOperationTranslator.of(Activation.of(Kind.LOG2))),
            Map.entry("Log10", ActivationOperationTranslator.of(Activation.of(Kind.LOG10))),
            Map.entry("Exp2", ActivationOperationTranslator.of(Activation.of(Kind.EXP2))),
            Map.entry("Rsqrt", ActivationOperationTranslator.of(Activation.of(Kind.RSQRT))),
            Map.entry("Sign", ActivationOperationTranslator.of(Activation.of(Kind.SIGN))),
            Map.entry("Trunc", ActivationOperationTranslator.of(Activation.of(Kind.TRUNC))),
            Map.entry("Isnan", ActivationOperationTranslator.of(Activation.of(Kind.IS_NAN))),
            Map.entry("Isinf", ActivationOperationTranslator.of(Activation.of(Kind.IS_INF))),
            Map.entry("Isfinite", ActivationOperationTranslator.of(Activation.of(Kind.IS_FINITE))),
            Map.entry("Isposinf", ElementwiseOperationTranslator.with(Elementwise.Kind.EQUAL, Float.POSITIVE_INFINITY)),
            Map.entry("Isneginf", ElementwiseOperationTranslator.with(Elementwise.Kind.EQUAL, Float.NEGATIVE_INFINITY)),
            Map.entry("StopGradient", ActivationOperationTranslator.of(Activation.of(Kind.LINEAR))),
            Map.entry("Copy", ActivationOperationTranslator.of(Activation.of(Kind.LINEAR))),
            Map.entry("Real", ActivationOperationTranslator.of(Activation.of(Kind.LINEAR))),
            Map.entry("Conjugate", ActivationOperationTranslator.of(Activation.of(Kind.LINEAR))),
            Map.entry("Imag", new FillLikeOperationTranslator(0f)),
            Map.entry("Isreal", new FillLikeOperationTranslator(1f)),
            Map.entry("NanToNum", new NanToNumOperationTranslator()),
            Map.entry("Tanh", ActivationOperationTranslator.of(Activation.of(Kind.TANH))),
            Map.entry("Sigmoid", ActivationOperationTranslator.of(Activation.of(Kind.SIGMOID))),
            Map.entry("HardSigmoid", ActivationOperationTranslator.of(Activation.HARD_SIGMOID_KERAS3)),
            Map.entry("LogSigmoid", ActivationOperationTranslator.of(Activation.of(Kind.LOG_SIGMOID))),
            Map.entry("Relu", ActivationOperationTranslator.of(Activation.of(Kind.RELU))),
            Map.entry("Relu6", ActivationOperationTranslator.of(Activation.of(Kind.RELU6))),
            Map.entry("Silu", ActivationOperationTranslator.of(Activation.of(Kind.SILU))),
            Map.entry("Selu", ActivationOperationTranslator.of(Activation.of(Kind.SELU))),
            Map.entry("Softplus", ActivationOperationTranslator.of(Activation.of(Kind.SOFTPLUS))),
            Map.entry("Softsign", ActivationOperationTranslator.of(Activation.of(Kind.SOFTSIGN))),
            Map.entry("Elu", new ActivationOperationTranslator(c -> Activation.of(Kind.ELU, c.number(1.0, "alpha")))),
            Map.entry("LeakyRelu", new ActivationOperationTranslator(
                    c -> Activation.of(Kind.LEAKY_RELU, c.number(0.2, "negative_slope")))),
            Map.entry("Gelu", new ActivationOperationTranslator(
                    c -> Activation.of(c.bool(true, "approximate") ? Kind.GELU_TANH : Kind.GELU))),
            Map.entry("HardSilu", ActivationOperationTranslator.of(Activation.of(Kind.HARD_SILU))),
            Map.entry("HardTanh", ActivationOperationTranslator.of(Activation.of(Kind.HARD_TANH))),
            Map.entry("TanhShrink", ActivationOperationTranslator.of(Activation.of(Kind.TANH_SHRINK))),
            Map.entry("SparsePlus", ActivationOperationTranslator.of(Activation.of(Kind.SPARSE_PLUS))),
            Map.entry("SparseSigmoid", ActivationOperationTranslator.of(Activation.of(Kind.SPARSE_SIGMOID))),
            Map.entry("Celu", new ActivationOperationTranslator(c -> Activation.of(Kind.CELU, c.number(1.0, "alpha")))),
            Map.entry("HardShrink", new ActivationOperationTranslator(
                    c -> Activation.of(Kind.HARD_SHRINK, c.number(0.5, "threshold")))),
            Map.entry("SoftShrink", new ActivationOperationTranslator(
                    c -> Activation.of(Kind.SOFT_SHRINK, c.number(0.5, "threshold")))),
            Map.entry("Squareplus", new ActivationOperationTranslator(
                    c -> Activation.of(Kind.SQUAREPLUS, c.number(4.0, "b")))),
            Map.entry("Threshold", new ActivationOperationTranslator(c -> Activation.of(Kind.THRESHOLDED_RELU,
                    c.number(0, "threshold"), c.number(0, "default_value")))),
            Map.entry("Glu", ActivationOperationTranslator.alongLastAxis(Activation.of(Kind.GLU))),
            Map.entry("Sparsemax", ActivationOperationTranslator.alongLastAxis(Activation.of(Kind.SPARSEMAX))),
            Map.entry("Clip", new ActivationOperationTranslator(Operations::clip)),
            Map.entry("Softmax", new SoftmaxOperationTranslator(false)),
            Map.entry("LogSoftmax", new SoftmaxOperationTranslator(true)),
            Map.entry("Mean", ReduceOperationTranslator.of(Reduce.Kind.MEAN)),
            Map.entry("Sum", ReduceOperationTranslator.of(Reduce.Kind.SUM)),
            Map.entry("Max", ReduceOperationTranslator.of(Reduce.Kind.MAX)),
            Map.entry("Min", ReduceOperationTranslator.of(Reduce.Kind.MIN)),
            Map.entry("Amax", ReduceOperationTranslator.of(Reduce.Kind.MAX)),
            Map.entry("Amin", ReduceOperationTranslator.of(Reduce.Kind.MIN)),
            Map.entry("Prod", ReduceOperationTranslator.of(Reduce.Kind.PROD)),
            Map.entry("Logsumexp", ReduceOperationTranslator.of(Reduce.Kind.LOG_SUM_EXP)),
            Map.entry("Ptp", ReduceOperationTranslator.ofRange()),
            Map.entry("Median", new QuantileOperationTranslator(QuantileOperationTranslator.Form.MEDIAN)),
            Map.entry("Quantile", new QuantileOperationTranslator(QuantileOperationTranslator.Form.QUANTILE)),
            Map.entry("Percentile", new QuantileOperationTranslator(QuantileOperationTranslator.Form.PERCENTILE)),
            Map.entry("Any", ReduceOperationTranslator.ofTruth(Reduce.Kind.MAX)),
            Map.entry("All", ReduceOperationTranslator.ofTruth(Reduce.Kind.MIN)),
            Map.entry("CountNonzero", ReduceOperationTranslator.ofTruth(Reduce.Kind.SUM)),
            Map.entry("Nansum", new NanReduceOperationTranslator(NanReduceOperationTranslator.Form.SUM)),
            Map.entry("Nanprod", new NanReduceOperationTranslator(NanReduceOperationTranslator.Form.PROD)),
            Map.entry("Nanmax", new NanReduceOperationTranslator(NanReduceOperationTranslator.Form.MAX)),
            Map.entry("Nanmin", new NanReduceOperationTranslator(NanReduceOperationTranslator.Form.MIN)),
            Map.entry("Nanmean", new NanReduceOperationTranslator(NanReduceOperationTranslator.Form.MEAN)),
            Map.entry("Nanvar", new NanReduceOperationTranslator(NanReduceOperationTranslator.Form.VAR)),
            Map.entry("Nanstd", new NanReduceOperationTranslator(NanReduceOperationTranslator.Form.STD)),
            Map.entry("Var", new VarianceOperationTranslator(VarianceOperationTranslator.Form.VAR)),
            Map.entry("Std", new VarianceOperationTranslator(VarianceOperationTranslator.Form.STD)),
            Map.entry("Average", new AverageOperationTranslator()),
            Map.entry("Moments", new VarianceOperationTranslator(VarianceOperationTranslator.Form.MOMENTS)),
            Map.entry("Norm", new NormTranslator()),
            Map.entry("Normalize", new NormalizeTranslator()),
            Map.entry("RMSNorm", new RmsNormOperationTranslator()),
            Map.entry("LayerNorm", new LayerNormOperationTranslator()),
            Map.entry("BatchNorm", new BatchNormOperationTranslator()),
            Map.entry("DotProductAttention", new DotProductAttentionTranslator()),
            Map.entry("GetItem", new GetItemTranslator()),
            Map.entry("Slice", new SliceOperationTranslator()),
            Map.entry("SliceUpdate", new SliceUpdateOperationTranslator()),
            Map.entry("Resize", new ResizeOperationTranslator()),
            Map.entry("ExtractPatches", new ExtractPatchesTranslator()),
            Map.entry("ExtractSequences", new ExtractSequencesTranslator()),
            Map.entry("CropImages", new CropPadImagesTranslator(true)),
            Map.entry("PadImages", new CropPadImagesTranslator(false)),
            Map.entry("RGBToGrayscale", new ColorOperationTranslator(null)),
            Map.entry("RGBToHSV", new ColorOperationTranslator(ColorSpace.Kind.RGB_TO_HSV)),
            Map.entry("HSVToRGB", new ColorOperationTranslator(ColorSpace.Kind.HSV_TO_RGB)),
            Map.entry("MaxPool", new PoolOperationTranslator(true)),
            Map.entry("AveragePool", new PoolOperationTranslator(false)),
            Map.entry("Conv", new ConvOperationTranslator(ConvOperationTranslator.Form.CONV)),
            Map.entry("DepthwiseConv", new ConvOperationTranslator(ConvOperationTranslator.Form.DEPTHWISE)),
            Map.entry("SeparableConv", new ConvOperationTranslator(ConvOperationTranslator.Form.SEPARABLE)),
            Map.entry("DepthToSpace", new DepthToSpaceOperationTranslator(true)),
            Map.entry("SpaceToDepth", new DepthToSpaceOperationTranslator(false)),
            Map.entry("Reshape", new ReshapeOperationTranslator()),
            Map.entry("ExpandDims", new ExpandDimsTranslator()),
            Map.entry("Squeeze", new SqueezeOperationTranslator()),
            Map.entry("Transpose", new TransposeOperationTranslator(TransposeOperationTranslator.Form.TRANSPOSE)),
            Map.entry("Swapaxes", new TransposeOperationTranslator(TransposeOperationTranslator.Form.SWAPAXES)),
            Map.entry("Moveaxis", new TransposeOperationTranslator(TransposeOperationTranslator.Form.MOVEAXIS)),
            Map.entry("Take", new TakeOperationTranslator()),
            Map.entry("TakeAlongAxis", new TakeAlongAxisOperationTranslator()),
            Map.entry("ZerosLike", new FillLikeOperationTranslator(0f)),
            Map.entry("OnesLike", new FillLikeOperationTranslator(1f)),
            Map.entry("FullLike", new FillLikeOperationTranslator(null)),
            Map.entry("Sort", new SortOperationTranslator(SortOperationTranslator.Form.SORT)),
            Map.entry("Argsort", new SortOperationTranslator(SortOperationTranslator.Form.ARGSORT)),
            Map.entry("TopK", new SortOperationTranslator(SortOperationTranslator.Form.TOP_K)),
            Map.entry("Diagonal", new DiagonalOperationTranslator(false)),
            Map.entry("Trace", new DiagonalOperationTranslator(true)),
            Map.entry("Tril", new TriangleOperationTranslator(false)),
            Map.entry("Triu", new TriangleOperationTranslator(true)),
            Map.entry("Concatenate", new ConcatenateOperationTranslator(ConcatenateOperationTranslator.Form.CONCATENATE)),
            Map.entry("Stack", new ConcatenateOperationTranslator(ConcatenateOperationTranslator.Form.STACK)),
            Map.entry("Hstack", new ConcatenateOperationTranslator(ConcatenateOperationTranslator.Form.HSTACK)),
            Map.entry("Dstack", new ConcatenateOperationTranslator(ConcatenateOperationTranslator.Form.DSTACK)),
            Map.entry("Append", new ConcatenateOperationTranslator(ConcatenateOperationTranslator.Form.APPEND)),
            Map.entry("Rot90", new RotateOperationTranslator()),
            Map.entry("BroadcastTo", new BroadcastToOperationTranslator()),
            Map.entry("Flip", new AxisOperationTranslator(AxisOperationTranslator.Form.FLIP)),
            Map.entry("Fliplr", new AxisOperationTranslator(AxisOperationTranslator.Form.FLIPLR)),
            Map.entry("Cumsum", new ScanOperationTranslator(ScanOperationTranslator.Kind.CUMSUM)),
            Map.entry("Cumprod", new ScanOperationTranslator(ScanOperationTranslator.Kind.CUMPROD)),
            Map.entry("Argmax", new ScanOperationTranslator(ScanOperationTranslator.Kind.ARGMAX)),
            Map.entry("Argmin", new ScanOperationTranslator(ScanOperationTranslator.Kind.ARGMIN)),
            Map.entry("Nancumsum", new ScanOperationTranslator(ScanOperationTranslator.Kind.NANCUMSUM)),
            Map.entry("Nancumprod", new ScanOperationTranslator(ScanOperationTranslator.Kind.NANCUMPROD)),
            Map.entry("Nanargmax", new ScanOperationTranslator(ScanOperationTranslator.Kind.NANARGMAX)),
            Map.entry("Nanargmin", new ScanOperationTranslator(ScanOperationTranslator.Kind.NANARGMIN)),
            Map.entry("Tile", new TileOperationTranslator()),
            Map.entry("Diff", new DiffOperationTranslator()),
            Map.entry("Trapezoid", new TrapezoidOperationTranslator()),
            Map.entry("Digitize", new DigitizeOperationTranslator()),
            Map.entry("Roll", new RollOperationTranslator()),
            Map.entry("Split", new SplitOperationTranslator(SplitOperationTranslator.Form.SPLIT)),
            Map.entry("Hsplit", new SplitOperationTranslator(SplitOperationTranslator.Form.HSPLIT)),
            Map.entry("Dsplit", new SplitOperationTranslator(SplitOperationTranslator.Form.DSPLIT)),
            Map.entry("ArraySplit", new SplitOperationTranslator(SplitOperationTranslator.Form.ARRAY_SPLIT)),
            Map.entry("Unstack", new UnstackOperationTranslator()),
            Map.entry("Pad", new PadOperationTranslator()),
            Map.entry("OneHot", new OneHotOperationTranslator(false)),
            Map.entry("MultiHot", new OneHotOperationTranslator(true)),
            Map.entry("Repeat", new AxisOperationTranslator(AxisOperationTranslator.Form.REPEAT)),
            Map.entry("Matmul", new MatmulTranslator()),
            Map.entry("Dot", new DotOperationTranslator(DotOperationTranslator.Form.DOT)),
            Map.entry("Tensordot", new DotOperationTranslator(DotOperationTranslator.Form.TENSORDOT)),
            Map.entry("Inner", new DotOperationTranslator(DotOperationTranslator.Form.INNER)),
            Map.entry("Cross", new CrossOperationTranslator()),
            Map.entry("Einsum", new EinsumOperationTranslator()),
            Map.entry("FFT", new FourierOperationTranslator(FourierOperationTranslator.Form.FFT)),
            Map.entry("FFT2", new FourierOperationTranslator(FourierOperationTranslator.Form.FFT2)),
            Map.entry("IFFT2", new FourierOperationTranslator(FourierOperationTranslator.Form.IFFT2)),
            Map.entry("RFFT", new FourierOperationTranslator(FourierOperationTranslator.Form.RFFT)),
            Map.entry("IRFFT", new FourierOperationTranslator(FourierOperationTranslator.Form.IRFFT)),
            Map.entry("Det", new LinearAlgebraOperationTranslator(LinearAlgebraOperationTranslator.Form.DET)),
            Map.entry("Slogdet", new LinearAlgebraOperationTranslator(LinearAlgebraOperationTranslator.Form.SLOGDET)),
            Map.entry("Logdet", new LinearAlgebraOperationTranslator(LinearAlgebraOperationTranslator.Form.LOGDET)),
            Map.entry("Solve", new LinearAlgebraOperationTranslator(LinearAlgebraOperationTranslator.Form.SOLVE)),
            Map.entry("SolveTriangular",
                    new LinearAlgebraOperationTranslator(LinearAlgebraOperationTranslator.Form.SOLVE_TRIANGULAR)),
            Map.entry("Cholesky", new LinearAlgebraOperationTranslator(LinearAlgebraOperationTranslator.Form.CHOLESKY)),
            Map.entry("CholeskyInverse",
                    new LinearAlgebraOperationTranslator(LinearAlgebraOperationTranslator.Form.CHOLESKY_INVERSE)),
            Map.entry("BitwiseAnd", new BitwiseOperationTranslator(BitwiseOperationTranslator.Form.AND)),
            Map.entry("BitwiseOr", new BitwiseOperationTranslator(BitwiseOperationTranslator.Form.OR)),
            Map.entry("BitwiseXor", new BitwiseOperationTranslator(BitwiseOperationTranslator.Form.XOR)),
            Map.entry("BitwiseNot", new BitwiseOperationTranslator(BitwiseOperationTranslator.Form.NOT)),
            Map.entry("BitwiseInvert", new BitwiseOperationTranslator(BitwiseOperationTranslator.Form.NOT)),
            Map.entry("LeftShift", new BitwiseOperationTranslator(BitwiseOperationTranslator.Form.LEFT_SHIFT)),
            Map.entry("BitwiseLeftShift", new BitwiseOperationTranslator(BitwiseOperationTranslator.Form.LEFT_SHIFT)),
            Map.entry("RightShift", new BitwiseOperationTranslator(BitwiseOperationTranslator.Form.RIGHT_SHIFT)),
            Map.entry("BitwiseRightShift", new BitwiseOperationTranslator(BitwiseOperationTranslator.Form.RIGHT_SHIFT)),
            Map.entry("CDist", new CdistOperationTranslator()),
            Map.entry("Nextafter", ElementwiseOperationTranslator.of(Elementwise.Kind.NEXT_AFTER)),
            Map.entry("I0", ActivationOperationTranslator.of(Activation.of(Kind.BESSEL_I0))),
            Map.entry("Gcd", ElementwiseOperationTranslator.of(Elementwise.Kind.GCD)),
            Map.entry("Lcm", ElementwiseOperationTranslator.of(Elementwise.Kind.LCM)),
            Map.entry("UnravelIndex", new UnravelIndexOperationTranslator()),
            Map.entry("Unfold", new UnfoldOperationTranslator()),
            Map.entry("STFT", new StftOperationTranslator()));
    /** Why keras4j refuses Keras operation classes it knows of, for the error message. */
    private static final Map<String, String> REFUSED = Map.of(
            "Qr", "the signs of its factors' columns and rows are LAPACK's convention, not unique",
            "SVD", "the signs of its singular vectors are LAPACK's convention, not unique",
            "Eig", "its eigenvectors' scale and phase and its eigenvalues' order are LAPACK's convention, and it"
                    + " gives complex values",
            "Eigh", "the signs of its eigenvectors are LAPACK's convention, not unique",
            "ISTFT", "keras4j does not compute it yet",
            "Pinv", "keras4j does not compute it yet (it takes a singular value decomposition)",
            "MatrixRank", "keras4j does not compute it yet (it counts singular values above a tolerance)");

    /** What Keras operation classes that mix or reshape the batch axis do with it, for the error message. */
    private static final Map<String, String> ACROSS_BATCH = Map.of(
            "Diag", "takes or builds a diagonal across the batch axis",
            "Diagflat", "flattens the batch into one vector and builds a matrix of it",
            "Ravel", "flattens the batch into one vector",
            "Vdot", "flattens both tensors, batch included, into one dot product",
            "PSNR", "averages the squared error over the whole batch into one number",
            "Flipud", "reverses the batch axis (the samples' order)",
            "Vsplit", "splits along the batch axis",
            "Vstack", "joins along the batch axis",
            "Outer", "flattens both tensors, batch included, into one outer product");

    private Operations() {
    }

    /**
     * {@code keras.ops.clip(x, x_min, x_max)} as TensorFlow's clip_by_value computes it: {@code max(min(x, x_max), x_min)},
     * so {@code x_min} everywhere (NaN aside) where {@code x_min > x_max}.
     */
    private static Activation clip(LayerConfig config) {
        double min = config.number(Double.NEGATIVE_INFINITY, "x_min");
        double max = config.number(Double.POSITIVE_INFINITY, "x_max");
        return Activation.of(Kind.CLIP, min, Math.max(min, max));
    }

    /** The translator for a Keras operation class name, or null if keras4j does not support it. */
    public static LayerTranslator forClass(String className) {
        return BY_CLASS.get(className);
    }

    /** The supported operation class names. */
    public static Set<String> classes() {
        return BY_CLASS.keySet();
    }

    /** Why an operation without translator is refused, for the error message. */
    public static String unsupportedReason(String className) {
        if (ACROSS_BATCH.containsKey(className)) {
            return "Keras operation " + className + " is not supported by keras4j: it " + ACROSS_BATCH.get(className)
                    + ", which a keras4j model keeps first and separate (each sample computed on its own)";
        }
        if (REFUSED.containsKey(className)) {
            return "Keras operation " + className + " is not supported by keras4j: " + REFUSED.get(className);
        }
        return "Keras operation " + className + " is not supported by keras4j" + ModelImportException.SUPPORTED
                + String.join(", ", new TreeSet<>(BY_CLASS.keySet())) + ")";
    }
}
