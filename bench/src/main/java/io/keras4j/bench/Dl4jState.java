package io.keras4j.bench;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Deeplearning4j: the same network built with DL4J's layer API (LSTM in its native NCW layout, LastTimeStep,
 * a ReverseTimeSeriesVertex branch for the backward direction) and given the Keras weights, gates reordered from
 * Keras' i, f, c, o to DL4J's c, f, o, i. DL4J has no GRU layer, so GRU cases are not run.
 */
@State(Scope.Benchmark)
public class Dl4jState {
    @Param("seed_lstm16_t10_b1")
    public String c;

    MultiLayerNetwork net;
    ComputationGraph graph;
    INDArray x;

    /** Whether DL4J's layer API can build this case. */
    public static boolean supports(BenchCase bc) {
        return !bc.kind().equals("gru");
    }

    @Setup(Level.Trial)
    public void setUp() {
        BenchCase bc = BenchCase.named(c);
        if (!supports(bc)) {
            throw new IllegalStateException("DL4J has no GRU layer");
        }
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        Nd4j.getEnvironment().setMaxMasterThreads(bc.threads());
        Nd4j.getEnvironment().setMaxThreads(bc.threads());
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(bc.threads());
        Nd4j.factory().blas().setMaxThreads(bc.threads());
        int u = bc.units();
        int f = bc.features();
        NeuralNetConfiguration.Builder base = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED);
        switch (bc.kind()) {
            case "seed", "lstm" -> {
                NeuralNetConfiguration.ListBuilder list = base.list().layer(new LastTimeStep(lstm(f, u)));
                if (bc.kind().equals("seed")) {
                    list.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(u).nOut(1)
                            .activation(Activation.IDENTITY).build());
                }
                net = network(list.build());
                setLstm(net, "0_", bc, 0);
                if (bc.kind().equals("seed")) {
                    net.setParam("1_W", Nd4j.create(bc.npy("dense_kernel.npy"), new long[] {u, 1}, 'c'));
                    net.setParam("1_b", Nd4j.create(bc.npy("dense_bias.npy"), new long[] {1, 1}, 'c'));
                }
            }
            case "stack2" -> {
                net = network(base.list().layer(lstm(f, u)).layer(new LastTimeStep(lstm(u, u))).build());
                setLstm(net, "0_", bc, 0);
                setLstm(net, "1_", bc, 1);
            }
            case "bilstm" -> {
                ComputationGraphConfiguration conf = base.graphBuilder().addInputs("x")
                        .addLayer("fwd", new LastTimeStep(lstm(f, u)), "x")
                        .addVertex("rev", new ReverseTimeSeriesVertex(), "x")
                        .addLayer("bwd", new LastTimeStep(lstm(f, u)), "rev")
                        .addVertex("cat", new MergeVertex(), "fwd", "bwd")
                        .setOutputs("cat").build();
                graph = new ComputationGraph(conf);
                graph.init();
                setLstm(graph, "fwd_", bc, 0);
                setLstm(graph, "bwd_", bc, 1);
            }
            default -> throw new IllegalStateException(bc.kind());
        }
        x = Nd4j.create(toNcw(bc.input(), bc.batch(), bc.time(), f), new long[] {bc.batch(), f, bc.time()}, 'c');
        bc.verify("dl4j", run());
    }

    float[] run() {
        INDArray y = net != null ? net.output(x, false) : graph.outputSingle(false, x);
        return y.dup('c').data().asFloat();
    }

    private static LSTM lstm(int in, int units) {
        return new LSTM.Builder().nIn(in).nOut(units).activation(Activation.TANH).gateActivationFunction(Activation.SIGMOID).build();
    }

    private static MultiLayerNetwork network(MultiLayerConfiguration conf) {
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        return n;
    }

    private static void setLstm(Model model, String prefix, BenchCase bc, int layer) {
        int u = bc.units();
        float[] kernel = bc.npy("rnn" + layer + "_kernel.npy");
        float[] recurrent = bc.npy("rnn" + layer + "_recurrent.npy");
        float[] bias = bc.npy("rnn" + layer + "_bias.npy");
        int in = kernel.length / (4 * u);
        model.setParam(prefix + "W", Nd4j.create(toCfoi(kernel, in, u), new long[] {in, 4L * u}, 'c'));
        model.setParam(prefix + "RW", Nd4j.create(toCfoi(recurrent, u, u), new long[] {u, 4L * u}, 'c'));
        model.setParam(prefix + "b", Nd4j.create(toCfoi(bias, 1, u), new long[] {1, 4L * u}, 'c'));
    }

    /** Keras gate blocks i, f, c, o to DL4J's c, f, o, i, for each of {@code rows} rows. */
    private static float[] toCfoi(float[] w, int rows, int u) {
        int[] from = {2, 1, 3, 0};
        float[] out = new float[w.length];
        for (int r = 0; r < rows; r++) {
            for (int g = 0; g < 4; g++) {
                System.arraycopy(w, r * 4 * u + from[g] * u, out, r * 4 * u + g * u, u);
            }
        }
        return out;
    }

    private static float[] toNcw(float[] x, int batch, int time, int features) {
        float[] out = new float[x.length];
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < time; t++) {
                for (int f = 0; f < features; f++) {
                    out[(b * features + f) * time + t] = x[(b * time + t) * features + f];
                }
            }
        }
        return out;
    }
}
