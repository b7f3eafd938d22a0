package io.keras4j.importer.keras.layers;

import com.fasterxml.jackson.databind.JsonNode;
import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Cast;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keras 3 {@code keras.ops.bitwise_and(x, y)}, {@code bitwise_or}, {@code bitwise_xor}, {@code bitwise_not(x)} (and
 * {@code bitwise_invert}), {@code left_shift(x, y)} and {@code right_shift(x, y)} (and their {@code bitwise_} names), as
 * TensorFlow computes them on the tensors' integer type: int8 to int64 or uint8 to uint32, one type for all tensor
 * operands (numbers taken as it); a shift's count clipped to {@code [0, bits - 1]} and its result wrapped into the type,
 * as TensorFlow's kernels; the right shift arithmetic. keras4j holds the integers as float32 values, exact up to 2^24.
 */
final class BitwiseOperationTranslator implements LayerTranslator {
    /** Which operation. */
    enum Form { AND, OR, XOR, NOT, LEFT_SHIFT, RIGHT_SHIFT }

    private static final Pattern SUPPORTED = Pattern.compile("(u?)int(8|16|32|64)");

    private final Form form;

    BitwiseOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        List<String> operands = OperationArguments.operands(config, t, form == Form.NOT ? 1 : 2);
        Matcher type = type(config, t);
        if (operands == null || type == null) {
            return List.of(t.unavailable());
        }
        boolean signed = type.group(1).isEmpty();
        int bits = Integer.parseInt(type.group(2));
        String x = operands.get(0);
        String y = form == Form.NOT ? GeneralConfig.scalar(t, -1f) : operands.get(1);
        boolean shift = form == Form.LEFT_SHIFT || form == Form.RIGHT_SHIFT;
        if (shift) {
            y = GeneralConfig.emit(t, new ActivationOp(Activation.of(Activation.Kind.CLIP, 0, bits - 1)), y);
        }
        Elementwise.Kind kind = switch (form) {
            case AND -> Elementwise.Kind.BIT_AND;
            case OR -> Elementwise.Kind.BIT_OR;
            case XOR, NOT -> Elementwise.Kind.BIT_XOR;
            case LEFT_SHIFT -> Elementwise.Kind.SHIFT_LEFT;
            case RIGHT_SHIFT -> Elementwise.Kind.SHIFT_RIGHT;
        };
        String out = GeneralConfig.elementwise(t, kind, x, y);
        if (form == Form.NOT || form == Form.LEFT_SHIFT) {
            out = GeneralConfig.emit(t, Cast.integerToInteger(bits, signed), out);
        }
        return List.of(new KTensor(out, null));
    }

    /**
     * The integer type of the call's tensors as a match of {@link #SUPPORTED} (signedness, bits), or null after a
     * problem: tensors of another type, or of two types, are refused by name.
     */
    private Matcher type(LayerConfig config, Translation t) {
        List<String> types = new ArrayList<>();
        for (JsonNode a : t.positionalArguments()) {
            if (OperationArguments.isTensor(a)) {
                types.add(a.path("config").path("dtype").asText());
            }
        }
        Matcher m = SUPPORTED.matcher(types.isEmpty() ? "" : types.get(0));
        if (!m.matches() || types.get(0).equals("uint64") || types.stream().distinct().count() > 1) {
            config.problem("is given tensors of dtype " + String.join(" and ", types) + "; keras4j needs one of int8, int16,"
                    + " int32, int64, uint8, uint16 and uint32, the same for all");
            return null;
        }
        return m;
    }
}
