package io.keras4j.importer.keras;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.keras4j.importer.keras.layers.LayerTranslator;
import io.keras4j.importer.keras.layers.Operations;
import io.keras4j.importer.keras.layers.Translation;
import io.keras4j.importer.keras.layers.Translators;
import io.keras4j.runtime.graph.Graph;
import io.keras4j.runtime.graph.Node;
import io.keras4j.runtime.graph.ValueInfo;
import io.keras4j.runtime.ops.MergeMask;
import io.keras4j.runtime.ops.Op;
import io.keras4j.runtime.ops.primitive.Constant;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Translates a parsed Keras model into a {@link Graph}: each layer call, once its inputs exist, goes to
 * the translator of its class; a model used as a layer is translated in place, layer by layer. Every
 * problem of every layer is collected before failing.
 */
public final class GraphBuilder {
    /** More outputs than any op produces, so a failed emit can stand in for all of them. */
    private static final int MAX_OUTPUTS = 8;

    private final ParsedModel model;
    private final KerasVersion version;
    private final WeightStore weights;
    private final Problems problems;
    /** Whether layers under a mixed-precision dtype policy are computed in float32 (else refused). */
    private final boolean mixedPrecisionInFloat32;
    private final List<Node> nodes = new ArrayList<>();
    /** The node emitted for each value. */
    private final Map<String, Node> producers = new HashMap<>();
    private final Map<String, int[]> shapes = new HashMap<>();
    private final Set<String> broken = new HashSet<>();
    /** Masks reduced from the wider mask Keras keeps on a TimeDistributed output, with the steps they span. */
    private final Map<String, Integer> reducedMasks = new HashMap<>();
    /** The masks calls read at run time, in order (see {@link Translation#readsMasks}). */
    private final List<MaskRead> maskReads = new ArrayList<>();

    /** A call that reads {@code mask} at run time and, with {@code removes}, then removes it from its tensor. */
    private record MaskRead(String mask, String call, boolean removes) {
    }
    private final Map<String, String> layerOutputs = new java.util.LinkedHashMap<>();

    /** {@code mixedPrecisionInFloat32}: see {@link io.keras4j.importer.ImportOptions#mixedPrecisionInFloat32}. */
    public GraphBuilder(ParsedModel model, KerasVersion version, WeightStore weights, Problems problems,
                        boolean mixedPrecisionInFloat32) {
        this.model = model;
        this.version = version;
        this.weights = weights;
        this.problems = problems;
        this.mixedPrecisionInFloat32 = mixedPrecisionInFloat32;
    }

    /** Builds the graph, or returns null after recording the problems that prevent it. */
    public Graph build(Map<String, String> metadata) throws IOException {
        List<ValueInfo> graphInputs = new ArrayList<>();
        Map<TensorRef, KTensor> bound = new HashMap<>();
        for (TensorRef in : model.inputs()) {
            int[] shape = model.inputShapes().get(in.layer());
            if (shape == null) {
                problems.add("model input '" + in.layer() + "' is not an InputLayer");
                continue;
            }
            shape = shape.clone();
            if (shape.length > 0) {
                shape[0] = -1;
            }
            graphInputs.add(new ValueInfo(in.layer(), shape));
            shapes.put(in.layer(), shape);
            bound.put(in, new KTensor(in.layer(), null));
        }
        List<KTensor> outs = run(model, weights, "", bound);
        if (!problems.isEmpty()) {
            return null;
        }
        return new Graph(graphInputs, nodes, outs.stream().map(KTensor::value).toList(), metadata, layerOutputs);
    }

