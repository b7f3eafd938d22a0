package io.keras4j.spark;

import static io.keras4j.spark.SparkTesting.chunk;
import static io.keras4j.spark.SparkTesting.flat;
import static io.keras4j.spark.SparkTesting.sequence;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.keras4j.importer.CaseFolder;
import io.keras4j.importer.Comparison;
import io.keras4j.importer.ModelImporter;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Session;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.Npy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.spark.SparkException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Stateful scoring per key on a local Spark. The oracle is a keras4j {@link Session} fed the same events, one
 * session per key (sessions are checked against Keras by the importer's golden and streaming tests); a session
 * fed a sequence in chunks must also give Keras' outputs for the whole sequence, which is checked here too.
 */
class StatefulScoringTest {
    private static final StructType EVENTS = new StructType()
            .add("user", DataTypes.StringType, false)
            .add("ts", DataTypes.LongType, false)
            .add("x", SparkTesting.SEQUENCE, false);

    private static final SparkSession spark = SparkTesting.session();

    /** Events of key {@code "user" + r}: row r of {@code x} cut at {@code cuts}, at times 10, 20, ... */
    private static List<Row> events(Tensor x, int[] cuts) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < x.dim(0); r++) {
            for (int e = 0; e + 1 < cuts.length; e++) {
                rows.add(RowFactory.create("user" + r, 10L * (e + 1), sequence(chunk(x, r, cuts[e], cuts[e + 1]), 0)));
            }
        }
        Collections.shuffle(rows, new Random(42));
        return rows;
    }

    /** What a session per key gives for the same events: outputs[key][event]. */
    private static float[][][] oracle(Model model, Tensor x, int[] cuts) {
        float[][][] out = new float[x.dim(0)][cuts.length - 1][];
        for (int r = 0; r < x.dim(0); r++) {
            Session session = model.newSession();
            for (int e = 0; e + 1 < cuts.length; e++) {
                out[r][e] = flat(session.run(chunk(x, r, cuts[e], cuts[e + 1])), 0);
            }
        }
        return out;
    }

    /** Spark's outputs for each key's events: outputs[key][event], in time order. */
    private static float[][][] byKey(List<Row> rows, int keys, int events) {
        float[][][] out = new float[keys][events][];
        for (Row row : rows) {
            int key = Integer.parseInt(row.getString(0).substring("user".length()));
            int event = (int) (row.getLong(1) / 10 - 1);
            out[key][event] = flat(row, "y");
        }
        return out;
    }

    @Test
    void sequenceOutputsPerEventMatchSessionsAndKeras() throws Exception {
        CaseFolder c = CaseFolder.open(SparkTesting.caseDir("lstm_dyn_timesteps_u5_f3_t13_b2_seq_h5"));
        Tensor x = c.inputs().get(0);
        int[] cuts = {0, 4, 5, 11, 13};
        int units = c.outputs().get(0).dim(2);
        Model model = ModelImporter.load(c.model());

        Dataset<Row> scored = Keras4jScoring.scoreByKey(spark.createDataFrame(events(x, cuts), EVENTS),
                c.model().toString(), "user", "ts", new String[] {"x"}, new String[] {"y"});

        assertEquals("array<array<float>>", scored.schema().apply("y").dataType().simpleString());
        float[][][] got = byKey(scored.collectAsList(), x.dim(0), cuts.length - 1);
        float[][][] want = oracle(model, x, cuts);
        float[] all = new float[x.dim(0) * x.dim(1) * units];
        int at = 0;
        for (int r = 0; r < got.length; r++) {
            for (int e = 0; e < got[r].length; e++) {
                assertArrayEquals(want[r][e], got[r][e], "user" + r + " event " + e);
                System.arraycopy(got[r][e], 0, all, at, got[r][e].length);
                at += got[r][e].length;
            }
        }
        Comparison keras = c.compare(0, Tensor.of(all, x.dim(0), x.dim(1), units));
        assertTrue(keras.passed(), "events joined per key against Keras on whole sequences: max abs error " + keras.maxAbsError());
    }

    @Test
    void transformerWithKeyAndTimeScoresStatefully() throws Exception {
        CaseFolder c = CaseFolder.open(SparkTesting.caseDir("lstm_dyn_timesteps_u5_f3_t17_b3_last_func_keras"));
        Tensor x = c.inputs().get(0);
        int keys = x.dim(0);
        int[] cuts = {0, 3, 4, 17};

        Keras4jTransformer stage = new Keras4jTransformer().setModelPath(c.model().toString())
                .setInputCols("x").setOutputCols("y").setKeyCol("user").setTimeCol("ts");
        float[][][] got = byKey(stage.transform(spark.createDataFrame(events(x, cuts), EVENTS)).collectAsList(), keys, 3);

        float[][][] want = oracle(ModelImporter.load(c.model()), x, cuts);
        for (int r = 0; r < keys; r++) {
            for (int e = 0; e < 3; e++) {
                assertArrayEquals(want[r][e], got[r][e], "user" + r + " event " + e);
            }
            for (int u = 0; u < got[r][2].length; u++) {
                float keras = c.outputs().get(0).get(r, u);
                assertEquals(keras, got[r][2][u], 1e-5 + 1e-5 * Math.abs(keras), "user" + r + " after the whole sequence");
            }
        }
    }

    /**
     * Keras' own stateful cases (folders with {@code call1_input_0.npy}: Keras called the model several times
     * without resetting states) whose input is a sequence of feature vectors, as an event's column holds (not the frames
     * of a ConvLSTM): batch row b becomes key b, call k its event k, and each event's output must be Keras' output of
     * call k for row b.
     */
    @TestFactory
    Stream<DynamicTest> kerasStatefulCasesScoredPerKey() throws IOException {
        try (Stream<Path> dirs = Files.list(SparkTesting.caseDir("seed_lstm16_h5").getParent())) {
            return dirs.filter(d -> Files.exists(d.resolve("call1_input_0.npy")) && rank(d.resolve("input_0.npy")) == 3)
                    .sorted().toList().stream()
                    .map(d -> DynamicTest.dynamicTest(d.getFileName().toString(), () -> kerasStatefulCase(d)));
        }
    }

    private static int rank(Path npy) {
        try {
            return Npy.read(npy).shape().length;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void kerasStatefulCase(Path dir) throws IOException {
        CaseFolder c = CaseFolder.open(dir);
        assertEquals(1, c.inputs().size(), "one input");
        List<Row> rows = new ArrayList<>();
        List<Tensor> calls = new ArrayList<>();
        for (int k = 0; k < c.calls(); k++) {
            Tensor x = Npy.read(dir.resolve(k == 0 ? "input_0.npy" : "call" + k + "_input_0.npy"));
            calls.add(x);
            for (int b = 0; b < x.dim(0); b++) {
                rows.add(RowFactory.create("user" + b, 10L * (k + 1), sequence(x, b)));
            }
        }
        Collections.shuffle(rows, new Random(7));
        List<Row> scored = Keras4jScoring.scoreByKey(spark.createDataFrame(rows, EVENTS), c.model().toString(), "user", "ts",
                new String[] {"x"}, new String[] {"y"}).collectAsList();

        int keys = calls.get(0).dim(0);
        float[][][] got = byKey(scored, keys, c.calls());
        for (int k = 0; k < c.calls(); k++) {
            Tensor want = c.outputs(k).get(0);
            int per = want.size() / keys;
            float[] all = new float[want.size()];
            for (int b = 0; b < keys; b++) {
                System.arraycopy(got[b][k], 0, all, b * per, per);
            }
            Comparison r = c.compare(k, 0, Tensor.of(all, want.shape()));
            assertTrue(r.passed(), dir.getFileName() + " call " + k + ": max abs error " + r.maxAbsError() + " " + r.detail());
        }
    }

    /** The repartition by key runs at the first action, like any Spark transformation's. */
    @Test
    void scoringPerKeyStartsNoJobBeforeAnAction() throws Throwable {
        CaseFolder c = CaseFolder.open(SparkTesting.caseDir("lstm_dyn_timesteps_u5_f3_t13_b2_seq_h5"));
        Dataset<Row> events = spark.createDataFrame(events(c.inputs().get(0), new int[] {0, 4, 13}), EVENTS);

        assertFalse(SparkTesting.startsAJob(spark, () -> Keras4jScoring.scoreByKey(events, c.model().toString(), "user", "ts",
                new String[] {"x"}, new String[] {"y"})), "scoring per key started a job");
    }

    @Test
    void twoEventsOfAKeyAtTheSameTimeAreAnError() throws Exception {
        String model = SparkTesting.caseDir("lstm_dyn_timesteps_u5_f3_t13_b2_seq_h5").resolve("model.h5").toString();
        float[][] step = {{0.5f, 0.25f, -1f}};
        Dataset<Row> events = spark.createDataFrame(List.of(RowFactory.create("a", 1L, step), RowFactory.create("a", 1L, step)), EVENTS);

        SparkException e = assertThrows(SparkException.class, () -> Keras4jScoring.scoreByKey(events, model, "user", "ts",
                new String[] {"x"}, new String[] {"y"}).collectAsList());
        assertTrue(SparkTesting.causes(e).contains("key a has two events at ts = 1"), SparkTesting.causes(e));
    }

    @Test
    void aMissingKeyColumnFailsUpFront() {
        String model = SparkTesting.caseDir("seed_lstm64_keras").resolve("model.keras").toString();
        Keras4jTransformer stage = new Keras4jTransformer().setModelPath(model)
                .setInputCols("x").setOutputCols("y").setKeyCol("session").setTimeCol("ts");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> stage.transformSchema(EVENTS));
        assertEquals("column 'session' does not exist; the columns are [user, ts, x]", e.getMessage());
    }
}
