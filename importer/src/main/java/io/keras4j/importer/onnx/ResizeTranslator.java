package io.keras4j.importer.onnx;

import io.keras4j.runtime.ops.Resize;
import io.keras4j.runtime.ops.primitive.Gather;
import io.keras4j.runtime.ops.primitive.Pad;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * ONNX Resize (opset 10 and later) and Upsample (opsets 7 to 9) of images {@code [batch, channels, rows, cols]},
 * volumes {@code [batch, channels, depth, rows, cols]} (torch's trilinear Upsample) and steps {@code [batch, channels,
 * steps]} (its linear Upsample; resized as a row of one), as torch's {@code interpolate} and {@code Upsample} export
 * them, run channels last as a {@link Resize}: constant scales {@code [1, 1, spatial...]}, or sizes (the batch and
 * channels unchanged), constant or, but for volumes, computed at run time (as torch exports {@code interpolate(size=...)}
 * with a dynamic batch or a size read from another tensor); {@code mode} nearest, linear or cubic;
 * {@code coordinate_transformation_mode} half_pixel, pytorch_half_pixel, align_corners, asymmetric, tf_half_pixel_for_nn;
 * {@code nearest_mode}, {@code cubic_coeff_a}, {@code exclude_outside}, {@code extrapolation_value} (unused by these
 * modes). tf_crop_and_resize, antialias, and
 * keep_aspect_ratio_policy other than stretch are refused. Upsample and Resize before opset 11 have asymmetric
 * coordinates and, as ONNX Runtime rounds them, nearest floored (Resize-10 down-scaled: rounded up; Upsample refuses scales
 * below 1).
 */
final class ResizeTranslator implements OpTranslator {

    private final boolean upsample;

    /** @param upsample the node is the older Upsample (scales as input 1, or as an attribute before opset 9) */
    ResizeTranslator(boolean upsample) {
        this.upsample = upsample;
    }

    @Override
    public void translate(OnnxNode node, OnnxGraphBuilder b) {
        int[] shape = b.shape(node.input(0));
        if (shape.length < 3 || shape.length > 5) {
            node.problem("only steps [batch, channels, steps], images [batch, channels, rows, cols] and volumes [batch,"
                    + " channels, depth, rows, cols] are resized, got an input of rank " + shape.length);
            return;
        }
        Resize.Mode mode = mode(node);
        // before opset 11 (Upsample, Resize-10) there is no coordinate_transformation_mode or nearest_mode: asymmetric
        boolean early = upsample || b.opset() < 11;
        Resize.Coordinates coordinates = early ? Resize.Coordinates.ASYMMETRIC : coordinates(node);
        Resize.Rounding rounding = early ? Resize.Rounding.FLOOR : rounding(node);
        boolean refused = mode == null || coordinates == null || rounding == null;
        if (node.intAttr("antialias", 0) != 0) {
            node.problem("antialias=" + node.intAttr("antialias", 0) + " is not supported (only 0)");
            refused = true;
        }
        String policy = node.stringAttr("keep_aspect_ratio_policy", "stretch");
        if (!policy.equals("stretch")) {
            node.problem("keep_aspect_ratio_policy " + policy + " is not supported (only stretch)");
            refused = true;
        }
        if (node.intsAttr("axes") != null) {
            node.problem("axes " + Arrays.toString(node.intsAttr("axes")) + " are not supported (the sizes or scales of every"
                    + " axis instead)");
            return; // the sizes or scales then cover only those axes
        }
        float[] scales = null;
        int[] sizes = null;
        String runTime = null;
        int scalesInput = upsample ? 1 : b.opset() < 11 ? 1 : 2;
        if (upsample && node.floatsAttr("scales") != null) {
            scales = spatialScales(node, node.floatsAttr("scales"), shape.length);
        } else if (!node.input(scalesInput).isEmpty() && (upsample || node.input(3).isEmpty())) {
            OnnxTensor t = Args.constant(node, b, scalesInput, "scales");
            scales = t == null ? null : spatialScales(node, t.floats(), shape.length);
        } else if (!upsample && b.opset() >= 11 && !node.input(3).isEmpty()) {
            OnnxTensor t = b.constant(node.input(3));
            if (t == null && shape.length < 5) {
                runTime = node.input(3);
            } else if (t == null) {
                node.problem("sizes of a volume must be a constant, not computed at run time");
            } else {
                long[] given = Args.ints(node, t, "sizes");
                sizes = given == null ? null : spatialSizes(node, given, shape);
            }
        } else {
            node.problem("needs constant scales or sizes");
        }
        if (refused || scales == null && sizes == null && runTime == null) {
            return;
        }
        float[] factors = scales;
        if (early && IntStream.range(0, factors.length).anyMatch(i -> factors[i] < 1)) {
            boolean mixed = IntStream.range(0, factors.length).anyMatch(i -> factors[i] >= 1);
            if (upsample || mode == Resize.Mode.NEAREST && mixed) {
                // ONNX Runtime refuses Upsample below 1, and rounds Resize-10's down-scaled nearest coordinates up
                node.problem("scales " + Arrays.toString(scales) + " below 1 are not supported here (" + (upsample
                        ? "Upsample needs at least 1)" : "a nearest Resize before opset 11 scales every spatial axis down or none)"));
                return;
            }
            if (mode == Resize.Mode.NEAREST) {
                rounding = Resize.Rounding.CEIL;
            }
        }
        float cubicA = node.floatAttr("cubic_coeff_a", -0.75f);
        boolean exclude = node.intAttr("exclude_outside", 0) != 0;
        boolean steps = shape.length == 3; // resized as a row of one
        Resize op;
        try {
            op = new Resize(mode, coordinates, rounding, cubicA, exclude, steps && sizes != null ? new int[] {1, sizes[0]} : sizes,
                    steps && scales != null ? new float[] {1, scales[0]} : scales);
        } catch (IllegalArgumentException e) {
            node.problem(e.getMessage());
            return;
        }
        if (!steps) {
            ConvTranslator.channelsLast(node, b, op, node.input(0), node.output(0),
                    runTime == null ? List.of() : List.of(runTime));
            return;
        }
        if (runTime == null) {
            ConvTranslator.channelsLastAsRow(node, b, op, List.of());
            return;
        }
        String rowSizes = rowSizes(node, b, runTime);
        if (rowSizes != null) {
            ConvTranslator.channelsLastAsRow(node, b, op, List.of(rowSizes));
        }
    }

