package io.keras4j.importer.keras;

/**
 * The Keras version that wrote a file, as its {@code keras_version} says ("1.2.2", "2.2.4-tf", "3.15.1").
 * A file without a version was written by Keras 1, as Keras' own loaders assume.
 */
public record KerasVersion(String text, int major) {

    /** Parses a {@code keras_version} attribute; null or blank means Keras 1. */
    public static KerasVersion parse(String text) {
        if (text == null || text.isBlank()) {
            return new KerasVersion("1 (no keras_version in file)", 1);
        }
        String t = text.trim();
        int end = 0;
        while (end < t.length() && Character.isDigit(t.charAt(end))) {
            end++;
        }
        int major = end == 0 ? 1 : Integer.parseInt(t.substring(0, Math.min(end, 3)));
        return new KerasVersion(t, major);
    }

    @Override
    public String toString() {
        return text;
    }
}
