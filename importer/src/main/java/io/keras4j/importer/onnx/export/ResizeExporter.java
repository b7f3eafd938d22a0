package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import io.keras4j.importer.onnx.proto.Onnx.NodeProto;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.ops.OpSpec;
import java.util.List;
import java.util.Locale;

/**
 * Resizing of channels-last images and volumes (Keras UpSampling2D/3D and Resizing, ONNX Resize) as ONNX Resize between
 * channels first↔last Transposes, to fixed sizes or by scales. TensorFlow's half-pixel mapping is ONNX's half_pixel for
 * linear and, where each axis grows by a whole factor (so that TensorFlow's {@code floor((o + 0.5)·in/out)} is exact),
 * tf_half_pixel_for_nn with floor for nearest. Refused: TensorFlow's bicubic (its weights come from a table of 1024
 * steps), nearest by other factors, Keras' aspect-ratio framing, and sizes read at run time.
 */
final class ResizeExporter implements OpExporter {
    @Override
    public void export(Node node, OnnxWriter w) {
        OpSpec s = node.op().spec();
        String x = node.inputs().get(0);
        int[] shape = w.shape(x);
        int rank = shape.length;
        String mode = s.stringAttr("mode").toLowerCase(Locale.ROOT);
        String coordinates = s.stringAttr("coordinates").toLowerCase(Locale.ROOT);
        String rounding = s.stringAttr("rounding").toLowerCase(Locale.ROOT);
        float[] scales = scales(s, rank);
        int[] sizes = s.has("sizes") ? s.intsAttr("sizes") : null;
        if (node.inputs().size() > 1 || sizes == null && scales == null) {
            w.problem(node, "sizes read at run time are not written by the ONNX exporter");
            return;
        }
        if (sizes != null && !s.stringAttr("frame").equals("IMAGE")) {
            w.problem(node, "Keras' framing " + s.stringAttr("frame") + " is not written by the ONNX exporter");
            return;
        }
        if (coordinates.equals("tensorflow")) {
            if (mode.equals("cubic")) {
                w.problem(node, "TensorFlow's bicubic weights come from a table of 1024 steps, which ONNX's cubic does not use");
                return;
            }
            if (mode.equals("nearest") && !wholeFactors(shape, sizes, scales)) {
                w.problem(node, "nearest resizing by a factor that is not a whole number: TensorFlow's source positions"
                        + " round differently from ONNX's");
                return;
            }
            coordinates = mode.equals("nearest") ? "tf_half_pixel_for_nn" : "half_pixel";
            rounding = "floor";
        }
        List<String> inputs;
        if (scales != null) {
            inputs = List.of(x, "", w.constant(node.name() + "/scales", scales, rank));
        } else if (shape[rank - 1] < 0) {
            w.problem(node, "resizing to fixed sizes needs the number of channels, known here only at run time");
            return;
        } else {
            long[] fixed = new long[rank - 1];
            fixed[0] = shape[rank - 1];
            for (int a = 0; a < sizes.length; a++) {
                fixed[a + 1] = sizes[a];
            }
            String batch = w.unary("Shape", x, attr("start", 0), attr("end", 1));
            inputs = List.of(x, "", "", w.apply("Concat", List.of(batch, w.longs(fixed)), attr("axis", 0)));
        }
        NodeProto.Builder b = Windows.channelsFirst(w, "Resize", inputs, node.outputs().get(0), rank);
        b.addAttribute(attr("mode", mode)).addAttribute(attr("coordinate_transformation_mode", coordinates))
                .addAttribute(attr("nearest_mode", rounding));
        if (mode.equals("cubic")) {
            b.addAttribute(attr("cubic_coeff_a", (float) s.doubleAttr("cubic_a")))
                    .addAttribute(attr("exclude_outside", s.boolAttr("exclude_outside") ? 1 : 0));
        }
    }

    /** The ONNX scales of a channels-first value ({@code 1, 1} for batch and channels), or null without scales. */
    private static float[] scales(OpSpec s, int rank) {
        if (!s.has("scale_rows")) {
            return null;
        }
        float[] scales = new float[rank];
        scales[0] = 1;
        scales[1] = 1;
        if (s.has("scale_depth")) {
            scales[2] = (float) s.doubleAttr("scale_depth");
        }
        scales[rank - 2] = (float) s.doubleAttr("scale_rows");
        scales[rank - 1] = (float) s.doubleAttr("scale_cols");
        return scales;
    }

    /** Whether every spatial axis grows by a whole factor. */
    private static boolean wholeFactors(int[] shape, int[] sizes, float[] scales) {
        for (int a = 0; a < shape.length - 2; a++) {
            boolean whole = scales != null ? scales[a + 2] == Math.rint(scales[a + 2])
                    : shape[a + 1] > 0 && sizes[a] % shape[a + 1] == 0;
            if (!whole) {
                return false;
            }
        }
        return true;
    }
}
