package io.keras4j.importer.onnx;

/** The {@code auto_pad} attribute of a 1-D Conv or pooling, as the paddings keras4j runs. */
final class AutoPad {
    private AutoPad() {
    }

    /**
     * Whether {@code auto_pad} asks for TensorFlow's SAME padding: SAME_UPPER, or SAME_LOWER where it pads the same way
     * (stride 1 and an even total {@code span - 1}); false for NOTSET and VALID; null after recording a problem.
     */
    static Boolean same(OnnxNode node, String autoPad, int stride, long span) {
        switch (autoPad) {
            case "NOTSET":
            case "VALID":
                return false;
            case "SAME_UPPER":
                return true;
            case "SAME_LOWER":
                if (stride == 1 && (span - 1) % 2 == 0) {
                    return true;
                }
                node.problem("auto_pad SAME_LOWER is not supported where its padding differs from SAME_UPPER's (a stride"
                        + " above 1 or an odd total)");
                return null;
            default:
                node.problem("auto_pad " + autoPad + " is not supported");
                return null;
        }
    }
}
