package io.keras4j.importer.onnx;

/** Reading the inputs of the sequence operators: the sequence, and a position in it, which must be known at import. */
final class Sequences {
    private Sequences() {
    }

    /** Input {@code i} as a sequence, or null after recording that it is not one. */
    static SequenceValue input(OnnxNode node, OnnxGraphBuilder b, int i) {
        SequenceValue s = b.sequence(node.input(i));
        if (s == null) {
            node.problem("input " + i + " ('" + node.input(i) + "') must be a sequence");
        }
        return s;
    }

    /** Input {@code i} as a sequence whose length is known at import, or null after recording why it is not. */
    static SequenceValue known(OnnxNode node, OnnxGraphBuilder b, int i) {
        SequenceValue s = input(node, b, i);
        if (s != null && !s.isStatic()) {
            node.problem("input " + i + " ('" + node.input(i) + "') is a sequence whose length is known only at run time"
                    + " (a Loop's appended sequence), which keras4j reads only with ConcatFromSequence, SequenceAt and"
                    + " SequenceLength");
            return null;
        }
        return s;
    }

    /** The Transpose permutation that moves axis {@code from} of a tensor of {@code rank} to {@code to}, the others in order. */
    static int[] moveAxis(int rank, int from, int to) {
        java.util.List<Integer> order = new java.util.ArrayList<>();
        for (int d = 0; d < rank; d++) {
            if (d != from) {
                order.add(d);
            }
        }
        order.add(to, from);
        return order.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * The position in input {@code i} (absent: {@code fallback}), a constant counting from the end when negative, as an
     * index from 0; null after recording a problem.
     *
     * @param length the sequence's length
     * @param end    whether the position may be the length itself (SequenceInsert's)
     */
    static Integer position(OnnxNode node, OnnxGraphBuilder b, int i, int length, boolean end, long fallback) {
        long p = fallback;
        if (!node.input(i).isEmpty()) {
            long[] v = Args.intScalar(node, b, i, "position");
            if (v == null) {
                return null;
            }
            p = v[0];
        }
        int last = end ? length : length - 1;
        if (p < -length || p > last) {
            node.problem("position " + p + " is outside [" + -length + ", " + last + "] for a sequence of " + length
                    + " elements");
            return null;
        }
        return (int) (p < 0 ? p + length : p);
    }
}
