package io.keras4j.runtime.ops;

import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.math.Activation;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an op is, in data: its type, its attributes and its weights — enough to write it to a file and
 * to rebuild it with {@link OpRegistry#create}. Attribute values are Integer, Long, Double, Boolean,
 * String, int[], long[] or Graph (the graphs of control-flow ops); an accessor finding no attribute, or one of another kind, throws
 * IllegalArgumentException naming the attribute.
 *
 * @param type       the type {@link OpRegistry} knows the op by; {@link Op#type()} unless several ops share a
 *                   type name (Identity and Transpose stand for several layers, for example)
 * @param attributes attribute values by name, in a stable order
 * @param weights    weight arrays by name, in a stable order
 */
public record OpSpec(String type, Map<String, Object> attributes, Map<String, WeightArray> weights) {

    /** A weight array with its shape, row-major. */
    public record WeightArray(int[] shape, float[] values) {
    }

    public OpSpec {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** A builder for the spec of an op of {@code type}. */
    public static Builder builder(String type) {
        return new Builder(type);
    }

    /** Whether the spec has an attribute of this name (for attributes that older files or simpler ops omit). */
    public boolean has(String name) {
        return attributes.containsKey(name);
    }

    /** An int attribute. */
    public int intAttr(String name) {
        return require(name, Integer.class, "an int");
    }

    /** A long attribute. */
    public long longAttr(String name) {
        return require(name, Long.class, "a long");
    }

    /** A double attribute. */
    public double doubleAttr(String name) {
        return require(name, Double.class, "a double");
    }

    /** A boolean attribute. */
    public boolean boolAttr(String name) {
        return require(name, Boolean.class, "a boolean");
    }

    /** A string attribute. */
    public String stringAttr(String name) {
        return require(name, String.class, "a string");
    }

    /** An int-array attribute. */
    public int[] intsAttr(String name) {
        return require(name, int[].class, "an int array").clone();
    }

    /** A long-array attribute. */
    public long[] longsAttr(String name) {
        return require(name, long[].class, "a long array").clone();
    }

    /** A graph attribute. */
    public Graph graphAttr(String name) {
        return require(name, Graph.class, "a graph");
    }

    /** An enum constant written by its name. */
    public <E extends Enum<E>> E enumAttr(String name, Class<E> kind) {
        String value = stringAttr(name);
        try {
            return Enum.valueOf(kind, value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute '" + name + "' is '" + value + "', not one of "
                    + Arrays.toString(kind.getEnumConstants()));
        }
    }

    /** An activation attribute, written by {@link Builder#attr(String, Activation)}. */
    public Activation activation(String name) {
        try {
            return Activation.parse(stringAttr(name));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("attribute '" + name + "': " + e.getMessage(), e);
        }
    }

    /** A weight's values, or null if the op has no weight of that name (an optional bias). */
    public float[] weight(String name) {
        WeightArray w = weights.get(name);
        return w == null ? null : w.values();
    }

    /** A weight the op cannot do without. */
    public WeightArray requireWeight(String name) {
        WeightArray w = weights.get(name);
        if (w == null) {
            throw new IllegalArgumentException("no weight '" + name + "'");
        }
        return w;
    }

    private <T> T require(String name, Class<T> kind, String what) {
        Object v = attributes.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no attribute '" + name + "'");
        }
        if (!kind.isInstance(v)) {
            throw new IllegalArgumentException("attribute '" + name + "' must be " + what + ", got "
                    + v.getClass().getSimpleName() + " " + text(v));
        }
        return kind.cast(v);
    }

    private static String text(Object v) {
        if (v instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof Graph g) {
            return "graph of " + g.nodes().size() + " nodes";
        }
        return v instanceof long[] a ? Arrays.toString(a) : String.valueOf(v);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type).append('{');
        attributes.forEach((k, v) -> sb.append(k).append('=').append(text(v)).append(", "));
        weights.forEach((k, v) -> sb.append(k).append(Arrays.toString(v.shape())).append(", "));
        return sb.append('}').toString();
    }

    /** Collects attributes and weights in order. */
    public static final class Builder {
        private final String type;
        private final Map<String, Object> attributes = new LinkedHashMap<>();
        private final Map<String, WeightArray> weights = new LinkedHashMap<>();

        private Builder(String type) {
            this.type = type;
        }

        public Builder attr(String name, int value) {
            attributes.put(name, value);
            return this;
        }

        public Builder attr(String name, long value) {
            attributes.put(name, value);
            return this;
        }

        public Builder attr(String name, double value) {
            attributes.put(name, value);
            return this;
        }

        public Builder attr(String name, boolean value) {
            attributes.put(name, value);
            return this;
        }

        public Builder attr(String name, String value) {
            attributes.put(name, value);
            return this;
        }

        public Builder attr(String name, int[] value) {
            attributes.put(name, value.clone());
            return this;
        }

        public Builder attr(String name, long[] value) {
            attributes.put(name, value.clone());
            return this;
        }

        public Builder attr(String name, Graph value) {
            attributes.put(name, value);
            return this;
        }

        public Builder attr(String name, Activation value) {
            attributes.put(name, value.toString());
            return this;
        }

        /** Adds a weight with its shape; a null array (an absent optional weight) is skipped. */
        public Builder weight(String name, float[] values, int... shape) {
            if (values != null) {
                weights.put(name, new WeightArray(shape.clone(), values));
            }
            return this;
        }

        public OpSpec build() {
            return new OpSpec(type, attributes, weights);
        }
    }
}
