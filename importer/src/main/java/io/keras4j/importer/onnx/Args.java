package io.keras4j.importer.onnx;

/** Reading a node's inputs: required ones, and those that must be constants at import. */
final class Args {
    private Args() {
    }

    /** Input {@code i}, or null after recording that it is missing. */
    static String required(OnnxNode node, int i, String what) {
        String in = node.input(i);
        if (in.isEmpty()) {
            node.problem("input " + i + " (" + what + ") is missing");
            return null;
        }
        return in;
    }

    /** The value of input {@code i}, which must be a constant (initializer or constant subgraph); null after a problem. */
    static OnnxTensor constant(OnnxNode node, OnnxGraphBuilder b, int i, String what) {
        String in = required(node, i, what);
        if (in == null) {
            return null;
        }
        OnnxTensor t = b.constant(in);
        if (t == null) {
            node.problem("input " + i + " (" + what + ", '" + in + "') must be a constant (an initializer or computed from"
                    + " initializers only) but is computed at run time");
        }
        return t;
    }

    /** Integer values of a 1-D or scalar constant, or null after a problem. */
    static long[] ints(OnnxNode node, OnnxTensor t, String what) {
        if (t.shape().length > 1) {
            node.problem(what + " must be a 1-D tensor, got " + t);
            return null;
        }
        try {
            return t.longs();
        } catch (IllegalArgumentException e) {
            node.problem(what + ": " + e.getMessage());
            return null;
        }
    }

    /**
     * An axis attribute as an int: out-of-range values are clamped, so that the op's own range check still refuses them
     * (a plain cast would wrap a huge value into range).
     */
    static int axis(OnnxNode node, long fallback) {
        return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, node.intAttr("axis", fallback)));
    }

    /** Attribute {@code axis} (default 0) of an input of {@code rank}, from 0 (negative counts from the end); null after a problem. */
    static Integer axisOf(OnnxNode node, int rank) {
        return axisOf(node, 0, rank);
    }

    /** Attribute {@code axis} (default {@code fallback}) of an input of {@code rank}, as {@link #axisOf(OnnxNode, int)}. */
    static Integer axisOf(OnnxNode node, long fallback, int rank) {
        long axis = node.intAttr("axis", fallback);
        if (axis < -rank || axis >= rank) {
            node.problem("axis " + axis + " is out of range for an input of rank " + rank);
            return null;
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    /** A 0/1 attribute, or false after a problem. */
    static boolean flag(OnnxNode node, String attribute, long fallback) {
        long v = node.intAttr(attribute, fallback);
        if (v != 0 && v != 1) {
            node.problem("attribute " + attribute + "=" + v + " must be 0 or 1");
        }
        return v == 1;
    }

    /** A constant input of one integer value, or null after a problem. */
    static long[] intScalar(OnnxNode node, OnnxGraphBuilder b, int i, String what) {
        OnnxTensor t = constant(node, b, i, what);
        long[] values = t == null ? null : ints(node, t, what);
        if (values != null && values.length != 1) {
            node.problem(what + " must be one value, got " + t);
            return null;
        }
        return values;
    }
}
