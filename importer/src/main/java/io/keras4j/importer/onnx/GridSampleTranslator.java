package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.primitive.GridSample;
import java.util.List;
import java.util.Map;

/**
 * ONNX GridSample (opset 16: mode bilinear, nearest or bicubic; opset 20: linear, nearest or cubic) of images
 * {@code [N, C, H, W]} (torch's {@code grid_sample}, as after {@code affine_grid} in a spatial transformer);
 * padding_mode zeros, border or reflection; align_corners. Volumes (opset 20) are refused.
 */
final class GridSampleTranslator implements OpTranslator {
    private static final Map<String, GridSample.Mode> MODES_16 = Map.of("bilinear", GridSample.Mode.LINEAR,
            "nearest", GridSample.Mode.NEAREST, "bicubic", GridSample.Mode.CUBIC);
    private static final Map<String, GridSample.Mode> MODES_20 = Map.of("linear", GridSample.Mode.LINEAR,
            "nearest", GridSample.Mode.NEAREST, "cubic", GridSample.Mode.CUBIC);
    private static final Map<String, GridSample.Padding> PADDINGS = Map.of("zeros", GridSample.Padding.ZEROS,
            "border", GridSample.Padding.BORDER, "reflection", GridSample.Padding.REFLECTION);

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        boolean newer = b.opset() >= 20;
        String modeName = node.stringAttr("mode", newer ? "linear" : "bilinear");
        GridSample.Mode mode = (newer ? MODES_20 : MODES_16).get(modeName);
        if (mode == null) {
            node.problem("mode=" + modeName + " is not supported (" + (newer ? "linear, nearest or cubic" : "bilinear,"
                    + " nearest or bicubic") + " at opset " + b.opset() + ")");
        }
        String paddingName = node.stringAttr("padding_mode", "zeros");
        GridSample.Padding padding = PADDINGS.get(paddingName);
        if (padding == null) {
            node.problem("padding_mode=" + paddingName + " is not supported (zeros, border or reflection)");
        }
        long align = node.intAttr("align_corners", 0);
        if (align != 0 && align != 1) {
            node.problem("align_corners=" + align + " is not supported (0 or 1)");
        }
        if (b.shape(node.input(0)).length != 4) {
            node.problem("only images [N, C, H, W] are sampled, got an input of rank " + b.shape(node.input(0)).length);
            return;
        }
        if (mode != null && padding != null && (align == 0 || align == 1)) {
            b.emit(node, new GridSample(mode, padding, align == 1), List.of(node.input(0), node.input(1)),
                    List.of(node.output(0)), b.type(node.input(0)));
        }
    }
}
