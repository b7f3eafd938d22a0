package io.keras4j.spark;

import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.param.IntParam;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.param.ParamMap;
import org.apache.spark.ml.param.ParamValidators;
import org.apache.spark.ml.param.StringArrayParam;
import org.apache.spark.ml.util.DefaultParamsReadable;
import org.apache.spark.ml.util.DefaultParamsWritable;
import org.apache.spark.ml.util.Identifiable$;
import org.apache.spark.ml.util.MLReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * A Spark ML stage that appends a keras4j model's outputs to each row (see {@link Keras4jScoring} for the
 * column types). With {@code keyCol} and {@code timeCol} set it scores statefully per key over time
 * ({@link Keras4jScoring#scoreByKey}). Saved and loaded through Spark ML persistence with its params; the model
 * file itself is referenced by path, not copied.
 */
public final class Keras4jTransformer extends Transformer implements DefaultParamsWritable {
    private static final long serialVersionUID = 1L;

    private final String uid;
    private final Param<String> modelPath;
    private final StringArrayParam inputCols;
    private final StringArrayParam outputCols;
    private final IntParam batchSize;
    private final Param<String> keyCol;
    private final Param<String> timeCol;

    /** A stage with a fresh uid. */
    public Keras4jTransformer() {
        this(Identifiable$.MODULE$.randomUID("keras4j"));
    }

    /** A stage with the given uid (used by Spark ML when loading and copying). */
    public Keras4jTransformer(String uid) {
        this.uid = uid;
        modelPath = new Param<>(this, "modelPath", "path of the model file (.h5, .keras, or any format keras4j reads)");
        inputCols = new StringArrayParam(this, "inputCols", "one column per model input, in model input order");
        outputCols = new StringArrayParam(this, "outputCols", "one new column per model output, in model output order");
        batchSize = new IntParam(this, "batchSize", "rows per forward pass", ParamValidators.gtEq(1));
        keyCol = new Param<>(this, "keyCol", "if set, score statefully: one session per value of this column");
        timeCol = new Param<>(this, "timeCol", "with keyCol: the column that orders a key's events");
        setDefault(batchSize, 64);
    }

    /** Loads a stage saved with {@code write().save(path)}. */
    public static Keras4jTransformer load(String path) {
        return read().load(path);
    }

    /** The Spark ML reader of this stage (Spark ML pipelines call it by reflection). */
    public static MLReader<Keras4jTransformer> read() {
        return new DefaultParamsReadable<Keras4jTransformer>() { }.read();
    }

    @Override
    public String uid() {
        return uid;
    }

    public Param<String> modelPath() {
        return modelPath;
    }

    public StringArrayParam inputCols() {
        return inputCols;
    }

    public StringArrayParam outputCols() {
        return outputCols;
    }

    public IntParam batchSize() {
        return batchSize;
    }

    public Param<String> keyCol() {
        return keyCol;
    }

    public Param<String> timeCol() {
        return timeCol;
    }

    public Keras4jTransformer setModelPath(String value) {
        set(modelPath, value);
        return this;
    }

    public Keras4jTransformer setInputCols(String... value) {
        set(inputCols, value);
        return this;
    }

    public Keras4jTransformer setOutputCols(String... value) {
        set(outputCols, value);
        return this;
    }

    public Keras4jTransformer setBatchSize(int value) {
        set(batchSize, value);
        return this;
    }

    public Keras4jTransformer setKeyCol(String value) {
        set(keyCol, value);
        return this;
    }

    public Keras4jTransformer setTimeCol(String value) {
        set(timeCol, value);
        return this;
    }

    public String getModelPath() {
        return required(modelPath);
    }

    public String[] getInputCols() {
        return required(inputCols);
    }

    public String[] getOutputCols() {
        return required(outputCols);
    }

    public int getBatchSize() {
        return (Integer) getOrDefault(batchSize);
    }

    @Override
    public Dataset<Row> transform(Dataset<?> dataset) {
        transformSchema(dataset.schema());
        Dataset<Row> rows = dataset.toDF();
        if (isDefined(keyCol)) {
            return Keras4jScoring.scoreByKey(rows, getModelPath(), $(keyCol), required(timeCol), getInputCols(), getOutputCols());
        }
        return Keras4jScoring.score(rows, getModelPath(), getInputCols(), getOutputCols(), getBatchSize());
    }

    @Override
    public StructType transformSchema(StructType schema) {
        if (isDefined(keyCol)) {
            Signature.field(schema, $(keyCol));
            Signature.field(schema, required(timeCol));
        }
        return Keras4jScoring.outputSchema(schema, getModelPath(), getInputCols(), getOutputCols());
    }

    @Override
    public Keras4jTransformer copy(ParamMap extra) {
        return defaultCopy(extra);
    }

    private <T> T required(Param<T> param) {
        if (!isDefined(param)) {
            throw new IllegalArgumentException("Keras4jTransformer " + uid + ": param '" + param.name() + "' is not set");
        }
        return $(param);
    }
}
