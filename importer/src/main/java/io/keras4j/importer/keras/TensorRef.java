package io.keras4j.importer.keras;

/** A Keras tensor as configs name it: output {@code tensorIndex} of call {@code nodeIndex} of a layer. */
public record TensorRef(String layer, int nodeIndex, int tensorIndex) {
    @Override
    public String toString() {
        return layer + "[" + nodeIndex + "][" + tensorIndex + "]";
    }
}
