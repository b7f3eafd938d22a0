package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Transpose;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Keras 3 {@code keras.ops.transpose(x, axes)}, {@code swapaxes(x, axis1, axis2)} and {@code moveaxis(x, source,
 * destination)} (ints or lists, as numpy): permutations of the axes that keep the batch axis first.
 */
final class TransposeOperationTranslator implements LayerTranslator {
    /** How the operation names its permutation. */
    enum Form {
        TRANSPOSE("axes"), SWAPAXES("axis1", "axis2"), MOVEAXIS("source", "destination");

        private final String[] options;

        Form(String... options) {
            this.options = options;
        }
    }

    private final Form form;

    TransposeOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        int[][] raw = new int[form.options.length][];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = GeneralConfig.intList(config, form == Form.TRANSPOSE, form.options[i]);
        }
        if (x == null) {
            return List.of(t.unavailable());
        }
        int rank = t.shape(x.value()).length;
        int[] perm = permutation(raw, rank);
        if (perm == null || perm[0] != 0) {
            config.problem(Arrays.stream(form.options).map(o -> "option " + o + "=" + config.raw(o))
                    .collect(Collectors.joining(", ")) + " is not supported for an input of rank " + rank
                    + " (a permutation of its axes that keeps the batch axis first"
                    + (form == Form.TRANSPOSE ? "; None reverses them all)" : ")"));
            return List.of(t.unavailable());
        }
        return GeneralConfig.dropMask(t, new Transpose(form == Form.TRANSPOSE ? "Transpose" : "MoveAxes", perm), x);
    }

    /** The permutation the options name, or null if they name none. */
    private int[] permutation(int[][] raw, int rank) {
        for (int[] r : raw) {
            if (r == null) {
                return null;
            }
            for (int i = 0; i < r.length; i++) {
                if (r[i] < -rank || r[i] >= rank) {
                    return null;
                }
                r[i] = r[i] < 0 ? r[i] + rank : r[i];
            }
        }
        int[] perm;
        switch (form) {
            case TRANSPOSE:
                perm = raw[0];
                break;
            case SWAPAXES:
                if (raw[0].length != 1 || raw[1].length != 1) {
                    return null;
                }
                perm = IntStream.range(0, rank).toArray();
                perm[raw[0][0]] = raw[1][0];
                perm[raw[1][0]] = raw[0][0];
                break;
            default:
                perm = moved(raw[0], raw[1], rank);
        }
        boolean permutes = perm != null && perm.length == rank
                && Arrays.equals(GeneralConfig.sorted(perm), IntStream.range(0, rank).toArray());
        return permutes ? perm : null;
    }

    /** numpy's moveaxis: the other axes in order, each source axis placed at its destination. */
    private static int[] moved(int[] source, int[] destination, int rank) {
        if (source.length != destination.length || source.length != Arrays.stream(source).distinct().count()
                || destination.length != Arrays.stream(destination).distinct().count()) {
            return null;
        }
        int[] perm = new int[rank];
        Arrays.fill(perm, -1);
        for (int i = 0; i < source.length; i++) {
            perm[destination[i]] = source[i];
        }
        List<Integer> rest = new ArrayList<>();
        for (int a = 0; a < rank; a++) {
            int axis = a;
            if (Arrays.stream(source).noneMatch(s -> s == axis)) {
                rest.add(a);
            }
        }
        for (int d = 0, next = 0; d < rank; d++) {
            if (perm[d] < 0) {
                perm[d] = rest.get(next++);
            }
        }
        return perm;
    }
}
