package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.AffineGrid;
import java.util.List;

/**
 * ONNX AffineGrid (opset 20) of images: theta {@code [N, 2, 3]} and a size {@code (N, C, H, W)}, constant or computed
 * from shapes (as torch exports {@code affine_grid(theta, x.shape)}); align_corners. Volumes (a size of 5) are refused.
 */
final class AffineGridTranslator implements OpTranslator {
    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        long align = node.intAttr("align_corners", 0);
        if (align != 0 && align != 1) {
            node.problem("align_corners=" + align + " is not supported (0 or 1)");
            return;
        }
        int[] size = b.shape(node.input(1));
        if (size.length != 1 || size[0] != 4) {
            node.problem("only the grids of images are made (a size (N, C, H, W)), got a size of shape "
                    + io.keras4j.runtime.Shapes.toString(size));
            return;
        }
        b.emit(node, new AffineGrid(align == 1), List.of(node.input(0), node.input(1)), List.of(node.output(0)),
                b.type(node.input(0)));
    }
}