    /**
     * The run-time sizes {@code [batch, channels, steps]} of steps as those of their row of one, {@code [batch, channels, 1,
     * steps]}: a 1 appended, then moved before the steps; null after a problem.
     */
    private static String rowSizes(OnnxNode node, OnnxGraphBuilder b, String sizes) {
        if (!Arrays.equals(b.shape(sizes), new int[] {3})) {
            node.problem("sizes '" + sizes + "' of steps must hold 3 values [batch, channels, steps], got shape "
                    + Arrays.toString(b.shape(sizes)));
            return null;
        }
        String padded = b.fresh(node, "sizes_with_one");
        String order = b.fresh(node, "row_order");
        String row = b.fresh(node, "row_sizes");
        b.defineConstant(order, OnnxTensor.ofLongs(DataTypes.INT64, new int[] {4}, new long[] {0, 1, 3, 2}));
        return b.emit(node, new Pad(new int[] {0, 1}, 1), List.of(sizes), List.of(padded), DataTypes.INT64)
                && b.emit(node, new Gather(0), List.of(padded, order), List.of(row), DataTypes.INT64) ? row : null;
    }

    private static Resize.Mode mode(OnnxNode node) {
        String mode = node.stringAttr("mode", "nearest").toLowerCase(Locale.ROOT);
        switch (mode) {
            case "nearest":
                return Resize.Mode.NEAREST;
            case "linear":
            case "bilinear":
                return Resize.Mode.LINEAR;
            case "cubic":
                return Resize.Mode.CUBIC;
            default:
                node.problem("mode " + mode + " is not supported (nearest, linear or cubic)");
                return null;
        }
    }

    /**
     * The coordinate transformation; {@code extrapolation_value} (torch's dynamo exporter writes it) is read with it, as it
     * fills only tf_crop_and_resize's points outside the input, and that mode is refused.
     */
    private static Resize.Coordinates coordinates(OnnxNode node) {
        node.floatAttr("extrapolation_value", 0f);
        String name = node.stringAttr("coordinate_transformation_mode", "half_pixel");
        switch (name) {
            case "half_pixel":
                return Resize.Coordinates.HALF_PIXEL;
            case "pytorch_half_pixel":
                return Resize.Coordinates.PYTORCH_HALF_PIXEL;
            case "align_corners":
                return Resize.Coordinates.ALIGN_CORNERS;
            case "asymmetric":
                return Resize.Coordinates.ASYMMETRIC;
            case "tf_half_pixel_for_nn":
                return Resize.Coordinates.TF_HALF_PIXEL_FOR_NN;
            default:
                node.problem("coordinate_transformation_mode " + name + " is not supported (half_pixel, pytorch_half_pixel,"
                        + " align_corners, asymmetric or tf_half_pixel_for_nn)");
                return null;
        }
    }

    private static Resize.Rounding rounding(OnnxNode node) {
        String name = node.stringAttr("nearest_mode", "round_prefer_floor");
        try {
            return Resize.Rounding.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            node.problem("nearest_mode " + name + " is not supported (round_prefer_floor, round_prefer_ceil, floor or ceil)");
            return null;
        }
    }

    /** The rows' and columns' scales of four, the batch's and channels' 1; null after a problem. */
    private static float[] spatialScales(OnnxNode node, float[] scales, int rank) {
        if (scales.length != rank || scales[0] != 1 || scales[1] != 1
                || !IntStream.range(2, rank).allMatch(d -> scales[d] > 0 && scales[d] < 1 << 24)) {
            node.problem("scales " + Arrays.toString(scales) + " must be [1, 1, " + ConvTranslator.SPATIAL[rank - 3]
                    + "] with positive factors");
            return null;
        }
        return Arrays.copyOfRange(scales, 2, rank);
    }

    /** The rows' and columns' sizes of four, the batch's and channels' those of the input; null after a problem. */
    private static int[] spatialSizes(OnnxNode node, long[] sizes, int[] shape) {
        boolean fits = sizes.length == shape.length && IntStream.range(2, sizes.length).allMatch(d -> sizes[d] > 0
                && sizes[d] <= 1 << 24);
        for (int d = 0; fits && d < 2; d++) {
            fits = shape[d] < 0 || sizes[d] == shape[d];
        }
        if (!fits) {
            node.problem("sizes " + Arrays.toString(sizes) + " must be [batch, channels, " + ConvTranslator.SPATIAL[shape.length - 3]
                    + "] with the input's batch and channels " + Arrays.toString(shape) + " and positive spatial"
                    + " sizes of at most 2^24");
            return null;
        }
        return Arrays.stream(sizes, 2, sizes.length).mapToInt(v -> (int) v).toArray();
    }
}
