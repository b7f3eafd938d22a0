package io.keras4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ONNX Runtime Java at its cheapest: intra-op threads = the case's threads, one inter-op thread, all graph
 * optimisations; input and output tensors over direct buffers made once (the output pinned), so a call is
 * {@code run} plus a copy of the output.
 */
@State(Scope.Benchmark)
public class OrtState {
    @Param("seed_lstm16_t10_b1")
    public String c;

    OrtSession session;
    Map<String, OnnxTensor> inputs;
    Map<String, OnnxTensor> outputs;
    FloatBuffer outBuffer;
    float[] out;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        BenchCase bc = BenchCase.named(c);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(Integer.getInteger("bench.threads", bc.threads()));
        options.setInterOpNumThreads(1);
        options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
        options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
        session = env.createSession(bc.dir().resolve("model.onnx").toString(), options);
        float[] x = bc.input();
        FloatBuffer in = direct(x.length).put(x);
        in.rewind();
        inputs = Map.of("x", OnnxTensor.createTensor(env, in, new long[] {bc.batch(), bc.time(), bc.features()}));
        out = new float[bc.golden().length];
        outBuffer = direct(out.length);
        outputs = Map.of("y", OnnxTensor.createTensor(env, outBuffer, new long[] {bc.batch(), out.length / bc.batch()}));
        run();
        run();
        bc.verify("onnxruntime", out.clone());
    }

    private static FloatBuffer direct(int n) {
        return ByteBuffer.allocateDirect(4 * n).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    float[] run() throws OrtException {
        try (OrtSession.Result r = session.run(inputs, outputs)) {
            outBuffer.rewind();
            outBuffer.get(out);
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        session.close();
        inputs.values().forEach(OnnxTensor::close);
        outputs.values().forEach(OnnxTensor::close);
    }
}
