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
        return new KerasVersion(t, number(t, 0, 1));
    }

    /** The minor version ({@code 2} in "2.2.4-tf"), 0 when the text has none. */
    public int minor() {
        int dot = text.indexOf('.');
        return dot < 0 ? 0 : number(text, dot + 1, 0);
    }

    /** Whether the file was written by the tf.keras bundled with TensorFlow ("2.2.4-tf" and the like). */
    public boolean tfKeras() {
        return text.endsWith("-tf");
    }

    /** Whether this version is older than {@code major.minor}. */
    public boolean before(int maj, int min) {
        return major < maj || major == maj && minor() < min;
    }

    /** The leading digits of {@code t} from {@code start} (at most three), or {@code dflt} when there are none. */
    private static int number(String t, int start, int dflt) {
        int end = start;
        while (end < t.length() && end - start < 3 && Character.isDigit(t.charAt(end))) {
            end++;
        }
        return end == start ? dflt : Integer.parseInt(t.substring(start, end));
    }

    @Override
    public String toString() {
        return text;
    }
}
