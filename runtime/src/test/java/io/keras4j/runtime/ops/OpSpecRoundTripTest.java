package io.keras4j.runtime.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.runtime.Shapes;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.primitive.AbsMaxQuantization;
import io.keras4j.runtime.ops.primitive.Float8Quantization;
import io.keras4j.runtime.ops.primitive.FingerprintHash;
import io.keras4j.runtime.ops.primitive.AffineGrid;
import io.keras4j.runtime.ops.primitive.ArgExtreme;
import io.keras4j.runtime.ops.primitive.Bucketize;
import io.keras4j.runtime.ops.primitive.Cast;
import io.keras4j.runtime.ops.primitive.Concat;
import io.keras4j.runtime.ops.primitive.Constant;
import io.keras4j.runtime.ops.primitive.ConstantOfShape;
import io.keras4j.runtime.ops.primitive.Cumulative;
import io.keras4j.runtime.ops.primitive.DynamicQuantizeLinear;
import io.keras4j.runtime.ops.primitive.LinearQuantization;
import io.keras4j.runtime.ops.primitive.QuantizedAdd;
import io.keras4j.runtime.ops.primitive.QuantizedSoftmax;
import io.keras4j.runtime.ops.primitive.Requantize;
import io.keras4j.runtime.ops.primitive.Col2Im;
import io.keras4j.runtime.ops.primitive.RoiAlign;
import io.keras4j.runtime.ops.primitive.NonZero;
import io.keras4j.runtime.ops.primitive.Einsum;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Expand;
import io.keras4j.runtime.ops.primitive.Flatten;
import io.keras4j.runtime.ops.primitive.Gather;
import io.keras4j.runtime.ops.primitive.GatherElements;
import io.keras4j.runtime.ops.primitive.GatherNd;
import io.keras4j.runtime.ops.primitive.GridSample;
import io.keras4j.runtime.ops.primitive.IndexLookup;
import io.keras4j.runtime.ops.primitive.MatMul;
import io.keras4j.runtime.ops.primitive.OneHot;
import io.keras4j.runtime.ops.primitive.Pad;
import io.keras4j.runtime.ops.primitive.Range;
import io.keras4j.runtime.ops.primitive.Reduce;
import io.keras4j.runtime.ops.primitive.Repeat;
import io.keras4j.runtime.ops.primitive.Reshape;
import io.keras4j.runtime.ops.primitive.ReverseAxis;
import io.keras4j.runtime.ops.primitive.Scatter;
import io.keras4j.runtime.ops.primitive.SequenceMask;
import io.keras4j.runtime.ops.primitive.ShapeOf;
import io.keras4j.runtime.ops.primitive.Slice;
import io.keras4j.runtime.ops.primitive.Squeeze;
import io.keras4j.runtime.ops.primitive.Tile;
import io.keras4j.runtime.ops.primitive.TopK;
import io.keras4j.runtime.ops.primitive.Trilu;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import io.keras4j.runtime.ops.primitive.Where;
import io.keras4j.runtime.ops.primitive.ZeroEmptySequences;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Every op rebuilt from its spec has the spec and computes the outputs of the original; bad specs are refused. */
class OpSpecRoundTripTest {

    /** An op with input shapes and values; a null value is filled with random numbers. */
    private record Case(Op op, int[][] shapes, float[]... values) {
    }

    private static int[] s(int... dims) {
        return dims;
    }

    private static float[] v(float... values) {
        return values;
    }

