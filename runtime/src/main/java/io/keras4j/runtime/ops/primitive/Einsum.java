package io.keras4j.runtime.ops.primitive;

import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.OpSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Einstein summation, as numpy's {@code einsum} and ONNX Einsum: {@code "bij,bjk->bik"} names each operand's axes with
 * letters; the output holds the named axes after {@code ->} (without it, the letters used once, in alphabetical order),
 * and every other letter is summed over. A letter repeated in one operand takes its diagonal. {@code ...} stands for the
 * axes an operand has beyond its letters, which come first in an implicit output. The operands' sizes of one letter or
 * {@code ...} axis broadcast numpy style (equal, or 1). Products are summed in double.
 */
public final class Einsum implements Op {
    /** A label's size before any operand gives it. */
    private static final int UNSET = -2;

    private final String equation;
    /** Per operand, its letters in order, without its {@code ...} (see {@link #labels} for the axes it stands for). */
    private final List<int[]> terms = new ArrayList<>();
    /** Per operand, where its {@code ...} stands among its letters, or -1. */
    private final int[] ellipsisAt;
    private final int[] output;
    private final boolean outputEllipsis;
    /** Where the output's {@code ...} stands among its letters (first for an implicit output). */
    private final int outputEllipsisAt;
    /** The layout of the last shapes each thread ran (see {@link Layout}). */
    private final ThreadLocal<Layout> layouts = new ThreadLocal<>();

    /**
     * @param equation as numpy's einsum takes it, for example {@code "btd,bsd->bts"} or {@code "...i,ij"}
     * @throws IllegalArgumentException naming the equation where it is not one
     */
    public Einsum(String equation) {
        this.equation = equation.replace(" ", "");
        String[] sides = this.equation.split("->", -1);
        if (sides.length > 2) {
            throw new IllegalArgumentException("einsum equation '" + equation + "' has more than one ->");
        }
        String[] operands = sides[0].split(",", -1);
        ellipsisAt = new int[operands.length];
        StringBuilder once = new StringBuilder();
        int[] uses = new int[128];
        boolean anyEllipsis = false;
        for (int k = 0; k < operands.length; k++) {
            ellipsisAt[k] = operands[k].indexOf("...");
            anyEllipsis |= ellipsisAt[k] >= 0;
            String letters = letters(operands[k], equation);
            terms.add(letters.chars().toArray());
            letters.chars().forEach(c -> uses[c]++);
        }
        if (sides.length == 2) {
            outputEllipsis = sides[1].contains("...");
            outputEllipsisAt = outputEllipsis ? sides[1].indexOf("...") : -1;
            if (outputEllipsis && !anyEllipsis) {
                throw new IllegalArgumentException("einsum equation '" + equation + "': ... in the output only");
            }
            output = letters(sides[1], equation).chars().toArray();
            for (int c : output) {
                if (uses[c] == 0 || Arrays.stream(output).filter(o -> o == c).count() > 1) {
                    throw new IllegalArgumentException("einsum equation '" + equation + "': output letter " + (char) c
                            + " is not an input's or is repeated");
                }
            }
        } else {
            outputEllipsis = anyEllipsis;
            outputEllipsisAt = 0;
            for (char c = 0; c < 128; c++) {
                if (uses[c] == 1) {
                    once.append(c);
                }
            }
            output = once.chars().toArray();
        }
    }

    /** The letters of one term, with at most one {@code ...} removed. */
    private static String letters(String term, String equation) {
        String rest = term.replaceFirst("\\.\\.\\.", "");
        if (!rest.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
            throw new IllegalArgumentException("einsum equation '" + equation + "': term '" + term + "' holds other than"
                    + " letters and one ...");
        }
        return rest;
    }

    @Override
    public String type() {
        return "Einsum";
    }

    @Override
    public OpSpec spec() {
        return OpSpec.builder(type()).attr("equation", equation).build();
    }

    /** Rebuilds the op from its {@link #spec()}. */
    public static Einsum fromSpec(OpSpec s) {
        return new Einsum(s.stringAttr("equation"));
    }

    /** Each operand's labels with its ellipsis axes as -1 (the last of them), -2, ... */
    private int[][] labels(int[][] in) {
        if (in.length != terms.size()) {
            throw new IllegalArgumentException("einsum equation '" + equation + "' names " + terms.size()
                    + " operands, got " + in.length);
        }
        int[][] out = new int[in.length][];
        for (int k = 0; k < in.length; k++) {
            int[] t = terms.get(k);
            int extra = in[k].length - t.length;
            if (extra < 0 || extra > 0 && ellipsisAt[k] < 0) {
                throw new IllegalArgumentException("einsum equation '" + equation + "': operand " + k + " of rank "
                        + in[k].length + " for " + t.length + " letters");
            }
            int at = ellipsisAt[k] >= 0 ? ellipsisAt[k] : t.length;
            int[] l = new int[in[k].length];
            for (int i = 0; i < at; i++) {
                l[i] = t[i];
            }
            for (int e = 0; e < extra; e++) {
                l[at + e] = -(extra - e);
            }
            for (int i = at; i < t.length; i++) {
                l[i + extra] = t[i];
            }
            out[k] = l;
        }
        return out;
    }

    /**
     * The size of every label by {@link #slot} (-1 where unknown until run time): the operands' sizes of one label
     * broadcast (equal, or 1), as numpy and ONNX Runtime allow for letters as for {@code ...} axes.
     */
    private static int[] sizes(int[][] in, int[][] labels, String equation) {
        int[] size = new int[256];
        Arrays.fill(size, UNSET);
        for (int k = 0; k < in.length; k++) {
            for (int i = 0; i < in[k].length; i++) {
                int slot = slot(labels[k][i]);
                int d = in[k][i];
                int s = size[slot];
                if (s == UNSET || s == 1 || s == -1 && d != 1) {
                    size[slot] = d;
                } else if (d != s && d != -1 && d != 1) {
                    throw new IllegalArgumentException("einsum equation '" + equation + "': sizes " + s + " and " + d
                            + " for one axis");
                }
            }
        }
        return size;
    }

