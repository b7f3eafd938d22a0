package io.keras4j.importer.onnx.export;

import static io.keras4j.importer.onnx.export.OnnxWriter.attr;

import java.util.List;

/** What the attention exporters share: which key steps a mask or a band of the scores hides, as ONNX booleans. */
final class AttentionMasks {
    private AttentionMasks() {
    }

    /** Where a {@code [batch, steps]} mask hides a step (is 0). */
    static String hiddenSteps(OnnxWriter w, String mask) {
        return w.binary("Equal", mask, w.scalar(0f));
    }

    /** Ones of the shape of the last two axes {@code [T, S]} of {@code scores}, whose rank is {@code rank}. */
    static String ones(OnnxWriter w, String scores, int rank) {
        return w.binary("Expand", w.scalar(1f), w.unary("Shape", scores, attr("start", rank - 2)));
    }

    /**
     * Whether key step s lies outside the band of query step t: above diagonal k ({@code s - t > k}), or, when
     * {@code below}, below it ({@code s - t < k}); {@code ones} is {@code [T, S]}.
     */
    static String outside(OnnxWriter w, String ones, int k, boolean below) {
        String band = w.binary("Trilu", ones, w.longScalar(k), attr("upper", below ? 1 : 0));
        return w.binary("Equal", band, w.scalar(0f));
    }

    /** Where any of {@code hidden} is true, or null when there is none. */
    static String any(OnnxWriter w, List<String> hidden) {
        String any = null;
        for (String h : hidden) {
            any = any == null ? h : w.binary("Or", any, h);
        }
        return any;
    }
}
