package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.ops.Softmax;
import io.keras4j.runtime.ops.Transpose;
import io.keras4j.runtime.ops.primitive.Elementwise;
import io.keras4j.runtime.ops.primitive.MatMul;
import io.keras4j.runtime.ops.primitive.Repeat;
import io.keras4j.runtime.ops.primitive.Trilu;
import io.keras4j.runtime.ops.primitive.Where;
import java.util.List;

/**
 * Keras 3 {@code keras.ops.dot_product_attention(query, key, value, bias, mask, scale, is_causal)} as Keras' TensorFlow
 * backend computes it on {@code (batch, steps, heads, head_dim)} tensors: the logits {@code (q·k)·scale} (scale by
 * default {@code 1/sqrt(head_dim)} in float32), plus {@code bias}, replaced by {@code -0.7 · 3.38953e38} where
 * {@code mask} is false or, with {@code is_causal}, the key step comes after the query step (counted from the first of
 * each); a softmax over the key steps; the weights times the values. Key and value heads that divide the query's are
 * repeated to them (grouped-query attention), as Keras repeats them.
 */
final class DotProductAttentionTranslator implements LayerTranslator {
    /** What Keras' TensorFlow backend puts in a masked logit: {@code 3.38953e38 · -0.7}, in float32. */
    private static final float MASKED = (float) (3.38953e38 * -0.7);

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<KTensor> qkv = OperationArguments.leading(config, t, 3, 3, "query, key and value tensors");
        boolean causal = config.bool(false, "is_causal");
        if (config.bool(false, "flash_attention")) {
            config.problem("option flash_attention=true is not supported (Keras' TensorFlow backend refuses it)");
        }
        GeneralConfig.requireNull(config, "attn_logits_soft_cap", "Keras runs it only with JAX on a TPU");
        int[][] shapes = qkv == null ? null : qkv.stream().map(x -> t.shape(x.value())).toArray(int[][]::new);
        if (shapes == null || !shapesSupported(config, shapes)) {
            return List.of(t.unavailable());
        }
        JsonNode scaleArgument = t.keywordArguments().path("scale");
        if (!scaleArgument.isMissingNode() && !scaleArgument.isNull() && !scaleArgument.isNumber()) {
            config.problem("argument scale " + OperationArguments.quote(scaleArgument) + " is not supported (None or a"
                    + " number)");
        }
        float scale = scaleArgument.isNumber() ? scaleArgument.floatValue() : 1f / (float) Math.sqrt(shapes[1][3]);
        String bias = OperationArguments.keyword(config, t, "bias", 4);
        String mask = OperationArguments.keyword(config, t, "mask", 4);
        if (config.hasProblems()) {
            return List.of(t.unavailable());
        }
        String key = qkv.get(1).value();
        String value = qkv.get(2).value();
        int groups = shapes[0][2] / shapes[1][2];
        if (groups > 1) {
            key = GeneralConfig.emit(t, new Repeat(2, groups), key);
            value = GeneralConfig.emit(t, new Repeat(2, groups), value);
        }
        String logits = GeneralConfig.emit(t, new MatMul(), transpose(t, qkv.get(0).value(), 0, 2, 1, 3),
                transpose(t, key, 0, 2, 3, 1));
        logits = GeneralConfig.emit(t, new Elementwise(Elementwise.Kind.MUL), logits, constant(t, scale));
        if (bias != null) {
            logits = GeneralConfig.emit(t, new Elementwise(Elementwise.Kind.ADD), logits, bias);
        }
        String masked = constant(t, MASKED);
        if (mask != null) {
            logits = GeneralConfig.emit(t, new Where(), mask, logits, masked);
        }
        if (causal) {
            String one = constant(t, 1f);
            String lower = GeneralConfig.emit(t, new Trilu(false, 0), GeneralConfig.emit(t, new Where(), logits, one, one));
            logits = GeneralConfig.emit(t, new Where(), lower, logits, masked);
        }
        String weights = GeneralConfig.emit(t, new Softmax(4, new int[] {3}, false), logits);
        String out = GeneralConfig.emit(t, new MatMul(), weights, transpose(t, value, 0, 2, 1, 3));
        return List.of(new KTensor(transpose(t, out, 0, 2, 1, 3), null));
    }

    /**
     * Whether query, key and value are of rank 4 with their heads and head sizes known at import, key and value of one
     * shape whose heads are the query's or more than one dividing them, and query and key of one head size; records a
     * problem where not.
     */
    private static boolean shapesSupported(LayerConfig config, int[][] s) {
        String text = "query " + GeneralConfig.shapeText(s[0]) + ", key " + GeneralConfig.shapeText(s[1]) + " and value "
                + GeneralConfig.shapeText(s[2]);
        for (int[] shape : s) {
            if (shape.length != 4 || shape[2] <= 0 || shape[3] <= 0) {
                config.problem("takes " + text + "; keras4j computes tensors of rank 4 (batch, steps, heads, head_dim)"
                        + " whose heads and head_dim are known at import");
                return false;
            }
        }
        int heads = s[0][2];
        int kvHeads = s[1][2];
        if (s[0][3] != s[1][3] || s[1][2] != s[2][2] || s[1][1] != s[2][1]
                || heads != kvHeads && (kvHeads == 1 || heads % kvHeads != 0)) {
            config.problem("takes " + text + ", which Keras' TensorFlow backend cannot attend (query and key of one"
                    + " head_dim; key and value of one number of steps and heads, the query's or more than one that"
                    + " divides it)");
            return false;
        }
        return true;
    }

    private static String transpose(Translation t, String v, int... perm) {
        return GeneralConfig.emit(t, new Transpose("Transpose", perm), v);
    }

    private static String constant(Translation t, float v) {
        return GeneralConfig.constant(t, new float[] {v}, new int[0]);
    }
}