    /**
     * Translates every layer call of {@code m} whose inputs can be computed, starting from the tensors in
     * {@code bound}, and returns the model's outputs (placeholders for those that cannot be computed).
     */
    private List<KTensor> run(ParsedModel m, WeightStore store, String prefix, Map<TensorRef, KTensor> bound)
            throws IOException {
        Map<TensorRef, KTensor> tensors = new HashMap<>(bound);
        List<int[]> pending = new ArrayList<>();
        List<LayerSpec> layers = m.layers();
        for (int l = 0; l < layers.size(); l++) {
            for (int c = 0; c < layers.get(l).calls().size(); c++) {
                pending.add(new int[] {l, c});
            }
        }
        Map<Integer, List<Weight>> weightCache = new HashMap<>();
        boolean progress = true;
        while (!pending.isEmpty() && progress) {
            progress = false;
            for (int p = 0; p < pending.size(); p++) {
                int[] lc = pending.get(p);
                LayerSpec layer = layers.get(lc[0]);
                LayerCall call = layer.calls().get(lc[1]);
                List<KTensor> ins = resolve(tensors, call.inputs());
                List<KTensor> state = resolve(tensors, call.initialState());
                if (ins == null || state == null) {
                    continue;
                }
                pending.remove(p--);
                progress = true;
                String nodeBase = prefix + (lc[1] == 0 ? layer.name() : layer.name() + "#" + lc[1]);
                if (call.mask() != null && ins.stream().allMatch(t -> t.mask() == null && !broken.contains(t.value()))) {
                    problems.add(layer, "is given an explicit mask (" + call.mask() + ") where Keras derives none;"
                            + " keras4j applies only the masks of Masking and Embedding(mask_zero=True)");
                }
                ins = recordedConcatenation(layer, call, tensors, ins, nodeBase);
                List<KTensor> outs;
                if (layer.isModel()) {
                    outs = nested(layer, lc[0], store, nodeBase, ins);
                } else {
                    List<Weight> w = layer.operation() ? List.of() : weightCache.get(lc[0]);
                    if (w == null) {
                        w = store.weights(layer, lc[0]);
                        weightCache.put(lc[0], w);
                    }
                    outs = translate(layer, nodeBase, ins, state, w, call);
                }
                for (int i = 0; i < outs.size(); i++) {
                    tensors.put(new TensorRef(layer.name(), lc[1], i), outs.get(i));
                }
                if (lc[1] == 0 && !outs.isEmpty() && shapes.containsKey(outs.get(0).value())) {
                    layerOutputs.put(prefix + layer.name(), outs.get(0).value());
                }
            }
        }
        for (int[] lc : pending) {
            LayerSpec layer = layers.get(lc[0]);
            problems.add(layer, "its inputs " + layer.calls().get(lc[1]).inputs() + " are never computed by the model");
        }
        List<KTensor> outputs = new ArrayList<>();
        if (m.sequential() && !layers.isEmpty()) {
            // A Sequential model returns every output of its last layer (an RNN with return_state gives several).
            String last = layers.get(layers.size() - 1).name();
            for (int i = 0; tensors.containsKey(new TensorRef(last, 0, i)); i++) {
                outputs.add(tensors.get(new TensorRef(last, 0, i)));
            }
            if (!outputs.isEmpty()) {
                return outputs;
            }
        }
        for (TensorRef out : m.outputs()) {
            List<KTensor> found = resolve(tensors, List.of(out));
            KTensor t = found == null ? null : found.get(0);
            if (t == null) {
                problems.add("model output " + out + " is not computed by any layer");
                t = placeholder(prefix + out.layer());
            }
            outputs.add(t);
        }
        return outputs;
    }

    /**
     * The call's inputs, the first given the mask Keras recorded for a Concatenate where that record counts a tensor as
     * unmasked (a nested model's output, masked only at run time) to which keras4j gives a mask: Keras applies the
     * recorded mask. Refused where that Concatenate is only a part of the recorded mask.
     */
    private List<KTensor> recordedConcatenation(LayerSpec layer, LayerCall call, Map<TensorRef, KTensor> tensors,
                                                List<KTensor> ins, String nodeBase) {
        for (RecordedConcatenation c : call.maskConcatenations()) {
            List<KTensor> parts = resolve(tensors, c.parts());
            if (parts == null || ins.isEmpty()) {
                continue;
            }
            List<String> opIns = new ArrayList<>(parts.stream().map(KTensor::value).toList());
            boolean[] masked = new boolean[parts.size()];
            boolean differs = false;
            TensorRef maskless = null; // a part the record counts as masked that has no mask here
            for (int k = 0; k < parts.size(); k++) {
                masked[k] = c.masked().get(k);
                String mask = parts.get(k).mask();
                differs |= (mask != null) != masked[k];
                if (masked[k] && mask == null && maskless == null) {
                    maskless = c.parts().get(k);
                } else if (masked[k] && mask != null) {
                    opIns.add(mask);
                }
            }
            if (!differs) {
                continue;
            }
            String counted = "; the mask Keras recorded for it counts the Concatenate inputs " + c.parts() + " as masked "
                    + c.masked() + ", where keras4j derives masks for them as at run time";
            if (!c.whole()) {
                problems.add(layer, "is given a mask in which a Concatenate's mask is only a part" + counted
                        + "; keras4j follows such a record only where it is the whole mask");
                return ins;
            }
            if (maskless != null) {
                problems.add(layer, "is given a mask" + counted + ", and none for " + maskless);
                return ins;
            }
            int rank = shapes.getOrDefault(parts.get(0).value(), new int[0]).length;
            int axis = c.axis() < 0 ? c.axis() + rank : c.axis();
            if (axis < 1 || axis >= rank) {
                problems.add(layer, "is given a mask" + counted + ", concatenated along axis " + c.axis() + " of rank "
                        + rank);
                return ins;
            }
            String mask = new CallTranslation(nodeBase + "/recorded_mask", ins, List.of(), List.of(), call)
                    .emit(MergeMask.concatenate(axis, masked), opIns).get(0);
            List<KTensor> out = new ArrayList<>(ins);
            out.set(0, new KTensor(ins.get(0).value(), mask));
            return out;
        }
        return ins;
    }