    private static List<Case> primitives() {
        List<Case> cases = new ArrayList<>(List.of(
                new Case(Cast.floatToInteger(8, true), new int[][] {s(2, 3)}, v(300.5f, -1.5f, 3e9f, Float.NaN, 7, -7)),
                new Case(Cast.floatToInteger(32, false), new int[][] {s(2, 3)}, v(-1, 3e9f, 1e10f, -3e9f, 0.5f, 9)),
                new Case(Cast.integerToInteger(16, false), new int[][] {s(2, 3)}, v(-1, 70000, 5, 0, 65535, -65536)),
                new Case(Cast.integerToInteger(8, true), new int[][] {s(3)}, v(0x1p63f, 1e19f, 0x1p64f - 0x1p40f)),
                new Case(OpRegistry.create(OpSpec.builder("Cast").attr("mode", "TRUNCATE_V2").build()), new int[][] {s(3)},
                        v(Float.NaN, 1e20f, -2.5f)),
                new Case(OpRegistry.create(OpSpec.builder("Cast").attr("mode", "TRUNCATE_V2").attr("bits", 8)
                        .attr("signed", false).build()), new int[][] {s(3)}, v(Float.NaN, 300.5f, -2.5f)),
                new Case(Cast.toBool(), new int[][] {s(4)}, v(0, 1.5f, -2, 0)),
                new Case(Softmax.log(3, new int[] {0, 2}), new int[][] {s(2, 2, 3)}, v(1, 2, 3, 4, 5, 6, -1, -2, -3, 60, -60, 0)),
                new Case(Softmax.hard(3, new int[] {1, 2}), new int[][] {s(2, 2, 3)}, v(1, 6, 3, 4, 6, 6, -1, -2, -3, 60, -60, 0)),
                new Case(new Reduce(Reduce.Kind.LOG_SUM, new long[] {1}, false), new int[][] {s(2, 3)}, v(1, 2, 3, 4, 5, 6)),
                new Case(Softmax.unzeroed(2, new int[] {1}), new int[][] {s(2, 3), s(2, 3)}, v(1, 2, 3, 4, 500, 6),
                        v(1, 0, 1, 0, 0, 0)),
                new Case(new Pad(new int[] {0, 1, 1, -1}, 0.5f), new int[][] {s(2, 3)}, (float[]) null),
                new Case(new Repeat(1, 3), new int[][] {s(2, 2, 2)}, (float[]) null),
                new Case(new AbsMaxQuantization(-100, 100, 0.01f), new int[][] {s(2, 3)}, v(0.5f, -2, 1, 0, 0, 0)),
                new Case(new Float8Quantization(0.25f), new int[][] {s(4)}, v(0.3f, -500, 1e-4f, 17.3f)),
                new Case(new GridSample(GridSample.Mode.CUBIC, GridSample.Padding.REFLECTION, true),
                        new int[][] {s(1, 2, 3, 3), s(1, 2, 2, 2)}, null, v(-1.2f, 0.3f, 0.5f, 1.7f, 0, 0, -0.4f, -0.9f)),
                new Case(new AffineGrid(false), new int[][] {s(1, 2, 3), s(4)}, v(1, 0.2f, 0.1f, -0.3f, 0.9f, 0), v(1, 3, 2, 4)),
                new Case(Pad.computed(new int[] {1}, 0.5f, Pad.Mode.EDGE), new int[][] {s(2, 3), s(2)}, null, v(2, 1)),
                new Case(new Pad(new int[] {0, 2, 0, 1}, 0f, Pad.Mode.REFLECT), new int[][] {s(2, 3)}, (float[]) null),
                new Case(new Tile(), new int[][] {s(2, 3), s(2)}, null, v(2, 1)),
                new Case(new ArgExtreme(false, -1, true, true, false), new int[][] {s(2, 3)}, v(1, 0, 0, Float.NaN, 2, 1)),
                new Case(new Cumulative(Cumulative.Kind.SUM, 1, true, true), new int[][] {s(2, 3)}, (float[]) null),
                new Case(new Cumulative(Cumulative.Kind.PRODUCT, 1, true, true), new int[][] {s(2, 3)}, (float[]) null),
                new Case(new LinearQuantization(LinearQuantization.Kind.QUANTIZE, 1, -128, 127), new int[][] {s(2, 3), s(3),
                        s(3)}, null, v(0.1f, 0.2f, 0.05f), v(0, 3, -2)),
                new Case(new LinearQuantization(LinearQuantization.Kind.DEQUANTIZE, 0, 0, 255), new int[][] {s(2, 3), s()},
                        v(0, 7, 255, 128, 3, 9), v(0.5f)),
                new Case(new Requantize(Requantize.Kind.SCALE_ROUND_OFFSET, 1, 3, -128, 127), new int[][] {s(2, 3), s(3)},
                        v(100, -7, 3000, 5, 0, -9000), v(0.02f, 0.5f, 0.01f)),
                new Case(new Requantize(Requantize.Kind.DIVIDE_OFFSET_ROUND, 0, 128, 0, 255), new int[][] {s(2, 3), s()},
                        v(0.1f, -2, 3, 0.25f, 7, -0.3f), v(0.05f)),
                new Case(new QuantizedAdd(v(0.02f, 0.03f, 0.04f), new long[] {128, 120, 130}, 0, 255),
                        new int[][] {s(2, 3), s(2, 3)}, v(0, 255, 128, 7, 90, 200), v(255, 0, 3, 128, 129, 60)),
                new Case(new QuantizedSoftmax(-1, false, 3, 0.1f, 1 / 256f, 0, false), new int[][] {s(2, 3)},
                        v(0, 200, 255, 7, 7, 9)),
                new Case(new QuantizedSoftmax(1, true, 4, 0.2f, 1 / 256f, -128, true), new int[][] {s(1, 2, 2)},
                        v(-128, 0, 127, 5)),
                new Case(new DynamicQuantizeLinear(), new int[][] {s(2, 3)}, v(-1, 0.5f, 2, 3, -0.25f, 1)),
                new Case(new DynamicQuantizedLstm(2, 1, v(3, -7, 127, -128, 0, 5, -1, 2), v(0.01f, 0.02f, 0.03f, 0.04f),
                        v(-100, 50, 9, 1), v(0.05f, 0.01f, 0.02f, 0.03f), v(0.1f, -0.2f, 0.3f, 0f), Activation.of(Kind.TANH),
                        Activation.of(Kind.SIGMOID), true, true, CellOptions.NONE), new int[][] {s(2, 3, 2), s(2, 1), s(2, 1)},
                        null, null, null),
                new Case(new NonZero(), new int[][] {s(2, 3)}, v(0, 0.5f, 0, Float.NaN, -2, 0)),
                new Case(new Col2Im(new int[] {3, 4}, new int[] {2, 2}, new int[] {1, 2}, new int[] {1, 0, 0, 1},
                        new int[] {1, 2}), new int[][] {s(2, 8, 6)}, (float[]) null),
                new Case(new RoiAlign(RoiAlign.Mode.MAX, 2, 3, 0, 0.5f, true), new int[][] {s(2, 1, 4, 5), s(2, 4), s(2)},
                        null, v(0, 1, 6, 7, -2, 0, 3, 9), v(1, 0)),
                new Case(new Einsum("...ij,jk->...ik"), new int[][] {s(2, 2, 3), s(3, 2)}, null, null),
                new Case(new OneHot(3, 1, true, -1f, 2f), new int[][] {s(2, 2)}, v(0, -1, 5, 2.7f)),
                new Case(new TopK(1, false), new int[][] {s(2, 3), s(1)}, v(3, Float.NaN, 1, 2, 2, 0), v(2)),
                new Case(new Reduce(Reduce.Kind.LOG_SUM_EXP, new long[] {1}, true), new int[][] {s(2, 3)},
                        v(1, 2, 3, 90, 91, -90)),
                new Case(new MatMul(), new int[][] {s(2, 1, 3), s(3, 2)}, null, null),
                new Case(new Range(), new int[][] {s(), s(), s()}, v(1), v(5), v(1.5f)),
                new Case(new Trilu(false, -1), new int[][] {s(2, 3, 3)}, (float[]) null),
                new Case(new ActivationOp(Activation.of(Kind.CLIP, -2.5, Float.MAX_VALUE)), new int[][] {s(4)},
                        v(Float.NaN, Float.POSITIVE_INFINITY, -3, 0.5f)),
                new Case(new ActivationOp(Activation.of(Kind.THRESHOLDED_RELU, 0.1, -2)), new int[][] {s(3)}, v(0, 0.1f, 1)),
                new Case(new ActivationOp(Activation.of(Kind.IS_INF, 0, 1)), new int[][] {s(3)},
                        v(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, 1)),
                new Case(new Concat(-1), new int[][] {s(2, 2), s(2, 3)}, null, null),
                new Case(new Constant(v(1, 2, 3, 4, 5, 6), s(2, 3)), new int[0][]),
                new Case(new Constant(v(7), s()), new int[0][]),
                new Case(new ConstantOfShape(2.5f), new int[][] {s(2)}, v(2, 3)),
                new Case(new Expand(), new int[][] {s(3), s(2)}, null, v(2, 3)),
                new Case(new Flatten(1), new int[][] {s(2, 3, 4)}, (float[]) null),
                new Case(new Gather(1), new int[][] {s(2, 3), s(2)}, null, v(2, -1)),
                new Case(new GatherElements(1, false), new int[][] {s(2, 3), s(2, 2)}, null, v(2, -1, 0, 1)),
                new Case(new GatherElements(-1, true), new int[][] {s(2, 3), s(1, 2)}, null, v(2, -3)),
                new Case(new GatherNd(1), new int[][] {s(2, 3, 2), s(2, 1)}, null, v(2, -1)),
                new Case(Scatter.nd(Scatter.Reduction.ADD), new int[][] {s(3, 2), s(2, 1), s(2, 2)}, null, v(1, 1), null),
                new Case(Scatter.elements(-1, Scatter.Reduction.NONE), new int[][] {s(2, 3), s(2, 2), s(2, 2)}, null,
                        v(2, -3, 0, 1), null),
                new Case(new Bucketize(v(-1, 0, 2.5f)), new int[][] {s(5)}, v(-2, -1, 0.5f, 3, Float.NaN)),
                new Case(new Spectrogram(6, 2, v(0, 0.25f, 0.75f, 1, 0.75f, 0.25f), 2), new int[][] {s(2, 9)}, (float[]) null),
                new Case(new Spectrogram(5, 3, null, 1), new int[][] {s(1, 7)}, (float[]) null),
                new Case(new Fft(Fft.Kind.COMPLEX, -1, true, -1), new int[][] {s(2, 6), s(2, 6)}, null, null),
                new Case(new Fft(Fft.Kind.REAL_TO_COMPLEX, 1, false, 8), new int[][] {s(2, 5, 3)}, (float[]) null),
                new Case(new Fft(Fft.Kind.COMPLEX_TO_REAL, -1, false, -1), new int[][] {s(2, 5), s(2, 5)}, null, null),
                new Case(new Determinant(Determinant.Kind.DET), new int[][] {s(2, 3, 3)}, (float[]) null),
                new Case(new Determinant(Determinant.Kind.SIGN_LOG_ABS), new int[][] {s(2, 3, 3)}, (float[]) null),
                new Case(new Determinant(Determinant.Kind.LOG_CHOLESKY), new int[][] {s(1, 2, 2)}, v(2, 0.5f, 0.5f, 1)),
                new Case(new LinearSolve(LinearSolve.Kind.GENERAL), new int[][] {s(2, 3, 3), s(2, 3)}, null, null),
                new Case(new LinearSolve(LinearSolve.Kind.UPPER), new int[][] {s(1, 2, 2), s(1, 2, 3)}, null, null),
                new Case(new Cholesky(Cholesky.Kind.FACTOR, true), new int[][] {s(1, 2, 2)}, v(2, 0.5f, 0.5f, 1)),
                new Case(new Cholesky(Cholesky.Kind.INVERSE, false), new int[][] {s(1, 2, 2)}, v(2, 0, 0.5f, 1)),
                new Case(new PowerToDb(1e-3, 2, 10), new int[][] {s(2, 3)}, v(5, 0, 1e-4f, 3, 300, 0.5f)),
                new Case(new Clahe(2, 1, 4), new int[][] {s(1, 3, 2, 1)}, v(0, 40, 80.5f, 255, -3, 300)),
                new Case(new FingerprintHash(97, null), new int[][] {s(2, 2)}, v(0, -12, 1e15f, 0.5f)),
                new Case(new FingerprintHash(11, 0f), new int[][] {s(3)}, v(0, 7, Float.NaN)),
                new Case(new ColorSpace(ColorSpace.Kind.RGB_TO_HSV), new int[][] {s(2, 3)}, v(0.2f, 0.9f, 0.4f, 1, 0, 1)),
                new Case(new ColorSpace(ColorSpace.Kind.HSV_TO_RGB), new int[][] {s(2, 3)}, v(0.2f, 0.9f, 0.4f, 0.7f, 0, 1)),
                new Case(new IndexLookup(v(12, 7, 42), true, 0, 2), new int[][] {s(6)}, v(0, 7, 42, 12, 5, -3)),
                new Case(Pooling1D.adaptive(true, 3, false), new int[][] {s(2, 7, 2)}, (float[]) null),
                new Case(Pooling1D.adaptive(false, 2, true), new int[][] {s(2, 3, 5)}, (float[]) null),
                new Case(new AdaptivePooling(true, s(2, 3)), new int[][] {s(2, 5, 7, 3)}, (float[]) null),
                new Case(new AdaptivePooling(false, s(2, 1, 3)), new int[][] {s(1, 3, 2, 8, 2)}, (float[]) null),
                new Case(new Convolution(4, 2, s(3), s(2), s(1), Padding.CAUSAL, null, 2, false, random(new Random(23), 12),
                        v(0.5f, -1), Activation.of(Kind.RELU)), new int[][] {s(2, 7, 4)}, (float[]) null),
                new Case(new Convolution(2, 3, s(2), s(1), s(2), Padding.EXPLICIT, s(1, 2), 1, false, random(new Random(24), 12),
                        null, Activation.of(Kind.SOFTMAX)), new int[][] {s(1, 5, 2)}, (float[]) null),
                new Case(new Convolution(4, 2, s(2, 3), s(1, 2), s(2, 1), Padding.SAME, null, 2, false, random(new Random(3), 24),
                        v(0.5f, -1), Activation.of(Kind.RELU)), new int[][] {s(2, 5, 6, 4)}, (float[]) null),
                new Case(new Convolution(1, 3, s(2, 2), s(2, 1), s(1, 1), Padding.EXPLICIT, s(1, 0, 0, 1), 1, false,
                        random(new Random(4), 12), null, Activation.of(Kind.LINEAR)), new int[][] {s(1, 4, 3, 1)}, (float[]) null),
                new Case(new ConvLstm(s(4, 5), 2, 3, s(2, 3), s(1, 2), s(2, 1), Padding.SAME, false,
                        random(new Random(5), 144), random(new Random(6), 216), random(new Random(7), 12),
                        Activation.of(Kind.TANH), Activation.of(Kind.HARD_SIGMOID, 0.2, 0.5), RecurrentOptions.DEFAULTS
                        .withReturnSequences(true).withReturnState(true).withGoBackwards(true)),
                        new int[][] {s(2, 3, 4, 5, 2)}, (float[]) null),
                new Case(new ConvLstm(s(3, 4, 2), 2, 2, s(2, 1, 2), s(2, 1, 1), s(1, 1, 1), Padding.SAME, true,
                        random(new Random(15), 64), random(new Random(16), 64), null, Activation.of(Kind.TANH),
                        Activation.of(Kind.SIGMOID), RecurrentOptions.DEFAULTS.withReturnState(true)),
                        new int[][] {s(1, 2, 3, 4, 2, 2)}, (float[]) null),
                new Case(new ConvTranspose(2, 3, s(3), s(2), s(2), s(1, 3), random(new Random(25), 18), v(1, 0, -1),
                        Activation.of(Kind.TANH)), new int[][] {s(2, 4, 2)}, (float[]) null),
                new Case(new ConvTranspose(2, 3, s(3, 2), s(2, 1), s(1, 1), s(1, 0, 2, 1), random(new Random(9), 36), null,
                        Activation.of(Kind.RELU)), new int[][] {s(2, 3, 4, 2)}, (float[]) null),
                new Case(new ConvTranspose(2, 2, s(2, 1, 2), s(2, 1, 3), s(1, 1, 1), s(1, 0, 1, 2, 0, 1), random(new Random(19), 16),
                        v(0.5f, -1), Activation.of(Kind.TANH)), new int[][] {s(1, 2, 3, 2, 2)}, (float[]) null),
                new Case(new Convolution(2, 3, s(2, 1, 2), s(1, 2, 1), s(1, 1, 2), Padding.SAME, null, 1, true,
                        random(new Random(8), 24), v(1, 0, -1), Activation.of(Kind.TANH)), new int[][] {s(2, 3, 4, 5, 2)},
                        (float[]) null),
                new Case(new Convolution(2, 2, s(2, 2, 1), s(2, 1, 1), s(1, 1, 1), Padding.EXPLICIT, s(1, 0, 2, 0, 1, 1), 1, false,
                        random(new Random(18), 16), null, Activation.of(Kind.LINEAR)), new int[][] {s(1, 3, 4, 2, 2)},
                        (float[]) null),
                new Case(new Pooling(true, s(2, 3), s(2, 1), Padding.SAME, null, false), new int[][] {s(2, 5, 4, 3)},
                        (float[]) null),
                new Case(new Pooling(false, s(3, 2), s(1, 2), Padding.EXPLICIT, s(1, 1, 2, 0), true),
                        new int[][] {s(1, 4, 5, 2)}, (float[]) null),
                new Case(new Pooling(false, s(3, 2), s(2, 3), Padding.EXPLICIT, s(1, 1, 1, 0), true, true),
                        new int[][] {s(1, 7, 8, 2)}, (float[]) null),
                new Case(new Pooling(true, s(2, 1, 3), s(3, 1, 2), Padding.SAME, null, false),
                        new int[][] {s(2, 6, 3, 5, 2)}, (float[]) null),
                new Case(new Pooling(false, s(2, 3, 2), s(1, 2, 2), Padding.EXPLICIT, s(1, 0, 1, 0, 2, 1), true, true),
                        new int[][] {s(1, 3, 6, 5, 2)}, (float[]) null),
                new Case(new Resize(Resize.Mode.CUBIC, Resize.Coordinates.TENSORFLOW, Resize.Rounding.FLOOR, -0.5f, true,
                        s(5, 7), null), new int[][] {s(2, 3, 4, 2)}, (float[]) null),
                new Case(new Resize(Resize.Mode.LINEAR, Resize.Coordinates.TENSORFLOW, Resize.Rounding.FLOOR, -0.5f, true,
                        s(3, 7), null).croppedToAspectRatio(), new int[][] {s(2, 6, 5, 2)}, (float[]) null),
                new Case(new Resize(Resize.Mode.NEAREST, Resize.Coordinates.TENSORFLOW, Resize.Rounding.FLOOR, -0.5f, true,
                        s(3, 2), null).centerCropped(), new int[][] {s(2, 6, 5, 2)}, (float[]) null),
                new Case(new Resize(Resize.Mode.LINEAR, Resize.Coordinates.TENSORFLOW, Resize.Rounding.FLOOR, -0.5f, true,
                        s(7, 2), null).centerCropped(), new int[][] {s(2, 6, 5, 2)}, (float[]) null),
                new Case(new Resize(Resize.Mode.CUBIC, Resize.Coordinates.TENSORFLOW, Resize.Rounding.FLOOR, -0.5f, true,
                        s(3, 8), null).paddedToAspectRatio(-1.5f), new int[][] {s(2, 6, 5, 2)}, (float[]) null),
                new Case(new Resize(Resize.Mode.LINEAR, Resize.Coordinates.HALF_PIXEL, Resize.Rounding.ROUND_PREFER_CEIL, -0.75f,
                        false, null, new float[] {1.5f, 0.5f}), new int[][] {s(1, 4, 6, 3)}, (float[]) null),
                new Case(new Resize(Resize.Mode.LINEAR, Resize.Coordinates.ALIGN_CORNERS, Resize.Rounding.FLOOR, -0.75f, false,
                        null, new float[] {2f, 1f, 1.5f}), new int[][] {s(1, 2, 3, 4, 2)}, (float[]) null),
                new Case(new LocalResponseNormalization(3, 0.01f, 0.5f, 2f), new int[][] {s(2, 3, 4, 5)}, (float[]) null),
                new Case(new LayerNormalization(3, new int[] {1, 2}, new int[] {2, 3}, 1e-6, v(1, 2, 3, 4, 5, 6), null,
                        LayerNormalization.Form.RMS), new int[][] {s(2, 2, 3)}, (float[]) null),
                new Case(new Reduce(Reduce.Kind.MEAN, new long[] {-1}, true), new int[][] {s(2, 3)}, (float[]) null),
                new Case(new Reduce(Reduce.Kind.MAX, new long[0], false), new int[][] {s(2, 3)}, (float[]) null),
                new Case(new Reshape(false), new int[][] {s(2, 6), s(3)}, null, v(0, 3, -1)),
                new Case(new ReverseAxis(1), new int[][] {s(2, 3, 2)}, (float[]) null),
                new Case(new SequenceMask(), new int[][] {s(2), s(2, 3, 2)}, v(1, 3), null),
                new Case(new ShapeOf(1, Long.MAX_VALUE), new int[][] {s(2, 3, 4)}, (float[]) null),
                new Case(new Slice(5), new int[][] {s(4, 5), s(1), s(1), s(1), s(1)}, null, v(1), v(1e9f), v(1), v(2)),
                new Case(new Squeeze(new long[] {1}), new int[][] {s(2, 1, 3)}, (float[]) null),
                new Case(new Unsqueeze(new long[] {0, -1}), new int[][] {s(2, 3)}, (float[]) null),
                new Case(new Where(), new int[][] {s(2, 1), s(3), s(2, 3)}, v(1, 0), v(1, 2, 3), v(4, 5, 6, 7, 8, 9)),
                new Case(new ZeroEmptySequences(), new int[][] {s(2, 3), s(2)}, null, v(0, 2))));
        for (Elementwise.Kind k : Elementwise.Kind.values()) {
            cases.add(new Case(new Elementwise(k), new int[][] {s(2, 3), s(3)}, v(1, 2, 3, 4, 5, 6), v(2, 2, 3)));
        }
        return cases;
    }

