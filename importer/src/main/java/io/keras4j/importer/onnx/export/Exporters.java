package io.keras4j.importer.onnx.export;

import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.Attention;
import io.keras4j.runtime.ops.BatchDot;
import io.keras4j.runtime.ops.BatchNormalization;
import io.keras4j.runtime.ops.BidirectionalMerge;
import io.keras4j.runtime.ops.Concatenate;
import io.keras4j.runtime.ops.ConvTranspose;
import io.keras4j.runtime.ops.ConvLstm;
import io.keras4j.runtime.ops.Convolution;
import io.keras4j.runtime.ops.Dense;
import io.keras4j.runtime.ops.Elu;
import io.keras4j.runtime.ops.Embedding;
import io.keras4j.runtime.ops.GlobalPooling1D;
import io.keras4j.runtime.ops.GroupNormalization;
import io.keras4j.runtime.ops.Gru;
import io.keras4j.runtime.ops.Identity;
import io.keras4j.runtime.ops.LayerNormalization;
import io.keras4j.runtime.ops.Lstm;
import io.keras4j.runtime.ops.Masking;
import io.keras4j.runtime.ops.Merge;
import io.keras4j.runtime.ops.MergeBatchTime;
import io.keras4j.runtime.ops.MergeMask;
import io.keras4j.runtime.ops.MultiHeadAttention;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.Pooling1D;
import io.keras4j.runtime.ops.PRelu;
import io.keras4j.runtime.ops.Pooling;
import io.keras4j.runtime.ops.RecurrentOp;
import io.keras4j.runtime.ops.Relu;
import io.keras4j.runtime.ops.RepeatVector;
import io.keras4j.runtime.ops.Reshape;
import io.keras4j.runtime.ops.Resize;
import io.keras4j.runtime.ops.SimpleRnn;
import io.keras4j.runtime.ops.Softmax;
import io.keras4j.runtime.ops.SplitBatchTime;
import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.UnitNormalization;
import io.keras4j.runtime.ops.primitive.ArgExtreme;
import io.keras4j.runtime.ops.primitive.Cast;
import io.keras4j.runtime.ops.primitive.Concat;
import io.keras4j.runtime.ops.primitive.Constant;
import io.keras4j.runtime.ops.primitive.Einsum;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Expand;
import io.keras4j.runtime.ops.primitive.Gather;
import io.keras4j.runtime.ops.primitive.Pad;
import io.keras4j.runtime.ops.primitive.Reduce;
import io.keras4j.runtime.ops.primitive.Repeat;
import io.keras4j.runtime.ops.primitive.ShapeOf;
import io.keras4j.runtime.ops.primitive.ReverseAxis;
import io.keras4j.runtime.ops.primitive.Slice;
import io.keras4j.runtime.ops.primitive.Squeeze;
import io.keras4j.runtime.ops.primitive.Tile;
import io.keras4j.runtime.ops.primitive.TopK;
import io.keras4j.runtime.ops.primitive.Trilu;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.Map;

