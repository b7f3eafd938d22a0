package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.RoiAlign;
import java.util.List;

/**
 * ONNX RoiAlign (opsets 10 and 16; torchvision's {@code roi_align}): the runtime op {@link RoiAlign} with {@code mode}
 * avg or max, {@code output_height}, {@code output_width}, {@code sampling_ratio}, {@code spatial_scale} and, from opset
 * 16, {@code coordinate_transformation_mode} half_pixel (its default) or output_half_pixel (opset 10's only behaviour).
 */
final class RoiAlignTranslator implements OpTranslator {
    @Override
    public int requiredInputs() {
        return 3;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        String mode = node.stringAttr("mode", "avg");
        String transform = b.opset() >= 16 ? node.stringAttr("coordinate_transformation_mode", "half_pixel")
                : "output_half_pixel";
        long height = node.intAttr("output_height", 1);
        long width = node.intAttr("output_width", 1);
        long ratio = node.intAttr("sampling_ratio", 0);
        float scale = node.floatAttr("spatial_scale", 1f);
        if (!mode.equals("avg") && !mode.equals("max")) {
            node.problem("mode " + mode + " is not supported (avg or max)");
        } else if (!transform.equals("half_pixel") && !transform.equals("output_half_pixel")) {
            node.problem("coordinate_transformation_mode " + transform + " is not supported (half_pixel or output_half_pixel)");
        } else if (height < 1 || width < 1 || height > 1 << 12 || width > 1 << 12 || ratio < 0 || ratio > 1 << 12) {
            node.problem("output_height " + height + ", output_width " + width + " and sampling_ratio " + ratio
                    + " must be sizes from 1 (0 for sampling_ratio) to 4096");
        } else {
            b.emit(node, new RoiAlign(mode.equals("avg") ? RoiAlign.Mode.AVG : RoiAlign.Mode.MAX, (int) height, (int) width,
                    (int) ratio, scale, transform.equals("half_pixel")), List.of(node.input(0), node.input(1), node.input(2)),
                    List.of(node.output(0)), b.type(node.input(0)));
        }
    }
}
