package io.keras4j.spark;

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
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.io.NativeModel;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.SparkException;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stateless scoring on a local Spark: the same numbers as the Java API, which are Keras' numbers. */
class Keras4jTransformerTest {
    private static final StructType SEQUENCES = new StructType()
            .add("id", DataTypes.IntegerType, false)
            .add("x", SparkTesting.SEQUENCE, false);

    private static final SparkSession spark = SparkTesting.session();

    /** One row per batch entry of {@code x}: an id and the sequence. */
    private static Dataset<Row> sequences(Tensor x, int partitions) {
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < x.dim(0); r++) {
            rows.add(RowFactory.create(r, sequence(x, r)));
        }
        return SparkTesting.frame(spark, rows, SEQUENCES, partitions);
    }

    /** The scored rows in id order (sorted here: a sort in Spark would cost two more jobs). */
    private static List<Row> byId(Dataset<Row> scored) {
        List<Row> rows = new ArrayList<>(scored.collectAsList());
        rows.sort(Comparator.comparingInt(r -> r.getInt(0)));
        return rows;
    }

    /** The rows' output column stacked back into a tensor of {@code shape}. */
    private static Tensor stack(List<Row> rows, String column, int... shape) {
        float[] all = new float[Math.toIntExact((long) rows.size() * flat(rows.get(0), column).length)];
        int at = 0;
        for (Row row : rows) {
            float[] v = flat(row, column);
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return Tensor.of(all, shape);
    }

    private static void assertMatchesKeras(CaseFolder c, int output, Tensor got) {
        Comparison r = c.compare(output, got);
        assertTrue(r.passed(), c.dir().getFileName() + " output " + output + ": " + r.violations()
                + " values outside tolerance, max abs error " + r.maxAbsError() + " " + r.detail());
    }

    @Test
    void lstmOverSequenceColumnsGivesTheJavaApiOutputsAndKeras() throws Exception {
        CaseFolder c = CaseFolder.open(SparkTesting.caseDir("seed_lstm64_keras"));
        Tensor x = c.inputs().get(0);
        Tensor java = ModelImporter.load(c.model()).predict(x);

        Keras4jTransformer stage = new Keras4jTransformer().setModelPath(c.model().toString())
                .setInputCols("x").setOutputCols("y").setBatchSize(64);
        Dataset<Row> scored = stage.transform(sequences(x, 3));

        assertEquals("array<float>", scored.schema().apply("y").dataType().simpleString());
        List<Row> rows = byId(scored);
        assertEquals(x.dim(0), rows.size());
        for (int r = 0; r < rows.size(); r++) {
            assertArrayEquals(flat(java, r), flat(rows.get(r), "y"), "row " + r);
        }
        assertMatchesKeras(c, 0, stack(rows, "y", java.shape()));
    }

    @Test
    void nativeK4jFilesScoreLikeTheKerasFileTheyWereConvertedFrom(@TempDir Path dir) throws Exception {
        CaseFolder c = CaseFolder.open(SparkTesting.caseDir("seed_lstm32_h5"));
        Path k4j = dir.resolve("model.k4j");
        NativeModel.write(ModelImporter.readGraph(c.model()), null, k4j);
        Tensor x = c.inputs().get(0);
        Tensor java = ModelImporter.load(c.model()).predict(x);

        List<Row> rows = byId(Keras4jScoring.score(sequences(x, 2), k4j.toString(), new String[] {"x"}, new String[] {"y"}, 32));

        for (int r = 0; r < rows.size(); r++) {
            assertArrayEquals(flat(java, r), flat(rows.get(r), "y"), "row " + r);
        }
    }

    @Test
    void tokenIdColumnsGiveSequenceOutputs() throws Exception {
        CaseFolder c = CaseFolder.open(SparkTesting.caseDir("emb_maskzero_lstm_postpad_seq_h5"));
        Tensor ids = c.inputs().get(0);
        Tensor java = ModelImporter.load(c.model()).predict(ids);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < ids.dim(0); r++) {
            int[] tokens = new int[ids.dim(1)];
            for (int t = 0; t < tokens.length; t++) {
                tokens[t] = Math.round(ids.get(r, t));
            }
            rows.add(RowFactory.create(r, tokens));
        }
        StructType schema = new StructType().add("id", DataTypes.IntegerType)
                .add("tokens", DataTypes.createArrayType(DataTypes.IntegerType));

        Dataset<Row> scored = Keras4jScoring.score(SparkTesting.frame(spark, rows, schema, 2),
                c.model().toString(), new String[] {"tokens"}, new String[] {"y"}, 2);

        assertEquals("array<array<float>>", scored.schema().apply("y").dataType().simpleString());
        List<Row> out = byId(scored);
        for (int r = 0; r < out.size(); r++) {
            assertArrayEquals(flat(java, r), flat(out.get(r), "y"), "row " + r);
        }
        assertMatchesKeras(c, 0, stack(out, "y", java.shape()));
    }

    @Test
    void everyOutputGetsAColumn() throws Exception {
        CaseFolder c = CaseFolder.open(SparkTesting.caseDir("dense_acts_all_heads_func_h5"));
        Tensor x = c.inputs().get(0);
        Tensor[] java = ModelImporter.load(c.model()).predictAll(x);
        String[] names = new String[java.length];
        for (int o = 0; o < names.length; o++) {
            names[o] = "head" + o;
        }

        List<Row> rows = byId(Keras4jScoring.score(sequences(x, 2), c.model().toString(), new String[] {"x"}, names, 64));

        for (int o = 0; o < names.length; o++) {
            for (int r = 0; r < rows.size(); r++) {
                assertArrayEquals(flat(java[o], r), flat(rows.get(r), names[o]), names[o] + " row " + r);
            }
            assertMatchesKeras(c, o, stack(rows, names[o], java[o].shape()));
        }
    }

    @Test
    void sequencesOfDifferentLengthsAreScoredInOnePartition() throws Exception {
        CaseFolder c = CaseFolder.open(SparkTesting.caseDir("lstm_dyn_timesteps_u5_f3_t17_b3_last_func_keras"));
        Model model = ModelImporter.load(c.model());
        Tensor x = c.inputs().get(0);
        int[] lengths = {17, 9, 4, 1};
        List<Row> rows = new ArrayList<>();
        List<float[]> want = new ArrayList<>();
        for (int r = 0; r < x.dim(0); r++) {
            for (int len : lengths) {
                Tensor prefix = SparkTesting.chunk(x, r, 0, len);
                rows.add(RowFactory.create(rows.size(), sequence(prefix, 0)));
                want.add(flat(model.predict(prefix), 0));
            }
        }

        List<Row> out = byId(Keras4jScoring.score(SparkTesting.frame(spark, rows, SEQUENCES, 1),
                c.model().toString(), new String[] {"x"}, new String[] {"y"}, 64));

        for (int i = 0; i < out.size(); i++) {
            assertArrayEquals(want.get(i), flat(out.get(i), "y"), "row " + i);
        }
    }

    /**
     * Scoring does not depend on batching: a row gives the same bits alone, in batches of 3 and in one batch of all,
     * and the same partitions scored twice give the same bits (task retries, speculative copies).
     */
    @Test
    void scoringIsDeterministicAndDoesNotDependOnBatching() throws Exception {
        CaseFolder c = CaseFolder.open(SparkTesting.caseDir("seed_lstm32_keras"));
        Tensor x = c.inputs().get(0);
        String path = c.model().toString();
        String[] in = {"x"};
        String[] out = {"y"};
        List<Row> one = byId(Keras4jScoring.score(sequences(x, 1), path, in, out, 1000));
        List<Row> many = byId(Keras4jScoring.score(sequences(x, 7), path, in, out, 3));
        List<Row> again = byId(Keras4jScoring.score(sequences(x, 7), path, in, out, 3));
        List<Row> alone = byId(Keras4jScoring.score(sequences(x, 7), path, in, out, 1));
        for (int r = 0; r < one.size(); r++) {
            float[] want = flat(one.get(r), "y");
            assertArrayEquals(flat(many.get(r), "y"), flat(again.get(r), "y"), "row " + r + " scored twice");
            assertArrayEquals(want, flat(many.get(r), "y"), "row " + r + " in batches of 3");
            assertArrayEquals(want, flat(alone.get(r), "y"), "row " + r + " alone");
        }
    }

    @Test
    void otherColumnsPassThroughAndBothRowPathsScoreAlike() throws Exception {
        CaseFolder c = CaseFolder.open(SparkTesting.caseDir("seed_lstm32_keras"));
        Tensor x = c.inputs().get(0);
        String path = c.model().toString();
        StructType schema = new StructType().add("id", DataTypes.IntegerType, false).add("name", DataTypes.StringType)
                .add("tags", DataTypes.createArrayType(DataTypes.StringType)).add("weight", DataTypes.DoubleType)
                .add("x", SparkTesting.SEQUENCE, false);
        List<Row> rows = new ArrayList<>();
        for (int r = 0; r < x.dim(0); r++) {
            rows.add(RowFactory.create(r, r % 3 == 0 ? null : "row " + r, new String[] {"a", "b" + r}, r % 2 == 0 ? null : r * 0.5,
                    sequence(x, r)));
        }
        Dataset<Row> input = SparkTesting.frame(spark, rows, schema, 3);
        String[] in = {"x"};
        String[] out = {"y"};

        Dataset<Row> internal = Keras4jScoring.score(input, path, in, out, 5);
        List<Row> fast = byId(internal);
        // The public Dataset API path: the one streams and stateful scoring take, and the setting's.
        Dataset<Row> external;
        spark.conf().set(CatalystRows.INTERNAL_ROWS, "false");
        try {
            external = Keras4jScoring.score(input, path, in, out, 5);
        } finally {
            spark.conf().unset(CatalystRows.INTERNAL_ROWS);
        }
        assertTrue(internal.queryExecution().logical() instanceof LogicalRDD, internal.queryExecution().logical().nodeName());
        assertFalse(external.queryExecution().logical() instanceof LogicalRDD, external.queryExecution().logical().nodeName());

        List<Row> given = byId(input);
        Tensor java = ModelImporter.load(c.model()).predict(x);
        assertEquals(given.size(), fast.size());
        for (int r = 0; r < fast.size(); r++) {
            for (int j = 0; j < schema.size(); j++) {
                assertEquals(given.get(r).get(j), fast.get(r).get(j), "row " + r + " column " + schema.fieldNames()[j]);
            }
            assertArrayEquals(flat(java, r), flat(fast.get(r), "y"), "row " + r);
        }
        assertEquals(fast, byId(external));
    }

    /**
     * A stream has no internal RDD to score: it takes the public Dataset API path (tested on batch rows above), and
     * {@code score} must not fail on it. Running a stream costs more seconds than this suite wants.
     */
    @Test
    void aStreamIsScoredThroughThePublicRowPath(@TempDir Path dir) throws Exception {
        String model = SparkTesting.caseDir("seed_lstm32_keras").resolve("model.keras").toString();
        Dataset<Row> stream = spark.readStream().schema(SEQUENCES).parquet(dir.toString());

        Dataset<Row> scored = Keras4jScoring.score(stream, model, new String[] {"x"}, new String[] {"y"}, 16);

        assertTrue(scored.isStreaming());
        assertEquals("struct<id:int,x:array<array<float>>,y:array<float>>", scored.schema().simpleString());
    }

    @Test
    void aNullRaggedOrMisshapenValueFailsItsTaskNamingTheColumn() {
        String model = SparkTesting.caseDir("seed_lstm64_keras").resolve("model.keras").toString();
        StructType nullable = new StructType().add("id", DataTypes.IntegerType)
                .add("x", DataTypes.createArrayType(DataTypes.createArrayType(DataTypes.FloatType)));
        Float[][] ragged = new Float[10][];
        Float[][] nullStep = new Float[10][];
        Float[][] nullNumber = new Float[10][];
        for (int t = 0; t < 10; t++) {
            ragged[t] = t == 4 ? new Float[] {1f, 2f} : new Float[] {1f};
            nullStep[t] = t == 7 ? null : new Float[] {1f};
            nullNumber[t] = new Float[] {t == 2 ? null : 1f};
        }
        Object[][] cases = {
            {null, "input column 'x' is null in a row; keras4j scores complete rows only (filter or fill nulls first)"},
            {ragged, "input column 'x': timestep 4 has 2 features but timestep 0 has 1"},
            {nullStep, "input column 'x' holds a null element"},
            {nullNumber, "input column 'x' holds a null element"},
            {Arrays.copyOf(ragged, 3), "input column 'x' holds a value of shape (None, 3, 1) but model input 'input_layer'"
                    + " takes (None, 10, 1)"},
        };
        for (Object[] bad : cases) {
            Dataset<Row> rows = SparkTesting.frame(spark, List.of(RowFactory.create(1, bad[0])), nullable, 1);
            SparkException e = assertThrows(SparkException.class,
                    () -> Keras4jScoring.score(rows, model, new String[] {"x"}, new String[] {"y"}, 8).collectAsList());
            assertTrue(SparkTesting.causes(e).contains((String) bad[1]), SparkTesting.causes(e));
        }
    }

    @Test
    void loadsTheModelOncePerJvmNotPerTask() throws Exception {
        Path model = SparkTesting.caseDir("seed_lstm16_h5").resolve("model.h5");
        Tensor x = CaseFolder.open(model.getParent()).inputs().get(0);
        Keras4jTransformer stage = new Keras4jTransformer().setModelPath(model.toString())
                .setInputCols("x").setOutputCols("y").setBatchSize(16);
        int before = SharedModel.loads();
        assertEquals(x.dim(0), stage.transform(sequences(x, 8)).count());
        assertEquals(before + 1, SharedModel.loads(), "loads after scoring 8 partitions");
        assertEquals(x.dim(0), stage.transform(sequences(x, 5)).count());
        assertEquals(before + 1, SharedModel.loads(), "loads after scoring again");
    }

    @Test
    void aBadSchemaFailsBeforeAnyTaskRuns() throws Throwable {
        String model = SparkTesting.caseDir("seed_lstm64_keras").resolve("model.keras").toString();
        Dataset<Row> strings = spark.createDataFrame(List.of(RowFactory.create(1, new String[] {"a"})),
                new StructType().add("id", DataTypes.IntegerType).add("x", DataTypes.createArrayType(DataTypes.StringType)));
        Dataset<Row> sequences = sequences(Tensor.of(new float[10], 1, 10, 1), 1);
        Keras4jTransformer stage = new Keras4jTransformer().setModelPath(model).setInputCols("x").setOutputCols("y");

        assertFalse(SparkTesting.startsAJob(spark, () -> {
            IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class, () -> stage.transform(strings));
            assertEquals("input column 'x' for model input 'input_layer' (None, 10, 1) must be array<array<float>> (or double)"
                    + " but is array<string>", wrongType.getMessage());

            IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                    () -> stage.setInputCols("features").transform(strings));
            assertEquals("column 'features' does not exist; the columns are [id, x]", missing.getMessage());

            IllegalArgumentException taken = assertThrows(IllegalArgumentException.class,
                    () -> Keras4jScoring.score(sequences, model, new String[] {"x"}, new String[] {"id"}, 64));
            assertEquals("output column 'id' already exists in struct<id:int,x:array<array<float>>>", taken.getMessage());
        }), "a failed call started a job");
    }

    /** Scoring is a transformation: it runs at the first action (for an input without shuffles; see CatalystRows). */
    @Test
    void scoringStartsNoJobBeforeAnAction() throws Throwable {
        String model = SparkTesting.caseDir("seed_lstm32_keras").resolve("model.keras").toString();
        Dataset<Row> rows = sequences(CaseFolder.open(SparkTesting.caseDir("seed_lstm32_keras")).inputs().get(0), 2);
        Keras4jTransformer stage = new Keras4jTransformer().setModelPath(model).setInputCols("x").setOutputCols("y");
        List<Dataset<Row>> scored = new ArrayList<>();

        assertFalse(SparkTesting.startsAJob(spark, () -> {
            scored.add(stage.transform(rows));
            scored.add(Keras4jScoring.score(rows, model, new String[] {"x"}, new String[] {"y"}, 8));
        }), "scoring started a job");
        assertEquals(byId(scored.get(0)), byId(scored.get(1)));
    }

    @Test
    void aMissingOrUnreadableModelFileIsNamed(@TempDir Path dir) throws Exception {
        Dataset<Row> rows = sequences(Tensor.of(new float[10], 1, 10, 1), 1);
        String[] x = {"x"};
        String[] y = {"y"};
        String missing = dir.resolve("missing.h5").toString();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Keras4jScoring.score(rows, missing, x, y, 8));
        assertEquals("model file " + missing + " does not exist", e.getMessage());

        Path text = Files.writeString(dir.resolve("notes.txt"), "not a model");
        e = assertThrows(UncheckedIOException.class, () -> Keras4jScoring.score(rows, text.toString(), x, y, 8));
        assertTrue(e.getMessage().startsWith("cannot load model " + text + ": "), e.getMessage());
    }

    @Test
    void savesAndLoadsThroughSparkMlPersistence(@TempDir Path dir) throws Exception {
        CaseFolder c = CaseFolder.open(SparkTesting.caseDir("seed_lstm64_keras"));
        Dataset<Row> rows = sequences(Tensor.of(Arrays.copyOf(c.inputs().get(0).toArray(), 50 * 10), 50, 10, 1), 2);
        Keras4jTransformer stage = new Keras4jTransformer().setModelPath(c.model().toString())
                .setInputCols("x").setOutputCols("y").setBatchSize(7);

        stage.write().overwrite().save(dir.resolve("stage").toString());
        Keras4jTransformer loaded = Keras4jTransformer.load(dir.resolve("stage").toString());

        assertEquals(stage.uid(), loaded.uid());
        assertEquals(stage.getModelPath(), loaded.getModelPath());
        assertArrayEquals(stage.getInputCols(), loaded.getInputCols());
        assertArrayEquals(stage.getOutputCols(), loaded.getOutputCols());
        assertEquals(7, loaded.getBatchSize());
        List<Row> want = byId(stage.transform(rows));
        assertEquals(want, byId(loaded.transform(rows)));

        PipelineModel pipeline = new Pipeline().setStages(new PipelineStage[] {stage}).fit(rows);
        pipeline.write().overwrite().save(dir.resolve("pipeline").toString());
        assertEquals(want, byId(PipelineModel.load(dir.resolve("pipeline").toString()).transform(rows)));
    }
}
