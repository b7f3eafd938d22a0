package io.keras4j.runtime.ops;

import io.keras4j.runtime.ops.flow.If;
import io.keras4j.runtime.ops.flow.Loop;
import io.keras4j.runtime.ops.flow.Scan;
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
import io.keras4j.runtime.ops.primitive.Dft;
import io.keras4j.runtime.ops.primitive.Col2Im;
import io.keras4j.runtime.ops.primitive.RoiAlign;
import io.keras4j.runtime.ops.primitive.NonZero;
import io.keras4j.runtime.ops.primitive.DynamicQuantizeLinear;
import io.keras4j.runtime.ops.primitive.LinearQuantization;
import io.keras4j.runtime.ops.primitive.QuantizedAdd;
import io.keras4j.runtime.ops.primitive.QuantizedSoftmax;
import io.keras4j.runtime.ops.primitive.Requantize;
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
import io.keras4j.runtime.ops.primitive.ReverseAxis;
import io.keras4j.runtime.ops.primitive.Scatter;
import io.keras4j.runtime.ops.primitive.SequenceMask;
import io.keras4j.runtime.ops.primitive.ShapeOf;
import io.keras4j.runtime.ops.primitive.Slice;
import io.keras4j.runtime.ops.primitive.Squeeze;
import io.keras4j.runtime.ops.primitive.Stft;
import io.keras4j.runtime.ops.primitive.Tile;
import io.keras4j.runtime.ops.primitive.TopK;
import io.keras4j.runtime.ops.primitive.Trilu;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import io.keras4j.runtime.ops.primitive.Where;
import io.keras4j.runtime.ops.primitive.ZeroEmptySequences;
import java.util.Map;
import java.util.function.Function;