    private static List<Case> recurrent() {
        Random r = new Random(7);
        int in = 3;
        int u = 2;
        RecurrentOptions all = RecurrentOptions.DEFAULTS.withReturnSequences(true).withReturnState(true)
                .withGoBackwards(true).withMask(true).withZeroOutputForMask(true);
        CellOptions lstmCell = new CellOptions(0.75f, Activation.of(Kind.SCALED_TANH, 1.5, 0.5), random(r, 3 * u), true);
        Lstm lstm = new Lstm(in, u, random(r, in * 4 * u), random(r, u * 4 * u), random(r, 4 * u),
                Activation.of(Kind.AFFINE, 0.5, -0.25), Activation.of(Kind.HARD_SIGMOID, 0.3, 0.4), all, lstmCell);
        Gru gru = new Gru(in, u, random(r, in * 3 * u), random(r, u * 3 * u), random(r, 3 * u), random(r, 3 * u), true,
                Activation.of(Kind.THRESHOLDED_RELU, 0.1), Activation.of(Kind.SIGMOID),
                RecurrentOptions.DEFAULTS.withInitialState(true), new CellOptions(0.5f, null, null, false));
        SimpleRnn rnn = new SimpleRnn(in, u, random(r, in * u), random(r, u * u), null, Activation.of(Kind.LEAKY_RELU, 0.3),
                RecurrentOptions.DEFAULTS.withReturnSequences(true), new CellOptions(2f, null, null, false));
        return List.of(new Case(lstm, new int[][] {s(2, 4, in), s(2, 4)}, null, v(1, 1, 0, 1, 1, 1, 1, 0)),
                new Case(gru, new int[][] {s(2, 4, in), s(2, u)}, null, null),
                new Case(rnn, new int[][] {s(2, 4, in)}, (float[]) null));
    }

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static float[][] run(Op op, int[][] shapes, float[][] inputs) {
        int[][] outShapes = op.outputShapes(shapes, inputs);
        float[][] outputs = new float[outShapes.length][];
        for (int i = 0; i < outputs.length; i++) {
            outputs[i] = new float[Shapes.checkedSize(outShapes[i])];
        }
        op.forward(inputs, shapes, outputs, new float[op.scratchSize(shapes)]);
        return outputs;
    }

