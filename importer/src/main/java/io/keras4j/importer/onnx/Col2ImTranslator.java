package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.Col2Im;
import java.util.Arrays;
import java.util.List;

/**
 * ONNX Col2Im (opset 18; torch exports {@code nn.Fold} as it): the runtime op {@link Col2Im} with {@code dilations},
 * {@code pads} (each axis' begin, then each axis' end) and {@code strides}; image_shape and block_shape must be
 * constants, and the columns' block count must be the one they imply. The pads are read from the attribute as
 * {@link AutoPad} reads a Conv's (Col2Im has no auto_pad). Dilations other than 1 are refused unless the image has two
 * axes: elsewhere ONNX Runtime 1.30 steps through the rows by the dilated block's sizes, unlike the definition.
 */
final class Col2ImTranslator implements OpTranslator {
    @Override
    public int requiredInputs() {
        return 3;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        int[] image = sizes(node, b, 1, "image_shape");
        int[] block = sizes(node, b, 2, "block_shape");
        if (image == null || block == null) {
            return;
        }
        if (image.length == 0 || image.length != block.length) {
            node.problem("image_shape " + Arrays.toString(image) + " and block_shape " + Arrays.toString(block)
                    + " must hold one size for each image axis");
            return;
        }
        int axes = image.length;
        int[] strides = ConvTranslator.sizes(node, "strides", axes);
        int[] dilations = ConvTranslator.sizes(node, "dilations", axes);
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        if (!autoPad.equals("NOTSET")) {
            node.problem("auto_pad " + autoPad + " is not an attribute of Col2Im");
            return;
        }
        AutoPad.Padding padding = strides == null || dilations == null ? null : AutoPad.of(node, image, strides, block);
        if (padding == null) {
            return;
        }
        if (axes != 2 && Arrays.stream(dilations).anyMatch(d -> d != 1)) {
            node.problem("dilations " + Arrays.toString(dilations) + " over " + axes + " image axes are not supported (only"
                    + " over two): ONNX Runtime 1.30 reads the columns' rows by the dilated block there, not as ONNX"
                    + " defines them");
            return;
        }
        b.emit(node, new Col2Im(image, block, dilations, padding.pads(), strides), List.of(node.input(0)),
                List.of(node.output(0)), b.type(node.input(0)));
    }

    /** The positive sizes in constant input {@code i}, or null after a problem. */
    private static int[] sizes(OnnxNode node, OnnxGraphBuilder b, int i, String what) {
        OnnxTensor t = Args.constant(node, b, i, what);
        long[] v = t == null ? null : Args.ints(node, t, what);
        if (v != null && Arrays.stream(v).anyMatch(s -> s < 1 || s > OnnxImporter.MAX_DIMENSION)) {
            node.problem(what + " " + Arrays.toString(v) + " must hold sizes from 1 to " + OnnxImporter.MAX_DIMENSION);
            return null;
        }
        return v == null ? null : Arrays.stream(v).mapToInt(s -> (int) s).toArray();
    }
}
