package io.keras4j.importer.keras.layers;

import io.keras4j.importer.keras.KTensor;
import io.keras4j.importer.keras.LayerConfig;
import io.keras4j.runtime.math.Activation;
import io.keras4j.runtime.math.Activation.Kind;
import io.keras4j.runtime.ops.ActivationOp;
import io.keras4j.runtime.ops.primitive.Elementwise;
import java.util.List;

/**
 * Keras 3 operations of one tensor that Keras' TensorFlow backend computes in a few float32 steps, emitted as those
 * steps: {@code keras.ops.cbrt(x)}, {@code sign(x) · |x|^(1/3)} (1/3 in float32); {@code keras.ops.sinc(x)}, {@code
 * sin(πx) / (πx)} with πx in float32, and 1 where x is 0; {@code keras.ops.angle(x)} of real values, π where x &lt; 0,
 * else 0 (NaN too); {@code keras.ops.round(x, decimals)}, {@code round(x · f) / f} with {@code f = 10^decimals} in
 * float32 (rounding half to even; decimals 0 rounds x alone), the division computed as TensorFlow's graph optimizer
 * rewrites it, times {@code 1/f} rounded to float32.
 */
final class FormulaOperationTranslator implements LayerTranslator {
    /** Which operation. */
    enum Form {
        CBRT, SINC, ANGLE, ROUND
    }

    private static final float PI = (float) Math.PI;

    private final Form form;

    FormulaOperationTranslator(Form form) {
        this.form = form;
    }

    @Override
    public List<KTensor> translate(LayerConfig config, Translation t) {
        KTensor in = OperationArguments.single(config, t);
        double decimals = form == Form.ROUND ? config.number(0, "decimals") : 0;
        if (in == null) {
            return List.of(t.unavailable());
        }
        String x = in.value();
        String y = switch (form) {
            case CBRT -> mul(t, apply(t, Kind.SIGN, x), GeneralConfig.elementwise(t, Elementwise.Kind.POW,
                    apply(t, Kind.ABS, x), GeneralConfig.scalar(t, 1f / 3f)));
            case SINC -> {
                String pix = mul(t, x, GeneralConfig.scalar(t, PI));
                yield GeneralConfig.where(t, GeneralConfig.elementwise(t, Elementwise.Kind.EQUAL, x, GeneralConfig.scalar(t, 0f)),
                        GeneralConfig.scalar(t, 1f),
                        GeneralConfig.elementwise(t, Elementwise.Kind.DIV, apply(t, Kind.SIN, pix), pix));
            }
            case ANGLE -> GeneralConfig.where(t, GeneralConfig.elementwise(t, Elementwise.Kind.LESS, x, GeneralConfig.scalar(t, 0f)),
                    GeneralConfig.scalar(t, PI), GeneralConfig.scalar(t, 0f));
            case ROUND -> {
                if (decimals == 0) {
                    yield apply(t, Kind.ROUND, x);
                }
                float factor = (float) Math.pow(10, decimals);
                yield mul(t, apply(t, Kind.ROUND, mul(t, x, GeneralConfig.scalar(t, factor))),
                        GeneralConfig.scalar(t, 1f / factor));
            }
        };
        return List.of(new KTensor(y, null));
    }

    private static String apply(Translation t, Kind kind, String x) {
        return GeneralConfig.emit(t, new ActivationOp(Activation.of(kind)), x);
    }

    private static String mul(Translation t, String a, String b) {
        return GeneralConfig.elementwise(t, Elementwise.Kind.MUL, a, b);
    }
}
