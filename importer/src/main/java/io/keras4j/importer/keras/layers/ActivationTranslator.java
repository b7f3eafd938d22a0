package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.Activations;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.ActivationOp;
import java.util.List;

/** Keras Activation layer. */
final class ActivationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor x = t.inputs().get(0);
        ActivationOp op = new ActivationOp(Activations.read(config, t.version(), "linear", "activation"));
        return List.of(new KTensor(t.emit(op, List.of(x.value())).get(0), x.mask()));
    }
}
