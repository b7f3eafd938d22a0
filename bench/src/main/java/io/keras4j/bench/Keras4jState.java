package io.keras4j.bench;

import io.keras4j.importer.ModelImporter;
import io.keras4j.runtime.Model;
import io.keras4j.runtime.Session;
import io.keras4j.runtime.Tensor;
import io.keras4j.runtime.math.Kernels;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/** keras4j: the .keras file through the importer, a session with the case's threads, runInto. */
@State(Scope.Benchmark)
public class Keras4jState {
    @Param("seed_lstm16_t10_b1")
    public String c;

    Session session;
    Tensor[] x;
    float[][] out;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        BenchCase bc = BenchCase.named(c);
        Model model = ModelImporter.load(bc.dir().resolve("model.keras"));
        x = new Tensor[] {Tensor.of(bc.input(), bc.batch(), bc.time(), bc.features())};
        out = new float[][] {new float[bc.golden().length]};
        session = model.newSession(Integer.getInteger("bench.threads", bc.threads()));
        session.runInto(out, x);
        bc.verify(Kernels.get().name().startsWith("vector") ? "keras4j" : "keras4j-scalar", out[0]);
    }

    /**
     * After the measurement, when everything is compiled: bytes allocated per call by the calling thread and the
     * session's workers, over 200 calls, from the JVM's per-thread counters. JMH's {@code gc.alloc.rate.norm}
     * also counts what JMH allocates per iteration, which dominates when an iteration holds few calls.
     */
    private static long allocated(com.sun.management.ThreadMXBean mx, long[] ids) {
        long sum = 0;
        for (long id : ids) {
            sum += mx.getThreadAllocatedBytes(id);
        }
        return sum;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] ids = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t == Thread.currentThread() || t.getName().startsWith("keras4j-worker"))
                .mapToLong(Thread::getId).toArray();
        long before = allocated(mx, ids);
        int calls = 200;
        for (int i = 0; i < calls; i++) {
            session.runInto(out, x);
        }
        long after = allocated(mx, ids);
        session.close();
        BenchCase.named(c).record((Kernels.get().name().startsWith("vector") ? "keras4j" : "keras4j-scalar") + "-alloc",
                String.valueOf((double) (after - before) / calls));
    }
}
