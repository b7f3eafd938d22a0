package io.keras4j.spark;

import io.keras4j.runtime.Model;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;

/**
 * A model file shipped to executors: the driver reads it (any Hadoop file system: local, hdfs:, s3a:, ...),
 * hashes its content and broadcasts the bytes; each JVM turns them into a {@link Model} once and keeps it in a
 * static cache keyed by the SHA-256 of the content. Tasks, retries and speculative copies on one executor
 * share that model, and a changed file is a different key, never a stale model.
 */
final class SharedModel implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Models kept per JVM; the least recently used beyond this is dropped. */
    private static final int CAPACITY = 4;
    private static final Map<String, Model> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Model> eldest) {
            return size() > CAPACITY;
        }
    };
    private static final AtomicInteger LOADS = new AtomicInteger();

    private final String path;
    private final String sha256;
    private final Broadcast<byte[]> content;

    private SharedModel(String path, String sha256, Broadcast<byte[]> content) {
        this.path = path;
        this.sha256 = sha256;
        this.content = content;
    }

    /** Reads the model file on the driver, loads it there (checking it) and broadcasts its bytes. */
    static SharedModel broadcast(SparkSession spark, String path) {
        byte[] bytes = read(path, spark.sparkContext().hadoopConfiguration());
        String sha = sha256(bytes);
        cached(sha, path, bytes);
        return new SharedModel(path, sha, JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bytes));
    }

    /** The model at {@code path}, read on this JVM (for schema checks on the driver). */
    static Model local(String path) {
        Configuration conf = SparkSession.getActiveSession().isDefined()
                ? SparkSession.getActiveSession().get().sparkContext().hadoopConfiguration()
                : new Configuration();
        byte[] bytes = read(path, conf);
        return cached(sha256(bytes), path, bytes);
    }

    /** The model, loaded at most once per JVM; the broadcast bytes are fetched only on the first use. */
    Model model() {
        synchronized (CACHE) {
            Model m = CACHE.get(sha256);
            return m != null ? m : cached(sha256, path, content.value());
        }
    }

    /** How many times this JVM has turned model bytes into a model. */
    static int loads() {
        return LOADS.get();
    }

    private static Model cached(String sha, String path, byte[] bytes) {
        synchronized (CACHE) {
            Model m = CACHE.get(sha);
            if (m == null) {
                try {
                    m = ModelReader.DEFAULT.read(bytes, path);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot load model " + path + ": " + e.getMessage(), e);
                }
                LOADS.incrementAndGet();
                CACHE.put(sha, m);
            }
            return m;
        }
    }

    private static byte[] read(String path, Configuration conf) {
        try {
            Path p = new Path(path);
            FileSystem fs = p.getFileSystem(conf);
            if (!fs.exists(p)) {
                String message = "model file " + path + " does not exist";
                throw new UncheckedIOException(message, new FileNotFoundException(message));
            }
            if (fs.getFileStatus(p).isDirectory()) {
                String message = "model file " + path + " is a directory";
                throw new UncheckedIOException(message, new IOException(message));
            }
            try (InputStream in = fs.open(p)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
