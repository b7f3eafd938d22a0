package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.split(x, indices_or_sections, axis)}: equal sections of an axis whose length is known at
 * import, or the pieces between ascending split indices; not the batch axis. {@code keras.ops.hsplit} and {@code dsplit}
 * split so along axis 1 and 2 (hsplit of rank 1 would split the batch axis); {@code keras.ops.array_split(x, n, axis)}
 * into n sections whose sizes differ by at most one, the longer first, as Keras' TensorFlow backend. Each piece is a
 * Slice.
 */
final class SplitOperationTranslator implements LayerTranslator {
    /** Which operation. */
    enum Form {
        SPLIT, HSPLIT, DSPLIT, ARRAY_SPLIT
    }

    private final Form form;

    SplitOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = OperationArguments.single(config, t);
        JsonNode how = config.raw("indices_or_sections");
        int axis = axis(config, t, x);
        if (how == null) {
            config.problem("option indices_or_sections is missing");
        }
        if (axis < 0 || how == null) {
            return List.of(t.unavailable());
        }
        int length = t.shape(x.value())[axis];
        List<Long> cuts = form == Form.ARRAY_SPLIT ? uneven(how, length) : cuts(how, length);
        if (cuts == null) {
            config.problem("option indices_or_sections=" + how + " is not supported for axis " + axis + " of "
                    + GeneralConfig.shapeText(t.shape(x.value())) + (form == Form.ARRAY_SPLIT
                            ? " (a count of sections up to a length known at import)"
                            : " (a count dividing a length known at import, or ascending non-negative indices)"));
            return List.of(t.unavailable());
        }
        cuts.add((long) OperationArguments.END);
        List<KTensor> pieces = new ArrayList<>();
        for (int i = 0; i + 1 < cuts.size(); i++) {
            float[] row = {cuts.get(i), cuts.get(i + 1), axis, 1};
            pieces.add(new KTensor(OperationArguments.slice(t, x.value(), List.of(row)), null));
        }
        return pieces;
    }

    /** The axis split: option {@code axis}, or hsplit's 1 and dsplit's 2 (which x must have); -1 after a problem. */
    private int axis(LayerConfig config, Translation t, KTensor x) {
        if (form == Form.SPLIT || form == Form.ARRAY_SPLIT) {
            return OperationArguments.axis(config, t, x, "it splits the flattened input, batch included");
        }
        int axis = form == Form.HSPLIT ? 1 : 2;
        int rank = x == null ? 0 : t.shape(x.value()).length;
        if (x != null && rank <= axis) {
            config.problem("input of rank " + rank + " is not supported (" + (form == Form.HSPLIT
                    ? "rank 2 or more: Keras splits a rank-1 input along the batch axis)" : "rank 3 or more)"));
        }
        return rank > axis ? axis : -1;
    }

    /** The starts of split's pieces: equal sections or the given ascending indices; null if not supported. */
    private static List<Long> cuts(JsonNode how, int length) {
        List<Long> cuts = new ArrayList<>(List.of(0L));
        if (how.isIntegralNumber() && how.asInt() > 0 && length > 0 && length % how.asInt() == 0) {
            for (int i = 1; i < how.asInt(); i++) {
                cuts.add((long) i * (length / how.asInt()));
            }
            return cuts;
        }
        if (!how.isArray()) {
            return null;
        }
        for (JsonNode c : how) {
            long cut = c.asLong(-1);
            if (!c.isIntegralNumber() || cut < cuts.get(cuts.size() - 1) || cut > OperationArguments.END) {
                return null;
            }
            cuts.add(cut);
        }
        return cuts;
    }

    /** The starts of array_split's n pieces: the first {@code length % n} one longer; null if not supported. */
    private static List<Long> uneven(JsonNode how, int length) {
        int n = how.isIntegralNumber() ? how.asInt() : 0;
        if (n <= 0 || length < n) {
            return null;
        }
        List<Long> cuts = new ArrayList<>();
        long start = 0;
        for (int i = 0; i < n; i++) {
            cuts.add(start);
            start += length / n + (i < length % n ? 1 : 0);
        }
        return cuts;
    }
}