/** The exporter of each runtime op class. */
final class Exporters {
    private static final OpExporter RECURRENT = new RecurrentExporter();
    private static final Map<Class<? extends Op>, OpExporter> BY_OP = Map.ofEntries(
            Map.entry(Lstm.class, RECURRENT),
            Map.entry(Gru.class, RECURRENT),
            Map.entry(SimpleRnn.class, RECURRENT),
            Map.entry(BidirectionalMerge.class, new BidirectionalMergeExporter()),
            Map.entry(Dense.class, new DenseExporter()),
            Map.entry(ActivationOp.class, new Activations()),
            Map.entry(Identity.class, new IdentityExporter()),
            Map.entry(Masking.class, new MaskingExporter()),
            Map.entry(Embedding.class, new EmbeddingExporter()),
            Map.entry(Convolution.class, new ConvolutionExporter()),
            Map.entry(Pooling.class, new PoolingExporter()),
            Map.entry(Pooling1D.class, new PoolingExporter()),
            Map.entry(GlobalPooling1D.class, new GlobalPoolingExporter()),
            Map.entry(BatchNormalization.class, new NormalizationExporter()),
            Map.entry(LayerNormalization.class, new NormalizationExporter()),
            Map.entry(GroupNormalization.class, new NormalizationExporter()),
            Map.entry(UnitNormalization.class, new UnitNormalizationExporter()),
            Map.entry(Merge.class, new MergeExporter()),
            Map.entry(Concatenate.class, new ConcatenateExporter()),
            Map.entry(Reshape.class, new ReshapeExporter()),
            Map.entry(Transpose.class, new TransposeExporter()),
            Map.entry(RepeatVector.class, new RepeatVectorExporter()),
            Map.entry(Softmax.class, new SoftmaxExporter()),
            Map.entry(Constant.class, new ConstantExporter()),
            Map.entry(Elementwise.class, new ElementwiseExporter()),
            Map.entry(Reduce.class, new ReduceExporter()),
            Map.entry(Cast.class, new CastExporter()),
            Map.entry(Where.class, new WhereExporter()),
            Map.entry(Pad.class, new PadExporter()),
            Map.entry(Repeat.class, new RepeatExporter()),
            Map.entry(Unsqueeze.class, new AxesExporter()),
            Map.entry(Squeeze.class, new AxesExporter()),
            Map.entry(Gather.class, new DirectExporter("Gather", 1, "axis")),
            Map.entry(Slice.class, new DirectExporter("Slice", 1, null)),
            Map.entry(Concat.class, new DirectExporter("Concat", "axis")),
            Map.entry(io.keras4j.runtime.ops.primitive.Flatten.class, new DirectExporter("Flatten", 1, "axis")),
            Map.entry(io.keras4j.runtime.ops.primitive.MatMul.class, new DirectExporter("MatMul", null)),
            Map.entry(io.keras4j.runtime.ops.primitive.Reshape.class, new DirectExporter("Reshape", 1, null)),
            Map.entry(Tile.class, new DirectExporter("Tile", 1, null)),
            Map.entry(Expand.class, new DirectExporter("Expand", 1, null)),
            Map.entry(Einsum.class, new DirectExporter("Einsum", "equation")),
            Map.entry(Trilu.class, new TriluExporter()),
            Map.entry(ArgExtreme.class, new IndexOutputExporter()),
            Map.entry(TopK.class, new IndexOutputExporter()),
            Map.entry(ShapeOf.class, new IndexOutputExporter()),
            Map.entry(MergeBatchTime.class, new BatchTimeExporter()),
            Map.entry(SplitBatchTime.class, new BatchTimeExporter()),
            Map.entry(Relu.class, new ActivationLayerExporter()),
            Map.entry(Elu.class, new ActivationLayerExporter()),
            Map.entry(PRelu.class, new ActivationLayerExporter()),
            Map.entry(Resize.class, new ResizeExporter()),
            Map.entry(MergeMask.class, new MergeMaskExporter()),
            Map.entry(BatchDot.class, new DotExporter()),
            Map.entry(ReverseAxis.class, new ReverseExporter()),
            Map.entry(ConvTranspose.class, new ConvTransposeExporter()),
            Map.entry(MultiHeadAttention.class, new MultiHeadAttentionExporter()),
            Map.entry(Attention.class, new AttentionExporter()),
            Map.entry(ConvLstm.class, new ConvLstmExporter()));

    private Exporters() {
    }

    /** Writes {@code node}, or records why it cannot be written. */
    static void export(Node node, OnnxWriter w) {
        OpExporter e = BY_OP.get(node.op().getClass());
        if (e == null && node.op() instanceof RecurrentOp) {
            e = RECURRENT;
        }
        if (e == null) {
            w.problem(node, "not supported by the ONNX exporter (see the README's Export section for the layers that are)");
        } else {
            e.export(node, w);
        }
    }
}