    private static void assertSameSpec(OpSpec want, OpSpec got) {
        assertEquals(want.type(), got.type());
        assertEquals(want.attributes().keySet(), got.attributes().keySet(), want.type());
        want.attributes().forEach((k, a) -> assertTrue(Objects.deepEquals(a, got.attributes().get(k)), want + " vs " + got));
        assertEquals(want.weights().keySet(), got.weights().keySet(), want.type());
        want.weights().forEach((k, w) -> {
            assertArrayEquals(w.shape(), got.weights().get(k).shape(), want.type() + " " + k);
            assertArrayEquals(w.values(), got.weights().get(k).values(), want.type() + " " + k);
        });
    }

    private static void assertRoundTrips(Case c) {
        Random r = new Random(1);
        float[][] inputs = new float[c.shapes().length][];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = c.values()[i] != null ? c.values()[i] : random(r, Shapes.checkedSize(c.shapes()[i]));
        }
        OpSpec spec = c.op().spec();
        Op rebuilt = OpRegistry.create(spec);
        assertEquals(c.op().getClass(), rebuilt.getClass());
        assertEquals(c.op().type(), rebuilt.type());
        assertSameSpec(spec, rebuilt.spec());
        assertEquals(c.op().parameterCount(), rebuilt.parameterCount());
        float[][] want = run(c.op(), c.shapes(), inputs);
        float[][] got = run(rebuilt, c.shapes(), inputs);
        for (int i = 0; i < want.length; i++) {
            assertArrayEquals(want[i], got[i], spec.type() + " output " + i);
        }
    }

    @Test
    void everyPrimitiveRoundTrips() {
        primitives().forEach(OpSpecRoundTripTest::assertRoundTrips);
    }

    @Test
    void recurrentOpsKeepTheirCellOptionsAndActivationParameters() {
        recurrent().forEach(OpSpecRoundTripTest::assertRoundTrips);
        Lstm lstm = (Lstm) OpRegistry.create(recurrent().get(0).op().spec());
        assertEquals(0.75f, lstm.cellOptions().clip());
        assertTrue(lstm.cellOptions().coupledInputForget());
        assertEquals("scaled_tanh(1.5, 0.5)", lstm.cellOptions().outputActivation().toString());
        assertNotNull(lstm.cellOptions().peepholes());
        assertEquals("hard_sigmoid(0.3, 0.4)", lstm.recurrentActivation().toString());
    }

    @Test
    void aKerasCellSpecHasNoCellOptions() {
        Lstm keras = new Lstm(1, 1, v(1, 2, 3, 4), v(1, 2, 3, 4), null, Activation.of(Kind.TANH), Activation.of(Kind.SIGMOID),
                RecurrentOptions.DEFAULTS);
        OpSpec spec = keras.spec();
        assertTrue(!spec.has("clip") && !spec.has("input_forget") && !spec.has("output_activation"), spec.toString());
        assertEquals(CellOptions.NONE, ((Lstm) OpRegistry.create(spec)).cellOptions());
    }

    private static void assertRefused(OpSpec spec, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpRegistry.create(spec));
        assertEquals(message, e.getMessage());
    }

    private static OpSpec withAttr(OpSpec spec, String name, Object value) {
        Map<String, Object> attrs = new java.util.LinkedHashMap<>(spec.attributes());
        attrs.put(name, value);
        return new OpSpec(spec.type(), attrs, spec.weights());
    }

    private static OpSpec without(OpSpec spec, String weight) {
        Map<String, OpSpec.WeightArray> weights = new java.util.LinkedHashMap<>(spec.weights());
        weights.remove(weight);
        return new OpSpec(spec.type(), spec.attributes(), weights);
    }

    @Test
    void aLayerNormalizationSpecWithoutAFormHasKerasOne() {
        for (boolean rms : new boolean[] {false, true}) {
            OpSpec old = OpSpec.builder("LayerNormalization").attr("rank", 2).attr("axes", new int[] {1})
                    .attr("sizes", new int[] {3}).attr("epsilon", 1e-3).attr("rms_scaling", rms)
                    .weight("gamma", v(1, 2, 3), 3).build();
            LayerNormalization.Form form = rms ? LayerNormalization.Form.KERAS_RMS_SCALING : LayerNormalization.Form.KERAS;
            LayerNormalization want = new LayerNormalization(2, new int[] {1}, new int[] {3}, 1e-3, v(1, 2, 3), null, form);
            Op got = OpRegistry.create(old);
            assertSameSpec(want.spec(), got.spec());
            float[][] x = {v(1000, 1001, 1003.5f)};
            assertArrayEquals(run(want, new int[][] {s(1, 3)}, x)[0], run(got, new int[][] {s(1, 3)}, x)[0]);
        }
    }

    @Test
    void convolutionSpecsWrittenBeforeTheyWereOneOpLoad() {
        Activation relu = Activation.of(Kind.RELU);
        float[] kernel = random(new Random(21), 24);
        OpSpec old2d = OpSpec.builder("Conv2D").attr("in_channels", 4).attr("filters", 2).attr("kernel_size", s(2, 3))
                .attr("strides", s(1, 2)).attr("dilations", s(2, 1)).attr("padding", "SAME").attr("groups", 2)
                .attr("activation", relu).weight("kernel", kernel, 2, 3, 2, 2).build();
        Convolution want2d = new Convolution(4, 2, s(2, 3), s(1, 2), s(2, 1), Padding.SAME, null, 2, false, kernel, null,
                relu);
        OpSpec old3d = OpSpec.builder("Conv3D").attr("in_channels", 2).attr("filters", 2).attr("kernel_size", s(1, 3, 2))
                .attr("strides", s(1, 3, 1)).attr("dilations", s(1, 1, 1)).attr("padding", "SAME").attr("tf_same", true)
                .attr("activation", relu).weight("kernel", kernel, 1, 3, 2, 2, 2).build();
        Convolution want3d = new Convolution(2, 2, s(1, 3, 2), s(1, 3, 1), s(1, 1, 1), Padding.SAME, null, 1, true,
                kernel, null, relu);
        OpSpec old1d = OpSpec.builder("Conv1D").attr("in_channels", 4).attr("filters", 2).attr("kernel_size", 3)
                .attr("stride", 1).attr("dilation", 2).attr("padding", "EXPLICIT").attr("pad_begin", 1).attr("pad_end", 2)
                .attr("groups", 2).attr("activation", relu).weight("kernel", Arrays.copyOf(kernel, 12), 3, 2, 2).build();
        Convolution want1d = new Convolution(4, 2, s(3), s(1), s(2), Padding.EXPLICIT, s(1, 2), 2, false,
                Arrays.copyOf(kernel, 12), null, relu);
        OpSpec old1dTransposed = OpSpec.builder("Conv1DTranspose").attr("in_channels", 2).attr("filters", 3)
                .attr("kernel_size", 2).attr("stride", 3).attr("dilation", 1).attr("pad_left", 1).attr("pad_right", 0)
                .attr("activation", relu).weight("kernel", Arrays.copyOf(kernel, 12), 2, 3, 2).build();
        ConvTranspose want1dTransposed = new ConvTranspose(2, 3, s(2), s(3), s(1), s(1, 0), Arrays.copyOf(kernel, 12), null,
                relu);
        for (Object[] c : new Object[][] {{old1d, want1d, s(2, 6, 4)}, {old2d, want2d, s(1, 5, 6, 4)},
                {old3d, want3d, s(1, 2, 7, 3, 2)}, {old1dTransposed, want1dTransposed, s(2, 4, 2)}}) {
            Op got = OpRegistry.create((OpSpec) c[0]);
            assertSameSpec(((Op) c[1]).spec(), got.spec());
            int[] shape = (int[]) c[2];
            float[][] x = {random(new Random(22), Arrays.stream(shape).reduce(1, (a, b) -> a * b))};
            assertArrayEquals(run((Op) c[1], new int[][] {shape}, x)[0], run(got, new int[][] {shape}, x)[0]);
        }
    }

    @Test
    void aResizeSpecWrittenBeforeItsFramesLoads() {
        Resize want = new Resize(Resize.Mode.LINEAR, Resize.Coordinates.TENSORFLOW, Resize.Rounding.FLOOR, -0.5f, true, s(3, 7),
                null).croppedToAspectRatio();
        Map<String, Object> attrs = new java.util.LinkedHashMap<>(want.spec().attributes());
        attrs.remove("frame");
        attrs.remove("fill");
        attrs.put("crop_to_aspect_ratio", true);
        Op got = OpRegistry.create(new OpSpec("Resize", attrs, want.spec().weights()));
        assertSameSpec(want.spec(), got.spec());
    }

    @Test
    void hostileSpecsAreRefusedNamingTheOpAndAttribute() {
        assertRefused(withAttr(new Concat(0).spec(), "axis", "0"), "Concat: attribute 'axis' must be a long, got String 0");
        Convolution conv3d = new Convolution(1, 1, s(1, 1, 1), s(1, 1, 1), s(1, 1, 1), Padding.VALID, null, 1, false, v(2), null,
                Activation.of(Kind.LINEAR));
        OpSpec asConv2d = new OpSpec("Conv2D", conv3d.spec().attributes(), conv3d.spec().weights());
        assertRefused(asConv2d, "Conv2D: its attributes describe a Conv3D");
        assertRefused(withAttr(new Squeeze(new long[] {0}).spec(), "axes", new int[] {0}),
                "Squeeze: attribute 'axes' must be a long array, got int[] [0]");
        assertRefused(withAttr(Cast.toBool().spec(), "mode", "FLOOR"),
                "Cast: attribute 'mode' is 'FLOOR', not one of [TRUNCATE, WRAP, BOOL, TRUNCATE_V2]");
        assertRefused(withAttr(new Elementwise(Elementwise.Kind.ADD).spec(), "kind", "REMAINDER"),
                "Elementwise: attribute 'kind' is 'REMAINDER', not one of [ADD, SUB, MUL, DIV, INT_DIV, POW, EQUAL, MAX, MIN,"
                        + " GREATER, LESS, GREATER_OR_EQUAL, LESS_OR_EQUAL, MOD, FMOD, NOT_EQUAL, AND, OR, XOR, FLOOR_DIV,"
                        + " FLOOR_MOD, ATAN2, HYPOT, LOG_ADD_EXP, LOG_ADD_EXP2, BIT_AND, BIT_OR, BIT_XOR, SHIFT_LEFT,"
                        + " SHIFT_RIGHT, NEXT_AFTER, GCD, LCM]");
        assertRefused(withAttr(new Slice(3).spec(), "input_count", 9), "Slice: Slice takes 3 to 5 inputs, got 9");
        assertRefused(withAttr(new ReverseAxis(1).spec(), "axis", -1), "Reverse: axis must be non-negative, got -1");
        assertRefused(without(new Constant(v(1), s()).spec(), "values"), "Constant: no weight 'values'");
        assertRefused(OpSpec.builder("Constant").weight("values", v(1, 2), 3).build(),
                "Constant: a constant of shape (3,) needs 3 values, got 2");
        assertRefused(OpSpec.builder("Gather").build(), "Gather: no attribute 'axis'");
        assertRefused(OpSpec.builder("Nonsense").build(), "unknown op type 'Nonsense'");

        OpSpec lstm = recurrent().get(0).op().spec();
        assertRefused(withAttr(lstm, "clip", -1.0), "LSTM: clip must be a positive finite bound (or 0 for none), got -1.0");
        assertRefused(withAttr(lstm, "clip", 1e300), "LSTM: clip must be a positive finite bound (or 0 for none), got Infinity");
        assertRefused(withAttr(lstm, "output_activation", "tanh(1"),
                "LSTM: attribute 'output_activation': malformed activation 'tanh(1'");
        assertRefused(withAttr(lstm, "units", -2), "LSTM: input_size 3 and units -2 must be positive, with 4·units below 2^31");
        assertRefused(withAttr(lstm, "units", 1 << 30),
                "LSTM: input_size 3 and units 1073741824 must be positive, with 4·units below 2^31");
        assertRefused(new OpSpec("LSTM", lstm.attributes(), Map.of("kernel", lstm.weights().get("kernel"),
                "recurrent_kernel", lstm.weights().get("recurrent_kernel"), "peepholes", new OpSpec.WeightArray(s(2), v(1, 2)))),
                "LSTM: peepholes must hold 6 values for shape [3, 2] but holds 2");
        OpSpec gru = recurrent().get(1).op().spec();
        assertRefused(withAttr(gru, "input_forget", true),
                "GRU: a GRU takes no peepholes, coupled forget gate or output activation");
        assertRefused(withAttr(gru, "reset_after", 1), "GRU: attribute 'reset_after' must be a boolean, got Integer 1");
    }
}
