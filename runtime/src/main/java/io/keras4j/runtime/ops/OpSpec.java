package io.keras4j.runtime.ops;

import io.keras4j.runtime.math.Activation;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an op is, in data: its type, its attributes and its weights — enough to write it to a file and
 * to rebuild it with {@link OpRegistry#create}. Attribute values are Integer, Double, Boolean, String
 * or int[].
 *
 * @param type       the op type, as {@link Op#type()} returns it
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

    /** An int attribute. */
    public int intAttr(String name) {
        return ((Number) require(name)).intValue();
    }

    /** A double attribute. */
    public double doubleAttr(String name) {
        return ((Number) require(name)).doubleValue();
    }

    /** A boolean attribute. */
    public boolean boolAttr(String name) {
        return (Boolean) require(name);
    }

    /** A string attribute. */
    public String stringAttr(String name) {
        return (String) require(name);
    }

    /** An int-array attribute. */
    public int[] intsAttr(String name) {
        return ((int[]) require(name)).clone();
    }

    /** An activation attribute, written by {@link Builder#attr(String, Activation)}. */
    public Activation activation(String name) {
        return Activation.parse(stringAttr(name));
    }

    /** A weight's values, or null if the op has no weight of that name (an optional bias). */
    public float[] weight(String name) {
        WeightArray w = weights.get(name);
        return w == null ? null : w.values();
    }

    private Object require(String name) {
        Object v = attributes.get(name);
        if (v == null) {
            throw new IllegalArgumentException(type + " has no attribute '" + name + "'");
        }
        return v;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(type).append('{');
        attributes.forEach((k, v) -> sb.append(k).append('=').append(v instanceof int[] a ? Arrays.toString(a) : v).append(", "));
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