/** Rebuilds ops from their {@link OpSpec}, for the native model file. */
public final class OpRegistry {
    private static final Map<String, Function<OpSpec, Op>> FACTORIES = Map.ofEntries(
            Map.entry("LSTM", Lstm::fromSpec),
            Map.entry("GRU", Gru::fromSpec),
            Map.entry("SimpleRNN", SimpleRnn::fromSpec),
            Map.entry("Bidirectional", BidirectionalMerge::fromSpec),
            Map.entry("Dense", Dense::fromSpec),
            Map.entry("Activation", ActivationOp::fromSpec),
            Map.entry("Identity", Identity::fromSpec),
            Map.entry("MergeBatchTime", s -> new MergeBatchTime()),
            Map.entry("SplitBatchTime", s -> new SplitBatchTime()),
            Map.entry("Embedding", Embedding::fromSpec),
            Map.entry("Masking", Masking::fromSpec),
            Map.entry("Conv1D", Convolution::fromSpec),
            Map.entry("Conv2D", Convolution::fromSpec),
            Map.entry("ConvLSTM2D", ConvLstm::fromSpec),
            Map.entry("ConvLSTM3D", ConvLstm::fromSpec),
            Map.entry("Conv3D", Convolution::fromSpec),
            Map.entry("MaxPooling2D", Pooling::fromSpec),
            Map.entry("MaxPooling3D", Pooling::fromSpec),
            Map.entry("AveragePooling2D", Pooling::fromSpec),
            Map.entry("AveragePooling3D", Pooling::fromSpec),
            Map.entry("MaxPooling1D", Pooling1D::fromSpec),
            Map.entry("AveragePooling1D", Pooling1D::fromSpec),
            Map.entry("AdaptiveMaxPooling1D", Pooling1D::fromSpec),
            Map.entry("AdaptiveAveragePooling1D", Pooling1D::fromSpec),
            Map.entry("AdaptiveMaxPooling2D", AdaptivePooling::fromSpec),
            Map.entry("AdaptiveMaxPooling3D", AdaptivePooling::fromSpec),
            Map.entry("AdaptiveAveragePooling2D", AdaptivePooling::fromSpec),
            Map.entry("AdaptiveAveragePooling3D", AdaptivePooling::fromSpec),
            Map.entry("GlobalMaxPooling1D", GlobalPooling1D::fromSpec),
            Map.entry("GlobalAveragePooling1D", GlobalPooling1D::fromSpec),
            Map.entry("Reshape", Reshape::fromSpec),
            Map.entry("Transpose", Transpose::fromSpec),
            Map.entry("RepeatVector", RepeatVector::fromSpec),
            Map.entry("Concatenate", Concatenate::fromSpec),
            Map.entry("Merge", Merge::fromSpec),
            Map.entry("MergeMask", MergeMask::fromSpec),
            Map.entry("BatchNormalization", BatchNormalization::fromSpec),
            Map.entry("LayerNormalization", LayerNormalization::fromSpec),
            Map.entry("UnitNormalization", UnitNormalization::fromSpec),
            Map.entry("GroupNormalization", GroupNormalization::fromSpec),
            Map.entry("Conv1DTranspose", ConvTranspose::fromSpec),
            Map.entry("Conv2DTranspose", ConvTranspose::fromSpec),
            Map.entry("Conv3DTranspose", ConvTranspose::fromSpec),
            Map.entry("Resize", Resize::fromSpec),
            Map.entry("Spectrogram", Spectrogram::fromSpec),
            Map.entry("Fft", Fft::fromSpec),
            Map.entry("Determinant", Determinant::fromSpec),
            Map.entry("LinearSolve", LinearSolve::fromSpec),
            Map.entry("Cholesky", Cholesky::fromSpec),
            Map.entry("PowerToDb", PowerToDb::fromSpec),
            Map.entry("Clahe", Clahe::fromSpec),
            Map.entry("FingerprintHash", FingerprintHash::fromSpec),
            Map.entry("ColorSpace", ColorSpace::fromSpec),
            Map.entry("LRN", LocalResponseNormalization::fromSpec),
            Map.entry("ReLU", Relu::fromSpec),
            Map.entry("LeakyReLU", Relu::fromSpec),
            Map.entry("ELU", Elu::fromSpec),
            Map.entry("PReLU", PRelu::fromSpec),
            Map.entry("Dot", BatchDot::fromSpec),
            Map.entry("Attention", Attention::fromSpec),
            Map.entry("AdditiveAttention", Attention::fromSpec),
            Map.entry("MultiHeadAttention", MultiHeadAttention::fromSpec),
            Map.entry("AttentionMask", AttentionMask::fromSpec),
            Map.entry("Pad", Pad::fromSpec),
            Map.entry("MatMul", MatMul::fromSpec),
            Map.entry("Range", Range::fromSpec),
            Map.entry("Trilu", Trilu::fromSpec),
            Map.entry("GridSample", GridSample::fromSpec),
            Map.entry("AffineGrid", AffineGrid::fromSpec),
            Map.entry("Repeat", Repeat::fromSpec),
            Map.entry("Tile", Tile::fromSpec),
            Map.entry("ArgExtreme", ArgExtreme::fromSpec),
            Map.entry("CumSum", Cumulative::fromSpec),
            Map.entry("DFT", Dft::fromSpec),
            Map.entry("STFT", Stft::fromSpec),
            Map.entry("CumProd", Cumulative::fromSpec),
            Map.entry("NonZero", NonZero::fromSpec),
            Map.entry("Col2Im", Col2Im::fromSpec),
            Map.entry("RoiAlign", RoiAlign::fromSpec),
            Map.entry("If", If::fromSpec),
            Map.entry("Loop", Loop::fromSpec),
            Map.entry("Scan", Scan::fromSpec),
            Map.entry("AbsMaxQuantization", AbsMaxQuantization::fromSpec),
            Map.entry("Float8Quantization", Float8Quantization::fromSpec),
            Map.entry("DynamicQuantizeLinear", DynamicQuantizeLinear::fromSpec),
            Map.entry("DynamicQuantizeLSTM", DynamicQuantizedLstm::fromSpec),
            Map.entry("LinearQuantization", LinearQuantization::fromSpec),
            Map.entry("Requantize", Requantize::fromSpec),
            Map.entry("QuantizedAdd", QuantizedAdd::fromSpec),
            Map.entry("QuantizedSoftmax", QuantizedSoftmax::fromSpec),
            Map.entry("Einsum", Einsum::fromSpec),
            Map.entry("TopK", TopK::fromSpec),
            Map.entry("OneHot", OneHot::fromSpec),
            Map.entry("Softmax", Softmax::fromSpec),
            Map.entry("LogSoftmax", Softmax::fromSpec),
            Map.entry("Hardmax", Softmax::fromSpec),
            Map.entry("SoftmaxUnzeroed", Softmax::fromSpec),
            Map.entry("Cast", Cast::fromSpec),
            Map.entry("Concat", Concat::fromSpec),
            Map.entry("Constant", Constant::fromSpec),
            Map.entry("ConstantOfShape", ConstantOfShape::fromSpec),
            Map.entry("Elementwise", Elementwise::fromSpec),
            Map.entry("Expand", s -> new Expand()),
            Map.entry("Where", s -> new Where()),
            Map.entry("Flatten", Flatten::fromSpec),
            Map.entry("Gather", Gather::fromSpec),
            Map.entry("GatherElements", GatherElements::fromSpec),
            Map.entry("Bucketize", Bucketize::fromSpec),
            Map.entry("IndexLookup", IndexLookup::fromSpec),
            Map.entry("Reduce", Reduce::fromSpec),
            Map.entry("GatherND", GatherNd::fromSpec),
            Map.entry("ScatterND", Scatter::fromSpec),
            Map.entry("ScatterElements", Scatter::fromSpec),
            Map.entry("DynamicReshape", io.keras4j.runtime.ops.primitive.Reshape::fromSpec),
            Map.entry("Reverse", ReverseAxis::fromSpec),
            Map.entry("SequenceMask", s -> new SequenceMask()),
            Map.entry("Shape", ShapeOf::fromSpec),
            Map.entry("Slice", Slice::fromSpec),
            Map.entry("Squeeze", Squeeze::fromSpec),
            Map.entry("Unsqueeze", Unsqueeze::fromSpec),
            Map.entry("ZeroEmptySequences", s -> new ZeroEmptySequences()));

    private OpRegistry() {
    }

    /**
     * The op a spec describes.
     *
     * @throws IllegalArgumentException for an unknown type or a spec whose attributes or weights do not fit it,
     *                                  with a message that starts with the op type
     */
    public static Op create(OpSpec spec) {
        Function<OpSpec, Op> factory = FACTORIES.get(spec.type());
        if (factory == null) {
            throw new IllegalArgumentException("unknown op type '" + spec.type() + "'");
        }
        try {
            return factory.apply(spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(spec.type() + ": " + e.getMessage(), e);
        } catch (ClassCastException | NullPointerException e) {
            throw new IllegalArgumentException("op " + spec.type() + " has attributes of the wrong kind: " + spec, e);
        }
    }
}