    /** Looks up tensors by reference (calls numbered from 0: see ModelConfigParser). */
    private static List<KTensor> resolve(Map<TensorRef, KTensor> tensors, List<TensorRef> refs) {
        List<KTensor> out = new ArrayList<>();
        for (TensorRef r : refs) {
            KTensor t = tensors.get(r);
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out;
    }

    /** A Sequential or Functional model or a Pipeline used as a layer: its layers are translated in place under its name. */
    private List<KTensor> nested(LayerSpec layer, int index, WeightStore store, String nodeBase, List<KTensor> ins)
            throws IOException {
        Problems own = new Problems();
        com.fasterxml.jackson.databind.node.ObjectNode wrapped = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
                .objectNode().put("class_name", layer.className());
        wrapped.set("config", layer.config());
        ParsedModel inner = ModelConfigParser.parse(wrapped, own);
        own.list().forEach(p -> problems.add(layer, p));
        if (inner == null) {
            return List.of(placeholder(nodeBase));
        }
        if (inner.inputs().size() != ins.size()) {
            problems.add(layer, "is called on " + ins.size() + " tensors but has " + inner.inputs().size() + " inputs");
            return List.of(placeholder(nodeBase));
        }
        boolean pipeline = layer.className().equals("Pipeline");
        if (pipeline && ins.get(0).mask() != null) {
            problems.add(layer, "is given a masked input; keras4j runs a Pipeline on unmasked tensors only");
            return List.of(placeholder(nodeBase));
        }
        Map<TensorRef, KTensor> bound = new HashMap<>();
        for (int i = 0; i < ins.size(); i++) {
            bound.put(inner.inputs().get(i), ins.get(i));
        }
        List<KTensor> outs = run(inner, store.nested(layer, index, inner.layers()), nodeBase + "/", bound);
        if (pipeline && outs.stream().anyMatch(o -> o.mask() != null)) {
            problems.add(layer, "holds a layer that makes a mask (Masking, Embedding with mask_zero); keras4j runs a"
                    + " Pipeline on unmasked tensors only");
        }
        return outs;
    }

    private List<KTensor> translate(LayerSpec layer, String nodeBase, List<KTensor> ins, List<KTensor> state, List<Weight> w,
                                    LayerCall call) {
        boolean inputBroken = ins.stream().anyMatch(t -> broken.contains(t.value()))
                || state.stream().anyMatch(t -> broken.contains(t.value()));
        LayerTranslator translator = layer.operation() ? Operations.forClass(layer.className())
                : Translators.forClass(layer.className());
        if (translator == null) {
            problems.add(layer, layer.operation() ? Operations.unsupportedReason(layer.className())
                    : Translators.unsupportedReason(layer.className()));
            return List.of(placeholder(nodeBase));
        }
        if (inputBroken) {
            return Collections.nCopies(MAX_OUTPUTS, placeholder(nodeBase));
        }
        LayerConfig config = new LayerConfig(layer, problems);
        List<KTensor> outs;
        try {
            outs = translator.translate(config, new CallTranslation(nodeBase, ins, state, w, call));
        } catch (RuntimeException e) { // a config no translator expects (damaged or hostile): reported, not thrown
            problems.add(layer, "malformed layer config or call (" + e + ")");
            return Collections.nCopies(MAX_OUTPUTS, placeholder(nodeBase));
        }
        config.finish(mixedPrecisionInFloat32);
        if (outs.size() == 1 && broken.contains(outs.get(0).value())) {
            return Collections.nCopies(MAX_OUTPUTS, outs.get(0)); // every output of a refused call stands in
        }
        return outs;
    }

    /** Whether value {@code v} is computed, through the nodes emitted so far, from value {@code from}. */
    private boolean computedFrom(String v, String from) {
        Set<String> seen = new HashSet<>();
        List<String> todo = new ArrayList<>(List.of(v));
        while (!todo.isEmpty()) {
            Node n = producers.get(todo.remove(todo.size() - 1));
            for (String in : n == null ? List.<String>of() : n.inputs()) {
                if (in.equals(from)) {
                    return true;
                }
                if (seen.add(in)) {
                    todo.add(in);
                }
            }
        }
        return false;
    }

    private KTensor placeholder(String nodeBase) {
        String v = nodeBase + ":unavailable";
        broken.add(v);
        return new KTensor(v, null);
    }

    /** The view one layer call's translator has of the build. */
    private final class CallTranslation implements Translation {
        private final String nodeBase;
        private final List<KTensor> inputs;
        private final List<KTensor> state;
        private final List<Weight> weights;
        private final LayerCall call;
        private int emitted;

        CallTranslation(String nodeBase, List<KTensor> inputs, List<KTensor> state, List<Weight> weights, LayerCall call) {
            this.nodeBase = nodeBase;
            this.inputs = inputs;
            this.state = state;
            this.weights = weights;
            this.call = call;
        }

        @Override
        public boolean maskPassed() {
            return call.maskPassed();
        }

        @Override
        public JsonNode callArgument(String name) {
            return call.kwargs().path(name);
        }

        @Override
        public JsonNode keywordArguments() {
            return call.kwargs();
        }

        @Override
        public JsonNode positionalArguments() {
            return call.args();
        }

        @Override
        public KerasVersion version() {
            return version;
        }

        @Override
        public List<KTensor> inputs() {
            return inputs;
        }

        @Override
        public List<KTensor> initialState() {
            return state;
        }

        @Override
        public List<Weight> weights() {
            return weights;
        }

        @Override
        public int[] shape(String value) {
            int[] s = shapes.get(value);
            return s == null ? new int[0] : s.clone();
        }

        @Override
        public List<KTensor> translateInner(LayerSpec inner, List<KTensor> ins, List<KTensor> initialState,
                                            List<Weight> innerWeights) {
            // the wrapped layer takes the wrapper's mask argument, none of its other call arguments
            LayerCall innerCall = new LayerCall(List.of(), List.of(), null, call.maskPassed(), MissingNode.getInstance(),
                    List.of(), MissingNode.getInstance());
            return translate(inner, nodeBase + "/" + inner.name(), ins, initialState, innerWeights, innerCall);
        }

        @Override
        public String readsMasks(List<String> masks, boolean removes) {
            String clash = null;
            for (String m : masks) {
                for (MaskRead r : maskReads) {
                    if (clash == null && (removes || r.removes()) && !r.call().equals(nodeBase)
                            && (r.mask().equals(m) || computedFrom(m, r.mask()) || computedFrom(r.mask(), m))) {
                        clash = r.call();
                    }
                }
            }
            for (String m : masks) {
                maskReads.add(new MaskRead(m, nodeBase, removes));
            }
            return clash;
        }

        @Override
        public void reducedMask(String mask, int steps) {
            reducedMasks.put(mask, steps);
        }

        @Override
        public int stepsReducedIn(String mask) {
            return reducedMasks.getOrDefault(mask, 0);
        }

        @Override
        public KTensor unavailable() {
            return placeholder(nodeBase + "/" + emitted++);
        }

        @Override
        public List<String> emit(Op op, List<String> ins) {
            String name = emitted == 0 ? nodeBase : nodeBase + "/" + emitted;
            emitted++;
            if (ins.stream().anyMatch(broken::contains)) {
                return Collections.nCopies(MAX_OUTPUTS, placeholder(name).value());
            }
            int[][] inShapes = ins.stream().map(shapes::get).toArray(int[][]::new);
            float[][] constants = ins.stream().map(v -> producers.get(v) != null && producers.get(v).op() instanceof Constant c
                    ? c.values() : null).toArray(float[][]::new);
            int[][] outShapes;
            try {
                outShapes = op.outputShapes(inShapes, constants);
            } catch (IllegalArgumentException e) {
                problems.add("layer '" + nodeBase + "' (" + op.type() + "): " + e.getMessage());
                return Collections.nCopies(MAX_OUTPUTS, placeholder(name).value());
            }
            List<String> outs = new ArrayList<>();
            for (int i = 0; i < outShapes.length; i++) {
                String v = i == 0 ? name : name + ":" + i;
                outs.add(v);
                shapes.put(v, outShapes[i]);
            }
            Node node = new Node(name, op, ins, outs);
            nodes.add(node);
            outs.forEach(o -> producers.put(o, node));
            return outs;
        }
    }
}
