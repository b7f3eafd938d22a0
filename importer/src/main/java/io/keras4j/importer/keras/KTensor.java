package io.keras4j.importer.keras;

/**
 * A tensor while a model is being translated: the graph value that holds it and, when Keras attaches
 * one, the graph value of its mask ({@code [batch, time]}, non-zero where a step is valid), else null.
 */
public record KTensor(String value, String mask) {
    public KTensor withMask(String newMask) {
        return new KTensor(value, newMask);
    }
}
