package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Softmax;
import io.keras4j.runtime.ops.primitive.Unsqueeze;
import java.util.List;

/**
 * Keras Softmax layer: axis (an int or a list of ints; not None). A mask reaching it is applied the Keras 3
 * way (see {@link Softmax}) and passed on; for files of older Keras a masked Softmax is refused.
 */
final class SoftmaxTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        JsonNode a = config.raw("axis");
        KTensor x = GeneralConfig.single(config, t);
        if (x == null) {
            return List.of(t.unavailable());
        }
        int rank = t.shape(x.value()).length;
        if (a != null && a.isNull()) {
            config.problem("option axis=None is not supported (Keras 3 reads it as every axis, batch included, from a "
                    + ".keras file but as axis -1 from an .h5 file)");
            return List.of(t.unavailable());
        }
        int[] axes = GeneralConfig.axes(config, rank, true);
        if (axes == null) {
            return List.of(t.unavailable());
        }
        boolean masked = x.mask() != null && t.maskPassed();
        if (masked && t.version().major() < 3) {
            config.problem("a mask reaches this Softmax; keras4j implements only Keras 3's masked softmax, and this file "
                    + "was written by Keras " + t.version());
            return List.of(t.unavailable());
        }
        String mask = x.mask();
        if (masked && t.stepsReducedIn(mask) == 1) {
            // Keras keeps TimeDistributed's (batch, time, 1) mask, which lines up with the timesteps of the input
            mask = t.emit(new Unsqueeze(new long[] {-1}), List.of(mask)).get(0);
        } else if (masked && TimeDistributedTranslator.refusesKeptMask(config, t, mask,
                "applies it to the last axes (where its steps equal the units) or fails")) {
            return List.of(t.unavailable());
        }
        List<String> ins = masked ? List.of(x.value(), mask) : List.of(x.value());
        // Keras 3.10 made Softmax zero masked entries (a row with every entry masked gave near-uniform weights before)
        Softmax op = masked && t.version().before(3, 10) ? Softmax.unzeroed(rank, axes) : new Softmax(rank, axes, masked);
        return List.of(new KTensor(t.emit(op, ins).get(0), x.mask()));
    }
}
