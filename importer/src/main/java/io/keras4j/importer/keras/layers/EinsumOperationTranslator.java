package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.primitive.Einsum;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.einsum(subscripts, *operands)} on tensors whose terms all start with the output's first axis
 * (the batch; or all with {@code ...} on operands of one rank), so that no sample meets another.
 */
final class EinsumOperationTranslator implements LayerTranslator {
    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        String subscripts = config.string("", "subscripts");
        JsonNode args = t.positionalArguments();
        List<KTensor> ins = t.inputs();
        String[] sides = subscripts.replace(" ", "").split("->", -1);
        String[] terms = sides[0].split(",", -1);
        boolean batched = sides.length == 2 && !sides[1].isEmpty() && terms.length == ins.size() && args.isArray()
                && args.size() == ins.size();
        String first = batched ? sides[1].startsWith("...") ? "..." : sides[1].substring(0, 1) : "";
        for (int i = 0; batched && i < terms.length; i++) {
            batched = OperationArguments.isTensor(args.get(i)) && terms[i].startsWith(first) && (!first.equals("...")
                    || t.shape(ins.get(i).value()).length == t.shape(ins.get(0).value()).length);
        }
        if (!batched) {
            config.problem("subscripts '" + subscripts + "' on " + ins.size() + " tensors are not supported (an explicit"
                    + " output, every operand a tensor whose first axis is the output's first: the batch)");
            return List.of(t.unavailable());
        }
        Einsum op;
        try {
            op = new Einsum(subscripts);
        } catch (IllegalArgumentException e) {
            config.problem(e.getMessage());
            return List.of(t.unavailable());
        }
        return List.of(new KTensor(t.emit(op, ins.stream().map(KTensor::value).toList()).get(0), null));
    }
}