    /** Where a label's size is kept: a letter at its code, ellipsis axis -e at 128 + e. */
    private static int slot(int label) {
        return label >= 0 ? label : 128 - label;
    }

    /** The output's labels: the ellipsis axes where the output names them (first when implicit), then its letters. */
    private int[] outputLabels(int[][] labels) {
        int ellipsisRank = 0;
        for (int[] l : labels) {
            for (int v : l) {
                ellipsisRank = Math.max(ellipsisRank, -v);
            }
        }
        if (ellipsisRank > 0 && !outputEllipsis) {
            throw new IllegalArgumentException("einsum equation '" + equation + "': the operands' ... axes are missing from"
                    + " the output");
        }
        List<Integer> out = new ArrayList<>();
        int at = outputEllipsis ? outputEllipsisAt : output.length;
        int letter = 0;
        for (int i = 0; i < at && letter < output.length; i++) {
            out.add(output[letter++]);
        }
        for (int e = ellipsisRank; outputEllipsis && e > 0; e--) {
            out.add(-e);
        }
        while (letter < output.length) {
            out.add(output[letter++]);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int[][] outputShapes(int[][] in) {
        int[][] labels = labels(in);
        int[] size = sizes(in, labels, equation);
        return new int[][] {Arrays.stream(outputLabels(labels)).map(l -> size[slot(l)]).toArray()};
    }

    @Override
    public void forward(float[][] inputs, int[][] inputShapes, float[][] outputs, float[] scratch) {
        Layout l = layouts.get();
        if (l == null || !l.fits(inputShapes)) {
            l = layout(inputShapes);
            layouts.set(l);
        }
        float[] y = outputs[0];
        if (l.summed == 0) {
            Arrays.fill(y, 0f);
            return;
        }
        int k = inputs.length;
        Arrays.fill(l.index, 0);
        Arrays.fill(l.offset, 0);
        for (int o = 0; o < y.length; o++) {
            double acc = 0;
            for (long s = 0; s < l.summed; s++) {
                double p = 1;
                for (int op = 0; op < k; op++) {
                    p *= inputs[op][l.offset[op]];
                }
                acc += p;
                advance(l.index, l.offset, l.dims, l.stride, l.dims.length);
            }
            y[o] = (float) acc;
        }
    }

    /** How {@link #forward} walks operands of these shapes. */
    private Layout layout(int[][] inputShapes) {
        int[][] labels = labels(inputShapes);
        int[] size = sizes(inputShapes, labels, equation);
        int[] out = outputLabels(labels);
        // every label, the output's first (outer loops), then the summed ones
        List<Integer> all = new ArrayList<>();
        Arrays.stream(out).forEach(all::add);
        for (int[] l : labels) {
            for (int v : l) {
                if (!all.contains(v)) {
                    all.add(v);
                }
            }
        }
        int n = all.size();
        int[] dims = new int[n];
        for (int i = 0; i < n; i++) {
            dims[i] = size[slot(all.get(i))];
        }
        int k = inputShapes.length;
        int[][] stride = new int[k][n];
        for (int op = 0; op < k; op++) {
            int[] st = Dims.strides(inputShapes[op]);
            for (int i = 0; i < labels[op].length; i++) {
                if (inputShapes[op][i] != 1 || dims[all.indexOf(labels[op][i])] == 1) {
                    stride[op][all.indexOf(labels[op][i])] += st[i];
                }
            }
        }
        long summed = 1;
        for (int i = out.length; i < n; i++) {
            summed = dims[i] == 0 || summed == 0 ? 0 : summed * dims[i];
            if (summed > 1L << 53) {
                throw new IllegalArgumentException("einsum equation '" + equation + "' sums more than 2^53 products per"
                        + " output entry");
            }
        }
        return new Layout(inputShapes, dims, stride, summed);
    }

    /**
     * Every label's size and each operand's stride along it, and the odometer over them, for one set of operand shapes:
     * derived once and kept per thread while the shapes repeat, so a steady stream of calls allocates nothing.
     */
    private static final class Layout {
        private final int[][] shapes;
        private final int[] dims;
        private final int[][] stride;
        /** Products summed per output entry. */
        private final long summed;
        private final int[] index;
        private final int[] offset;

        Layout(int[][] shapes, int[] dims, int[][] stride, long summed) {
            this.shapes = Arrays.stream(shapes).map(int[]::clone).toArray(int[][]::new);
            this.dims = dims;
            this.stride = stride;
            this.summed = summed;
            this.index = new int[dims.length];
            this.offset = new int[stride.length];
        }

        boolean fits(int[][] in) {
            if (in.length != shapes.length) {
                return false;
            }
            for (int i = 0; i < in.length; i++) {
                if (!Arrays.equals(in[i], shapes[i])) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Moves the odometer {@code index} one step (the last label fastest), keeping each operand's offset. */
    private static void advance(int[] index, int[] offset, int[] dims, int[][] stride, int n) {
        for (int i = n - 1; i >= 0; i--) {
            index[i]++;
            for (int op = 0; op < offset.length; op++) {
                offset[op] += stride[op][i];
            }
            if (index[i] < dims[i]) {
                return;
            }
            for (int op = 0; op < offset.length; op++) {
                offset[op] -= stride[op][i] * dims[i];
            }
            index[i] = 0;
        }
    }
}
