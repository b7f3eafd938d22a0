package io.keras4j.importer;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * Structural edits of a protobuf message for fuzzing, through protobuf's reflection: a field of some message in the
 * tree set to an interesting number or to a name used elsewhere in the model (so that values dangle, repeat or form
 * cycles), cleared, or a repeated element removed, repeated or moved.
 */
final class ProtoMutator {
    private static final long[] NUMBERS = {0, -1, 1, 2, 3, 7, 1 << 24, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE,
            Long.MIN_VALUE, 1L << 31, 1L << 40};
    private static final List<String> OTHER_NAMES = List.of("", "../escaped", "/etc/passwd", "line\nbreak", "x");
    private static final double[] REALS = {0, -1, 0.5, 1e30, Double.NaN, Double.POSITIVE_INFINITY};

    private final Message.Builder root;
    private final List<String> names = new ArrayList<>();

    ProtoMutator(Message message) {
        root = message.toBuilder();
        collectNames(message);
    }

    Message build() {
        return root.build();
    }

    /**
     * One edit: {@code at} (a fraction) picks the message in the tree, {@code value} the field, the element and the new
     * value, {@code kind} what is done.
     */
    void edit(int kind, double at, int value) {
        List<Message.Builder> all = new ArrayList<>();
        collect(root, all);
        Message.Builder b = all.get(Math.min(all.size() - 1, (int) (at * all.size())));
        List<FieldDescriptor> fields = b.getDescriptorForType().getFields();
        FieldDescriptor f = fields.get(Math.floorMod(value, fields.size()));
        int pick = Math.floorMod(value >>> 8, 1 << 16);
        if (kind == 0) {
            b.clearField(f);
        } else if (f.isRepeated() && b.getRepeatedFieldCount(f) > 0 && kind >= 4) {
            repeated(b, f, kind, pick);
        } else if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
            Object v = scalar(f, pick);
            if (f.isRepeated()) {
                b.addRepeatedField(f, v);
            } else {
                b.setField(f, v);
            }
        }
    }

    private static void repeated(Message.Builder b, FieldDescriptor f, int kind, int pick) {
        int n = b.getRepeatedFieldCount(f);
        Object item = b.getRepeatedField(f, pick % n);
        if (kind == 4) {
            List<Object> kept = new ArrayList<>((List<?>) b.getField(f));
            kept.remove(pick % n);
            b.clearField(f);
            kept.forEach(k -> b.addRepeatedField(f, k));
        } else if (kind == 5) {
            b.addRepeatedField(f, item);
        } else {
            int other = (pick / n) % n;
            b.setRepeatedField(f, pick % n, b.getRepeatedField(f, other));
            b.setRepeatedField(f, other, item);
        }
    }

    private Object scalar(FieldDescriptor f, int pick) {
        long number = NUMBERS[pick % NUMBERS.length];
        switch (f.getJavaType()) {
            case INT:
                return (int) number;
            case LONG:
                return number;
            case FLOAT:
                return (float) REALS[pick % REALS.length];
            case DOUBLE:
                return REALS[pick % REALS.length];
            case BOOLEAN:
                return pick % 2 == 0;
            case ENUM:
                List<?> values = f.getEnumType().getValues();
                return values.get(pick % values.size());
            case BYTE_STRING:
                return ByteString.copyFromUtf8(name(pick));
            default:
                return name(pick);
        }
    }

    /** A name of the model, or one of a few others. */
    private String name(int pick) {
        int i = pick % (names.size() + OTHER_NAMES.size());
        return i < names.size() ? names.get(i) : OTHER_NAMES.get(i - names.size());
    }

    private void collectNames(Message m) {
        for (var e : m.getAllFields().entrySet()) {
            FieldDescriptor f = e.getKey();
            List<?> items = f.isRepeated() ? (List<?>) e.getValue() : List.of(e.getValue());
            for (Object item : items) {
                if (item instanceof Message child) {
                    collectNames(child);
                } else if (item instanceof String s && !names.contains(s)) {
                    names.add(s);
                }
            }
        }
    }

    private static void collect(Message.Builder b, List<Message.Builder> all) {
        all.add(b);
        for (FieldDescriptor f : b.getDescriptorForType().getFields()) {
            if (f.getJavaType() != FieldDescriptor.JavaType.MESSAGE) {
                continue;
            }
            if (f.isRepeated()) {
                for (int i = 0; i < b.getRepeatedFieldCount(f); i++) {
                    collect(b.getRepeatedFieldBuilder(f, i), all);
                }
            } else if (b.hasField(f)) {
                collect(b.getFieldBuilder(f), all);
            }
        }
    }
}
