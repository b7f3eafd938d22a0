package io.keras4j.importer.onnx;

import java.util.Arrays;

/** The {@code auto_pad} and {@code pads} attributes of a Conv or pooling node, as the padding keras4j runs. */
final class AutoPad {
    /**
     * How a node pads its spatial axes: the given {@code pads} (begins, then ends), or TensorFlow's SAME computed at run
     * time ({@code same}, pads null) where auto_pad asks for SAME over axes whose sizes are unknown at import.
     */
    record Padding(int[] pads, boolean same) {
    }

    private AutoPad() {
    }

    /**
     * The node's padding over spatial axes of {@code sizes} (-1 unknown) whose windows span {@code spans} positions every
     * {@code strides}: NOTSET the attribute pads (zeros when absent); VALID none; SAME_UPPER and SAME_LOWER the pads that
     * give {@code ceil(size / stride)} windows, the larger half of each axis' total after it (UPPER) or before it (LOWER).
     * Where a size is unknown, SAME_UPPER is TensorFlow's SAME at run time, and so is SAME_LOWER where it pads alike
     * (stride 1 and an even total), which clamps a negative need at zero. A known size whose windows need negative padding
     * (a stride larger than the window) is refused: ONNX Runtime refuses such nodes or shifts their windows into the input, depending on the operator and
     * opset. Null after recording a problem.
     */
    static Padding of(OnnxNode node, int[] sizes, int[] strides, int[] spans) {
        int axes = sizes.length;
        String autoPad = node.stringAttr("auto_pad", "NOTSET");
        long[] given = node.intsAttr("pads");
        boolean givenPads = given != null && Arrays.stream(given).anyMatch(p -> p != 0);
        switch (autoPad) {
            case "NOTSET":
                if (given == null) {
                    return new Padding(new int[2 * axes], false);
                }
                if (given.length != 2 * axes || Arrays.stream(given).anyMatch(p -> p < 0 || p > 1 << 24)) {
                    node.problem("pads " + Arrays.toString(given) + " must be " + 2 * axes + " sizes from 0 to 2^24 (each"
                            + " axis' begin, then each axis' end) for a " + axes + "-D window");
                    return null;
                }
                return new Padding(Arrays.stream(given).mapToInt(p -> (int) p).toArray(), false);
            case "VALID":
            case "SAME_UPPER":
            case "SAME_LOWER":
                if (givenPads) {
                    node.problem("pads " + Arrays.toString(given) + " together with auto_pad " + autoPad + " (ONNX takes one or"
                            + " the other)");
                    return null;
                }
                return autoPad.equals("VALID") ? new Padding(new int[2 * axes], false) : same(node, autoPad, sizes, strides, spans);
            default:
                node.problem("auto_pad " + autoPad + " is not supported");
                return null;
        }
    }

    private static Padding same(OnnxNode node, String autoPad, int[] sizes, int[] strides, int[] spans) {
        int axes = sizes.length;
        boolean lower = autoPad.equals("SAME_LOWER");
        if (Arrays.stream(sizes).anyMatch(s -> s < 0)) {
            for (int d = 0; d < axes; d++) {
                if (lower && (strides[d] != 1 || (spans[d] - 1) % 2 != 0)) {
                    node.problem("auto_pad SAME_LOWER over axes of sizes unknown at import is not supported where its padding"
                            + " may differ from SAME_UPPER's (a stride above 1 or an odd total): strides " + Arrays.toString(strides)
                            + ", windows spanning " + Arrays.toString(spans));
                    return null;
                }
            }
            return new Padding(null, true);
        }
        int[] pads = new int[2 * axes];
        for (int d = 0; d < axes; d++) {
            long out = ((long) sizes[d] + strides[d] - 1) / strides[d];
            long need = (out - 1) * strides[d] + spans[d] - sizes[d];
            if (need < 0) {
                node.problem("auto_pad " + autoPad + " over " + sizes[d] + " positions with stride " + strides[d]
                        + " and windows of " + spans[d] + " needs negative padding, which ONNX Runtime refuses or applies by"
                        + " shifting the windows, depending on the operator and opset; not supported");
                return null;
            }
            int total = (int) need;
            pads[d] = lower ? total - total / 2 : total / 2;
            pads[axes + d] = total - pads[d];
        }
        return new Padding(pads, false);
    }
}
