package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.LayerNormalization;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.Gather;
import io.keras4j.runtime.ops.primitive.Reduce;
import io.keras4j.runtime.ops.primitive.ShapeOf;
import io.keras4j.runtime.ops.primitive.Slice;
import java.util.List;

/**
 * ONNX Runtime's EmbedLayerNormalization (com.microsoft), what its transformers optimizer makes of BERT's embeddings:
 * the rows of the word table for input_ids, plus the position table's rows for position_ids ({@code [batch, steps]} or
 * {@code [1, steps]}; without them rows 0 to steps-1), plus the segment table's rows for segment_ids if given, in that
 * order in float32 (output 2, embedding_sum), normalized over the hidden axis with gamma, beta and {@code epsilon}
 * in the float32 steps of ONNX Runtime's kernel ({@link LayerNormalization.Form#ORT_EMBED}; output 0). Output 1, mask_index, counts each row's mask entries equal to 1 (int32 {@code [batch]}); it needs the
 * mask. gamma and beta are constants.
 */
final class EmbedLayerNormalizationTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        float epsilon = node.floatAttr("epsilon", 1e-12f);
        long maskIndexType = node.intAttr("mask_index_type", 1);
        if (maskIndexType != 0 && maskIndexType != 1) {
            node.problem("attribute mask_index_type = " + maskIndexType + " is not supported (0 or 1)");
            return;
        }
        if (!node.output(1).isEmpty() && node.input(7).isEmpty()) {
            node.problem("output 1 (mask_index, '" + node.output(1) + "') without input 7 (mask) is not supported");
            return;
        }
        if (Args.required(node, 2, "word_embedding") == null || Args.required(node, 3, "position_embedding") == null
                || Args.required(node, 5, "gamma") == null) {
            return;
        }
        boolean segmented = !node.input(1).isEmpty();
        if (segmented == node.input(4).isEmpty()) {
            node.problem("segment_ids (input 1) and segment_embedding (input 4) must be given together");
            return;
        }
        String ids = node.input(0);
        String positions = node.input(8);
        if (positions.isEmpty()) {
            positions = firstPositions(node, b, ids);
        }
        String sum = node.output(2).isEmpty() ? b.fresh(node, "embedding_sum") : node.output(2);
        String word = b.fresh(node, "word");
        String position = b.fresh(node, "position");
        String partial = segmented ? b.fresh(node, "partial") : sum;
        if (positions == null
                || !b.emit(node, new Gather(0), List.of(node.input(2), ids), List.of(word), DataTypes.FLOAT)
                || !b.emit(node, new Gather(0), List.of(node.input(3), positions), List.of(position), DataTypes.FLOAT)
                || !b.emit(node, new Elementwise(Elementwise.Kind.ADD), List.of(word, position), List.of(partial), DataTypes.FLOAT)) {
            return;
        }
        if (segmented) {
            String segment = b.fresh(node, "segment");
            if (!b.emit(node, new Gather(0), List.of(node.input(4), node.input(1)), List.of(segment), DataTypes.FLOAT)
                    || !b.emit(node, new Elementwise(Elementwise.Kind.ADD), List.of(partial, segment), List.of(sum),
                    DataTypes.FLOAT)) {
                return;
            }
        }
        LayerNormalizationTranslator.normalize(node, b, sum, -1, epsilon, 5, 6, LayerNormalization.Form.ORT_EMBED, node.output(0));
        if (!node.output(1).isEmpty()) {
            String ones = b.fresh(node, "ones");
            String one = b.fresh(node, "one");
            b.defineConstant(one, OnnxTensor.ofLongs(DataTypes.INT32, new int[0], new long[] {1}));
            if (b.emit(node, new Elementwise(Elementwise.Kind.EQUAL), List.of(node.input(7), one), List.of(ones), DataTypes.INT32)) {
                b.emit(node, new Reduce(Reduce.Kind.SUM, new long[] {1}, false), List.of(ones), List.of(node.output(1)),
                        DataTypes.INT32);
            }
        }
    }

    /** The positions 0 to steps-1 of ids {@code [batch, steps]}, as indices {@code [steps]}; null after a problem. */
    private static String firstPositions(OnnxNode node, OnnxGraphBuilder b, String ids) {
        String steps = b.fresh(node, "steps");
        String zero = SliceTranslator.define(node, b, "zero", new long[] {0});
        String range = b.fresh(node, "positions");
        String all = b.fresh(node, "all_positions");
        int tableRows = b.shape(node.input(3)).length == 0 ? 0 : b.shape(node.input(3))[0];
        b.defineConstant(all, OnnxTensor.ofLongs(DataTypes.INT64, new int[] {tableRows}, java.util.stream.LongStream
                .range(0, tableRows).toArray()));
        return b.emit(node, new ShapeOf(1, 2), List.of(ids), List.of(steps), DataTypes.INT64)
                && b.emit(node, new Slice(4), List.of(all, zero, steps, zero), List.of(range), DataTypes.INT64) ? range : null;
    }
}
