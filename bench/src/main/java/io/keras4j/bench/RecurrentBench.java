package io.keras4j.bench;

import ai.onnxruntime.OrtException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * One inference call per operation, on the same model, weights and input for every engine. Each engine's
 * state checks its output against Keras' in its setup. keras4j runs twice: with the Vector API module
 * (vector kernels) and without it (scalar kernels).
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RecurrentBench {

    @Benchmark
    @Fork(jvmArgsAppend = "--add-modules=jdk.incubator.vector")
    public float[] keras4j(Keras4jState s) {
        s.session.runInto(s.out, s.x);
        return s.out[0];
    }

    @Benchmark
    public float[] keras4jScalar(Keras4jState s) {
        s.session.runInto(s.out, s.x);
        return s.out[0];
    }

    @Benchmark
    public float[] onnxruntime(OrtState s) throws OrtException {
        return s.run();
    }

    @Benchmark
    public float[] dl4j(Dl4jState s) {
        return s.run();
    }
}
