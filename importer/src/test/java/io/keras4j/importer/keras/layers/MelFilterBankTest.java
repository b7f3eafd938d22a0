package io.keras4j.importer.keras.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.keras4j.runtime.math.GlibcLog;
import org.junit.jupiter.api.Test;

/**
 * The mel matrix equals Keras' bit for bit (Keras 3.15.1, TensorFlow 2.21.0: {@code linear_to_mel_weight_matrix(20, 101,
 * 8000, 20, 4000)}), at the entries where a correctly rounded log gives other bits, and on the last 4 bins, whose log
 * TensorFlow takes from glibc rather than Eigen's packets.
 */
class MelFilterBankTest {
    @Test
    void logsAreTensorFlowsPacketAndScalarOnes() {
        float x = 1f + 20f / 700f;
        assertEquals(1021757113, Float.floatToIntBits(MelFilterBank.eigenLog(x)));
        assertEquals(1021757114, Float.floatToIntBits(GlibcLog.log(x)));
    }

    @Test
    void matrixEqualsKerasBitForBit() {
        float[] w = MelFilterBank.matrix(20, 101, 8000f, 20f, 4000f);
        int[][] kerasBits = {{1, 0, 1050478316}, {2, 0, 1063607847}, {3, 0, 1057706730}, {3, 1, 1055480365},
            {4, 0, 1010166261}, {4, 1, 1065166936}, {8, 2, 1036990789}, {8, 3, 1063655639}, {97, 19, 1049901639},
            {98, 19, 1044695134}, {99, 19, 1036251524}, {100, 19, 0}, {0, 0, 0}};
        for (int[] e : kerasBits) {
            assertEquals(e[2], Float.floatToIntBits(w[e[0] * 20 + e[1]]), "row " + e[0] + ", mel bin " + e[1]);
        }
    }
}
