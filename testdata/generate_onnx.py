"""Generates the ONNX golden cases under testdata/cases/onnx_*: PyTorch models exported by torch.onnx.export
(the TorchScript exporter, and the dynamo exporter: torch.export and onnxscript) and small graphs built with onnx.helper that cover every LSTM,
GRU and RNN attribute. Expected outputs come from ONNX Runtime (CPU), except for layout=1 LSTM, GRU and RNN
nodes, which ONNX Runtime refuses; those come from onnx.reference and are marked so in case.json.

Run from the repository root:  /work/venv-onnx/bin/python testdata/generate_onnx.py [name-prefix ...]
"""
import io
import json
import shutil
import sys
import warnings
import zlib
from pathlib import Path

import numpy as np
import onnx
import onnxruntime as ort
import onnxscript
import torch
from onnx import TensorProto, helper, numpy_helper
from onnx.reference import ReferenceEvaluator

warnings.filterwarnings("ignore")
CASES = Path(__file__).resolve().parent / "cases"
REGISTRY = {}


def case(name):
    def register(fn):
        REGISTRY["onnx_" + name] = fn
        return fn
    return register


def rng(name):
    return np.random.default_rng(zlib.crc32(name.encode()))


def write(name, model_bytes, inputs, description, covers, golden="onnxruntime", extra_files=None, tolerance=None,
          threads=0, checked=True, versions=None, calls=()):
    """Saves the model, runs it in ONNX Runtime (or the reference evaluator) on the inputs, writes the case (with the
    default tolerance unless given). threads: ONNX Runtime's intra_op_num_threads (0: its default). ONNX's checker checks
    the model unless checked is False (for ONNX Runtime's own operators of the default domain, which the checker does
    not know). versions: further {package: version} entries for case.json. calls: the inputs of further calls, written
    as call<k>_input_<i>.npy with their outputs (one session, as a keras4j session runs them)."""
    d = CASES / name
    if d.exists():
        shutil.rmtree(d)
    d.mkdir(parents=True)
    model = onnx.load_from_string(model_bytes)
    if extra_files:
        for fname, data in extra_files.items():
            (d / fname).write_bytes(data)
    (d / "model.onnx").write_bytes(model_bytes)
    if checked:
        onnx.checker.check_model(str(d / "model.onnx"))
    if extra_files:
        model = onnx.load(str(d / "model.onnx"))
    names = [i.name for i in model.graph.input if i.name not in {t.name for t in model.graph.initializer}]
    feed = dict(zip(names, inputs))
    if golden == "onnxruntime":
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        sess = ort.InferenceSession(str(d / "model.onnx"), options, providers=["CPUExecutionProvider"])
    else:
        sess = ReferenceEvaluator(model)
    outputs = sess.run(None, feed)
    for k, call in enumerate([inputs, *calls]):
        prefix = f"call{k}_" if k else ""
        for i, x in enumerate(call):
            np.save(d / f"{prefix}input_{i}.npy", x)
        for i, y in enumerate(sess.run(None, dict(zip(names, call))) if k else outputs):
            np.save(d / f"{prefix}output_{i}.npy", np.asarray(y, dtype=np.float32))
    meta = {
        "description": description,
        "model": "model.onnx",
        "inputs": len(inputs),
        "outputs": len(outputs),
        "tolerance": tolerance or {"atol": 1e-05, "rtol": 1e-05},
        "covers": covers,
        "golden": golden,
        "onnx_version": onnx.__version__,
        "onnxruntime_version": ort.__version__,
        "torch_version": torch.__version__,
        **(versions or {}),
        "opset": next(o.version for o in model.opset_import if o.domain in ("", "ai.onnx")),
        "input_shapes": [list(x.shape) for x in inputs],
        "output_shapes": [list(np.shape(y)) for y in outputs],
        **({"calls": 1 + len(calls)} if calls else {}),
    }
    (d / "case.json").write_text(json.dumps(meta, indent=2) + "\n")
    print(f"{name}: {', '.join(covers)}")


# ---------------------------------------------------------------- PyTorch exports

def export(module, args, opset, input_names, output_names, dynamic_axes, dynamo=False):
    """The module exported by torch.onnx.export: by the TorchScript exporter with dynamic_axes ({input or output name:
    {axis: name}}), or with dynamo by the torch.export and onnxscript exporter (torch's default since 2.9), where
    dynamic_axes are torch.export's dynamic_shapes, one entry per argument ({axis: torch.export.Dim} or None)."""
    f = io.BytesIO()
    if dynamo:
        torch.onnx.export(module.eval(), args, f, dynamo=True, opset_version=opset, input_names=input_names,
                          output_names=output_names, dynamic_shapes=dynamic_axes, verbose=False)
    else:
        torch.onnx.export(module.eval(), args, f, dynamo=False, opset_version=opset, input_names=input_names,
                          output_names=output_names, dynamic_axes=dynamic_axes)
    return f.getvalue()


class RnnHead(torch.nn.Module):
    """A stacked recurrent layer and a head on its output sequence (or its last step)."""

    def __init__(self, rnn, head, last_step=False, batch_first=True):
        super().__init__()
        self.rnn, self.head, self.last_step, self.batch_first = rnn, head, last_step, batch_first

    def forward(self, x):
        y, _ = self.rnn(x)
        if self.last_step:
            y = y[:, -1] if self.batch_first else y[-1]
        return self.head(y)


def initialize(module, name):
    """Gives the module's parameters values uniform in [-0.6, 0.6), seeded by the case name."""
    torch.manual_seed(zlib.crc32(name.encode()))
    for p in module.parameters():
        torch.nn.init.uniform_(p, -0.6, 0.6)
    return module


def ort_rewritten(fp32, tool, *args, **options):
    """The model (bytes) rewritten by an ONNX Runtime tool that reads and writes files: onnxruntime.quantization's
    quantize_static or quantize_dynamic, or ort_optimize / transformers_optimize below."""
    work = CASES.parent / "work_rewrite"
    work.mkdir(exist_ok=True)
    try:
        (work / "fp32.onnx").write_bytes(fp32)
        tool(str(work / "fp32.onnx"), str(work / "rewritten.onnx"), *args, **options)
        return (work / "rewritten.onnx").read_bytes()
    finally:
        shutil.rmtree(work)


def ort_optimize(source, target):
    """ONNX Runtime's offline optimizer: a CPU session at ORT_ENABLE_EXTENDED saving its optimized graph."""
    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    options.optimized_model_filepath = target
    ort.InferenceSession(source, options, providers=["CPUExecutionProvider"])


def transformers_optimize(source, target, opt_level):
    """onnxruntime.transformers' optimizer (model_type bert, CPU) at the level given."""
    from onnxruntime.transformers.optimizer import optimize_model
    optimize_model(source, model_type="bert", num_heads=2, hidden_size=16, opt_level=opt_level,
                   use_gpu=False).save_model_to_file(target)


def op_types(model_bytes):
    """The operators of a model, each as domain:type (the default domain without a prefix)."""
    return {(n.domain + ":" if n.domain else "") + n.op_type for n in onnx.load_from_string(model_bytes).graph.node}


def torch_case(name, module, x, opset, description, covers, dynamic_axes, output_names=("y",), extra_inputs=()):
    initialize(module, name)
    args = (torch.from_numpy(x),) + tuple(torch.from_numpy(e) for e in extra_inputs)
    names = ["x"] + [f"state_{i}" for i in range(len(extra_inputs))]
    model = export(module, args, opset, names, list(output_names), dynamic_axes)
    write(name, model, [x, *extra_inputs], description, covers + [f"opset:{opset}", "torch_export"])


@case("torch_lstm_2layer_bidir_batchfirst_linear_op14")
def _(name):
    r = rng(name)
    m = RnnHead(torch.nn.LSTM(3, 6, num_layers=2, bidirectional=True, batch_first=True), torch.nn.Linear(12, 2))
    x = r.standard_normal((3, 7, 3)).astype(np.float32)
    torch_case(name, m, x, 14, "torch nn.LSTM(3, 6, num_layers=2, bidirectional, batch_first) -> Linear(12, 2) on every step;"
               " dynamic batch and time", ["lstm", "bidirectional", "layers:2", "batch_first", "matmul_add_head", "dynamic_batch"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch", 1: "time"}})


@case("torch_gru_units1_2layer_bidir_static_op14")
def _(name):
    r = rng(name)
    m = RnnHead(torch.nn.GRU(3, 1, num_layers=2, bidirectional=True), torch.nn.Identity(), batch_first=False)
    x = r.standard_normal((4, 2, 3)).astype(np.float32)
    torch_case(name, m, x, 14, "torch nn.GRU(3, 1, num_layers=2, bidirectional), time-major, fixed shapes: the second"
               " layer's zero initial state is an Expand to [2, batch, 1] of run-time values", ["gru", "units:1", "layers:2",
               "bidirectional", "time_major", "static_shapes"], None)


@case("torch_gru_bidir_layernorm_op17")
def _(name):
    r = rng(name)
    m = RnnHead(torch.nn.GRU(3, 5, bidirectional=True, batch_first=True), torch.nn.LayerNorm(10))
    x = r.standard_normal((2, 6, 3)).astype(np.float32)
    torch_case(name, m, x, 17, "torch nn.GRU(3, 5, bidirectional, batch_first) -> LayerNorm(10) on every step: the"
               " directions are joined by Transpose and Reshape to [0, 0, -1], whose last dimension is known at import;"
               " dynamic batch and time", ["gru", "bidirectional", "batch_first", "layer_normalization", "dynamic_batch"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch", 1: "time"}})


@case("torch_gru_bidir_timemajor_last_op9")
def _(name):
    r = rng(name)
    m = RnnHead(torch.nn.GRU(4, 5, bidirectional=True), torch.nn.Sequential(torch.nn.Linear(10, 3), torch.nn.Tanh()),
                last_step=True, batch_first=False)
    x = r.standard_normal((6, 2, 4)).astype(np.float32)
    torch_case(name, m, x, 9, "torch nn.GRU(4, 5, bidirectional), time-major, last step -> Linear -> Tanh; opset 9"
               " (Slice, Unsqueeze and Squeeze with attributes)", ["gru", "bidirectional", "time_major", "gemm_head", "tanh"],
               {"x": {1: "batch"}, "y": {0: "batch"}})


@case("torch_rnn_relu_2layer_batchfirst_op17")
def _(name):
    r = rng(name)
    m = RnnHead(torch.nn.RNN(3, 8, num_layers=2, nonlinearity="relu", batch_first=True),
                torch.nn.Sequential(torch.nn.Linear(8, 4), torch.nn.Sigmoid()))
    x = (0.5 * r.standard_normal((2, 9, 3))).astype(np.float32)
    torch_case(name, m, x, 17, "torch nn.RNN(3, 8, num_layers=2, relu, batch_first) -> Linear -> Sigmoid",
               ["rnn", "relu", "layers:2", "batch_first", "sigmoid"], {"x": {0: "batch"}, "y": {0: "batch"}})


@case("torch_rnn_tanh_bidir_op12")
def _(name):
    r = rng(name)
    m = RnnHead(torch.nn.RNN(2, 4, bidirectional=True, batch_first=True), torch.nn.Linear(8, 2), last_step=True)
    x = r.standard_normal((4, 5, 2)).astype(np.float32)
    torch_case(name, m, x, 12, "torch nn.RNN(2, 4, bidirectional, batch_first) last step -> Linear; opset 12",
               ["rnn", "tanh", "bidirectional", "batch_first", "gemm_head"], {"x": {0: "batch"}, "y": {0: "batch"}})


class LstmWithState(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(3, 5, num_layers=2)
        self.head = torch.nn.Linear(5, 3)

    def forward(self, x, h0, c0):
        y, (h, c) = self.rnn(x, (h0, c0))
        return torch.softmax(self.head(y), dim=-1), h, c


@case("torch_lstm_2layer_states_softmax_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((5, 2, 3)).astype(np.float32)
    h0 = (0.5 * r.standard_normal((2, 2, 5))).astype(np.float32)
    c0 = (0.5 * r.standard_normal((2, 2, 5))).astype(np.float32)
    torch_case(name, LstmWithState(), x, 13, "torch nn.LSTM(3, 5, num_layers=2), time-major, given (h0, c0) -> Linear ->"
               " softmax; outputs y, h_n, c_n", ["lstm", "initial_state", "layers:2", "time_major", "softmax", "outputs:3"],
               {"x": {1: "batch"}, "state_0": {1: "batch"}, "state_1": {1: "batch"}}, ("y", "h", "c"), (h0, c0))


class GruFlatten(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.GRU(3, 4, batch_first=True, num_layers=3)
        self.head = torch.nn.Sequential(torch.nn.Flatten(), torch.nn.Linear(24, 2), torch.nn.ReLU())

    def forward(self, x):
        y, _ = self.rnn(x)
        return self.head(y)


@case("torch_gru_3layer_flatten_relu_op20")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 6, 3)).astype(np.float32)
    torch_case(name, GruFlatten(), x, 20, "torch nn.GRU(3, 4, num_layers=3, batch_first) -> Flatten -> Linear -> ReLU;"
               " opset 20", ["gru", "layers:3", "batch_first", "flatten", "relu"], {"x": {0: "batch"}, "y": {0: "batch"}})


class MeanPooled(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(3, 6, batch_first=True, bidirectional=True)
        self.head = torch.nn.Linear(12, 2)

    def forward(self, x):
        y, _ = self.rnn(x)
        return torch.log_softmax(self.head(y.mean(dim=1) + y.amax(dim=1)), dim=-1)


@case("torch_lstm_bidir_meanmax_pool_logsoftmax_op11")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 8, 3)).astype(np.float32)
    torch_case(name, MeanPooled(), x, 11, "torch bidirectional nn.LSTM(3, 6, batch_first) -> mean + max over time ->"
               " Linear -> log_softmax; opset 11", ["lstm", "bidirectional", "batch_first", "reduce_mean", "reduce_max",
               "log_softmax"], {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}})


class BatchNormedLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.bn_in = torch.nn.BatchNorm1d(3)
        self.rnn = torch.nn.LSTM(3, 5, batch_first=True)
        self.bn_out = torch.nn.BatchNorm1d(5, eps=1e-3)
        self.head = torch.nn.Linear(5, 2)
        g = torch.Generator().manual_seed(5)
        with torch.no_grad():
            for bn in (self.bn_in, self.bn_out):
                bn.running_mean.uniform_(-0.5, 0.5, generator=g)
                bn.running_var.uniform_(0.3, 2.0, generator=g)

    def forward(self, x):
        z = self.bn_in(x.transpose(1, 2)).transpose(1, 2)
        y, _ = self.rnn(z)
        return self.head(self.bn_out(y[:, -1]))


@case("torch_batchnorm_lstm_op15")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 6, 3)).astype(np.float32)
    torch_case(name, BatchNormedLstm().eval(), x, 15, "torch BatchNorm1d(3) over the features (input transposed to"
               " [batch, 3, time] and back) -> nn.LSTM(3, 5, batch_first) last step -> BatchNorm1d(5, eps=1e-3) -> Linear;"
               " ONNX BatchNormalization on rank 3 and rank 2", ["lstm", "batch_first", "batch_normalization", "gemm_head"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}})


class ConvLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Sequential(torch.nn.Conv1d(4, 6, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool1d(2),
                                        torch.nn.Conv1d(6, 6, 3, stride=2, padding=2, dilation=2, groups=2, bias=False),
                                        torch.nn.AvgPool1d(2, stride=1))
        self.rnn = torch.nn.LSTM(6, 5, batch_first=True)
        self.head = torch.nn.Linear(5, 2)

    def forward(self, x):
        z = self.conv(x.transpose(1, 2)).transpose(1, 2)
        y, _ = self.rnn(z)
        return self.head(y[:, -1])


@case("torch_conv1d_lstm_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 13, 4)).astype(np.float32)
    torch_case(name, ConvLstm(), x, 13, "torch Conv1d(4, 6, 3, padding=1) -> ReLU -> MaxPool1d(2) -> Conv1d(6, 6, 3,"
               " stride=2, padding=2, dilation=2, groups=2, no bias) -> AvgPool1d(2, stride=1) over time (input"
               " transposed to [batch, 4, time] and back) -> nn.LSTM(6, 5, batch_first) last step -> Linear; dynamic"
               " batch and time", ["conv1d", "max_pool", "average_pool", "lstm", "batch_first", "gemm_head"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}})


class GatedGru(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.GRU(3, 6, batch_first=True)

    def forward(self, x):
        y, _ = self.rnn(x)
        kept = torch.where(y > 0.1, torch.log(y.abs() + 1), torch.maximum(y, torch.full_like(y, -0.2)))
        return torch.clamp(kept, min=-0.15) + torch.minimum(y, y.mean(dim=1, keepdim=True)).reciprocal().abs().log()


@case("torch_gru_where_max_min_log_op14")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 5, 3)).astype(np.float32)
    torch_case(name, GatedGru(), x, 14, "torch nn.GRU(3, 6, batch_first) -> where(y > 0.1, log(|y| + 1), maximum(y, -0.2)),"
               " clamp(min=-0.15), + log|1 / minimum(y, mean over time)|: Where, Greater, Abs, Log, Max, Min, Clip with min"
               " only, Reciprocal", ["gru", "batch_first", "where", "max", "min", "abs", "log", "reciprocal", "clip"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch", 1: "time"}})


class PreluGru(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv1d(3, 6, 3, padding=1)
        self.act = torch.nn.PReLU(6)
        self.rnn = torch.nn.GRU(6, 4, batch_first=True)
        self.head = torch.nn.Sequential(torch.nn.Linear(4, 4), torch.nn.PReLU())

    def forward(self, x):
        y, _ = self.rnn(self.act(self.conv(x.transpose(1, 2))).transpose(1, 2))
        return self.head(y)


@case("torch_prelu_conv_gru_op14")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 6, 3)).astype(np.float32)
    torch_case(name, PreluGru(), x, 14, "torch Conv1d(3, 6, 3, padding=1) -> PReLU(6) (slope [6, 1]) -> nn.GRU(6, 4,"
               " batch_first) -> Linear(4, 4) -> PReLU() (one slope) on every step", ["conv1d", "prelu", "gru",
               "batch_first"], {"x": {0: "batch", 1: "time"}, "y": {0: "batch", 1: "time"}})


class SplitPooled(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(3, 4, batch_first=True, bidirectional=True)
        self.avg = torch.nn.AdaptiveAvgPool1d(1)
        self.max = torch.nn.AdaptiveMaxPool1d(1)
        self.head = torch.nn.Linear(11, 2)

    def forward(self, x):
        y, _ = self.rnn(x)
        forward, backward = torch.chunk(y, 2, dim=-1)
        small, large = torch.split(y, [3, 5], dim=-1)
        z = (forward + backward).transpose(1, 2)
        pooled = torch.cat([self.avg(z), self.max(z)], dim=1).flatten(1)
        return self.head(torch.cat([pooled, small.mean(dim=1)], dim=1)), large


@case("torch_lstm_split_global_pool_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 6, 3)).astype(np.float32)
    torch_case(name, SplitPooled(), x, 13, "torch bidirectional nn.LSTM(3, 4, batch_first) -> chunk in two (Split with a"
               " constant split input) summed -> AdaptiveAvgPool1d(1) and AdaptiveMaxPool1d(1) (GlobalAveragePool,"
               " GlobalMaxPool) -> Linear with the mean of split(y, [3, 5]) [0]; outputs y and the second split part",
               ["lstm", "bidirectional", "split", "global_average_pool", "global_max_pool"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}, "large": {0: "batch", 1: "time"}}, ("y", "large"))


@case("torch_lstm_split_global_pool_op18")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 6, 3)).astype(np.float32)
    torch_case(name, SplitPooled(), x, 18, "as onnx_torch_lstm_split_global_pool_op13 at opset 18 (Split with"
               " num_outputs for chunk)", ["lstm", "bidirectional", "split", "global_average_pool", "global_max_pool"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}, "large": {0: "batch", 1: "time"}}, ("y", "large"))


@case("torch_gru_mean_pool_op18")
def _(name):
    r = rng(name)
    m = RnnHead(torch.nn.GRU(2, 5, batch_first=True), torch.nn.Linear(5, 1))
    m.forward = lambda x: m.head(m.rnn(x)[0].mean(dim=1))
    x = r.standard_normal((2, 7, 2)).astype(np.float32)
    torch_case(name, m, x, 18, "torch nn.GRU(2, 5, batch_first) -> mean over time -> Linear; opset 18 (ReduceMean axes"
               " as an input)", ["gru", "batch_first", "reduce_mean"], {"x": {0: "batch"}, "y": {0: "batch"}})


class EmbeddingLstmNorm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = torch.nn.Embedding(20, 4)
        self.rnn = torch.nn.LSTM(4, 6, batch_first=True, num_layers=2, dropout=0.2)
        self.norm = torch.nn.LayerNorm(6)
        self.drop = torch.nn.Dropout(0.3)
        self.fc = torch.nn.Linear(6, 3)

    def forward(self, ids):
        y, _ = self.rnn(self.emb(ids))
        return self.fc(self.drop(self.norm(y[:, -1])))


def embedding_case(name, opset, covers):
    r = rng(name)
    ids = r.integers(0, 20, (3, 7)).astype(np.int64)
    torch_case(name, EmbeddingLstmNorm(), ids, opset, f"torch Embedding(20, 4) on int64 ids -> nn.LSTM(4, 6, num_layers=2,"
               f" batch_first) last step -> LayerNorm -> Dropout -> Linear; opset {opset}",
               ["embedding_gather", "lstm", "layers:2", "batch_first", "dropout"] + covers,
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}})


@case("torch_embedding_lstm_layernorm_op17")
def _(name):
    embedding_case(name, 17, ["layer_normalization"])


@case("torch_embedding_lstm_layernorm_decomposed_op14")
def _(name):
    embedding_case(name, 14, ["layer_norm_as_reduce_mean_pow_sqrt"])


# ---------------------------------------------------------------- hand-built graphs

def rnn_graph(op, name, seq, batch, inp, hidden, attrs, weights, extra_inputs, outputs, layout=0, opset=14,
              external=False):
    """One recurrent node; weights become initializers (or external data), extra_inputs are graph inputs."""
    nd = 2 if attrs.get("direction") == "bidirectional" else 1
    x_shape = [seq, "batch", inp] if layout == 0 else ["batch", seq, inp]
    graph_inputs = [helper.make_tensor_value_info("X", TensorProto.FLOAT, x_shape)]
    node_inputs = ["X"]
    inits = []
    for slot in ["W", "R", "B", "sequence_lens", "initial_h", "initial_c", "P"][: 7 if op == "LSTM" else 5 + 1]:
        if slot in weights:
            inits.append(numpy_helper.from_array(weights[slot], slot))
            node_inputs.append(slot)
        elif slot in extra_inputs:
            elem, shape = extra_inputs[slot]
            graph_inputs.append(helper.make_tensor_value_info(slot, elem, shape))
            node_inputs.append(slot)
        else:
            node_inputs.append("")
    while node_inputs[-1] == "":
        node_inputs.pop()
    out_names = [o if o else "" for o in outputs]
    node = helper.make_node(op, node_inputs, out_names, name=name, hidden_size=hidden, layout=layout, **attrs)
    shapes = {"Y": [seq, nd, "batch", hidden] if layout == 0 else ["batch", seq, nd, hidden],
              "Y_h": [nd, "batch", hidden] if layout == 0 else ["batch", nd, hidden]}
    shapes["Y_c"] = shapes["Y_h"]
    graph_outputs = [helper.make_tensor_value_info(o, TensorProto.FLOAT, shapes[o]) for o in outputs if o]
    g = helper.make_graph([node], name, graph_inputs, graph_outputs, inits)
    model = helper.make_model(g, opset_imports=[helper.make_opsetid("", opset)], producer_name="keras4j generate_onnx.py")
    model.ir_version = 8
    if external:
        onnx.external_data_helper.convert_model_to_external_data(model, all_tensors_to_one_file=True,
                                                                 location="weights.bin", size_threshold=0)
        tensors = {}
        for t in model.graph.initializer:
            tensors[t.name] = t
        blob = io.BytesIO()
        for t in model.graph.initializer:
            arr = weights[t.name]
            offset = blob.tell()
            blob.write(arr.tobytes())
            pad = (-blob.tell()) % 16
            blob.write(b"\0" * pad)
            del t.external_data[:]
            onnx.external_data_helper.set_external_data(t, location="weights.bin", offset=offset, length=arr.nbytes)
            t.ClearField("raw_data")
        return model.SerializeToString(), {"weights.bin": blob.getvalue()}
    return model.SerializeToString(), None


def weights(r, op, nd, inp, hidden, bias=True, peepholes=False, scale=0.5):
    g = {"LSTM": 4, "GRU": 3, "RNN": 1}[op]
    w = {"W": (scale * r.uniform(-1, 1, (nd, g * hidden, inp))).astype(np.float32),
         "R": (scale * r.uniform(-1, 1, (nd, g * hidden, hidden))).astype(np.float32)}
    if bias:
        w["B"] = (scale * r.uniform(-1, 1, (nd, 2 * g * hidden))).astype(np.float32)
    if peepholes:
        w["P"] = (scale * r.uniform(-1, 1, (nd, 3 * hidden))).astype(np.float32)
    return w


def hand_case(name, op, description, covers, seq=5, batch=3, inp=3, hidden=4, attrs=None, bias=True, peepholes=False,
              seq_lens=None, initial=(), outputs=("Y", "Y_h"), layout=0, golden="onnxruntime", external=False, opset=14,
              scale=0.5):
    r = rng(name)
    attrs = dict(attrs or {})
    nd = 2 if attrs.get("direction") == "bidirectional" else 1
    w = weights(r, op, nd, inp, hidden, bias, peepholes, scale)
    extra = {}
    feeds = [r.standard_normal((seq, batch, inp) if layout == 0 else (batch, seq, inp)).astype(np.float32)]
    if seq_lens is not None:
        extra["sequence_lens"] = (TensorProto.INT32, ["batch"])
        feeds.append(np.array(seq_lens, dtype=np.int32))
    for s in initial:
        extra[s] = (TensorProto.FLOAT, [nd, "batch", hidden] if layout == 0 else ["batch", nd, hidden])
        feeds.append((0.5 * r.standard_normal((nd, batch, hidden) if layout == 0 else (batch, nd, hidden))).astype(np.float32))
    model, files = rnn_graph(op, name, seq, batch, inp, hidden, attrs, w, extra, list(outputs), layout, opset, external)
    write(name, model, feeds, description, covers, golden, files)


@case("lstm_peepholes_clip_seqlens")
def _(name):
    hand_case(name, "LSTM", "LSTM forward with peepholes P, clip=0.9, sequence_lens (right-padded, one full) and"
              " initial_h/initial_c; outputs Y, Y_h, Y_c", ["lstm", "peepholes", "clip", "sequence_lens", "initial_h",
              "initial_c", "Y_c"], attrs={"clip": 0.9}, peepholes=True, seq_lens=[5, 3, 1], initial=("initial_h", "initial_c"),
              outputs=("Y", "Y_h", "Y_c"), scale=1.0)


@case("lstm_reverse_seqlens_zero_length")
def _(name):
    hand_case(name, "LSTM", "LSTM direction=reverse with sequence_lens [4, 0, 2] (a zero-length sequence gives zero"
              " states) and initial_c only", ["lstm", "reverse", "sequence_lens", "zero_length", "initial_c"],
              attrs={"direction": "reverse"}, seq=4, seq_lens=[4, 0, 2], initial=("initial_c",), outputs=("Y", "Y_h", "Y_c"))


@case("lstm_bidir_activations_input_forget")
def _(name):
    hand_case(name, "LSTM", "bidirectional LSTM with input_forget=1 and per-direction activations HardSigmoid(0.3, 0.4),"
              " ScaledTanh(0.9, 1.1), Softsign / Sigmoid, LeakyRelu(0.05), Elu (default alpha)",
              ["lstm", "bidirectional", "input_forget", "hardsigmoid", "scaledtanh", "softsign", "leakyrelu", "elu"],
              attrs={"direction": "bidirectional", "input_forget": 1,
                     "activations": ["HardSigmoid", "ScaledTanh", "Softsign", "Sigmoid", "LeakyRelu", "Elu"],
                     "activation_alpha": [0.3, 0.9, 0.05], "activation_beta": [0.4, 1.1]})


@case("lstm_affine_softplus_nobias")
def _(name):
    hand_case(name, "LSTM", "LSTM without B, activations Sigmoid, Affine(0.5, 0.1) for the cell input and Softplus"
              " for the cell output; only Y_h requested",
              ["lstm", "no_bias", "affine", "softplus", "Y_h_only"],
              attrs={"activations": ["Sigmoid", "Affine", "Softplus"], "activation_alpha": [0.5],
                     "activation_beta": [0.1]}, bias=False, outputs=("", "Y_h"))


@case("lstm_layout1_bidir_reference")
def _(name):
    hand_case(name, "LSTM", "bidirectional LSTM with layout=1 (batch-major X, Y and states), initial_h; ONNX Runtime"
              " refuses layout=1 for LSTM, so the golden output is onnx.reference's", ["lstm", "layout:1", "bidirectional",
              "initial_h"], attrs={"direction": "bidirectional"}, initial=("initial_h",), layout=1, golden="onnx.reference")


@case("gru_lbr0_bidir_seqlens_initial")
def _(name):
    hand_case(name, "GRU", "bidirectional GRU, linear_before_reset=0 (Rbh summed into the input bias), sequence_lens"
              " [5, 2, 4], initial_h", ["gru", "linear_before_reset:0", "bidirectional", "sequence_lens", "initial_h"],
              attrs={"direction": "bidirectional"}, seq_lens=[5, 2, 4], initial=("initial_h",))


@case("gru_lbr1_clip_relu_reverse")
def _(name):
    hand_case(name, "GRU", "GRU reverse with linear_before_reset=1 (Keras reset_after), clip=0.7, activations"
              " HardSigmoid (default alpha/beta) and Relu", ["gru", "linear_before_reset:1", "reverse", "clip", "hardsigmoid",
              "relu"], attrs={"direction": "reverse", "linear_before_reset": 1, "clip": 0.7,
                              "activations": ["HardSigmoid", "Relu"]}, scale=1.0)


@case("gru_seqlens_zero_length_external_data")
def _(name):
    hand_case(name, "GRU", "GRU forward with sequence_lens [3, 0, 6] and weights stored as external data (weights.bin,"
              " with offsets)", ["gru", "sequence_lens", "zero_length", "external_data"], seq=6, seq_lens=[3, 0, 6],
              external=True)


@case("gru_layout1")
def _(name):
    hand_case(name, "GRU", "GRU with layout=1 (batch-major) and linear_before_reset=1", ["gru", "layout:1",
              "linear_before_reset:1"], attrs={"linear_before_reset": 1}, layout=1, golden="onnx.reference")


@case("rnn_bidir_seqlens_initial")
def _(name):
    hand_case(name, "RNN", "bidirectional RNN (Tanh) with sequence_lens [2, 5, 4] and initial_h",
              ["rnn", "bidirectional", "sequence_lens", "initial_h"], attrs={"direction": "bidirectional"},
              seq_lens=[2, 5, 4], initial=("initial_h",))


@case("rnn_bidir_seqlens_zero_length_initial")
def _(name):
    hand_case(name, "RNN", "bidirectional RNN (Tanh) with sequence_lens [3, 0, 2] and initial_h (a zero-length sequence"
              " gives a zero Y_h, not initial_h)", ["rnn", "bidirectional", "sequence_lens", "zero_length", "initial_h"],
              attrs={"direction": "bidirectional"}, seq=3, seq_lens=[3, 0, 2], initial=("initial_h",))


@case("rnn_leakyrelu_softsign_clip")
def _(name):
    hand_case(name, "RNN", "bidirectional RNN with LeakyRelu(0.1) / Elu(0.5) (alpha per direction) and clip=0.6",
              ["rnn", "bidirectional", "leakyrelu", "elu", "clip"], attrs={"direction": "bidirectional", "clip": 0.6,
              "activations": ["LeakyRelu", "Elu"], "activation_alpha": [0.1, 0.5]}, scale=1.0)


@case("rnn_thresholdedrelu_y_only")
def _(name):
    hand_case(name, "RNN", "RNN forward with ThresholdedRelu(0.1) and only Y requested", ["rnn", "thresholdedrelu",
              "Y_only"], attrs={"activations": ["ThresholdedRelu"], "activation_alpha": [0.1]}, outputs=("Y",), scale=1.0)


@case("rnn_reverse_layout1")
def _(name):
    hand_case(name, "RNN", "RNN reverse with layout=1 (ONNX Runtime refuses layout=1, so the golden output is"
              " onnx.reference's)", ["rnn", "reverse", "layout:1"], attrs={"direction": "reverse"}, layout=1,
              golden="onnx.reference")


@case("cast_integer_wrap")
def _(name):
    ids = np.array([-300, -129, -1, 0, 1, 127, 128, 255, 300, 40000, 70000, 3000000000], dtype=np.int64)
    floats = np.array([-300.7, -129.5, -1.5, -0.5, 0.7, 127.9, 200.9, 300.2, 40000.5, 65537.5, 2147483520, -2**31,
                       3e9, -3e9, 4294967040, 1e10, -1e10, 9.2e18, 2.5e19, -1e20, np.nan, np.inf, -np.inf],
                      dtype=np.float32)
    targets = [("int8", TensorProto.INT8), ("uint8", TensorProto.UINT8), ("int16", TensorProto.INT16),
               ("uint16", TensorProto.UINT16), ("int32", TensorProto.INT32), ("uint32", TensorProto.UINT32),
               ("uint64", TensorProto.UINT64), ("int64", TensorProto.INT64)]
    # ONNX Runtime's uint32 of a float below -2^31, of 2^32 and above, NaN or -inf depends on the element's place
    # in the tensor (its vector and scalar loops differ), so the uint32 cast gets only floats where they agree.
    uint32_floats = np.array([-300.7, -1.5, 0.7, 2147483520, -2**31, 3e9, 4294967040, 9.2e18, 2.5e19, np.inf],
                             dtype=np.float32)
    nodes, outputs = [], []
    for source, n in (("ids", len(ids)), ("floats", len(floats)), ("uint32_floats", len(uint32_floats))):
        for tname, t in {"ids": targets[:-1], "floats": targets[:5] + targets[6:], "uint32_floats": [targets[5]]}[source]:
            out = f"{source}_{tname}"
            nodes.append(helper.make_node("Cast", [source], [out], to=t))
            outputs.append(helper.make_tensor_value_info(out, t, [n]))
    # uint64 values of 2^63 and above cast on as integers (values exact in float32, as keras4j holds them)
    big_floats = np.array([2**63, 1e19, 2**64 - 2**40, 2**63 + 2**40, 3e9, 7.5], dtype=np.float32)
    nodes.append(helper.make_node("Cast", ["big_floats"], ["big_uint64"], to=TensorProto.UINT64))
    for tname, t in [("int8", TensorProto.INT8), ("int32", TensorProto.INT32), ("uint32", TensorProto.UINT32),
                     ("int64", TensorProto.INT64), ("uint64", TensorProto.UINT64)]:
        out = f"big_uint64_{tname}"
        nodes.append(helper.make_node("Cast", ["big_uint64"], [out], to=t))
        outputs.append(helper.make_tensor_value_info(out, t, [len(big_floats)]))
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("ids", TensorProto.INT64, [len(ids)]),
                                            helper.make_tensor_value_info("floats", TensorProto.FLOAT, [len(floats)]),
                                            helper.make_tensor_value_info("uint32_floats", TensorProto.FLOAT,
                                                                          [len(uint32_floats)]),
                                            helper.make_tensor_value_info("big_floats", TensorProto.FLOAT,
                                                                          [len(big_floats)])], outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    write(name, model.SerializeToString(), [ids, floats, uint32_floats, big_floats], "Cast of int64 ids to int8, uint8, int16,"
          " uint16, int32, uint32 and uint64 (values outside each type's range wrap), and of floats to those and int64,"
          " with values outside each type's range, outside int32's and int64's, NaN and infinities (ONNX Runtime on"
          " x86-64; uint32 only of floats where ONNX Runtime's result does not depend on the place in the tensor), and"
          " of uint64 values of 2^63 and above on to int8, int32, uint32, int64 and uint64; exact tolerance",
          ["cast", "integer_wrap"], tolerance={"atol": 0.0, "rtol": 0.0})


@case("shrink_general")
def _(name):
    r = rng(name)
    params = [(0.7, 0.2), (0.0, 0.3), (0.5, 0.0), (0.4, 0.4), (0.3, -0.5)]
    nodes, outputs = [], []
    for i, (lambd, bias) in enumerate(params):
        nodes.append(helper.make_node("Shrink", ["x"], [f"y{i}"], lambd=lambd, bias=bias))
        outputs.append(helper.make_tensor_value_info(f"y{i}", TensorProto.FLOAT, [3, 8]))
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, 8])], outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    x = r.uniform(-1.5, 1.5, (3, 8)).astype(np.float32)
    x[0, :4] = [0.7, -0.7, 0.0, 0.4]
    write(name, model.SerializeToString(), [x], "Shrink with (lambd, bias) " + ", ".join(map(str, params))
          + ": general, lambd 0, hard (bias 0), soft (bias = lambd), negative bias; values at the thresholds",
          ["shrink"])


@case("clip_general")
def _(name):
    r = rng(name)
    bounds = [(-2.5, 0.75), (0.2, None), (None, -0.3), (1.0, -1.0), (0.0, 6.0), (None, None)]
    nodes, outputs, inits = [], [], []
    for i, (lo, hi) in enumerate(bounds):
        ins = ["x"]
        for kind, v in (("min", lo), ("max", hi)):
            if v is None:
                ins.append("")
            else:
                inits.append(numpy_helper.from_array(np.array(v, np.float32), f"{kind}{i}"))
                ins.append(f"{kind}{i}")
        while ins[-1] == "":
            ins.pop()
        nodes.append(helper.make_node("Clip", ins, [f"y{i}"]))
        outputs.append(helper.make_tensor_value_info(f"y{i}", TensorProto.FLOAT, [3, 8]))
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, 8])], outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    x = r.uniform(-3, 8, (3, 8)).astype(np.float32)
    x[0, :6] = [np.nan, np.inf, -np.inf, 0.75, -2.5, 0.2]
    write(name, model.SerializeToString(), [x], "Clip with (min, max) " + ", ".join(map(str, bounds))
          + ": any bounds, min only, max only, min above max (every value max), relu6, neither; NaN, infinities and"
          " values at the bounds", ["clip"])


def pad_case(name, opset, specs, description, mode="constant"):
    """Pad nodes on x [2, 5, 3]; specs: (pads, value or None, axes or None) each."""
    r = rng(name)
    nodes, outputs, inits = [], [], []
    modes = {} if mode == "constant" else {"mode": mode}
    for i, (pads, value, axes) in enumerate(specs):
        if isinstance(mode, list):
            modes = {"mode": mode[i]}
        if opset < 11:
            attrs = {"pads": pads} if value is None else {"pads": pads, "value": value}
            nodes.append(helper.make_node("Pad", ["x"], [f"y{i}"], **attrs, **modes))
        else:
            ins = ["x", f"pads{i}"]
            inits.append(numpy_helper.from_array(np.array(pads, np.int64), f"pads{i}"))
            ins.append("" if value is None else f"value{i}")
            if value is not None:
                inits.append(numpy_helper.from_array(np.array(value, np.float32), f"value{i}"))
            if axes is not None:
                ins.append(f"axes{i}")
                inits.append(numpy_helper.from_array(np.array(axes, np.int64), f"axes{i}"))
            while ins[-1] == "":
                ins.pop()
            nodes.append(helper.make_node("Pad", ins, [f"y{i}"], **modes))
        shape = [2, 5, 3]
        for k, axis in enumerate(axes if axes is not None else range(3)):
            shape[axis] += pads[k] + pads[len(pads) // 2 + k]
        outputs.append(helper.make_tensor_value_info(f"y{i}", TensorProto.FLOAT, shape))
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 5, 3])], outputs,
                              inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    write(name, model.SerializeToString(), [r.standard_normal((2, 5, 3)).astype(np.float32)], description, ["pad"])


@case("pad_constant_op11")
def _(name):
    pad_case(name, 11, [([0, 1, 0, 0, 2, 0], 0.5, None), ([0, -1, 1, 0, 0, -2], None, None),
                        ([1, 0, 0, 0, 0, 3], -2.0, None)],
             "Pad (constant mode) with pads and constant_value inputs: time padded (1, 2) with 0.5; time cropped by one "
             "at the start, features padded one before and cropped two after (negative pads); batch and features "
             "padded with -2")


@case("pad_modes_op19")
def _(name):
    pad_case(name, 19, [([0, 2, 0, 0, 3, 0], None, None), ([0, 4, 1, 0, 4, 2], None, None), ([0, 2, 0, 0, 1, 0], None, None),
                        ([0, 5, 0, 0, 3, 2], None, None), ([1, 1], None, [1])],
             "Pad modes: reflect of time (2, 3), reflect of time (4, 4, the whole axis) and features (1, 2: reflect's "
             "most); edge of time (2, 1); wrap of time (5: a whole turn, 3) and features; "
             "edge with an axes input", mode=["reflect", "reflect", "edge", "wrap", "edge"])


@case("pad_negative_modes_op19")
def _(name):
    pad_case(name, 19, [([0, -1, 1, 0, 2, -1], None, None), ([0, -2, 0, 0, 2, 0], None, None),
                        ([0, 1, -1, 0, -1, 2], None, None), ([0, -1, 0, 0, -1, 0], None, None),
                        ([0, 2, -1, 0, 0, 1], None, None)],
             "Pad with negative pads in the other modes (ONNX Runtime removes the entries first, then pads what is "
             "left): edge of time cropped by one before and padded two after, features padded one before and cropped "
             "one after; reflect of time cropped by two, padded two after (the most of the three left); wrap of "
             "features cropped one before, padded two after; reflect cropped on both sides of time; edge mixed",
             mode=["edge", "reflect", "wrap", "reflect", "edge"])


@case("pad_attribute_op10")
def _(name):
    pad_case(name, 10, [([0, 2, 0, 0, 1, 0], None, None), ([0, 0, 1, 0, -1, 1], 1.5, None)],
             "Pad (constant mode) with the pads and value attributes of opset 10: time padded (2, 1) with zeros; "
             "features padded (1, 1) with 1.5 and the last step cropped")


@case("pad_axes_op18")
def _(name):
    pad_case(name, 18, [([2, -1], None, [1]), ([1, 1], -3.0, [-1]), ([0, 1, 2, 0], 0.25, [2, 1])],
             "Pad (constant mode) with an axes input (opset 18): time only, the last axis by a negative index, two "
             "axes in reverse order")


@case("pad_run_time_pads_op18")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("Shape", ["x"], ["shape"]),
             helper.make_node("Slice", ["shape", "one", "two"], ["steps"]),
             helper.make_node("Mod", ["steps", "four"], ["rest"]),
             helper.make_node("Sub", ["four", "rest"], ["fill"]),
             helper.make_node("Concat", ["rest", "fill"], ["time_pads"], axis=0),
             helper.make_node("Pad", ["x", "time_pads", "", "time_axis"], ["y_reflect_time"], mode="reflect"),
             helper.make_node("Concat", ["zero", "rest", "zero", "zero", "fill", "one"], ["all_pads"], axis=0),
             helper.make_node("Pad", ["x", "all_pads"], ["y_edge_all"], mode="edge"),
             helper.make_node("Cast", ["v"], ["value_pads"], to=TensorProto.INT64),
             helper.make_node("Pad", ["x", "value_pads", "half", "last_and_batch"], ["y_constant_from_values"])]
    inits = [ints("one", [1]), ints("two", [2]), ints("four", [4]), ints("zero", [0]), ints("time_axis", [1]),
             ints("last_and_batch", [-1, 0]), numpy_helper.from_array(np.array(0.5, np.float32), "half")]
    model = model_of_nodes(name, nodes, {"x": ["batch", "steps", 3], "v": [4]}, inits, opset=18)
    kept = [o for o in model.graph.output if o.name.startswith("y_")]
    del model.graph.output[:]
    model.graph.output.extend(kept)
    x = r.standard_normal((2, 5, 3)).astype(np.float32)
    v = np.array([1, -1, 0, 2], np.float32)
    write(name, model.SerializeToString(), [x, v], "Pad by pads computed at run time on x [2, 5, 3] (batch and steps "
          "dynamic): reflect of the steps by (5 mod 4, 4 - 5 mod 4) from Shape, with an axes input; edge of every axis "
          "by pads concatenated from Shape; constant 0.5 of the last axis and the batch by pads cast from input v "
          "[1, -1, 0, 2] (the batch cropped by one before, padded by two after)", ["pad", "run_time_pads"])


class PadByComputedSizes(torch.nn.Module):
    """torch's F.pad by sizes read from the input's shape: timm's pad_same before a strided convolution, a reflect pad to
    a multiple of 4 steps, a replicate pad and a crop."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3, stride=2)

    def forward(self, x):
        f = torch.nn.functional
        h, w = x.shape[-2:]
        ph = torch.clamp((torch.div(h + 1, 2, rounding_mode="floor") - 1) * 2 + 3 - h, min=0)
        pw = torch.clamp((torch.div(w + 1, 2, rounding_mode="floor") - 1) * 2 + 3 - w, min=0)
        same = self.conv(f.pad(x, [pw // 2, pw - pw // 2, ph // 2, ph - ph // 2]))
        return (same, f.pad(x, [0, (4 - w % 4) % 4, 1, h % 4], mode="reflect"),
                f.pad(x, [w // 5, 1, 0, 2], mode="replicate"), f.pad(x, [-(w // 5), 0, 0, h // 3], value=0.5))


@case("torch_pad_run_time_sizes_op17")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 3, 9, 10)).astype(np.float32)
    outs = [f"y{i}" for i in range(4)]
    torch_case(name, PadByComputedSizes(), x, 17, "torch on images [2, 3, 9, 10] (batch, rows and columns dynamic): "
               "F.pad by sizes computed from x.shape: timm's pad_same then Conv2d(3, 4, 3, stride 2); reflect to a "
               "multiple of 4 columns and rows by h mod 4; replicate; a crop of w // 5 columns and h // 3 rows of 0.5",
               ["pad", "run_time_pads", "conv"],
               {o: {0: "batch", 2: "rows", 3: "cols"} for o in ["x", *outs]}, output_names=outs)


def grid_sample_case(name, opset, modes, description):
    """GridSample nodes on x [2, 3, 5, 6] at the points of a grid [2, 4, 7, 2] reaching past the edges (and with 0s,
    which land halfway between pixels without aligned corners): every mode, padding_mode and align_corners."""
    r = rng(name)
    nodes = [helper.make_node("GridSample", ["x", "grid"], [f"{m}_{p}_{a}"], mode=m, padding_mode=p, align_corners=a)
             for m in modes for p in ["zeros", "border", "reflection"] for a in [0, 1]]
    model = model_of_nodes(name, nodes, {"x": [2, 3, 5, 6], "grid": [2, 4, 7, 2]}, opset=opset)
    grid = r.uniform(-1.6, 1.6, (2, 4, 7, 2)).astype(np.float32)
    grid[0, 0, :, 0] = [-1, 0, 1, -1 / 3, 1 / 6, -3.5, 2.9]
    grid[0, 1, :, 1] = [-1, 0, 1, 0.25, -0.25, 0.5, -4.2]
    write(name, model.SerializeToString(), [r.standard_normal((2, 3, 5, 6)).astype(np.float32), grid],
          description, ["grid_sample"])


@case("grid_sample_modes_op16")
def _(name):
    grid_sample_case(name, 16, ["bilinear", "nearest", "bicubic"], "GridSample (opset 16 names) of [2, 3, 5, 6] at a "
                     "[2, 4, 7, 2] grid reaching to 4.2 outside [-1, 1], with corners, centres and ties: bilinear, nearest "
                     "and bicubic, each with padding_mode zeros, border and reflection and align_corners 0 and 1")


@case("grid_sample_modes_op20")
def _(name):
    grid_sample_case(name, 20, ["linear", "cubic"], "GridSample (opset 20 names) of [2, 3, 5, 6] at a [2, 4, 7, 2] grid: "
                     "linear and cubic, each with padding_mode zeros, border and reflection and align_corners 0 and 1")


@case("grid_edges_op20")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("AffineGrid", ["theta", "one_by_three"], ["grid_1x3_aligned"], align_corners=1),
             helper.make_node("AffineGrid", ["theta", "four_by_one"], ["grid_4x1_aligned"], align_corners=1),
             helper.make_node("AffineGrid", ["theta", "one_by_three"], ["grid_1x3"], align_corners=0)]
    nodes += [helper.make_node("GridSample", ["x", "far"], [f"{m}_{p}_far"], mode=m, padding_mode=p)
              for m in ["linear", "cubic", "nearest"] for p in ["zeros", "border"]]
    model = model_of_nodes(name, nodes, {"theta": [2, 2, 3], "x": [2, 3, 4, 5], "far": [2, 2, 3, 2]},
                           [ints("one_by_three", [2, 1, 1, 3]), ints("four_by_one", [2, 1, 4, 1])], opset=20)
    far = np.array([3e9, -3e9, 2e9, 1.5, -0.3, 4e9, -5e9, 0.2, 1e7, -1e7, 0.5, 0.5], np.float32)
    write(name, model.SerializeToString(), [r.standard_normal((2, 2, 3)).astype(np.float32),
                                            r.standard_normal((2, 3, 4, 5)).astype(np.float32),
                                            np.stack([far.reshape(2, 3, 2), -far.reshape(2, 3, 2)])],
          "AffineGrid with aligned corners over sizes of 1 (the single position is 1, as Eigen's LinSpaced gives ONNX "
          "Runtime) and without; GridSample linear, cubic and nearest (zeros and border padding) at points up to 5e9 "
          "pixels outside the image (positions beyond int range)", ["affine_grid", "grid_sample"])


class SpatialTransformer(torch.nn.Module):
    """A spatial transformer: a localisation net predicts an affine transform, whose grid samples the input."""

    def __init__(self):
        super().__init__()
        self.local = torch.nn.Sequential(torch.nn.Conv2d(3, 4, 3, stride=2), torch.nn.ReLU(), torch.nn.Flatten(),
                                         torch.nn.LazyLinear(6))

    def forward(self, x):
        f = torch.nn.functional
        theta = self.local(x).view(-1, 2, 3) * 0.05 + torch.tensor([[1.0, 0, 0], [0, 1.0, 0]])
        grid = f.affine_grid(theta, [x.shape[0], 3, 6, 5], align_corners=False)
        return (f.grid_sample(x, grid, align_corners=False), f.grid_sample(x, grid, mode="nearest", padding_mode="border"),
                f.grid_sample(x, grid, mode="bicubic", padding_mode="reflection", align_corners=True))


@case("torch_grid_sample_affine_op20")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 3, 8, 9)).astype(np.float32)
    module = SpatialTransformer()
    module(torch.from_numpy(x))
    outs = [f"y{i}" for i in range(3)]
    torch_case(name, module, x, 20, "torch spatial transformer on [2, 3, 8, 9] (dynamic batch): Conv2d -> Linear(6) "
               "predicts an affine transform near identity, affine_grid to 6 x 5, then grid_sample bilinear (zeros), "
               "nearest (border) and bicubic (reflection, align_corners)", ["grid_sample", "affine_grid"],
               {o: {0: "batch"} for o in ["x", *outs]}, output_names=outs)


def dft_nodes(prefix, specs):
    """DFT nodes named prefix_i, each (input, dft_length initializer name or "", attributes)."""
    return [helper.make_node("DFT", [x, length], [f"{prefix}_{i}"], **attrs) for i, (x, length, attrs) in enumerate(specs)]


@case("dft_op17")
def _(name):
    r = rng(name)
    nodes = dft_nodes("dft", [("real", "", {}), ("real", "", {"onesided": 1}), ("real", "n100", {}),
                              ("real", "n40", {"onesided": 1}), ("real", "n32", {}), ("complex", "", {}),
                              ("complex", "", {"inverse": 1}), ("complex", "n16", {"inverse": 1}),
                              ("complex", "n1", {}), ("grid", "", {"axis": 2}), ("grid", "n9", {"axis": 1, "inverse": 1})])
    model = model_of_nodes(name, nodes, {"real": [2, 64, 1], "complex": [2, 7, 2], "grid": [2, 5, 6, 1]},
                           [ints(f"n{v}", v) for v in (100, 40, 32, 16, 1, 9)], opset=17)
    write(name, model.SerializeToString(), [r.standard_normal((2, 64, 1)).astype(np.float32),
                                            r.standard_normal((2, 7, 2)).astype(np.float32),
                                            r.standard_normal((2, 5, 6, 1)).astype(np.float32)],
          "DFT (opset 17) as ONNX Runtime computes it in float32: real signals of 64 (radix-2 FFT), padded to 100 and cut "
          "to 40 (Bluestein) or 32, onesided; complex signals of 7 forward and inverse, padded to 16 (inverse radix-2), "
          "cut to 1; along axis 2 and axis 1 (inverse, padded to 9) of [2, 5, 6, 1]", ["dft"])


@case("dft_axis_input_op20")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("DFT", ["x", ""], ["default_axis"]),
             helper.make_node("DFT", ["x", "", "one"], ["axis_1"]),
             helper.make_node("DFT", ["x", "n300", "minus_three"], ["axis_minus_3_padded"], inverse=1),
             helper.make_node("DFT", ["long", ""], ["bluestein_250"], onesided=1)]
    model = model_of_nodes(name, nodes, {"x": [2, 3, 10, 2], "long": [1, 250, 1]},
                           [ints("one", 1), ints("minus_three", -3), ints("n300", 300)], opset=20)
    write(name, model.SerializeToString(), [r.standard_normal((2, 3, 10, 2)).astype(np.float32),
                                            r.uniform(-100, 100, (1, 250, 1)).astype(np.float32)],
          "DFT (opset 20, axis as an input): complex [2, 3, 10, 2] along the default axis -2, axis 1, axis -3 "
          "inverse padded to 300; a real signal of 250 samples up to 100 (Bluestein: ONNX Runtime's float32 phases "
          "of 250² / 250 radians)", ["dft"])


@case("stft_op17")
def _(name):
    r = rng(name)
    window = numpy_helper.from_array(np.hamming(64).astype(np.float32), "hamming")
    nodes = [helper.make_node("STFT", ["signal", "step37", "", "length50"], ["no_window_50"]),
             helper.make_node("STFT", ["signal", "step20", "hamming"], ["hamming_64_twosided"], onesided=0),
             helper.make_node("STFT", ["signal", "step20", "hamming", "length64"], ["hamming_64"])]
    model = model_of_nodes(name, nodes, {"signal": [2, 300, 1]},
                           [ints("step37", 37), ints("step20", 20), ints("length50", 50), ints("length64", 64), window],
                           opset=17)
    write(name, model.SerializeToString(), [r.standard_normal((2, 300, 1)).astype(np.float32)],
          "STFT (opset 17) of [2, 300, 1] as ONNX Runtime computes it in float32: frames of 50 every 37 samples without "
          "a window (Bluestein; 7 frames, the last samples unused), a Hamming window of 64 every 20, two-sided and "
          "onesided with frame_length given too", ["stft"])


@case("signal_windows_mel_op17")
def _(name):
    r = rng(name)
    floats = lambda n, v: numpy_helper.from_array(np.array(v, np.float32), n)
    nodes = [helper.make_node("HannWindow", ["n400"], ["hann_400"]),
             helper.make_node("HannWindow", ["n64"], ["hann_64_symmetric"], periodic=0),
             helper.make_node("HammingWindow", ["n256"], ["hamming_256"]),
             helper.make_node("BlackmanWindow", ["n101"], ["blackman_101_symmetric"], periodic=0),
             helper.make_node("MelWeightMatrix", ["n40", "n512", "rate", "zero_hz", "top_hz"], ["mel_40_512"]),
             helper.make_node("MelWeightMatrix", ["n20", "n400", "rate", "low_hz", "high_hz"], ["mel_20_400"]),
             helper.make_node("STFT", ["signal", "n160", "hann_400"], ["spectrum"]),
             helper.make_node("Mul", ["spectrum", "spectrum"], ["squares"]),
             helper.make_node("ReduceSum", ["squares", "minus_one"], ["power"], keepdims=0),
             helper.make_node("MatMul", ["power", "mel_20_400"], ["mel"]),
             helper.make_node("Add", ["mel", "tiny"], ["mel_floor"]),
             helper.make_node("Log", ["mel_floor"], ["log_mel"])]
    model = model_of_nodes(name, nodes, {"signal": [2, 4000, 1]},
                           [ints("n400", 400), ints("n64", 64), ints("n256", 256), ints("n101", 101), ints("n40", 40),
                            ints("n512", 512), ints("n20", 20), ints("n160", 160), ints("rate", 16000),
                            ints("minus_one", [-1]), floats("zero_hz", 0), floats("top_hz", 8000), floats("low_hz", 20),
                            floats("high_hz", 7600), floats("tiny", 1e-6)], opset=17)
    for unwanted in ["spectrum", "squares", "power", "mel", "mel_floor"]:
        model.graph.output.remove(next(o for o in model.graph.output if o.name == unwanted))
    write(name, model.SerializeToString(), [r.standard_normal((2, 4000, 1)).astype(np.float32)],
          "ONNX's signal operators as ONNX Runtime computes them: HannWindow (400 periodic, 64 symmetric), HammingWindow "
          "256, BlackmanWindow 101 symmetric, MelWeightMatrix (40 bins of 512 over 0-8000 Hz, 20 of 400 over 20-7600 Hz at "
          "16 kHz); and a log-mel front end: STFT of [2, 4000, 1] every 160 samples by the Hann window of 400 -> power "
          "-> MatMul by the mel matrix -> Log", ["signal_windows", "mel_weight_matrix", "stft"])


class StftFrontEnd(torch.nn.Module):
    """An audio model: torch.stft (n_fft 400 as Whisper's, hop 160, Hann window, centred) -> power -> log mel by a
    Linear -> Conv1d -> GRU -> Linear; beside it a rectangular-window, uncentred, two-sided stft of 256."""

    def __init__(self):
        super().__init__()
        self.mel = torch.nn.Linear(201, 20, bias=False)
        self.conv = torch.nn.Conv1d(20, 8, 3)
        self.gru = torch.nn.GRU(8, 6, batch_first=True)
        self.head = torch.nn.Linear(6, 3)

    def forward(self, x):
        s = torch.stft(x, n_fft=400, hop_length=160, window=torch.hann_window(400), center=True, return_complex=False)
        power = s.pow(2).sum(-1)
        mel = torch.log(self.mel(power.transpose(1, 2)).abs() + 1e-6)
        h, _ = self.gru(torch.relu(self.conv(mel.transpose(1, 2))).transpose(1, 2))
        plain = torch.stft(x, n_fft=256, hop_length=100, center=False, onesided=False, return_complex=False)
        return power, self.head(h[:, -1]), plain


@case("torch_stft_audio_gru_op17")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 1600)).astype(np.float32)
    outs = ["power", "y", "plain"]
    torch_case(name, StftFrontEnd(), x, 17, "torch audio model on [2, 1600] samples (batch and samples dynamic): "
               "torch.stft(n_fft=400, hop 160, hann, centred by reflection) -> power -> log of a Linear mel -> Conv1d -> GRU "
               "-> Linear; and stft(n_fft=256, hop 100, no window, uncentred, two-sided); ONNX Runtime's STFT in float32",
               ["stft", "gru", "conv"], {"x": {0: "batch", 1: "samples"}, "power": {0: "batch", 2: "frames"},
                                          "y": {0: "batch"}, "plain": {0: "batch", 2: "frames"}}, output_names=outs)


class LstmSelfAttention(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(3, 8, batch_first=True)
        self.attention = torch.nn.MultiheadAttention(8, 2, batch_first=True)
        self.head = torch.nn.Linear(8, 2)

    def forward(self, x):
        h, _ = self.rnn(x)
        a, _ = self.attention(h, h, h, need_weights=False)
        return self.head(a[:, -1])


@case("torch_lstm_self_attention_op14")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 7, 3)).astype(np.float32)
    torch_case(name, LstmSelfAttention().eval(), x, 14, "torch nn.LSTM(3, 8, batch_first) -> nn.MultiheadAttention(8, 2 "
               "heads, batch_first) self-attention -> Linear on the last step; ONNX MatMul of two computed tensors "
               "(scores and weighted values), Softmax, Mod in the shape arithmetic; dynamic batch and time",
               ["lstm", "batch_first", "attention", "matmul_computed", "mod", "gemm_head"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}})


class MaskedCausalAttention(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(3, 8, batch_first=True)
        self.attention = torch.nn.MultiheadAttention(8, 4, batch_first=True)
        self.head = torch.nn.Linear(8, 2)

    def forward(self, x, lengths):
        h, _ = self.rnn(x)
        steps = x.shape[1]
        causal = torch.triu(torch.ones(steps, steps, dtype=torch.bool), diagonal=1)
        padding = torch.arange(steps)[None, :] >= lengths[:, None]
        a, _ = self.attention(h, h, h, attn_mask=causal, key_padding_mask=padding, need_weights=False)
        return self.head(a)


@case("torch_lstm_masked_causal_attention_op14")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 6, 3)).astype(np.float32)
    lengths = np.array([6, 4, 1], np.int64)
    torch_case(name, MaskedCausalAttention().eval(), x, 14, "torch nn.LSTM(3, 8, batch_first) -> nn.MultiheadAttention(8, "
               "4 heads) self-attention with a causal attn_mask (torch.triu: ONNX Trilu) and a key_padding_mask from a "
               "lengths input (Range, GreaterOrEqual, Where) -> Linear on every step; dynamic batch and time (every row "
               "sees its first step)", ["lstm", "batch_first", "attention", "matmul_computed", "trilu", "range", "where"],
               {"x": {0: "batch", 1: "time"}, "state_0": {0: "batch"}, "y": {0: "batch", 1: "time"}},
               extra_inputs=(lengths,))


class GruTransformerEncoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.GRU(3, 8, batch_first=True)
        layer = torch.nn.TransformerEncoderLayer(8, 2, dim_feedforward=16, dropout=0.1, batch_first=True)
        self.encoder = torch.nn.TransformerEncoder(layer, num_layers=2, enable_nested_tensor=False)
        self.head = torch.nn.Linear(8, 2)

    def forward(self, x):
        h, _ = self.rnn(x)
        return self.head(self.encoder(h).mean(dim=1))


@case("torch_gru_transformer_encoder_op17")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 7, 3)).astype(np.float32)
    torch_case(name, GruTransformerEncoder().eval(), x, 17, "torch nn.GRU(3, 8, batch_first) -> nn.TransformerEncoder of "
               "two TransformerEncoderLayer(8, 2 heads, feed-forward 16, post-norm, ReLU) -> mean over time -> Linear; "
               "dynamic batch and time", ["gru", "batch_first", "attention", "matmul_computed", "layer_normalization",
                                          "transformer_block"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}})


class CrossAttentionWeights(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.query = torch.nn.GRU(3, 6, batch_first=True)
        self.attention = torch.nn.MultiheadAttention(6, 3, kdim=4, vdim=5, batch_first=True)

    def forward(self, x, memory):
        q, _ = self.query(x)
        a, w = self.attention(q, memory[..., :4], memory, need_weights=True)
        return a, w


@case("torch_gru_cross_attention_weights_op17")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 4, 3)).astype(np.float32)
    memory = r.standard_normal((2, 6, 5)).astype(np.float32)
    torch_case(name, CrossAttentionWeights().eval(), x, 17, "torch nn.GRU(3, 6, batch_first) query -> "
               "nn.MultiheadAttention(6, 3 heads, kdim 4, vdim 5, batch_first) over a second input (its first 4 "
               "features as keys, all 5 as values), need_weights: outputs the attention and the weights averaged over "
               "the heads; dynamic batch and times", ["gru", "batch_first", "attention", "matmul_computed"],
               {"x": {0: "batch", 1: "time"}, "state_0": {0: "batch", 1: "steps"}, "a": {0: "batch", 1: "time"},
                "w": {0: "batch", 1: "time", 2: "steps"}},
               output_names=("a", "w"), extra_inputs=(memory,))


@case("matmul_computed_op13")
def _(name):
    r = rng(name)
    shapes = {"a": [2, 1, 3, 4], "b": [3, 4, 5], "v": [4], "c": [2, 4, 3], "d": [2, 3, 4]}
    products = [("a", "b", [2, 3, 3, 5]), ("v", "c", [2, 3]), ("d", "v", [2, 3]), ("v", "v", [])]
    nodes = [helper.make_node("MatMul", [x, y], [f"{x}{y}"]) for x, y, _ in products]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info(k, TensorProto.FLOAT, v)
                                            for k, v in shapes.items()],
                              [helper.make_tensor_value_info(f"{x}{y}", TensorProto.FLOAT, s) for x, y, s in products])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    write(name, model.SerializeToString(), [r.standard_normal(v).astype(np.float32) for v in shapes.values()],
          "MatMul of computed tensors as numpy's matmul: [2, 1, 3, 4] x [3, 4, 5] (batch axes broadcast), a 1-D A "
          "(a row) x [2, 4, 3], [2, 3, 4] x a 1-D B (a column), 1-D x 1-D (a scalar)", ["matmul_computed"])


@case("mod_op13")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("Mod", ["i", "j"], ["int_mod"]), helper.make_node("Mod", ["i", "j"], ["int_fmod"], fmod=1),
             helper.make_node("Mod", ["x", "y"], ["float_fmod"], fmod=1)]
    ins = [helper.make_tensor_value_info("i", TensorProto.INT64, [2, 6]),
           helper.make_tensor_value_info("j", TensorProto.INT64, [6]),
           helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 6]),
           helper.make_tensor_value_info("y", TensorProto.FLOAT, [6])]
    outs = [helper.make_tensor_value_info("int_mod", TensorProto.INT64, [2, 6]),
            helper.make_tensor_value_info("int_fmod", TensorProto.INT64, [2, 6]),
            helper.make_tensor_value_info("float_fmod", TensorProto.FLOAT, [2, 6])]
    model = helper.make_model(helper.make_graph(nodes, name, ins, outs), opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    i = np.array([[7, -7, 7, -7, 0, 12], [5, -9, 13, -1, 6, -6]], np.int64)
    j = np.array([3, 3, -3, -3, 5, 4], np.int64)
    x = (3 * r.standard_normal((2, 6))).astype(np.float32)
    y = np.array([1.5, -1.5, 2.0, -0.75, 0.5, 3.0], np.float32)
    write(name, model.SerializeToString(), [i, j, x, y], "Mod: int64 with fmod 0 (the divisor's sign) and 1 (the "
          "dividend's), float with fmod 1; signs of both mixed, zero dividend", ["mod"])


@case("reduce_more_op18")
def _(name):
    r = rng(name)
    nodes, outputs, inits = [], [], []
    specs = [("ReduceProd", [1], 1), ("ReduceL1", [2], 0), ("ReduceL2", [-1], 1), ("ReduceSumSquare", [1, 2], 0),
             ("ReduceLogSumExp", [1], 0), ("ReduceLogSumExp", None, 1), ("ReduceL2", None, 0)]
    for i, (op, axes, keep) in enumerate(specs):
        ins = ["x"] if axes is None else ["x", f"axes{i}"]
        if axes is not None:
            inits.append(numpy_helper.from_array(np.array(axes, np.int64), f"axes{i}"))
        nodes.append(helper.make_node(op, ins, [f"y{i}"], keepdims=keep))
        rank = 3 if keep else 3 - (3 if axes is None else len(axes))
        outputs.append(helper.make_tensor_value_info(f"y{i}", TensorProto.FLOAT, [None] * rank))
    model = helper.make_model(helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT,
                                                                                                 [2, 5, 3])],
                                                outputs, inits), opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 8
    x = r.standard_normal((2, 5, 3)).astype(np.float32)
    x[1, :, 0] += 60.0  # exp overflows float32 without the maximum subtracted
    write(name, model.SerializeToString(), [x], "ReduceProd, ReduceL1, ReduceL2, ReduceSumSquare and ReduceLogSumExp "
          "with axes inputs (opset 18), keepdims 0 and 1, all axes; log-sum-exp of values near 60", ["reduce"])


@case("reduce_overflow_op18")
def _(name):
    nodes = [helper.make_node("ReduceL2", ["x", "axis"], ["l2"], keepdims=0),
             helper.make_node("ReduceProd", ["x", "axis"], ["prod"], keepdims=0)]
    inits = [numpy_helper.from_array(np.array([1], np.int64), "axis")]
    model = helper.make_model(helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [3, 3])],
                                                [helper.make_tensor_value_info(n, TensorProto.FLOAT, [3])
                                                 for n in ["l2", "prod"]], inits),
                              opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 8
    x = np.array([[1e20, 1e20, 1.0], [1e30, 1e30, 1e-30], [-1e30, -1e30, 0.0]], np.float32)
    write(name, model.SerializeToString(), [x], "ReduceL2 and ReduceProd whose float32 intermediates overflow in ONNX "
          "Runtime (squares of 1e20, the product 1e60 before 1e-30, infinity times 0)", ["reduce", "inf_output"])


@case("tile_arg_cumsum_sin_op13")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("Tile", ["x", "reps"], ["tiled"]),
             helper.make_node("ArgMax", ["c"], ["argmax"], axis=1, keepdims=0),
             helper.make_node("ArgMax", ["c"], ["argmax_last"], axis=-1, keepdims=1, select_last_index=1),
             helper.make_node("ArgMin", ["c"], ["argmin"], axis=2, keepdims=0),
             helper.make_node("ArgMin", ["c"], ["argmin_last"], axis=1, keepdims=1, select_last_index=1),
             helper.make_node("CumSum", ["x", "ax1"], ["cumsum"]),
             helper.make_node("CumSum", ["x", "ax2"], ["cumsum_excl_rev"], exclusive=1, reverse=1),
             helper.make_node("Sin", ["x"], ["sin"]), helper.make_node("Cos", ["x"], ["cos"])]
    inits = [numpy_helper.from_array(np.array([1, 2, 3], np.int64), "reps"),
             numpy_helper.from_array(np.array(1, np.int32), "ax1"), numpy_helper.from_array(np.array(-1, np.int64), "ax2")]
    ins = [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4, 3]),
           helper.make_tensor_value_info("c", TensorProto.FLOAT, ["batch", 4, 3])]
    ranks = {"tiled": 3, "argmax": 2, "argmax_last": 3, "argmin": 2, "argmin_last": 3, "cumsum": 3, "cumsum_excl_rev": 3,
             "sin": 3, "cos": 3}
    outs = [helper.make_tensor_value_info(n, TensorProto.INT64 if n.startswith("arg") else TensorProto.FLOAT,
                                          [None] * k) for n, k in ranks.items()]
    model = helper.make_model(helper.make_graph(nodes, name, ins, outs, inits), opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    x = (2 * r.standard_normal((2, 4, 3))).astype(np.float32)
    c = r.integers(0, 3, size=(2, 4, 3)).astype(np.float32)  # ties, for select_last_index
    write(name, model.SerializeToString(), [x, c], "Tile (1, 2, 3); ArgMax and ArgMin over each axis, with ties, "
          "keepdims 0 and 1, select_last_index; CumSum over time (axis an int32 scalar) and exclusive, reversed over "
          "features; Sin and Cos; dynamic batch", ["tile", "argmax", "argmin", "cumsum", "sin", "cos"])


@case("math_logic_op13")
def _(name):
    r = rng(name)
    unary = ["Tan", "Asin", "Acos", "Atan", "Sinh", "Cosh", "Asinh", "Atanh", "Sign"]
    nodes = [helper.make_node(op, ["x"], [op.lower()]) for op in unary]
    nodes += [helper.make_node("Mul", ["x", "x"], ["sq"]), helper.make_node("Add", ["sq", "one_half"], ["above_one"]),
              helper.make_node("Acosh", ["above_one"], ["acosh"]),
              helper.make_node("Sign", ["e"], ["sign_e"]), helper.make_node("IsNaN", ["e"], ["isnan"]),
              helper.make_node("IsInf", ["e"], ["isinf"]),
              helper.make_node("IsInf", ["e"], ["isinf_neg"], detect_positive=0),
              helper.make_node("IsInf", ["e"], ["isinf_pos"], detect_negative=0),
              helper.make_node("Greater", ["x", "zero"], ["pos"]), helper.make_node("Less", ["x", "half"], ["small"]),
              helper.make_node("And", ["pos", "small"], ["and"]), helper.make_node("Or", ["pos", "small"], ["or"]),
              helper.make_node("Xor", ["pos", "small"], ["xor"])]
    inits = [numpy_helper.from_array(np.array(1.5, np.float32), "one_half"),
             numpy_helper.from_array(np.array(0.0, np.float32), "zero"),
             numpy_helper.from_array(np.array(0.5, np.float32), "half")]
    ins = [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4, 3]),
           helper.make_tensor_value_info("e", TensorProto.FLOAT, ["batch", 6])]
    floats = [op.lower() for op in unary] + ["acosh", "sign_e"]
    bools = ["isnan", "isinf", "isinf_neg", "isinf_pos", "and", "or", "xor"]
    outs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, [None] * (2 if n == "sign_e" else 3)) for n in floats]
    outs += [helper.make_tensor_value_info(n, TensorProto.BOOL, [None] * (2 if n.startswith("is") else 3)) for n in bools]
    model = helper.make_model(helper.make_graph(nodes, name, ins, outs, inits), opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    x = np.clip(0.5 * r.standard_normal((2, 4, 3)), -0.95, 0.95).astype(np.float32)
    x[0, 0, :] = [0.0, -0.0, 0.5]
    nan, inf = np.nan, np.inf
    e = np.array([[-0.0, 0.0, nan, inf, -inf, 2.5], [-3.0, nan, -inf, 1e-30, -1e-30, inf]], np.float32)
    write(name, model.SerializeToString(), [x, e], "Tan, Asin, Acos, Atan, Sinh, Cosh, Asinh, Acosh (of 1.5 + x²), Atanh, "
          "Sign (of 0, -0.0, NaN, infinities too), IsNaN, IsInf (both, negative only, positive only), And, Or, Xor of two "
          "comparisons; dynamic batch", ["trigonometric", "sign", "isnan", "isinf", "logical"])


@case("einsum_op12")
def _(name):
    r = rng(name)
    specs = [("bij,bjk->bik", ["a", "b"]), ("bti,bsi->bts", ["a", "a"]), ("...ij,jk->...ik", ["a", "w"]),
             ("bii->bi", ["sq"]), ("bij->b", ["a"]), ("bij,bjk", ["a", "b"]), ("bij,jk,bk->bi", ["a", "w", "v"]),
             ("bij,->bij", ["a", "s"]), ("bij,bij->bij", ["row", "a"])]
    nodes = [helper.make_node("Einsum", ins, [f"y{i}"], equation=eq) for i, (eq, ins) in enumerate(specs)]
    ranks = [3, 3, 3, 2, 1, 2, 2, 3, 3]
    inputs = [helper.make_tensor_value_info("a", TensorProto.FLOAT, ["batch", 4, 3]),
              helper.make_tensor_value_info("b", TensorProto.FLOAT, ["batch", 3, 5]),
              helper.make_tensor_value_info("sq", TensorProto.FLOAT, ["batch", 3, 3]),
              helper.make_tensor_value_info("v", TensorProto.FLOAT, ["batch", 2]),
              helper.make_tensor_value_info("row", TensorProto.FLOAT, ["batch", 1, 3])]
    w = numpy_helper.from_array(r.standard_normal((3, 2)).astype(np.float32), "w")
    scalar = numpy_helper.from_array(np.array(-1.5, np.float32), "s")
    outs = [helper.make_tensor_value_info(f"y{i}", TensorProto.FLOAT, [None] * k) for i, k in enumerate(ranks)]
    model = helper.make_model(helper.make_graph(nodes, name, inputs, outs, [w, scalar]),
                              opset_imports=[helper.make_opsetid("", 12)])
    model.ir_version = 7
    data = [r.standard_normal(shape).astype(np.float32) for shape in [(2, 4, 3), (2, 3, 5), (2, 3, 3), (2, 2), (2, 1, 3)]]
    write(name, model.SerializeToString(), data, "Einsum: batched matmul, scores, an ellipsis with a constant, a diagonal "
          "(bii->bi), a full sum per sample, an implicit output (bij,bjk: ik, the letters used once, so the batch is summed too), three operands, a scalar operand (bij,->bij), a letter of size 1 broadcast (bij,bij->bij on (b, 1, 3) and (b, 4, 3)); "
          "dynamic batch", ["einsum"])


@case("topk_op11")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("TopK", ["x", "k3"], ["v_large", "i_large"], axis=1),
             helper.make_node("TopK", ["x", "k2"], ["v_small", "i_small"], axis=-1, largest=0),
             helper.make_node("TopK", ["c", "k3"], ["v_ties", "i_ties"], axis=2)]
    inits = [numpy_helper.from_array(np.array([3], np.int64), "k3"), numpy_helper.from_array(np.array([2], np.int64), "k2")]
    ins = [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 5, 4]),
           helper.make_tensor_value_info("c", TensorProto.FLOAT, ["batch", 5, 4])]
    outs = [helper.make_tensor_value_info(n, TensorProto.INT64 if n.startswith("i") else TensorProto.FLOAT, [None] * 3)
            for n in ["v_large", "i_large", "v_small", "i_small", "v_ties", "i_ties"]]
    model = helper.make_model(helper.make_graph(nodes, name, ins, outs, inits), opset_imports=[helper.make_opsetid("", 11)])
    model.ir_version = 8
    x = r.standard_normal((2, 5, 4)).astype(np.float32)
    c = r.integers(0, 3, size=(2, 5, 4)).astype(np.float32)
    write(name, model.SerializeToString(), [x, c], "TopK (sorted): the 3 largest over time, the 2 smallest over features, "
          "the 3 largest of integer values with ties (equal values in axis order); values and int64 indices; dynamic "
          "batch", ["topk"])


class OneHotGru(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.GRU(5, 4, batch_first=True)
        self.head = torch.nn.Linear(4, 2)

    def forward(self, x):
        y, _ = self.rnn(torch.nn.functional.one_hot(x.long(), 5).float())
        return self.head(y[:, -1])


@case("torch_one_hot_gru_op13")
def _(name):
    r = rng(name)
    x = r.integers(0, 5, size=(3, 6)).astype(np.float32)
    torch_case(name, OneHotGru(), x, 13, "torch F.one_hot(ids, 5) (ONNX OneHot) -> nn.GRU(5, 4, batch_first) last step "
               "-> Linear; dynamic batch and time", ["one_hot", "gru", "batch_first", "gemm_head"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}})


@case("one_hot_op11")
def _(name):
    nodes = [helper.make_node("OneHot", ["ids", "depth", "values"], ["last"]),
             helper.make_node("OneHot", ["ids", "depth", "values"], ["middle"], axis=1)]
    inits = [numpy_helper.from_array(np.array(4, np.int64), "depth"),
             numpy_helper.from_array(np.array([-0.5, 2.0], np.float32), "values")]
    ins = [helper.make_tensor_value_info("ids", TensorProto.INT64, ["batch", 5])]
    outs = [helper.make_tensor_value_info("last", TensorProto.FLOAT, [None, 5, 4]),
            helper.make_tensor_value_info("middle", TensorProto.FLOAT, [None, 4, 5])]
    model = helper.make_model(helper.make_graph(nodes, name, ins, outs, inits), opset_imports=[helper.make_opsetid("", 11)])
    model.ir_version = 8
    ids = np.array([[0, 3, -1, -4, 4], [7, -5, 2, 1, -2]], np.int64)
    write(name, model.SerializeToString(), [ids], "OneHot with depth 4 and values (-0.5, 2.0) on the last axis and on axis 1; "
          "negative ids -1 to -4 count from the end, -5 and ids 4 and 7 give all off", ["one_hot"])


class LastValidStepLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(3, 5, batch_first=True)
        self.head = torch.nn.Linear(5, 2)

    def forward(self, x, lengths):
        y, _ = self.rnn(x)
        index = (lengths - 1).view(-1, 1, 1).expand(-1, 1, y.shape[-1])
        return self.head(y.gather(1, index)[:, 0])


@case("torch_lstm_gather_last_valid_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 6, 3)).astype(np.float32)
    lengths = np.array([6, 2, 4], np.int64)
    torch_case(name, LastValidStepLstm(), x, 13, "torch nn.LSTM(3, 5, batch_first) over padded sequences -> the output at "
               "each sequence's last valid step, y.gather(1, (lengths - 1) expanded over features) (ONNX GatherElements) "
               "-> Linear(5, 2); dynamic batch and time", ["lstm", "gather_elements", "batch_first", "gemm_head"],
               {"x": {0: "batch", 1: "time"}, "state_0": {0: "batch"}, "y": {0: "batch"}}, extra_inputs=(lengths,))


@case("gather_elements_op13")
def _(name):
    nodes = [helper.make_node("GatherElements", ["x", "i"], ["steps"], axis=1),
             helper.make_node("GatherElements", ["x", "j"], ["features"], axis=-1),
             helper.make_node("GatherElements", ["x", "k"], ["batch"])]
    ins = [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 4, 3]),
           helper.make_tensor_value_info("i", TensorProto.INT64, [2, 2, 3]),
           helper.make_tensor_value_info("j", TensorProto.INT32, [2, 4, 2]),
           helper.make_tensor_value_info("k", TensorProto.INT64, [1, 3, 2])]
    outs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, [None] * 3) for n in ["steps", "features", "batch"]]
    model = helper.make_model(helper.make_graph(nodes, name, ins, outs), opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    r = rng(name)
    x = r.standard_normal((2, 4, 3)).astype(np.float32)
    i = np.array([[[0, 3, -1], [2, -4, 1]], [[3, 3, 0], [-2, 1, 2]]], np.int64)
    j = np.array([[[2, 0], [1, 1], [-1, -3], [0, 2]], [[1, 2], [0, 0], [2, -2], [1, 0]]], np.int32)
    k = np.array([[[1, 0], [0, -1], [-2, 1]]], np.int64)
    write(name, model.SerializeToString(), [x, i, j, k], "GatherElements over axis 1 (indices over 2 of 4 steps), axis -1 "
          "(int32 indices, 2 of 3 features) and axis 0 (indices over 1 of 2 samples, 3 of 4 steps, 2 of 3 features); "
          "negative indices count from the end", ["gather_elements"])


class ConvTransposeGru(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.down = torch.nn.Conv1d(3, 4, 3, stride=2, padding=1)
        self.rnn = torch.nn.GRU(4, 5, batch_first=True)
        self.up = torch.nn.ConvTranspose1d(5, 3, 4, stride=2, padding=1)
        self.up2 = torch.nn.ConvTranspose1d(3, 2, 3, stride=3, padding=2, output_padding=1, dilation=2, bias=False)

    def forward(self, x):
        y, _ = self.rnn(self.down(x).transpose(1, 2))
        return self.up2(self.up(y.transpose(1, 2)))


@case("torch_conv_transpose_gru_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 3, 8)).astype(np.float32)
    torch_case(name, ConvTransposeGru(), x, 13, "torch Conv1d(3, 4, 3, stride 2, padding 1) -> GRU(4, 5, batch_first) -> "
               "ConvTranspose1d(5, 3, 4, stride 2, padding 1) back to 8 steps -> ConvTranspose1d(3, 2, 3, stride 3, "
               "padding 2, output_padding 1, dilation 2, no bias) (ONNX ConvTranspose); dynamic batch and time",
               ["conv", "gru", "conv_transpose", "batch_first"], {"x": {0: "batch", 2: "time"}, "y": {0: "batch", 2: "time"}})


class NormalizedConvGru(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv1d(3, 4, 3, padding=1)
        self.instance = torch.nn.InstanceNorm1d(4, affine=True)
        self.plain = torch.nn.InstanceNorm1d(4)
        self.group = torch.nn.GroupNorm(2, 4, eps=1e-3)
        self.rnn = torch.nn.GRU(4, 5, batch_first=True)

    def forward(self, x):
        h = self.conv(x)
        h = self.group(self.plain(self.instance(h)) + h)
        y, _ = self.rnn(h.transpose(1, 2))
        return y[:, -1]


@case("torch_instance_group_norm_gru_op13")
def _(name):
    r = rng(name)
    x = (2 * r.standard_normal((3, 3, 7)) + 1).astype(np.float32)
    torch_case(name, NormalizedConvGru(), x, 13, "torch Conv1d(3, 4, 3) -> InstanceNorm1d(4, affine) -> InstanceNorm1d(4) "
               "-> + the convolution -> GroupNorm(2, 4, eps 1e-3) (exported as Reshape, InstanceNormalization, Reshape, "
               "Mul, Add) -> GRU(4, 5, batch_first), last step; dynamic batch and time",
               ["conv", "instance_normalization", "group_norm", "gru", "batch_first"],
               {"x": {0: "batch", 2: "time"}, "y": {0: "batch"}})


@case("sum_mean_op13")
def _(name):
    nodes = [helper.make_node("Sum", ["a", "b", "c"], ["sum3"]), helper.make_node("Sum", ["a"], ["sum1"]),
             helper.make_node("Mean", ["a", "c"], ["mean2"]), helper.make_node("Mean", ["a", "b", "c", "a"], ["mean4"])]
    ins = [helper.make_tensor_value_info("a", TensorProto.FLOAT, ["batch", 4, 3]),
           helper.make_tensor_value_info("b", TensorProto.FLOAT, [3]),
           helper.make_tensor_value_info("c", TensorProto.FLOAT, ["batch", 1, 3])]
    outs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, [None] * 3) for n in ["sum3", "sum1", "mean2", "mean4"]]
    model = helper.make_model(helper.make_graph(nodes, name, ins, outs), opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    r = rng(name)
    a, b, c = (r.standard_normal(s).astype(np.float32) for s in [(2, 4, 3), (3,), (2, 1, 3)])
    write(name, model.SerializeToString(), [a, b, c], "Sum of three inputs and of one, Mean of two and of four (one input "
          "twice), with numpy broadcasting; dynamic batch", ["sum", "mean"])


@case("group_norm_op21")
def _(name):
    nodes = [helper.make_node("GroupNormalization", ["x", "scale", "bias"], ["y"], num_groups=2, epsilon=1e-3),
             helper.make_node("GroupNormalization", ["x", "scale", "bias"], ["y4"], num_groups=4)]
    r = rng(name)
    inits = [numpy_helper.from_array(r.standard_normal(4).astype(np.float32), "scale"),
             numpy_helper.from_array(r.standard_normal(4).astype(np.float32), "bias")]
    ins = [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 4, "time"])]
    outs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, [None] * 3) for n in ["y", "y4"]]
    model = helper.make_model(helper.make_graph(nodes, name, ins, outs, inits), opset_imports=[helper.make_opsetid("", 21)])
    model.ir_version = 10
    x = (3 * r.standard_normal((2, 4, 5)) - 1).astype(np.float32)
    write(name, model.SerializeToString(), [x], "GroupNormalization (opset 21: scale and bias per channel) with 2 groups "
          "and epsilon 1e-3, and with 4 groups and the default epsilon; dynamic batch and time", ["group_normalization"])


class EinsumAttentionLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(4, 6, batch_first=True)
        self.head = torch.nn.Linear(6, 3)

    def forward(self, x):
        y, _ = self.rnn(x)
        weights = torch.softmax(torch.einsum("btd,bsd->bts", y, y) / 6 ** 0.5, -1)
        return self.head(torch.einsum("bts,bsd->btd", weights, y)[:, -1])


@case("torch_lstm_einsum_attention_op14")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 7, 4)).astype(np.float32)
    torch_case(name, EinsumAttentionLstm(), x, 14, "torch nn.LSTM(4, 6, batch_first) -> self-attention written with "
               "torch.einsum (scores btd,bsd->bts, softmax, weighted bts,bsd->btd) -> last step -> Linear; dynamic batch "
               "and time", ["lstm", "batch_first", "einsum"], {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}})


class NormStatsLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(4, 6, batch_first=True)
        self.head = torch.nn.Linear(12, 3)

    def forward(self, x):
        t = torch.arange(x.shape[1], dtype=torch.float32)[None, :, None]
        y, _ = self.rnn(x + 0.5 * torch.sin(t / 3.0) + 0.25 * torch.cos(t / 5.0))
        pooled = torch.cat([torch.nn.functional.normalize(y[:, -1], dim=-1), y.std(dim=1)], -1)
        scores = self.head(pooled) + torch.cumsum(y, 1)[:, -1, :3] + y[:, -1:].repeat(1, 2, 1).sum(1)[:, :3]
        return torch.logsumexp(scores[:, None, :].repeat(1, 2, 1), dim=1), scores.argmax(-1)


@case("torch_lstm_norm_stats_op17")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 7, 4)).astype(np.float32)
    torch_case(name, NormStatsLstm(), x, 17, "torch sinusoidal offsets computed from the steps (Sin, Cos of a Range) -> "
               "nn.LSTM(4, 6, batch_first) -> F.normalize of the last step (ReduceL2) and std over time (ReduceProd of "
               "the shape) -> Linear, plus cumsum over time and Tensor.repeat (Tile); logsumexp (ReduceLogSumExp) and "
               "argmax (ArgMax, int64) outputs; dynamic batch and time", ["lstm", "batch_first", "reduce", "tile",
                                                                          "cumsum", "argmax", "sin", "cos"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}, "argmax": {0: "batch"}}, output_names=("y", "argmax"))


@case("trilu_range_op14")
def _(name):
    r = rng(name)
    nodes, outputs, inits = [], [], []
    for i, (upper, k) in enumerate([(1, None), (0, None), (1, 2), (0, -1), (1, -5)]):
        ins = ["x"] if k is None else ["x", f"k{i}"]
        if k is not None:
            inits.append(numpy_helper.from_array(np.array(k, np.int64), f"k{i}"))
        nodes.append(helper.make_node("Trilu", ins, [f"t{i}"], upper=upper))
        outputs.append(helper.make_tensor_value_info(f"t{i}", TensorProto.FLOAT, [2, 3, 5]))
    for i, (start, limit, delta) in enumerate([(0.5, 4.0, 0.75), (3.0, -2.0, -1.5), (1.0, 1.0, 1.0), (2.0, 0.0, 1.0)]):
        for j, v in enumerate((start, limit, delta)):
            inits.append(numpy_helper.from_array(np.array(v, np.float32), f"r{i}_{j}"))
        nodes.append(helper.make_node("Range", [f"r{i}_0", f"r{i}_1", f"r{i}_2"], [f"range{i}"]))
        n = max(int(np.ceil((limit - start) / delta)), 0)
        outputs.append(helper.make_tensor_value_info(f"range{i}", TensorProto.FLOAT, [n]))
    nodes.append(helper.make_node("Shape", ["x"], ["shape"]))
    nodes.append(helper.make_node("Gather", ["shape", "one"], ["steps"], axis=0))
    nodes.append(helper.make_node("Range", ["zero", "steps", "one"], ["positions"]))
    inits += [numpy_helper.from_array(np.array(0, np.int64), "zero"), numpy_helper.from_array(np.array(1, np.int64), "one")]
    outputs.append(helper.make_tensor_value_info("positions", TensorProto.INT64, [None]))
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, None, 5])],
                              outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 14)])
    model.ir_version = 8
    write(name, model.SerializeToString(), [r.standard_normal((2, 3, 5)).astype(np.float32)],
          "Trilu upper and lower, k 0, 2, -1 and -5 (everything kept) on [2, 3, 5] matrices; Range of floats (a fraction "
          "step, a negative step, empty ranges) and of int64 up to a computed length (the input's steps)",
          ["trilu", "range"])


class ReflectPaddedConvGru(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Sequential(torch.nn.Conv1d(3, 4, 3, padding=1, padding_mode="reflect"), torch.nn.ReLU(),
                                        torch.nn.Conv1d(4, 4, 5, padding=2, padding_mode="replicate"))
        self.rnn = torch.nn.GRU(4, 5, batch_first=True)
        self.head = torch.nn.Linear(5, 2)

    def forward(self, x):
        y, _ = self.rnn(self.conv(x.transpose(1, 2)).transpose(1, 2))
        return self.head(y[:, -1])


@case("torch_reflect_replicate_conv_gru_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 9, 3)).astype(np.float32)
    torch_case(name, ReflectPaddedConvGru(), x, 13, "torch Conv1d(3, 4, 3, padding 1, padding_mode reflect) -> ReLU -> "
               "Conv1d(4, 4, 5, padding 2, padding_mode replicate) over time (ONNX Pad reflect and edge) -> nn.GRU(4, 5, "
               "batch_first) last step -> Linear; dynamic batch and time", ["pad", "conv1d", "gru", "batch_first",
                                                                           "gemm_head"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}})


class Crnn(torch.nn.Module):
    """An OCR-style CRNN: 2-D convolutions and poolings over a 16-row image, then its columns as LSTM steps."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(1, 4, 3, padding=1)
        self.pool1 = torch.nn.MaxPool2d(2, 2)
        self.conv2 = torch.nn.Conv2d(4, 6, (3, 2), padding=(1, 0), dilation=(1, 2))
        self.bn = torch.nn.BatchNorm2d(6)
        self.pool2 = torch.nn.MaxPool2d((2, 2), (2, 1), (0, 1))
        self.conv3 = torch.nn.Conv2d(6, 6, 3, padding=1, groups=2, bias=False)
        self.pool3 = torch.nn.AvgPool2d((2, 1), (2, 1))
        self.rnn = torch.nn.LSTM(12, 5, bidirectional=True, batch_first=True)
        self.head = torch.nn.Linear(10, 4)

    def forward(self, x):
        y = self.pool1(torch.relu(self.conv1(x)))
        y = self.pool2(torch.relu(self.bn(self.conv2(y))))
        y = self.pool3(torch.tanh(self.conv3(y)))
        y, _ = self.rnn(y.permute(0, 3, 1, 2).flatten(2))
        return self.head(y)


@case("torch_crnn_conv2d_pool2d_bilstm_op13")
def _(name):
    r = rng(name)
    m = Crnn()
    with torch.no_grad():
        m.bn.running_mean.copy_(torch.linspace(-0.5, 0.5, 6))
        m.bn.running_var.copy_(torch.linspace(0.5, 1.5, 6))
    x = r.standard_normal((2, 1, 16, 14)).astype(np.float32)
    torch_case(name, m, x, 13, "torch CRNN on a 16-row image of any width: Conv2d(1, 4, 3, padding 1) -> ReLU -> "
               "MaxPool2d(2) -> Conv2d(4, 6, (3, 2), padding (1, 0), dilation (1, 2)) -> BatchNorm2d -> ReLU -> "
               "MaxPool2d((2, 2), (2, 1), padding (0, 1)) -> Conv2d(6, 6, 3, padding 1, groups 2, no bias) -> Tanh -> "
               "AvgPool2d((2, 1)) -> columns as steps (permute, flatten) -> nn.LSTM(12, 5, bidirectional, batch_first) "
               "-> Linear(10, 4) on every step; dynamic batch and width",
               ["conv2d", "pool2d", "batch_norm", "lstm", "bidirectional", "batch_first", "crnn"],
               {"x": {0: "batch", 3: "width"}, "y": {0: "batch", 1: "width"}})


class Conv2dPoolHeads(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.strided = torch.nn.Conv2d(3, 4, (3, 4), stride=(2, 3), padding=(2, 1))
        self.same = torch.nn.Conv2d(3, 2, (2, 3), padding="same")
        self.depthwise = torch.nn.Conv2d(3, 6, 3, groups=3)
        self.heads = torch.nn.ModuleList([torch.nn.MaxPool2d(3, 2, 1), torch.nn.AvgPool2d(3, 2, 1),
                                          torch.nn.AvgPool2d((3, 2), 1, (1, 0), count_include_pad=False),
                                          torch.nn.MaxPool2d((2, 3), (1, 2)), torch.nn.AdaptiveAvgPool2d(1),
                                          torch.nn.AdaptiveMaxPool2d(1)])

    def forward(self, x):
        return tuple([self.strided(x), self.same(x), self.depthwise(x)] + [h(x) for h in self.heads])


@case("torch_conv2d_pool2d_heads_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 3, 7, 9)).astype(np.float32)
    outs = [f"y{i}" for i in range(9)]
    torch_case(name, Conv2dPoolHeads(), x, 13, "torch heads on one [2, 3, 7, 9] input: Conv2d(3, 4, (3, 4), stride (2, 3), "
               "padding (2, 1)); Conv2d(3, 2, (2, 3), padding same); Conv2d(3, 6, 3, groups 3); "
               "MaxPool2d(3, 2, 1); AvgPool2d(3, 2, 1) (count_include_pad); AvgPool2d((3, 2), 1, (1, 0), "
               "count_include_pad False); MaxPool2d((2, 3), (1, 2)); AdaptiveAvgPool2d(1); AdaptiveMaxPool2d(1)",
               ["conv2d", "pool2d", "global_pool2d"], None, output_names=outs)


class PaddedPool1d(torch.nn.Module):
    """A 1-D CNN front end whose poolings pad: MaxPool1d(3, 2, 1) and AvgPool1d with and without counting the padding."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv1d(3, 4, 3, padding=1)
        self.max = torch.nn.MaxPool1d(3, 2, 1)
        self.avg = torch.nn.AvgPool1d(3, 1, 1)
        self.avg_excl = torch.nn.AvgPool1d(4, 2, 2, count_include_pad=False)
        self.rnn = torch.nn.GRU(4, 5, batch_first=True)

    def forward(self, x):
        y = self.max(torch.relu(self.conv(x)))
        y = self.avg_excl(self.avg(y))
        out, _ = self.rnn(y.transpose(1, 2))
        return out[:, -1]


@case("torch_padded_pool1d_gru_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 3, 11)).astype(np.float32)
    torch_case(name, PaddedPool1d(), x, 13, "torch Conv1d(3, 4, 3, padding 1) -> ReLU -> MaxPool1d(3, 2, padding 1) -> "
               "AvgPool1d(3, 1, padding 1) (count_include_pad) -> AvgPool1d(4, 2, padding 2, count_include_pad False) -> "
               "nn.GRU(4, 5, batch_first) over the steps, last step; dynamic batch and length",
               ["conv1d", "pool1d_pads", "gru", "batch_first"], {"x": {0: "batch", 2: "steps"}, "y": {0: "batch"}})


def ints(name, values):
    """An int64 initializer."""
    return numpy_helper.from_array(np.array(values, np.int64), name)


def model_of_nodes(name, nodes, inputs, initializers=(), opset=13):
    """A model of the nodes over the inputs (name -> shape) with every node's first output a graph output of the rank
    ONNX infers (sizes left symbolic: ONNX's inference and ONNX Runtime disagree on some, as for ceil_mode)."""
    outs = [n.output[0] for n in nodes]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info(k, TensorProto.FLOAT, v) for k, v in inputs.items()],
                              [helper.make_tensor_value_info(o, TensorProto.FLOAT, None) for o in outs], list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    inferred = {v.name: v for v in onnx.shape_inference.infer_shapes(model).graph.output}
    del model.graph.output[:]
    for o in outs:
        rank = len(inferred[o].type.tensor_type.shape.dim)
        model.graph.output.append(helper.make_tensor_value_info(o, TensorProto.FLOAT, [f"{o}_{i}" for i in range(rank)]))
    return model


@case("same_lower_conv_pool_op13")
def _(name):
    r = rng(name)
    w1 = (0.5 * r.standard_normal((4, 3, 3))).astype(np.float32)
    w2 = (0.5 * r.standard_normal((2, 3, 2, 3))).astype(np.float32)
    nodes = [helper.make_node("Conv", ["x1", "w1"], ["conv1d_lower"], auto_pad="SAME_LOWER", strides=[2]),
             helper.make_node("Conv", ["x2", "w2"], ["conv2d_lower"], auto_pad="SAME_LOWER", strides=[2, 3]),
             helper.make_node("Conv", ["x2", "w2"], ["conv2d_upper"], auto_pad="SAME_UPPER", strides=[3, 2]),
             helper.make_node("MaxPool", ["x1"], ["max1d_lower"], kernel_shape=[4], auto_pad="SAME_LOWER", strides=[3]),
             helper.make_node("AveragePool", ["x2"], ["avg2d_lower_counted"], kernel_shape=[3, 2], auto_pad="SAME_LOWER",
                              strides=[2, 2], count_include_pad=1),
             helper.make_node("AveragePool", ["x2"], ["avg2d_upper_counted"], kernel_shape=[2, 3], auto_pad="SAME_UPPER",
                              strides=[1, 2], count_include_pad=1),
             helper.make_node("AveragePool", ["x1"], ["avg1d_lower"], kernel_shape=[2], auto_pad="SAME_LOWER", strides=[2]),
             helper.make_node("MaxPool", ["x2"], ["max2d_pads_storage_order"], kernel_shape=[3, 3], pads=[1, 0, 2, 1],
                              strides=[2, 1], storage_order=1)]
    model = model_of_nodes(name, nodes, {"x1": [2, 3, 10], "x2": [2, 3, 7, 8]},
                           [numpy_helper.from_array(w1, "w1"), numpy_helper.from_array(w2, "w2")])
    x1 = r.standard_normal((2, 3, 10)).astype(np.float32)
    x2 = r.standard_normal((2, 3, 7, 8)).astype(np.float32)
    write(name, model.SerializeToString(), [x1, x2], "Conv and pooling with auto_pad SAME_LOWER where its padding differs "
          "from SAME_UPPER's (strides above 1, odd totals: the larger half before), on known sizes: Conv 1-D stride 2, "
          "Conv 2-D strides (2, 3), and SAME_UPPER strides (3, 2); MaxPool 1-D kernel 4 stride 3; AveragePool 2-D "
          "SAME_LOWER and SAME_UPPER with count_include_pad=1; AveragePool 1-D SAME_LOWER; MaxPool 2-D with explicit pads "
          "and storage_order=1 (no Indices output, so no effect)", ["conv1d", "conv2d", "pool1d", "pool2d", "auto_pad"])


@case("pool_ceil_mode_op13")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("MaxPool", ["x2"], ["max2d_ceil"], kernel_shape=[3, 3], strides=[2, 2], ceil_mode=1),
             helper.make_node("AveragePool", ["x2"], ["avg2d_ceil_counted"], kernel_shape=[3, 2], strides=[2, 3],
                              pads=[1, 1, 1, 0], ceil_mode=1, count_include_pad=1),
             helper.make_node("AveragePool", ["x2"], ["avg2d_ceil"], kernel_shape=[2, 3], strides=[2, 2], pads=[1, 0, 0, 1],
                              ceil_mode=1),
             helper.make_node("MaxPool", ["x1"], ["max1d_ceil_dropped"], kernel_shape=[2], strides=[2], pads=[1, 1],
                              ceil_mode=1),
             helper.make_node("AveragePool", ["x1"], ["avg1d_ceil_counted"], kernel_shape=[3], strides=[3], pads=[1, 0],
                              ceil_mode=1, count_include_pad=1),
             helper.make_node("AveragePool", ["x1"], ["avg1d_same_ceil"], kernel_shape=[2], strides=[2],
                              auto_pad="SAME_UPPER", ceil_mode=1)]
    model = model_of_nodes(name, nodes, {"x1": [2, 3, 5], "x2": [2, 3, 7, 8]})
    x1 = r.standard_normal((2, 3, 5)).astype(np.float32)
    x2 = r.standard_normal((2, 3, 7, 8)).astype(np.float32)
    write(name, model.SerializeToString(), [x1, x2], "MaxPool and AveragePool with ceil_mode=1: a last window that runs "
          "past the padding is kept, clipped, where it starts inside the input or its leading padding (1-D kernel 2, stride "
          "2, pads 1 on 5 steps: the fourth window would start in the trailing padding and is dropped, as are the fourth "
          "columns of avg2d_ceil_counted, where ONNX's own shape inference keeps them); averages with "
          "count_include_pad=1 count the padding but not positions past it; AveragePool with auto_pad SAME_UPPER, whose "
          "output size ONNX Runtime takes from auto_pad alone", ["pool1d", "pool2d", "ceil_mode"])


@case("pool3d_op13")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("MaxPool", ["x"], ["max3d"], kernel_shape=[2, 2, 2]),
             helper.make_node("MaxPool", ["x"], ["max3d_pads"], kernel_shape=[3, 2, 3], strides=[2, 1, 2],
                              pads=[1, 0, 2, 1, 1, 0]),
             helper.make_node("AveragePool", ["x"], ["avg3d_counted"], kernel_shape=[2, 3, 2], strides=[1, 2, 2],
                              pads=[1, 1, 0, 0, 2, 1], count_include_pad=1),
             helper.make_node("AveragePool", ["x"], ["avg3d_pads"], kernel_shape=[3, 3, 3], strides=[2, 2, 2],
                              pads=[1, 1, 1, 1, 1, 1]),
             helper.make_node("MaxPool", ["x"], ["max3d_ceil"], kernel_shape=[2, 3, 2], strides=[2, 2, 3], ceil_mode=1),
             helper.make_node("AveragePool", ["x"], ["avg3d_ceil_counted"], kernel_shape=[2, 2, 3], strides=[3, 2, 2],
                              pads=[1, 0, 1, 0, 1, 0], ceil_mode=1, count_include_pad=1),
             helper.make_node("AveragePool", ["x"], ["avg3d_same_upper"], kernel_shape=[2, 3, 2], strides=[1, 2, 2],
                              auto_pad="SAME_UPPER"),
             helper.make_node("MaxPool", ["x"], ["max3d_same_lower"], kernel_shape=[3, 2, 2], strides=[1, 1, 1],
                              auto_pad="SAME_LOWER")]
    model = model_of_nodes(name, nodes, {"x": [2, 3, 5, 6, 7]})
    x = r.standard_normal((2, 3, 5, 6, 7)).astype(np.float32)
    write(name, model.SerializeToString(), [x], "MaxPool and AveragePool over three spatial axes of a [2, 3, 5, 6, 7] "
          "input: no padding; explicit pads; an average counting its padding (count_include_pad=1) and one not; ceil_mode=1 "
          "with and without pads; auto_pad SAME_UPPER and SAME_LOWER over sizes known at import", ["pool3d", "ceil_mode"])


class VideoConv3d(torch.nn.Module):
    """A small torch video classifier (C3D-style): Conv3d blocks with 3-D pooling, then a global pool and a linear head;
    extra heads with dilation, asymmetric strides and padding='same'."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv3d(3, 4, 3, padding=1)
        self.pool1 = torch.nn.MaxPool3d((1, 2, 2))
        self.conv2 = torch.nn.Conv3d(4, 6, (3, 3, 2), stride=(1, 2, 2), padding=(1, 0, 1))
        self.pool2 = torch.nn.AvgPool3d(2, ceil_mode=True)
        self.head = torch.nn.Linear(6, 5)
        self.dilated = torch.nn.Conv3d(3, 2, (2, 3, 2), dilation=(1, 2, 2), bias=False)
        self.same = torch.nn.Conv3d(3, 3, (3, 2, 3), padding="same")

    def forward(self, x):
        y = self.pool1(torch.relu(self.conv1(x)))
        y = self.pool2(torch.relu(self.conv2(y)))
        logits = self.head(torch.mean(y, dim=(2, 3, 4)))
        return logits, self.dilated(x), self.same(x)


@case("torch_video_conv3d_pool3d_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 3, 4, 12, 10)).astype(np.float32)
    torch_case(name, VideoConv3d(), x, 13, "torch video classifier on [2, 3, 4, 12, 10] clips: Conv3d(3, 4, 3, padding 1) -> "
               "ReLU -> MaxPool3d((1, 2, 2)) -> Conv3d(4, 6, (3, 3, 2), stride (1, 2, 2), padding (1, 0, 1)) -> ReLU -> "
               "AvgPool3d(2, ceil_mode) -> mean over the volume -> Linear(6, 5); heads Conv3d(3, 2, (2, 3, 2), dilation "
               "(1, 2, 2), no bias) and Conv3d(3, 3, (3, 2, 3), padding same); dynamic batch",
               ["conv3d", "pool3d", "ceil_mode"], {"x": {0: "batch"}, "y0": {0: "batch"}, "y1": {0: "batch"}, "y2": {0: "batch"}},
               output_names=["y0", "y1", "y2"])


class GroupedConv3d(torch.nn.Module):
    """Grouped 3-D convolutions as X3D-style video nets use them: a pointwise expansion, a depthwise Conv3d (groups equal
    to channels) with a spatial stride, a pointwise projection; a grouped head with dilation and padding."""

    def __init__(self):
        super().__init__()
        self.expand = torch.nn.Conv3d(4, 8, 1)
        self.depthwise = torch.nn.Conv3d(8, 8, 3, stride=(1, 2, 2), padding=1, groups=8)
        self.project = torch.nn.Conv3d(8, 6, 1, bias=False)
        self.grouped = torch.nn.Conv3d(4, 6, (2, 3, 3), dilation=(1, 2, 1), padding=(0, 2, 1), groups=2)

    def forward(self, x):
        y = torch.relu(self.depthwise(torch.relu(self.expand(x))))
        return self.project(y), self.grouped(x)


@case("torch_grouped_conv3d_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 4, 3, 9, 8)).astype(np.float32)
    torch_case(name, GroupedConv3d(), x, 13, "torch X3D-style block on [2, 4, 3, 9, 8] clips: Conv3d(4, 8, 1) -> ReLU -> "
               "depthwise Conv3d(8, 8, 3, stride (1, 2, 2), padding 1, groups 8) -> ReLU -> Conv3d(8, 6, 1, no bias); head "
               "Conv3d(4, 6, (2, 3, 3), dilation (1, 2, 1), padding (0, 2, 1), groups 2); dynamic batch",
               ["conv3d", "groups"], {"x": {0: "batch"}, "y0": {0: "batch"}, "y1": {0: "batch"}}, output_names=["y0", "y1"])


@case("global_pool3d_op13")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("GlobalAveragePool", ["x"], ["avg"]), helper.make_node("GlobalMaxPool", ["x"], ["max"])]
    model = model_of_nodes(name, nodes, {"x": ["batch", 3, 2, 4, 5]})
    x = r.standard_normal((2, 3, 2, 4, 5)).astype(np.float32)
    write(name, model.SerializeToString(), [x], "GlobalAveragePool and GlobalMaxPool over the three spatial axes of "
          "[batch, 3, 2, 4, 5] volumes (torch's AdaptiveAvgPool3d(1), AdaptiveMaxPool3d(1)), to [batch, 3, 1, 1, 1]",
          ["pool3d", "global_pool"])


@case("small_ops_op15")
def _(name):
    r = rng(name)
    x = (r.standard_normal((2, 3, 5)) * 3).astype(np.float32)
    x[0, 1, 1] = x[0, 1, 3] = x[0, 1].max() + 1  # a tie: Hardmax marks the first
    nodes = [helper.make_node("Hardmax", ["x"], ["hardmax_last"]),
             helper.make_node("Hardmax", ["x"], ["hardmax_axis1"], axis=1),
             helper.make_node("Exp", ["x"], ["ex"]),
             helper.make_node("ReduceLogSum", ["ex"], ["log_sum"], axes=[2], keepdims=0),
             helper.make_node("ReduceLogSum", ["ex"], ["log_sum_all"]),
             helper.make_node("CastLike", ["x", "int_like"], ["xi"]),
             helper.make_node("CastLike", ["xi", "float_like"], ["truncated"]),
             helper.make_node("Size", ["x"], ["n"]),
             helper.make_node("CastLike", ["n", "float_like"], ["size"])]
    inits = [numpy_helper.from_array(np.array([0], np.int32), "int_like"),
             numpy_helper.from_array(np.array([0], np.float32), "float_like")]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, 5])],
                              [helper.make_tensor_value_info(o, TensorProto.FLOAT, shape) for o, shape in
                               [("hardmax_last", ["batch", 3, 5]), ("hardmax_axis1", ["batch", 3, 5]), ("log_sum", ["batch", 3]),
                                ("log_sum_all", [1, 1, 1]), ("truncated", ["batch", 3, 5]), ("size", [])]],
                              inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 15)])
    model.ir_version = 8
    write(name, model.SerializeToString(), [x], "Hardmax over the last axis (a tie in one row: the first maximum) and "
          "over axis 1; ReduceLogSum of Exp(x) over axis 2 and over all axes; CastLike to int32 and back (truncation); Size "
          "(CastLike to float)", ["hardmax", "reduce", "cast", "size"])


@case("hardmax_coerced_op11")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 3, 4)).astype(np.float32)
    model = model_of_nodes(name, [helper.make_node("Hardmax", ["x"], ["y"], axis=1)], {"x": [2, 3, 4]}, opset=11)
    write(name, model.SerializeToString(), [x], "Hardmax at opset 11 with axis 1: the input seen as 2-D [2, 12], one 1 per "
          "sample over both trailing axes", ["hardmax"])


@case("rms_normalization_op23")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 4, 6)).astype(np.float32)
    scale = r.uniform(0.5, 1.5, (6,)).astype(np.float32)
    scale2 = r.uniform(0.5, 1.5, (4, 6)).astype(np.float32)
    nodes = [helper.make_node("RMSNormalization", ["x", "scale"], ["last"], epsilon=1e-3),
             helper.make_node("RMSNormalization", ["x", "scale2"], ["two_axes"], axis=1)]
    model = model_of_nodes(name, nodes, {"x": ["batch", 4, 6]}, [numpy_helper.from_array(scale, "scale"),
                                                                 numpy_helper.from_array(scale2, "scale2")], opset=23)
    write(name, model.SerializeToString(), [x], "RMSNormalization (opset 23) over the last axis (epsilon 1e-3) and over the "
          "last two axes (axis 1)", ["rms_normalization"])


@case("gather_scatter_nd_op18")
def _(name):
    r = rng(name)
    shapes = {"x": [2, 3, 4], "u": [2, 3, 4], "u_rows": [3, 4], "u_small": [2, 2, 4], "u_small2": [2, 3, 2]}
    values = [r.standard_normal(v).astype(np.float32) for v in shapes.values()]
    nodes = [helper.make_node("GatherND", ["x", "pairs"], ["gather_pairs"]),
             helper.make_node("GatherND", ["x", "per_sample"], ["gather_batch"], batch_dims=1),
             helper.make_node("ScatterND", ["x", "rows", "u"], ["scatter_rows"]),
             helper.make_node("ScatterND", ["x", "dup", "u_rows"], ["scatter_add"], reduction="add"),
             helper.make_node("ScatterND", ["x", "dup", "u_rows"], ["scatter_max"], reduction="max"),
             helper.make_node("ScatterElements", ["x", "along", "u_small"], ["elements"], axis=1),
             helper.make_node("ScatterElements", ["x", "along", "u_small"], ["elements_mul"], axis=-2, reduction="mul"),
             helper.make_node("ScatterElements", ["x", "along_last", "u_small2"], ["elements_min"], axis=2, reduction="min")]
    inits = [ints("pairs", [[0, 1], [1, -1]]), ints("per_sample", [[2], [0]]), ints("rows", [[1], [0]]),
             ints("dup", [[0, 1], [0, 1], [1, -3]]),
             ints("along", [[[0, 2, -1, 1], [2, 0, 0, 1]], [[1, 1, 2, 0], [0, -1, 1, 2]]]),
             ints("along_last", [[[3, 0], [1, -1], [2, 2]], [[0, 1], [3, 2], [-4, 0]]])]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info(k, TensorProto.FLOAT, v) for k, v in shapes.items()],
                              [helper.make_tensor_value_info(o, TensorProto.FLOAT, shape) for o, shape in
                               [("gather_pairs", [2, 4]), ("gather_batch", [2, 4]), ("scatter_rows", [2, 3, 4]),
                                ("scatter_add", [2, 3, 4]), ("scatter_max", [2, 3, 4]), ("elements", [2, 3, 4]),
                                ("elements_mul", [2, 3, 4]), ("elements_min", [2, 3, 4])]], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 18)])
    model.ir_version = 8
    write(name, model.SerializeToString(), values, "GatherND of index pairs (one negative) and with batch_dims 1; ScatterND "
          "of whole rows, and with repeated index pairs under reduction add and max; ScatterElements along axis 1 (none, "
          "and mul as axis -2) and along axis 2 under min, negative indices among them", ["gather_nd", "scatter"])


@case("slice_steps_op15")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 5, 6, 4)).astype(np.float32)
    nodes = [helper.make_node("Slice", ["x", "back_starts", "back_ends", "back_axes", "back_steps"], ["backward_and_strided"]),
             helper.make_node("Slice", ["x", "mid_starts", "mid_ends", "mid_axes", "mid_steps"], ["middle_axis"]),
             helper.make_node("Slice", ["x", "lead_starts", "lead_ends"], ["leading_axes"]),
             helper.make_node("Shape", ["x"], ["width"], start=2, end=3),
             helper.make_node("Sub", ["width", "one"], ["width_less_one"]),
             helper.make_node("Slice", ["x", "one", "width_less_one", "two"], ["shape_bound"]),
             helper.make_node("Slice", ["x", "two", "two", "two"], ["emptied"]),
             helper.make_node("Slice", ["emptied", "minus_one", "least", "two", "minus_one"], ["empty_backward"])]
    inits = [ints("back_starts", [4, 1]), ints("back_ends", [-100, 100]), ints("back_axes", [1, -1]), ints("back_steps", [-2, 2]),
             ints("mid_starts", [-5]), ints("mid_ends", [5]), ints("mid_axes", [2]), ints("mid_steps", [3]),
             ints("lead_starts", [0, 1]), ints("lead_ends", [2**62, 4]), ints("one", [1]), ints("two", [2]),
             ints("minus_one", [-1]), ints("least", [-2**63])]
    model = model_of_nodes(name, nodes, {"x": ["batch", 5, 6, 4]}, inits, opset=15)
    del model.graph.output[3:5]
    write(name, model.SerializeToString(), [x], "Slice (opset 15) with a negative step past the start of axis 1 and step 2 "
          "on axis -1, step 3 on a middle axis from a negative start, starts and ends only (axes 0 and 1, an end past "
          "the axis), an end computed from the input's Shape, and a step of -1 over an axis emptied by the Slice before",
          ["slice"])


@case("quantize_linear_op21")
def _(name):
    r = rng(name)
    x = np.concatenate([r.uniform(-3, 3, (2, 3, 4)), np.full((1, 3, 4), 0.25) * np.arange(-6, 6).reshape(3, 4)]
                       ).astype(np.float32)
    f = lambda a, n: numpy_helper.from_array(np.array(a, np.float32), n)
    typed = lambda a, t, n: numpy_helper.from_array(np.array(a, t), n)
    nodes = [helper.make_node("QuantizeLinear", ["x", "s", "zp_i8"], ["q_i8"]),
             helper.make_node("DequantizeLinear", ["q_i8", "s", "zp_i8"], ["qdq_i8"]),
             helper.make_node("QuantizeLinear", ["x", "s_axis", "zp_u8_axis"], ["q_u8_axis"], axis=1),
             helper.make_node("DequantizeLinear", ["q_u8_axis", "s_axis", "zp_u8_axis"], ["qdq_u8_axis"], axis=-2),
             helper.make_node("QuantizeLinear", ["x", "s_last"], ["q_default_u8"], axis=-1),
             helper.make_node("QuantizeLinear", ["x", "s_small", "zp_i16"], ["q_i16"]),
             helper.make_node("DequantizeLinear", ["q_i16", "s_small", "zp_i16"], ["qdq_i16"]),
             helper.make_node("DequantizeLinear", ["w_i32", "s_w"], ["w_from_i32"]),
             helper.make_node("Add", ["qdq_i8", "w_from_i32"], ["plus_dequantized"])]
    inits = [f(0.5, "s"), typed(3, np.int8, "zp_i8"), f([0.05, 0.5, 0.25], "s_axis"), typed([128, 10, 250], np.uint8, "zp_u8_axis"),
             f([0.1, 0.02, 0.5, 1.0], "s_last"), f(0.001, "s_small"), typed(-200, np.int16, "zp_i16"),
             typed([-70000, 3, 5, 123456], np.int32, "w_i32"), f(1e-4, "s_w")]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, 4])],
                              [helper.make_tensor_value_info(o, t, ["batch", 3, 4]) for o, t in
                               [("q_i8", TensorProto.INT8), ("qdq_i8", TensorProto.FLOAT), ("q_u8_axis", TensorProto.UINT8),
                                ("qdq_u8_axis", TensorProto.FLOAT), ("q_default_u8", TensorProto.UINT8),
                                ("q_i16", TensorProto.INT16), ("qdq_i16", TensorProto.FLOAT),
                                ("plus_dequantized", TensorProto.FLOAT)]], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 21)])
    model.ir_version = 10
    write(name, model.SerializeToString(), [x], "QuantizeLinear and DequantizeLinear (opset 21): int8 with a zero point, "
          "uint8 per channel of axis 1 (written -2 when dequantizing), uint8 by default without a zero point per channel "
          "of the last axis, int16, saturating values and ties at half a step (rounded to even), and an int32 constant "
          "dequantized (a quantized bias)", ["quantize_linear"])


@case("dynamic_quantize_edges_op13")
def _(name):
    x = np.array([[1, np.nan, -2], [3, 0.5, 4]], np.float32)
    zeros = np.zeros((2, 3), np.float32)
    nodes = [helper.make_node("DynamicQuantizeLinear", ["x"], ["y", "scale", "zero_point"]),
             helper.make_node("DynamicQuantizeLinear", ["zeros"], ["y0", "scale0", "zero_point0"]),
             helper.make_node("QuantizeLinear", ["x", "s", "zp"], ["q"])]
    inits = [numpy_helper.from_array(np.array(0.1, np.float32), "s"), numpy_helper.from_array(np.array(3, np.int8), "zp")]
    outputs = [("y", TensorProto.UINT8, [2, 3]), ("scale", TensorProto.FLOAT, []), ("zero_point", TensorProto.UINT8, []),
               ("y0", TensorProto.UINT8, [2, 3]), ("scale0", TensorProto.FLOAT, []), ("zero_point0", TensorProto.UINT8, []),
               ("q", TensorProto.INT8, [2, 3])]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info(n, TensorProto.FLOAT, [2, 3]) for n in ("x", "zeros")],
                              [helper.make_tensor_value_info(*o) for o in outputs], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    write(name, model.SerializeToString(), [x, zeros], "DynamicQuantizeLinear of a tensor holding NaN (skipped in the "
          "range, quantized to 0) and of zeros (scale 1), and QuantizeLinear of NaN to int8 (the lowest value)",
          ["dynamic_quantize_linear", "quantize_linear", "nan"])


class MaskedSelect(torch.nn.Module):
    """Boolean-mask selections, whose lengths depend on the values: x[x > 0], torch.nonzero and a masked sum."""

    def forward(self, x):
        h = torch.tanh(x)
        rows = torch.nonzero(x[:, :, 0] > 0.5)
        return h[x > 0] * 2, rows.float(), h[x.abs() > 1].sum().unsqueeze(0)


@case("torch_masked_select_nonzero_op17")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 4, 5)).astype(np.float32)
    torch_case(name, MaskedSelect(), x, 17, "torch boolean-mask indexing x[x > 0] (NonZero, Transpose, GatherND), "
               "torch.nonzero of a mask over two axes, and a sum of the entries selected by another mask: output lengths "
               "known only from the values", ["nonzero"], None, output_names=("selected", "rows", "masked_sum"))


def calibration_reader(batches):
    """An onnxruntime.quantization calibration data reader that feeds each batch as input x."""
    from onnxruntime.quantization import CalibrationDataReader

    class Reader(CalibrationDataReader):
        def __init__(self):
            self.batches = iter(batches)

        def get_next(self):
            batch = next(self.batches, None)
            return None if batch is None else {"x": batch}

    return Reader()


class QuantizedTcn(torch.nn.Module):
    """A small dilated causal 1-D CNN over (batch, channels, time) with a linear head on the last step."""

    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv1d(3, 8, 3, padding=2)
        self.c2 = torch.nn.Conv1d(8, 8, 3, padding=4, dilation=2)
        self.head = torch.nn.Linear(8, 2)

    def forward(self, x):
        h = torch.relu(self.c1(x)[..., :-2])
        h = torch.relu(self.c2(h)[..., :-4]) + h
        return self.head(h[..., -1])


@case("ort_quantized_qdq_tcn_op17")
def _(name):
    from onnxruntime.quantization import QuantFormat, QuantType, quantize_static
    r = rng(name)
    x = r.standard_normal((3, 3, 12)).astype(np.float32)
    module = initialize(QuantizedTcn(), name)
    fp32 = export(module, (torch.from_numpy(x),), 17, ["x"], ["y"], {"x": {0: "batch", 2: "time"}})
    calibration = [r.standard_normal((4, 3, 12)).astype(np.float32) for _ in range(8)]
    model = ort_rewritten(fp32, quantize_static, calibration_reader(calibration), quant_format=QuantFormat.QDQ, per_channel=True,
                          activation_type=QuantType.QInt8, weight_type=QuantType.QInt8)
    write(name, model, [x], "a small dilated causal Conv1d network (residual, Linear head) quantized by ONNX Runtime's "
          "quantize_static (QDQ format, int8 activations and per-channel int8 weights, calibrated on 8 random batches)",
          ["quantize_linear", "qdq", "conv1d", "gemm", "opset:17", "torch_export"])


class QOperatorCnn(torch.nn.Module):
    """A small residual CNN whose ops quantize_static's QOperator format turns into QLinearConv (ReLU folded in),
    QLinearAdd, QLinearMul and QLinearSigmoid (x·sigmoid(x)), QLinearLeakyRelu, QLinearConcat, QLinearAveragePool,
    QLinearGlobalAveragePool and QGemm heads (one quantized, one float)."""

    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv2d(3, 8, 3, padding=1)
        self.c2 = torch.nn.Conv2d(8, 8, 3, padding=1)
        self.c3 = torch.nn.Conv2d(8, 4, 1)
        self.fc = torch.nn.Linear(12, 6)
        self.head = torch.nn.Linear(6, 3)

    def forward(self, x):
        h = torch.relu(self.c1(x))
        r = torch.relu(self.c2(h)) + h
        r = r * torch.sigmoid(r)
        c = torch.cat([r, torch.nn.functional.leaky_relu(self.c3(r), 0.1)], 1)
        p = torch.nn.functional.avg_pool2d(c, 2)
        g = torch.nn.functional.adaptive_avg_pool2d(p, 1).flatten(1)
        return self.head(torch.relu(self.fc(g))), torch.sigmoid(g)


def ort_qoperator(name, module, x, description, covers, **options):
    """A torch module exported at opset 17 and quantized by ONNX Runtime's quantize_static in the QOperator format,
    calibrated on 8 random batches of x's shape."""
    from onnxruntime.quantization import QuantFormat, quantize_static
    r = rng(name)
    initialize(module, name)
    fp32 = export(module, (torch.from_numpy(x),), 17, ["x"], None, {"x": {0: "batch"}})
    calibration = [r.standard_normal(x.shape).astype(np.float32) for _ in range(8)]
    model = ort_rewritten(fp32, quantize_static, calibration_reader(calibration), quant_format=QuantFormat.QOperator,
                          **options)
    write(name, model, [x], description + ", quantized by ONNX Runtime's quantize_static (QOperator format, calibrated "
          "on 8 random batches): " + ", ".join(sorted(op_types(model))), covers + ["qoperator", "opset:17", "torch_export"])


@case("ort_qoperator_cnn_uint8_op17")
def _(name):
    from onnxruntime.quantization import QuantType
    x = rng(name).standard_normal((2, 3, 8, 6)).astype(np.float32)
    ort_qoperator(name, QOperatorCnn(), x, "a residual CNN (Conv2d+ReLU, a residual add, x·sigmoid(x), a 1x1 Conv2d with "
                  "LeakyReLU(0.1) concatenated, AvgPool2d(2), global average pool, Linear+ReLU+Linear and sigmoid heads), "
                  "uint8 activations and per-tensor int8 weights", ["qlinear_conv", "qlinear_add", "qlinear_mul",
                  "qlinear_sigmoid", "qlinear_leaky_relu", "qlinear_concat", "qlinear_average_pool",
                  "qlinear_global_average_pool", "qgemm"], activation_type=QuantType.QUInt8, weight_type=QuantType.QInt8)


@case("ort_qoperator_cnn_int8_per_channel_op17")
def _(name):
    from onnxruntime.quantization import QuantType
    x = rng(name).standard_normal((2, 3, 8, 6)).astype(np.float32)
    ort_qoperator(name, QOperatorCnn(), x, "the residual CNN of onnx_ort_qoperator_cnn_uint8_op17 with int8 activations "
                  "and per-channel int8 weights, reduce_range", ["qlinear_conv", "qlinear_add", "qlinear_mul",
                  "qlinear_sigmoid", "qlinear_leaky_relu", "qlinear_concat", "qlinear_average_pool",
                  "qlinear_global_average_pool", "qgemm", "per_channel", "int8"], activation_type=QuantType.QInt8,
                  weight_type=QuantType.QInt8, per_channel=True, reduce_range=True)


class QOperatorEncoder(torch.nn.Module):
    """One transformer encoder block: self-attention (Linear q, k, v on [batch, steps, 16]), a residual LayerNorm and
    a GELU feed-forward; quantize_static's QOperator format makes QLinearMatMul and QLinearAdd (the biases broadcast)
    of the Linear layers, QLinearMul, QLinearSoftmax, and leaves LayerNorm and GELU in float between DequantizeLinear
    and QuantizeLinear."""

    def __init__(self):
        super().__init__()
        self.q, self.k, self.v = torch.nn.Linear(16, 16), torch.nn.Linear(16, 16), torch.nn.Linear(16, 16)
        self.norm = torch.nn.LayerNorm(16)
        self.ff = torch.nn.Linear(16, 32)
        self.out = torch.nn.Linear(32, 16)

    def forward(self, x):
        attention = torch.softmax(self.q(x) @ self.k(x).transpose(1, 2) / 4, -1) @ self.v(x)
        h = self.norm(x + attention)
        return h + self.out(torch.nn.functional.gelu(self.ff(h)))


@case("ort_qoperator_encoder_uint8_op17")
def _(name):
    from onnxruntime.quantization import QuantType
    x = rng(name).standard_normal((2, 5, 16)).astype(np.float32)
    ort_qoperator(name, QOperatorEncoder(), x, "a transformer encoder block (self-attention, residual LayerNorm, GELU "
                  "feed-forward), uint8 activations and int8 weights", ["qlinear_matmul", "qlinear_add", "qlinear_mul",
                  "qlinear_softmax", "layer_normalization"], activation_type=QuantType.QUInt8,
                  weight_type=QuantType.QInt8)


class QOperatorMlp(torch.nn.Module):
    """Linear layers (QGemm), a matrix product by a parameter (QLinearMatMul), a residual add (QLinearAdd) and a softmax
    of the hidden layer (QLinearSoftmax)."""

    def __init__(self):
        super().__init__()
        self.a = torch.nn.Linear(6, 10)
        self.b = torch.nn.Linear(10, 4)
        self.w = torch.nn.Parameter(torch.zeros(10, 4))

    def forward(self, x):
        h = torch.relu(self.a(x))
        return self.b(h) + h @ self.w, torch.softmax(h, -1)


@case("ort_qoperator_mlp_uint8_op17")
def _(name):
    from onnxruntime.quantization import QuantType
    x = rng(name).standard_normal((5, 6)).astype(np.float32)
    ort_qoperator(name, QOperatorMlp(), x, "an MLP (Linear+ReLU, then Linear plus a product by a parameter matrix, and the softmax of the hidden layer), "
                  "uint8 activations and uint8 weights", ["qgemm", "qlinear_matmul", "qlinear_add", "qlinear_softmax"],
                  activation_type=QuantType.QUInt8, weight_type=QuantType.QUInt8)


@case("ort_qoperator_mlp_int8_per_channel_op17")
def _(name):
    from onnxruntime.quantization import QuantType
    x = rng(name).standard_normal((5, 6)).astype(np.float32)
    ort_qoperator(name, QOperatorMlp(), x, "the MLP of onnx_ort_qoperator_mlp_uint8_op17 with int8 activations and "
                  "per-channel int8 weights", ["qgemm", "qlinear_matmul", "qlinear_add", "qlinear_softmax", "per_channel",
                  "int8"],
                  activation_type=QuantType.QInt8, weight_type=QuantType.QInt8, per_channel=True)


def qoperator_graph(name, signed):
    """One of each QOperator node ONNX Runtime's quantize_static writes (and their other forms) on many 8-bit values
    with random scales and zero points; the outputs are the quantized tensors themselves (as floats)."""
    r = rng(name)
    q = TensorProto.INT8 if signed else TensorProto.UINT8
    lo, hi = (-128, 128) if signed else (0, 256)
    mid = (lo + hi) // 2
    dtype = np.int8 if signed else np.uint8
    inits, nodes, outs = [], [], []

    def const(value, dt=None):
        n = f"c{len(inits)}"
        inits.append(numpy_helper.from_array(np.asarray(value, dtype=dt), n))
        return n

    def scale(low=0.01, high=0.1):
        return const(np.float32(r.uniform(low, high)))

    def zero(n=None):
        """Zero points near the middle of the type's range, as calibration gives them."""
        return const(r.integers(mid - 24, mid + 24, n), dtype)

    def node(op, inputs, out, domain="", **attrs):
        nodes.append(helper.make_node(op, inputs, [out], name=out, domain=domain, **attrs))
        outs.append(out)
        return out

    xscale, xzero = const(np.float32(0.02)), zero()
    nodes.append(helper.make_node("QuantizeLinear", ["x", xscale, xzero], ["xq"], name="xq"))
    xq = "xq"  # [2, 4, 9, 9]: x in about ±2.5 spans the 8-bit range
    w = r.integers(lo, hi, (6, 4, 3, 3)).astype(dtype)
    node("QLinearConv", [xq, xscale, xzero, const(w, dtype),
                         const(r.uniform(0.001, 0.004, 6).astype(np.float32)), zero(6),
                         scale(0.05, 0.2), zero(), const(r.integers(-3000, 3000, 6), np.int32)], "conv_per_channel",
         pads=[1, 2, 0, 1], strides=[2, 1], kernel_shape=[3, 3])
    node("QLinearConv", [xq, xscale, xzero, const(r.integers(lo, hi, (4, 2, 2, 2)).astype(dtype)),
                         scale(0.001, 0.004), zero(), scale(0.02, 0.1), zero()], "conv_grouped", group=2, dilations=[2, 2])
    b2 = const(r.integers(lo, hi, (2, 4, 9, 9)).astype(dtype))
    node("QLinearAdd", [xq, xscale, xzero, b2, scale(), zero(), scale(0.02, 0.05), zero()], "add",
         domain="com.microsoft")
    node("QLinearAdd", [const([r.integers(lo, hi)], dtype), scale(0.001, 0.005), zero(), xq, xscale, xzero,
                        scale(0.02, 0.05), zero()], "add_scalar", domain="com.microsoft")
    node("QLinearAdd", [const(r.integers(lo, hi, (4, 1, 1)).astype(dtype)), scale(), zero(), xq, xscale, xzero,
                        scale(0.02, 0.05), zero()], "add_channels", domain="com.microsoft")
    node("QLinearAdd", [xq, xscale, xzero, const(r.integers(lo, hi, 9).astype(dtype)), scale(), zero(),
                        scale(0.02, 0.05), zero()], "add_bias", domain="com.microsoft")
    node("QLinearAdd", [xq, xscale, xzero, const(r.integers(lo, hi, (9, 1)).astype(dtype)), scale(), zero(),
                        scale(0.02, 0.05), zero()], "add_rows", domain="com.microsoft")
    node("QLinearMul", [xq, xscale, xzero, const(r.integers(lo, hi, (4, 1, 9)).astype(dtype)), scale(),
                        zero(), scale(0.01, 0.05), zero()], "mul_broadcast", domain="com.microsoft")
    node("QLinearSigmoid", [xq, xscale, xzero, const(np.float32(1 / 256)), const(lo, dtype)], "sigmoid",
         domain="com.microsoft")
    node("QLinearLeakyRelu", [xq, xscale, xzero, scale(0.01, 0.03), zero()], "leaky_relu",
         domain="com.microsoft", alpha=0.3)
    node("QLinearConcat", [scale(0.01, 0.03), zero(), xq, xscale, xzero, b2, scale(), zero()], "concat",
         domain="com.microsoft", axis=2)
    node("QLinearAveragePool", [xq, xscale, xzero, scale(0.01, 0.03), zero()], "average_pool",
         domain="com.microsoft", kernel_shape=[3, 2], strides=[2, 2], pads=[1, 1, 1, 0], count_include_pad=0)
    node("QLinearGlobalAveragePool", [xq, xscale, xzero, scale(0.005, 0.02), zero()], "global_pool",
         domain="com.microsoft", channels_last=0)
    node("QLinearSoftmax", [xq, xscale, xzero, const(np.float32(1 / 256)),
                            const(-128 if signed else 0, dtype)], "softmax_axis1", domain="com.microsoft", axis=1, opset=13)
    node("QLinearSoftmax", [xq, xscale, xzero, const(np.float32(1 / 256)),
                            const(-128 if signed else 0, dtype)], "softmax_coerced", domain="com.microsoft", axis=2, opset=12)
    nodes.append(helper.make_node("Reshape", [xq, const(np.array([-1, 81], np.int64), np.int64)], ["rows"], name="rows"))
    node("QLinearMatMul", ["rows", xscale, xzero, const(r.integers(lo, hi, (81, 7)).astype(dtype)),
                           const(r.uniform(0.0005, 0.002, 7).astype(np.float32)), zero(7),
                           scale(0.1, 0.4), zero()], "matmul_per_column")
    gemm_w = r.integers(lo, hi, (5, 81)).astype(dtype)
    node("QGemm", ["rows", xscale, xzero, const(gemm_w), const(r.uniform(0.0005, 0.002, 5).astype(np.float32)),
                   zero(5), const(r.integers(-5000, 5000, 5), np.int32), scale(0.1, 0.4),
                   zero()], "gemm", domain="com.microsoft", alpha=0.75, transB=1)
    node("QGemm", ["rows", xscale, xzero, const(gemm_w.T.copy()), scale(0.0005, 0.002),
                   zero(), const(r.integers(-5000, 5000, (1, 5)), np.int32)],
         "gemm_float", domain="com.microsoft")
    xs = r.uniform(-2.5, 2.5, (2, 4, 9, 9)).astype(np.float32)
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 4, 9, 9])],
                              [helper.make_tensor_value_info(o, TensorProto.FLOAT if o == "gemm_float" else q, None)
                               for o in outs], inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)])
    model.ir_version = 8
    return model.SerializeToString(), xs


@case("qoperator_ops_uint8_op17")
def _(name):
    model, x = qoperator_graph(name, False)
    write(name, model, [x], "each QOperator node on uint8 values with random scales and zero points, the outputs the "
          "quantized tensors: QLinearConv (per-channel, padded, strided, with a bias; grouped and dilated), QLinearAdd "
          "(one shape; a single value; broadcast per channel, along the last axis, per row), QLinearMul (broadcast), QLinearSigmoid, QLinearLeakyRelu (alpha 0.3), "
          "QLinearConcat (a requantized input), QLinearAveragePool (padded, count_include_pad 0), QLinearGlobalAveragePool, "
          "QLinearSoftmax (axis 1; opset 12 over axes 2 and 3), QLinearMatMul (per column), QGemm (alpha, transB, per "
          "column, bias; float output)", ["qoperator", "qlinear_conv", "qlinear_matmul", "qgemm", "qlinear_add",
          "qlinear_mul", "qlinear_sigmoid", "qlinear_leaky_relu", "qlinear_concat", "qlinear_average_pool",
          "qlinear_global_average_pool", "qlinear_softmax"], checked=False)


@case("qoperator_ops_int8_op17")
def _(name):
    model, x = qoperator_graph(name, True)
    write(name, model, [x], "the nodes of onnx_qoperator_ops_uint8_op17 on int8 values", ["qoperator", "int8",
          "qlinear_conv", "qlinear_matmul", "qgemm", "qlinear_add", "qlinear_mul", "qlinear_sigmoid",
          "qlinear_leaky_relu", "qlinear_concat", "qlinear_average_pool", "qlinear_global_average_pool",
          "qlinear_softmax"], checked=False)


class GruClassifier(torch.nn.Module):
    """A token embedding, a GRU over the sequence and a two-layer head on its last state."""

    def __init__(self):
        super().__init__()
        self.embed = torch.nn.Embedding(20, 8)
        self.gru = torch.nn.GRU(8, 12, batch_first=True)
        self.hidden = torch.nn.Linear(12, 16)
        self.out = torch.nn.Linear(16, 3)

    def forward(self, ids):
        h, _ = self.gru(self.embed(ids))
        return self.out(torch.relu(self.hidden(h[:, -1])))


@case("ort_quantized_dynamic_gru_op17")
def _(name):
    from onnxruntime.quantization import quantize_dynamic
    r = rng(name)
    ids = r.integers(0, 20, (1, 9)).astype(np.int64)
    module = initialize(GruClassifier(), name)
    fp32 = export(module, (torch.from_numpy(ids),), 17, ["ids"], ["y"], {"ids": {0: "batch", 1: "time"}})
    model = ort_rewritten(fp32, quantize_dynamic, weight_type=QuantType.QInt8)
    write(name, model, [ids], "Embedding -> GRU -> Linear -> ReLU -> Linear on the last state, quantized by ONNX Runtime's "
          "quantize_dynamic (int8 weights: the embedding dequantized, each Linear a DynamicQuantizeLinear of its input "
          "and a MatMulInteger); batch 1 (the dynamic scale spans the batch, so its rows are not independent)",
          ["quantize_linear", "dynamic_quantize_linear", "matmul_integer", "gru", "opset:17", "torch_export"])


class ConvGru(torch.nn.Module):
    """Two padded 1-D convolutions (the second strided) over (batch, channels, time), a GRU and a Linear head."""

    def __init__(self):
        super().__init__()
        self.c1 = torch.nn.Conv1d(4, 8, 3, padding=1)
        self.c2 = torch.nn.Conv1d(8, 8, 3, padding=2, stride=2)
        self.gru = torch.nn.GRU(8, 10, batch_first=True)
        self.head = torch.nn.Linear(10, 3)

    def forward(self, x):
        h = torch.relu(self.c2(torch.relu(self.c1(x))))
        out, _ = self.gru(h.transpose(1, 2))
        return self.head(out[:, -1])


@case("ort_quantized_dynamic_conv_gru_op17")
def _(name):
    from onnxruntime.quantization import quantize_dynamic
    r = rng(name)
    x = r.standard_normal((1, 4, 11)).astype(np.float32)
    module = initialize(ConvGru(), name)
    fp32 = export(module, (torch.from_numpy(x),), 17, ["x"], ["y"], {"x": {0: "batch", 2: "time"}})
    model = ort_rewritten(fp32, quantize_dynamic, weight_type=QuantType.QInt8, per_channel=True)
    write(name, model, [x], "Conv1d(padding 1) -> ReLU -> Conv1d(padding 2, stride 2) -> ReLU -> GRU -> Linear on the last "
          "step, quantized by ONNX Runtime's quantize_dynamic with per-channel int8 weights (each convolution a "
          "DynamicQuantizeLinear of its input and a ConvInteger whose padding is the input's zero point, the Linear a "
          "MatMulInteger); batch 1 (the dynamic scale spans the batch, so its rows are not independent)",
          ["dynamic_quantize_linear", "conv_integer", "matmul_integer", "gru", "opset:17", "torch_export"])


class LstmStates(torch.nn.Module):
    """A torch LSTM (batch first) giving its output sequence and final states, from zero or given initial states."""

    def __init__(self, lstm):
        super().__init__()
        self.lstm = lstm

    def forward(self, x, *state):
        y, (h, c) = self.lstm(x, tuple(state) if state else None)
        return y, h, c


def ort_quantized_lstm(name, lstm, x, description, covers, state=(), threads=0, **options):
    """A torch LSTM exported at opset 17 and quantized by ONNX Runtime's quantize_dynamic (DynamicQuantizeLSTM)."""
    from onnxruntime.quantization import quantize_dynamic
    module = initialize(LstmStates(lstm), name)
    names = ["x"] + [f"state_{i}" for i in range(len(state))]
    fp32 = export(module, tuple(torch.from_numpy(a) for a in (x, *state)), 17, names, ["y", "h", "c"],
                  {"x": {0: "batch", 1: "time"}})
    write(name, ort_rewritten(fp32, quantize_dynamic, **options), [x, *state], description + ", quantized by ONNX Runtime's "
          "quantize_dynamic (each LSTM a com.microsoft DynamicQuantizeLSTM: the input of all steps and each step's h "
          "quantized to uint8 with the scale of their range; ONNX Runtime quantizes h over the rows each of its threads "
          "takes, so rows are not independent and a batch above 1 gives other numbers on more threads)",
          ["dynamic_quantize_lstm", "lstm", "opset:17", "torch_export"] + covers, threads=threads)


@case("ort_quantized_dynamic_lstm_op17")
def _(name):
    x = rng(name).standard_normal((1, 7, 8)).astype(np.float32)
    ort_quantized_lstm(name, torch.nn.LSTM(8, 16, batch_first=True), x, "torch nn.LSTM(8, 16) over 7 steps with its "
                       "final h and c, default options (int8 weights, one scale per weight matrix)", [])


@case("ort_quantized_dynamic_bilstm_2layer_per_channel_op17")
def _(name):
    x = rng(name).standard_normal((1, 7, 8)).astype(np.float32)
    ort_quantized_lstm(name, torch.nn.LSTM(8, 16, num_layers=2, bidirectional=True, batch_first=True), x,
                       "torch nn.LSTM(8, 16, num_layers=2, bidirectional) over 7 steps with the final states of both "
                       "layers, per_channel=True (int8 weights, a scale per gate column and direction)",
                       ["bidirectional", "layers:2", "per_channel"], per_channel=True)


@case("ort_quantized_dynamic_lstm_batch3_op17")
def _(name):
    x = rng(name).standard_normal((3, 7, 8)).astype(np.float32) * np.float32([[[1]], [[3]], [[0.5]]])
    ort_quantized_lstm(name, torch.nn.LSTM(8, 16, batch_first=True), x, "torch nn.LSTM(8, 16) over 7 steps, batch 3 "
                       "of unlike ranges, outputs from ONNX Runtime on one thread (intra_op_num_threads=1), where each "
                       "step quantizes the h of all 3 rows together", ["batch:3"], threads=1)


@case("ort_quantized_dynamic_lstm_reverse_options_op17")
def _(name):
    r = rng(name)
    x = r.standard_normal((1, 6, 8)).astype(np.float32)
    module = initialize(LstmStates(torch.nn.LSTM(8, 10, batch_first=True)), name)
    fp32 = export(module, (torch.from_numpy(x),), 17, ["x"], ["y", "h", "c"], {"x": {0: "batch", 1: "time"}})
    from onnxruntime.quantization import quantize_dynamic
    model = onnx.load_from_string(ort_rewritten(fp32, quantize_dynamic))
    node = next(n for n in model.graph.node if n.op_type == "DynamicQuantizeLSTM")
    del node.attribute[:]
    node.attribute.extend([onnx.helper.make_attribute("hidden_size", 10),
                           onnx.helper.make_attribute("direction", "reverse"),
                           onnx.helper.make_attribute("clip", 1.5),
                           onnx.helper.make_attribute("input_forget", 1),
                           onnx.helper.make_attribute("activations", ["HardSigmoid", "Softsign", "Tanh"])])
    model.graph.initializer.append(onnx.numpy_helper.from_array(r.uniform(-0.5, 0.5, (1, 30)).astype(np.float32), "peepholes"))
    node.input[7] = "peepholes"
    write(name, model.SerializeToString(), [x], "torch nn.LSTM(8, 10) quantized by ONNX Runtime's quantize_dynamic, its "
          "DynamicQuantizeLSTM node given direction reverse, clip 1.5, input_forget, peepholes P and the activations "
          "HardSigmoid, Softsign, Tanh; batch 1", ["dynamic_quantize_lstm", "lstm", "reverse", "clip", "input_forget",
                                                  "peepholes", "activations", "opset:17", "torch_export"])


@case("ort_quantized_dynamic_lstm_uint8_state_op17")
def _(name):
    from onnxruntime.quantization import QuantType
    r = rng(name)
    x = r.standard_normal((1, 9, 5)).astype(np.float32)
    state = tuple(r.standard_normal((1, 1, 12)).astype(np.float32) for _ in range(2))
    ort_quantized_lstm(name, torch.nn.LSTM(5, 12, batch_first=True), x, "torch nn.LSTM(5, 12) over 9 steps from given "
                       "initial h and c, weight_type=QUInt8 (uint8 weights with a zero point)", ["uint8", "initial_state"],
                       state=state, weight_type=QuantType.QUInt8)


class IndexPut(torch.nn.Module):
    """torch indexing that exports ScatterND and ScatterElements: an index_put of rows, scatter and scatter_add."""

    def forward(self, x, v):
        y = x.clone()
        y[:, torch.tensor([2, 0])] = v[:, :2]
        idx = torch.tensor([[0, 1, 1, 0], [1, 0, 2, 2], [2, 2, 0, 1]]).unsqueeze(0).expand(x.shape[0], 3, 4)
        return y, torch.scatter(x, 1, idx, v), torch.scatter_add(x, 1, idx, v)


@case("torch_index_put_scatter_op18")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 3, 4)).astype(np.float32)
    v = r.standard_normal((2, 3, 4)).astype(np.float32)
    torch_case(name, IndexPut(), x, 18, "torch y[:, [2, 0]] = v[:, :2] (ScatterND), torch.scatter and "
               "torch.scatter_add along axis 1 (ScatterElements; add with repeated indices)", ["scatter"], None,
               output_names=["put", "scattered", "added"], extra_inputs=(v,))


@case("pool_ceil_mode_edges_op13")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("MaxPool", ["x"], ["max_kernel_past_input"], kernel_shape=[1, 4, 4], strides=[1, 4, 4],
                              ceil_mode=1),
             helper.make_node("AveragePool", ["x"], ["avg_valid_ceil"], kernel_shape=[2, 2, 4], strides=[2, 2, 4],
                              auto_pad="VALID", ceil_mode=1),
             helper.make_node("MaxPool", ["x"], ["max_depth_one_ceil"], kernel_shape=[2, 2, 2], strides=[2, 2, 2], ceil_mode=1),
             helper.make_node("AveragePool", ["x"], ["avg_counted_past_input"], kernel_shape=[3, 3, 3], strides=[3, 2, 2],
                              pads=[1, 0, 1, 1, 0, 1], ceil_mode=1, count_include_pad=1)]
    model = model_of_nodes(name, nodes, {"x": [2, 3, 1, 2, 5]})
    x = r.standard_normal((2, 3, 1, 2, 5)).astype(np.float32)
    write(name, model.SerializeToString(), [x], "MaxPool and AveragePool with ceil_mode=1 on a [2, 3, 1, 2, 5] input where "
          "windows are larger than the (padded) input: a 4 x 4 window over 2 x 5 positions, VALID with ceil_mode (a last "
          "clipped window), 2 x 2 x 2 windows over a depth of 1 (torch's MaxPool3d(2, ceil_mode=True) on one frame), and a "
          "counted average of 3 x 3 x 3 windows with pads", ["pool3d", "ceil_mode"])


class InterpolateHeads(torch.nn.Module):
    """torch's interpolate in its modes: a decoder-style upsampling after a convolution, and heads on the input."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 4, 3, stride=2, padding=1)
        self.up = torch.nn.Upsample(scale_factor=2, mode="bilinear", align_corners=False)

    def forward(self, x):
        f = torch.nn.functional.interpolate
        return (self.up(torch.relu(self.conv(x))),
                f(x, scale_factor=2, mode="nearest"),
                f(x, scale_factor=(1.5, 0.5), mode="bilinear", align_corners=False),
                f(x, scale_factor=2, mode="bilinear", align_corners=True),
                f(x, scale_factor=(2, 3), mode="bicubic", align_corners=False),
                f(x, size=(5, 4), mode="nearest"))


@case("torch_interpolate_heads_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 3, 6, 7)).astype(np.float32)
    outs = [f"y{i}" for i in range(6)]
    torch_case(name, InterpolateHeads(), x, 13, "torch on one [2, 3, 6, 7] input: Conv2d(3, 4, 3, stride 2, padding 1) -> ReLU "
               "-> Upsample(scale_factor 2, bilinear); heads interpolate(scale_factor 2, nearest), (scale_factor (1.5, 0.5), "
               "bilinear), (scale_factor 2, bilinear, align_corners), (scale_factor (2, 3), bicubic), (size (5, 4), nearest)",
               ["resize", "conv2d"], None, output_names=outs)


@case("resize_modes_op13")
def _(name):
    r = rng(name)

    def resize(out, mode, scales=None, sizes=None, **attrs):
        inputs = ["x", "", "scales_" + out if scales is not None else "", "sizes_" + out if sizes is not None else ""]
        return helper.make_node("Resize", inputs, [out], mode=mode, **attrs)

    heads = [("half_linear", "linear", [1, 1, 2.0, 1.5], None, {}),
             ("half_linear_down", "linear", None, [2, 3, 3, 4], {}),
             ("tf_nn_ceil", "nearest", [1, 1, 1.7, 2.3], None,
              {"coordinate_transformation_mode": "tf_half_pixel_for_nn", "nearest_mode": "ceil"}),
             ("prefer_ceil", "nearest", None, [2, 3, 9, 5], {"nearest_mode": "round_prefer_ceil"}),
             ("prefer_floor_half", "nearest", [1, 1, 3.0, 2.0], None, {}),
             ("asymmetric_floor", "nearest", [1, 1, 0.5, 2.5], None,
              {"coordinate_transformation_mode": "asymmetric", "nearest_mode": "floor"}),
             ("cubic_exclude", "cubic", [1, 1, 1.5, 2.0], None, {"exclude_outside": 1, "cubic_coeff_a": -0.5}),
             ("cubic_half", "cubic", None, [2, 3, 4, 11], {}),
             ("align_linear", "linear", None, [2, 3, 1, 8], {"coordinate_transformation_mode": "align_corners"}),
             ("pytorch_one", "linear", None, [2, 3, 1, 3], {"coordinate_transformation_mode": "pytorch_half_pixel"})]
    inits, nodes = [], []
    for out, mode, scales, sizes, attrs in heads:
        if scales is not None:
            inits.append(numpy_helper.from_array(np.array(scales, np.float32), "scales_" + out))
        if sizes is not None:
            inits.append(numpy_helper.from_array(np.array(sizes, np.int64), "sizes_" + out))
        nodes.append(resize(out, mode, scales, sizes, **attrs))
    model = model_of_nodes(name, nodes, {"x": [2, 3, 6, 7]}, inits)
    x = r.standard_normal((2, 3, 6, 7)).astype(np.float32)
    write(name, model.SerializeToString(), [x], "Resize of a [2, 3, 6, 7] input in each mode and coordinate mapping: linear "
          "half_pixel up by scales and down by sizes; nearest with tf_half_pixel_for_nn and ceil, round_prefer_ceil, "
          "round_prefer_floor on exact halves, asymmetric with floor (rows halved); cubic with exclude_outside and "
          "coefficient -0.5, and with the defaults; linear align_corners to one row; pytorch_half_pixel to one row",
          ["resize"])


@case("resize_ort_conventions_op13")
def _(name):
    r = rng(name)
    specs = [("x10", "product_07", "nearest", [1, 1, 0.7, 1.0], {}),
             ("x10", "product_23", "linear", [1, 1, 2.3, 1.3], {}),
             ("x32", "own_size", "linear", [1, 1, 1.3, 1.3], {}),
             ("x32", "own_size_cubic", "cubic", [1, 1, 1.1, 1.4], {"coordinate_transformation_mode": "tf_half_pixel_for_nn"}),
             ("x32", "scale_one_linear", "linear", [1, 1, 1.0, 2.0], {"coordinate_transformation_mode": "tf_half_pixel_for_nn"}),
             ("x32", "scale_one_ceil", "nearest", [1, 1, 1.0, 2.0],
              {"coordinate_transformation_mode": "tf_half_pixel_for_nn", "nearest_mode": "ceil"})]
    inits, nodes = [], []
    for x, out, mode, scales, attrs in specs:
        inits.append(numpy_helper.from_array(np.array(scales, np.float32), "scales_" + out))
        nodes.append(helper.make_node("Resize", [x, "", "scales_" + out], [out], mode=mode, **attrs))
    model = model_of_nodes(name, nodes, {"x10": [1, 2, 10, 4], "x32": [1, 2, 3, 2]}, inits)
    xs = [r.standard_normal((1, 2, 10, 4)).astype(np.float32), r.standard_normal((1, 2, 3, 2)).astype(np.float32)]
    write(name, model.SerializeToString(), xs, "Resize where ONNX Runtime's conventions decide: output sizes as the float32 "
          "product of scale and size, truncated (0.7 x 10 gives 7 rows, 2.3 x 10 gives 23); an image whose scales give "
          "its own size copied unchanged (1.3 on 3 x 2, also cubic with tf_half_pixel_for_nn); an axis of scale exactly 1 "
          "mapped onto itself under tf_half_pixel_for_nn, linear and nearest with ceil", ["resize"])


@case("resize_nearest_ties_op13")
def _(name):
    r = rng(name)
    specs = [("x14", "default_14_to_19", [1, 2, 19, 22], {}),
             ("x14", "down_22_to_13", [1, 2, 11, 13], {}),
             ("x7", "prefer_ceil_tfnn", [1, 2, 1, 4],
              {"coordinate_transformation_mode": "tf_half_pixel_for_nn", "nearest_mode": "round_prefer_ceil"}),
             ("x7", "prefer_ceil_asymmetric", [1, 2, 4, 4],
              {"coordinate_transformation_mode": "asymmetric", "nearest_mode": "round_prefer_ceil"})]
    inits, nodes = [], []
    for x, out, sizes, attrs in specs:
        inits.append(numpy_helper.from_array(np.array(sizes, np.int64), "sizes_" + out))
        nodes.append(helper.make_node("Resize", [x, "", "", "sizes_" + out], [out], mode="nearest", **attrs))
    model = model_of_nodes(name, nodes, {"x14": [1, 2, 14, 22], "x7": [1, 2, 7, 7]}, inits)
    xs = [r.standard_normal((1, 2, 14, 22)).astype(np.float32), r.standard_normal((1, 2, 7, 7)).astype(np.float32)]
    write(name, model.SerializeToString(), xs, "nearest Resize by sizes where a source coordinate is an exact half (14 to 19 "
          "rows: position 9 maps to 6.5; 22 to 13 columns), with round_prefer_floor and round_prefer_ceil; ONNX Runtime "
          "computes those coordinates from in/out in double", ["resize"])


@case("resize_op10")
def _(name):
    r = rng(name)
    specs = [("linear_up", "linear", [1, 1, 2.0, 1.5]), ("linear_down", "linear", [1, 1, 0.5, 0.75]),
             ("nearest_up", "nearest", [1, 1, 1.5, 2.5]), ("nearest_down", "nearest", [1, 1, 0.75, 0.5])]
    inits = [numpy_helper.from_array(np.array(sc, np.float32), "scales_" + out) for out, _, sc in specs]
    nodes = [helper.make_node("Resize", ["x", "scales_" + out], [out], mode=mode) for out, mode, _ in specs]
    model = model_of_nodes(name, nodes, {"x": [2, 3, 8, 8]}, inits, opset=10)
    write(name, model.SerializeToString(), [r.standard_normal((2, 3, 8, 8)).astype(np.float32)], "Resize at opset 10 "
          "(asymmetric coordinates; nearest floored up-scaled, rounded up down-scaled) linear and nearest, up and down",
          ["resize", "opset:10"])


@case("lrn_op13")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("LRN", ["x"], ["size5"], size=5),
             helper.make_node("LRN", ["x"], ["size3"], size=3, alpha=0.01, beta=0.5, bias=2.0),
             helper.make_node("LRN", ["x"], ["size1"], size=1, alpha=0.1),
             helper.make_node("LRN", ["x"], ["size7"], size=7, alpha=0.05, beta=1.0)]
    model = model_of_nodes(name, nodes, {"x": [2, 7, 3, 4]})
    xs = [(3 * r.standard_normal((2, 7, 3, 4))).astype(np.float32)]
    write(name, model.SerializeToString(), xs, "LRN (AlexNet's local response normalization) over the channels of a "
          "[2, 7, 3, 4] input: size 5 with the defaults, size 3 with alpha 0.01, beta "
          "0.5, bias 2, size 1, size 7 (all channels) with beta 1", ["lrn"])


class Upsample3d(torch.nn.Module):
    """torch's volume upsampling, as 3-D U-Nets use it: trilinear and nearest, after a Conv3d."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv3d(2, 3, 3, padding=1)
        self.trilinear = torch.nn.Upsample(scale_factor=2, mode="trilinear", align_corners=False)
        self.corners = torch.nn.Upsample(scale_factor=(1, 2, 3), mode="trilinear", align_corners=True)
        self.nearest = torch.nn.Upsample(scale_factor=(2, 1, 2), mode="nearest")

    def forward(self, x):
        y = torch.relu(self.conv(x))
        return self.trilinear(y), self.corners(x), self.nearest(x)


@case("torch_upsample3d_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 2, 3, 4, 5)).astype(np.float32)
    torch_case(name, Upsample3d(), x, 13, "torch on a [2, 2, 3, 4, 5] volume: Conv3d(2, 3, 3, padding 1) -> ReLU -> "
               "Upsample(scale_factor 2, trilinear); heads Upsample(scale_factor (1, 2, 3), trilinear, align_corners) and "
               "Upsample(scale_factor (2, 1, 2), nearest); dynamic batch", ["resize", "conv3d"],
               {"x": {0: "batch"}, "y0": {0: "batch"}, "y1": {0: "batch"}, "y2": {0: "batch"}}, output_names=["y0", "y1", "y2"])


class Upsample1d(torch.nn.Module):
    """torch's upsampling of steps (audio, sequences): linear and nearest, after a Conv1d."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv1d(2, 3, 3, padding=1)
        self.linear = torch.nn.Upsample(scale_factor=2, mode="linear", align_corners=False)
        self.corners = torch.nn.Upsample(scale_factor=1.5, mode="linear", align_corners=True)
        self.nearest = torch.nn.Upsample(scale_factor=3, mode="nearest")

    def forward(self, x):
        return self.linear(torch.relu(self.conv(x))), self.corners(x), self.nearest(x)


@case("torch_upsample1d_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 2, 7)).astype(np.float32)
    torch_case(name, Upsample1d(), x, 13, "torch on [2, 2, 7] steps: Conv1d(2, 3, 3, padding 1) -> ReLU -> Upsample(scale_factor "
               "2, linear); heads Upsample(scale_factor 1.5, linear, align_corners) and Upsample(scale_factor 3, nearest); dynamic "
               "batch", ["resize", "conv1d"], {"x": {0: "batch"}, "y0": {0: "batch"}, "y1": {0: "batch"}, "y2": {0: "batch"}},
               output_names=["y0", "y1", "y2"])


@case("upsample_op9")
def _(name):
    r = rng(name)
    inits = [numpy_helper.from_array(np.array([1, 1, 2.3, 2.0], np.float32), "up"),
             numpy_helper.from_array(np.array([1, 1, 1.0, 1.0], np.float32), "same")]
    nodes = [helper.make_node("Upsample", ["x", "up"], ["nearest"], mode="nearest"),
             helper.make_node("Upsample", ["x", "up"], ["linear"], mode="linear"),
             helper.make_node("Upsample", ["x", "same"], ["same_size"], mode="linear")]
    model = model_of_nodes(name, nodes, {"x": [2, 3, 10, 4]}, inits, opset=9)
    write(name, model.SerializeToString(), [r.standard_normal((2, 3, 10, 4)).astype(np.float32)], "Upsample (opset 9, "
          "asymmetric coordinates) by scales (2.3, 2) nearest and linear, and by 1 (the input copied)", ["resize", "opset:9"])


class SuperResolution(torch.nn.Module):
    """An ESPCN-style super-resolution net: convolutions to upscale² channels, then PixelShuffle; a PixelUnshuffle head."""

    def __init__(self):
        super().__init__()
        self.conv1 = torch.nn.Conv2d(2, 8, 3, padding=1)
        self.conv2 = torch.nn.Conv2d(8, 2 * 9, 3, padding=1)
        self.shuffle = torch.nn.PixelShuffle(3)
        self.unshuffle = torch.nn.PixelUnshuffle(2)

    def forward(self, x):
        return self.shuffle(self.conv2(torch.tanh(self.conv1(x)))), self.unshuffle(x)


@case("torch_pixel_shuffle_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 2, 4, 6)).astype(np.float32)
    torch_case(name, SuperResolution(), x, 13, "torch ESPCN-style super-resolution on [2, 2, 4, 6]: Conv2d(2, 8, 3, padding 1) -> "
               "tanh -> Conv2d(8, 18, 3, padding 1) -> PixelShuffle(3) (DepthToSpace CRD) to [2, 2, 12, 18]; head "
               "PixelUnshuffle(2) (SpaceToDepth) of the input; dynamic batch", ["depth_to_space", "space_to_depth", "conv2d"],
               {"x": {0: "batch"}, "y0": {0: "batch"}, "y1": {0: "batch"}}, output_names=["y0", "y1"])


@case("depth_to_space_dcr_op13")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("DepthToSpace", ["x"], ["dcr"], blocksize=2, mode="DCR"),
             helper.make_node("DepthToSpace", ["x"], ["crd"], blocksize=2, mode="CRD"),
             helper.make_node("SpaceToDepth", ["x"], ["to_depth"], blocksize=3)]
    model = model_of_nodes(name, nodes, {"x": [2, 8, 3, 6]})
    write(name, model.SerializeToString(), [r.standard_normal((2, 8, 3, 6)).astype(np.float32)], "DepthToSpace of a "
          "[2, 8, 3, 6] input with blocksize 2 in modes DCR (the default) and CRD, and SpaceToDepth with blocksize 3",
          ["depth_to_space", "space_to_depth"])


class ConvTranspose3dHeads(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.down = torch.nn.Conv3d(2, 4, 3, stride=2, padding=1)
        self.up = torch.nn.ConvTranspose3d(4, 2, 3, stride=2, padding=1, output_padding=1)
        self.heads = torch.nn.ModuleList([torch.nn.ConvTranspose3d(2, 3, (2, 3, 2), stride=(2, 1, 3)),
                                          torch.nn.ConvTranspose3d(2, 2, 3, stride=(1, 2, 2), padding=(1, 0, 2),
                                                                   output_padding=(0, 1, 1), dilation=(1, 1, 2), bias=False)])

    def forward(self, x):
        return tuple([self.up(torch.relu(self.down(x)))] + [h(x) for h in self.heads])


@case("torch_conv_transpose3d_heads_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 2, 3, 6, 5)).astype(np.float32)
    torch_case(name, ConvTranspose3dHeads(), x, 13, "torch heads on one [2, 2, 3, 6, 5] input: Conv3d(2, 4, 3, stride 2, "
               "padding 1) -> ReLU -> ConvTranspose3d(4, 2, 3, stride 2, padding 1, output_padding 1); ConvTranspose3d(2, 3, "
               "(2, 3, 2), stride (2, 1, 3)); ConvTranspose3d(2, 2, 3, stride (1, 2, 2), padding (1, 0, 2), output_padding "
               "(0, 1, 1), dilation (1, 1, 2), no bias); dynamic batch", ["conv3d_transpose", "conv3d"],
               {"x": {0: "batch"}, "y0": {0: "batch"}, "y1": {0: "batch"}, "y2": {0: "batch"}}, output_names=["y0", "y1", "y2"])


class ConvTranspose2dHeads(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.down = torch.nn.Conv2d(3, 4, 3, stride=2, padding=1)
        self.up = torch.nn.ConvTranspose2d(4, 3, 3, stride=2, padding=1, output_padding=1)
        self.heads = torch.nn.ModuleList([torch.nn.ConvTranspose2d(3, 2, (2, 3), stride=(2, 1)),
                                          torch.nn.ConvTranspose2d(3, 4, 3, dilation=2, padding=2, bias=False),
                                          torch.nn.ConvTranspose2d(3, 2, (3, 2), stride=(3, 2), padding=(1, 0),
                                                                   output_padding=(2, 1))])

    def forward(self, x):
        return tuple([self.up(torch.relu(self.down(x)))] + [h(x) for h in self.heads])


@case("torch_conv_transpose2d_heads_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 3, 6, 7)).astype(np.float32)
    torch_case(name, ConvTranspose2dHeads(), x, 13, "torch Conv2d(3, 4, 3, stride 2, padding 1) -> ReLU -> "
               "ConvTranspose2d(4, 3, 3, stride 2, padding 1, output_padding 1), an autoencoder; heads ConvTranspose2d(3, 2, "
               "(2, 3), stride (2, 1)), ConvTranspose2d(3, 4, 3, dilation 2, padding 2, no bias), ConvTranspose2d(3, 2, "
               "(3, 2), stride (3, 2), padding (1, 0), output_padding (2, 1)); fixed shapes", ["conv_transpose2d"], None,
               output_names=[f"y{i}" for i in range(4)])


class PaddedLstm(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = torch.nn.LSTM(3, 4, batch_first=True)
        self.head = torch.nn.Linear(4, 2)

    def forward(self, x):
        y, _ = self.rnn(torch.nn.functional.pad(x, (0, 0, 2, 1), value=0.25))
        return self.head(y[:, -1])


@case("torch_pad_lstm_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 6, 3)).astype(np.float32)
    torch_case(name, PaddedLstm(), x, 13, "torch F.pad(x, (0, 0, 2, 1), value=0.25) over time -> nn.LSTM(3, 4, "
               "batch_first) last step -> Linear; dynamic batch and time", ["pad", "lstm", "batch_first", "gemm_head"],
               {"x": {0: "batch", 1: "time"}, "y": {0: "batch"}})


def softmax_axes_case(name, opset, axes):
    r = rng(name)
    nodes, outputs = [], []
    for op in ("Softmax", "LogSoftmax"):
        for axis in axes:
            out = f"{op.lower()}_{axis}".replace("-", "m")
            nodes.append(helper.make_node(op, ["x"], [out], axis=axis))
            outputs.append(helper.make_tensor_value_info(out, TensorProto.FLOAT, [2, 3, 4]))
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, [2, 3, 4])], outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    x = (3 * r.standard_normal((2, 3, 4))).astype(np.float32)
    x[1, 2, :] = [60.0, -60.0, 0.0, 60.0]
    scope = "every axis from axis on (input seen as 2-D)" if opset < 13 else "axis alone"
    write(name, model.SerializeToString(), [x], f"Softmax and LogSoftmax with axis {', '.join(map(str, axes))} on a rank-3"
          f" input, opset {opset}: each normalizes over {scope}; large values", ["softmax", "log_softmax", f"opset:{opset}"])


@case("softmax_logsoftmax_axes_op13")
def _(name):
    softmax_axes_case(name, 13, [0, 1, -1])


@case("softmax_logsoftmax_axes_op11")
def _(name):
    softmax_axes_case(name, 11, [0, 1, 2])


@case("batchnorm_rank4_op9")
def _(name):
    r = rng(name)
    c = 3
    params = [numpy_helper.from_array(v.astype(np.float32), n) for n, v in [
        ("scale", r.uniform(-1.5, 1.5, c)), ("b", r.standard_normal(c)), ("mean", r.standard_normal(c)),
        ("var", r.uniform(0.01, 3.0, c))]]
    nodes = [helper.make_node("BatchNormalization", ["x", "scale", "b", "mean", "var"], ["y"], epsilon=0.02, momentum=0.5)]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", c, 2, 4])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", c, 2, 4])], params)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 9)])
    model.ir_version = 8
    x = (2 * r.standard_normal((2, c, 2, 4))).astype(np.float32)
    write(name, model.SerializeToString(), [x], "BatchNormalization over channel axis 1 of a rank-4 input, epsilon 0.02,"
          " momentum (training only) 0.5, negative scales; opset 9", ["batch_normalization", "opset:9"])


@case("conv1d_padding_modes_op11")
def _(name):
    r = rng(name)
    variants = [("SAME_UPPER, stride 2", dict(auto_pad="SAME_UPPER", strides=[2]), 3, True),
                ("SAME_LOWER, stride 1", dict(auto_pad="SAME_LOWER"), 3, True),
                ("VALID, dilation 2", dict(auto_pad="VALID", dilations=[2]), 2, True),
                ("pads [2, 0], kernel_shape, no bias", dict(pads=[2, 0], kernel_shape=[4]), 4, False),
                ("pads [0, 3], stride 3, group 3", dict(pads=[0, 3], strides=[3], group=3), 2, True)]
    nodes, outputs, inits = [], [], []
    for i, (_, attrs, k, with_bias) in enumerate(variants):
        group = attrs.get("group", 1)
        inits.append(numpy_helper.from_array(r.standard_normal((6, 3 // group, k)).astype(np.float32), f"w{i}"))
        ins = ["x", f"w{i}"]
        if with_bias:
            inits.append(numpy_helper.from_array(r.standard_normal(6).astype(np.float32), f"b{i}"))
            ins.append(f"b{i}")
        nodes.append(helper.make_node("Conv", ins, [f"y{i}"], **attrs))
        outputs.append(helper.make_tensor_value_info(f"y{i}", TensorProto.FLOAT, ["batch", 6, f"steps{i}"]))
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, "steps"])],
                              outputs, inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])
    model.ir_version = 8
    x = r.standard_normal((2, 3, 7)).astype(np.float32)
    write(name, model.SerializeToString(), [x], "Conv over 7 steps of 3 channels into 6 filters: "
          + "; ".join(v[0] for v in variants), ["conv1d", "opset:11"])


@case("pool1d_modes_op11")
def _(name):
    r = rng(name)
    variants = [("MaxPool", dict(kernel_shape=[2], strides=[2])), ("MaxPool", dict(kernel_shape=[3])),
                ("MaxPool", dict(kernel_shape=[2], strides=[3], auto_pad="SAME_UPPER")),
                ("AveragePool", dict(kernel_shape=[3], strides=[2], auto_pad="SAME_UPPER")),
                ("AveragePool", dict(kernel_shape=[3], auto_pad="SAME_LOWER")),
                ("AveragePool", dict(kernel_shape=[2], strides=[2], pads=[0, 0], count_include_pad=1))]
    nodes = [helper.make_node(op, ["x"], [f"y{i}"], **attrs) for i, (op, attrs) in enumerate(variants)]
    outputs = [helper.make_tensor_value_info(f"y{i}", TensorProto.FLOAT, ["batch", 3, f"steps{i}"]) for i in range(len(nodes))]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 3, "steps"])],
                              outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 11)])
    model.ir_version = 8
    x = r.standard_normal((2, 3, 7)).astype(np.float32)
    write(name, model.SerializeToString(), [x], "MaxPool and AveragePool over 7 steps: " + "; ".join(
          f"{op} {attrs}" for op, attrs in variants), ["max_pool", "average_pool", "opset:11"])


@case("elementwise_more_op13")
def _(name):
    r = rng(name)
    nodes = [helper.make_node("Max", ["a", "b"], ["max_ab"]), helper.make_node("Min", ["a", "b", "c"], ["min_abc"]),
             helper.make_node("Max", ["a"], ["max_a"]),
             helper.make_node("Greater", ["a", "b"], ["gt"]), helper.make_node("Where", ["gt", "a", "c"], ["where"]),
             helper.make_node("Less", ["a", "c"], ["lt"]), helper.make_node("Cast", ["lt"], ["lt_f"], to=TensorProto.FLOAT),
             helper.make_node("GreaterOrEqual", ["a", "b"], ["ge"]),
             helper.make_node("Cast", ["ge"], ["ge_f"], to=TensorProto.FLOAT),
             helper.make_node("LessOrEqual", ["a", "b"], ["le"]),
             helper.make_node("Cast", ["le"], ["le_f"], to=TensorProto.FLOAT)]
    names = ["max_ab", "min_abc", "max_a", "where", "lt_f", "ge_f", "le_f"]
    for op in ["Abs", "Log", "Reciprocal", "Floor", "Ceil", "Round"]:
        nodes.append(helper.make_node(op, ["a"], [op.lower()]))
        names.append(op.lower())
    inputs = [helper.make_tensor_value_info("a", TensorProto.FLOAT, ["batch", 7]),
              helper.make_tensor_value_info("b", TensorProto.FLOAT, [7]),
              helper.make_tensor_value_info("c", TensorProto.FLOAT, ["batch", 1])]
    outputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in names]
    graph = helper.make_graph(nodes, name, inputs, outputs)
    for o in graph.output:
        o.type.tensor_type.shape.dim.add().dim_param = "batch"
        o.type.tensor_type.shape.dim.add().dim_param = "width"
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    a = (2 * r.standard_normal((3, 7))).astype(np.float32)
    a[0] = [np.nan, -0.0, 0.0, np.inf, -np.inf, 2.5, -0.5]
    a[1, :4] = [1.5, -2.5, 0.5, 3.0]
    b = (2 * r.standard_normal(7)).astype(np.float32)
    b[:4] = [1.0, 0.0, -0.0, 3.0]
    c = r.standard_normal((3, 1)).astype(np.float32)
    write(name, model.SerializeToString(), [a, b, c], "Max and Min of one, two and three broadcast inputs, Greater with"
          " Where, Less, GreaterOrEqual and LessOrEqual (cast to float), Abs, Log, Reciprocal, Floor, Ceil and Round (half"
          " to even), with NaN, signed zeros, infinities and halves", ["max", "min", "where", "comparisons", "abs", "log",
          "reciprocal", "floor", "ceil", "round"])


def split_case(name, opset, parts, description, **attrs):
    r = rng(name)
    outs = [f"part{i}" for i in range(parts)]
    node = helper.make_node("Split", ["x"], outs, axis=-1, **attrs)
    graph = helper.make_graph([node], name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 2, 7])],
                              [helper.make_tensor_value_info(o, TensorProto.FLOAT, ["batch", 2, None]) for o in outs])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    write(name, model.SerializeToString(), [r.standard_normal((2, 2, 7)).astype(np.float32)], description,
          ["split", f"opset:{opset}"])


@case("split_attribute_op11")
def _(name):
    split_case(name, 11, 3, "Split of 7 into the attribute's sizes [2, 0, 5] along the last axis (an empty part)",
               split=[2, 0, 5])


@case("split_num_outputs_op18")
def _(name):
    split_case(name, 18, 3, "Split of 7 into num_outputs=3 along the last axis: parts of 3, 3 and 1", num_outputs=3)


@case("activations_more_op20")
def _(name):
    r = rng(name)
    ops = [("Gelu", {}), ("Gelu", {"approximate": "tanh"}), ("HardSwish", {}), ("Mish", {}), ("ThresholdedRelu", {}),
           ("ThresholdedRelu", {"alpha": 0.3})]
    nodes = [helper.make_node(op, ["x"], [f"y{i}"], **attrs) for i, (op, attrs) in enumerate(ops)]
    outputs = [helper.make_tensor_value_info(f"y{i}", TensorProto.FLOAT, ["batch", 9]) for i in range(len(ops))]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 9])], outputs)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)])
    model.ir_version = 9
    x = (3 * r.standard_normal((3, 9))).astype(np.float32)
    x[0] = [-3.0, 3.0, 0.0, 1.0, 0.3, -0.5, 12.0, -12.0, 1e-3]
    write(name, model.SerializeToString(), [x], "Gelu (exact and tanh), HardSwish, Mish, ThresholdedRelu (alpha 1 and"
          " 0.3) at their kinks and far out; opset 20", ["gelu", "hard_swish", "mish", "thresholded_relu", "opset:20"])


@case("add_scalar_first_input")
def _(name):
    nodes = [helper.make_node("Add", ["a", "b"], ["y"])]
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info("a", TensorProto.FLOAT, []),
                                            helper.make_tensor_value_info("b", TensorProto.FLOAT, [2])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, [2])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    write(name, model.SerializeToString(), [np.array(0.5, np.float32), np.array([1.0, -2.0], np.float32)],
          "Add of a rank-0 input (the first) and one of shape [2]: no batch dimension to split", ["add", "rank0_input"])


@case("layernorm_large_mean_op17")
def _(name):
    r = rng(name)
    node = helper.make_node("LayerNormalization", ["x", "scale", "bias"], ["y"], axis=-1)
    scale = numpy_helper.from_array(r.uniform(0.5, 1.5, 64).astype(np.float32), "scale")
    bias = numpy_helper.from_array(r.uniform(-0.5, 0.5, 64).astype(np.float32), "bias")
    graph = helper.make_graph([node], name, [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["batch", 64])],
                              [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["batch", 64])], [scale, bias])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    model.ir_version = 8
    offsets = np.array([0.0, 1.0, 10.0, 10.0, 100.0], dtype=np.float32)[:, None]
    spreads = np.array([1.0, 0.1, 0.1, 0.01, 0.1], dtype=np.float32)[:, None]
    x = (offsets + r.standard_normal((5, 64)) * spreads).astype(np.float32)
    write(name, model.SerializeToString(), [x], "LayerNormalization (opset 17) on rows whose mean is up to 1000 times"
          " their spread: (x - mean) is taken before scaling, as ONNX defines it", ["layer_normalization", "large_mean"])


@case("clip_runtime_bounds_op13")
def _(name):
    f32 = np.float32
    nodes = [helper.make_node("Clip", ["x", "lo", "hi"], ["both_run_time"]),
             helper.make_node("Clip", ["x", "hi", "lo"], ["min_above_max"]),
             helper.make_node("Sub", ["lo", "lo"], ["zero"]),
             helper.make_node("Div", ["zero", "zero"], ["nan"]),
             helper.make_node("Clip", ["x", "nan", "hi"], ["nan_min"]),
             helper.make_node("Clip", ["x", "lo", "nan"], ["nan_max"]),
             helper.make_node("Clip", ["x", "", "hi"], ["max_only"]),
             helper.make_node("Clip", ["x", "lo", ""], ["min_only"]),
             helper.make_node("Clip", ["x", "const_lo", "hi"], ["constant_min"]),
             helper.make_node("Clip", ["x", "const_nan", "const_hi"], ["constant_nan_min"]),
             helper.make_node("Unsqueeze", ["lo", "axis0"], ["lo_1"]),
             helper.make_node("Clip", ["x0", "lo_1", "hi"], ["scalar_x_bound_1"])]
    inits = [numpy_helper.from_array(np.array(-0.25, f32), "const_lo"), numpy_helper.from_array(np.array(np.nan, f32), "const_nan"),
             numpy_helper.from_array(np.array(0.75, f32), "const_hi"), numpy_helper.from_array(np.array([0], np.int64), "axis0")]
    model = model_of_nodes(name, nodes, {"x": [2, 9], "lo": [], "hi": [], "x0": []}, inits)
    x = np.array([[-np.inf, -3.0, -0.5, -0.0, 0.0, 0.5, 1.0, np.inf, np.nan],
                  [-1.25, -0.75, -0.25, 0.1, 0.3, 0.75, 1.5, 2.0, -2.0]], f32)
    xs = [x, np.array(-0.5, f32), np.array(1.0, f32), np.array(-3.0, f32)]
    write(name, model.SerializeToString(), xs, "Clip with bounds given at run time (graph inputs min -0.5 and max 1) on values "
          "from -inf to inf, NaN, zeros of both signs and the bounds themselves: both bounds, min above max (every value "
          "max), a NaN min and a NaN max computed at run time (ONNX Runtime then leaves values alone), an absent min or max "
          "(infinities made float's lowest or largest finite value), a constant min with a run-time max, a constant NaN min "
          "with a constant max, and a rank-0 x with a min of shape [1] (the result stays rank 0)", ["clip", "run_time_bounds"])


class ClampByStatistics(torch.nn.Module):
    """torch.clamp by bounds computed from the input: its standard deviation, mean, minimum."""

    def forward(self, x):
        sd = x.std()
        return (torch.clamp(x, -sd, sd), torch.clamp(x, min=x.mean()), torch.clamp(x, max=x.mean() + 0.1),
                torch.clamp(x, x.amin() + 0.5, x.amin()))


@case("torch_clamp_run_time_bounds_op17")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 12, 4)).astype(np.float32)
    outs = [f"y{i}" for i in range(4)]
    torch_case(name, ClampByStatistics(), x, 17, "torch on [3, 12, 4] (dynamic batch and steps): clamp(x, -sd, sd) with sd = "
               "x.std(), clamp(x, min=x.mean()), clamp(x, max=x.mean() + 0.1), clamp(x, x.amin() + 0.5, x.amin()) (min above "
               "max): Clip bounds computed at run time", ["clip", "run_time_bounds"],
               {"x": {0: "batch", 1: "steps"}, **{o: {0: "batch", 1: "steps"} for o in outs}}, output_names=outs)


class InterpolateToOther(torch.nn.Module):
    """torch's interpolate of steps to the length of another input, read at run time."""

    def forward(self, x, other):
        f = torch.nn.functional.interpolate
        n = other.shape[-1]
        return (f(x, size=n), f(x, size=n, mode="linear"), f(x, size=n, mode="linear", align_corners=True),
                f(x, size=n // 3, mode="linear"), f(other, size=x.shape[-1], mode="linear"))


@case("torch_interpolate1d_run_time_size_op17")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 4, 10)).astype(np.float32)
    other = r.standard_normal((3, 4, 23)).astype(np.float32)
    outs = [f"y{i}" for i in range(5)]
    torch_case(name, InterpolateToOther(), x, 17, "torch on steps [3, 4, 10] and [3, 4, 23] (dynamic batch and steps): "
               "interpolate(x, size=other.shape[-1]) nearest, linear, linear align_corners, linear to a third of it (7), and other down to x's length: Resize of steps by sizes computed at run time", ["resize", "run_time_sizes"],
               {"x": {0: "batch", 2: "steps"}, "state_0": {0: "batch", 2: "other_steps"}, **{o: {0: "batch"} for o in outs}},
               output_names=outs, extra_inputs=(other,))

# ---------------------------------------------------------------- ONNX Runtime's optimized models (com.microsoft ops)

class EncoderBlock(torch.nn.Module):
    """A post-norm transformer encoder block: self-attention (torch's MultiheadAttention), residual Add and LayerNorm,
    Linear -> GELU -> Linear, residual Add and LayerNorm."""

    def __init__(self, approximate="none"):
        super().__init__()
        self.attention = torch.nn.MultiheadAttention(16, 2, batch_first=True)
        self.norm1, self.norm2 = torch.nn.LayerNorm(16), torch.nn.LayerNorm(16)
        self.up, self.down = torch.nn.Linear(16, 32), torch.nn.Linear(32, 16)
        self.gelu = torch.nn.GELU(approximate=approximate)

    def forward(self, x):
        a, _ = self.attention(x, x, x, need_weights=False)
        x = self.norm1(x + a)
        return self.norm2(x + self.down(self.gelu(self.up(x))))


def optimized_case(name, module, x, opset, dynamic, expected, description, covers, tool=ort_optimize, *args):
    """The module exported (batch and steps dynamic or not), rewritten by the tool; the case fails to generate unless the
    rewritten model holds the expected operators."""
    initialize(module, name)
    axes = {"x": {0: "batch", 1: "steps"}, "y": {0: "batch", 1: "steps"}} if dynamic else None
    model = ort_rewritten(export(module, (torch.from_numpy(x),), opset, ["x"], ["y"], axes), tool, *args)
    ops = op_types(model)
    assert expected <= ops, f"{name}: expected {sorted(expected - ops)} in {sorted(ops)}"
    # ONNX's checker knows neither ONNX Runtime's SimplifiedLayerNormalization nor LayerNormalization before opset 17
    checked = "SimplifiedLayerNormalization" not in ops and ("LayerNormalization" not in ops or opset >= 17)
    write(name, model, [x], description + "; operators " + ", ".join(sorted(ops)), covers + [f"opset:{opset}", "torch_export"],
          checked=checked)


# name: (GELU's approximation, opset, dynamic batch and steps, the optimizer (and its level), the operators it must
# write, description, covers); fixed shapes are [2, 5, 16], dynamic ones [3, 4, 16]
ENCODER_CASES = {
    "ort_optimized_encoder_op17": (
        "none", 17, False, (ort_optimize,),
        {"com.microsoft:FusedMatMul", "com.microsoft:SkipLayerNormalization", "com.microsoft:Gelu"},
        "a transformer encoder block (exact GELU) of fixed shape [2, 5, 16] as ONNX Runtime's offline optimizer saves it "
        "(ORT_ENABLE_EXTENDED): the attention's products FusedMatMul (alpha, transB, transBatchA/B), residual and "
        "LayerNorm SkipLayerNormalization, GELU com.microsoft Gelu",
        ["fused_matmul", "skip_layer_normalization", "gelu"]),
    "ort_optimized_encoder_dynamic_op17": (
        "none", 17, True, (ort_optimize,), {"com.microsoft:BiasGelu"},
        "the transformer encoder block (exact GELU), batch and steps dynamic, as ONNX Runtime's offline optimizer saves "
        "it (ORT_ENABLE_EXTENDED): the Linear's bias and GELU BiasGelu", ["bias_gelu"]),
    "ort_optimized_encoder_dynamic_op14": (
        "none", 14, True, (ort_optimize,), {"com.microsoft:BiasGelu", "LayerNormalization"},
        "the transformer encoder block (exact GELU) exported at opset 14 (torch writes LayerNorm out as ReduceMean, Sub, "
        "Pow, ...), batch and steps dynamic, as ONNX Runtime's offline optimizer saves it (ORT_ENABLE_EXTENDED): "
        "LayerNormalization in the default domain below opset 17 (ONNX Runtime's own), BiasGelu",
        ["layer_normalization", "bias_gelu"]),
    "ort_optimized_encoder_tanh_dynamic_op20": (
        "tanh", 20, True, (ort_optimize,), {"com.microsoft:FastGelu"},
        "the transformer encoder block with GELU's tanh approximation (ONNX Gelu at opset 20), batch and steps dynamic, "
        "as ONNX Runtime's offline optimizer saves it (ORT_ENABLE_EXTENDED): the Linear's bias and GELU FastGelu with "
        "its bias input", ["fast_gelu"]),
    "ort_transformers_optimized_encoder_tanh_op17": (
        "tanh", 17, False, (transformers_optimize, 1),
        {"com.microsoft:FastGelu", "com.microsoft:SkipLayerNormalization"},
        "the transformer encoder block with GELU's tanh approximation (torch's formula at opset 17), fixed shape, as "
        "onnxruntime.transformers' optimizer writes it (model_type bert, opt_level 1): FastGelu without bias, "
        "SkipLayerNormalization", ["fast_gelu", "skip_layer_normalization"]),
    "ort_transformers_optimized_encoder_dynamic_op17": (
        "none", 17, True, (transformers_optimize, 2),
        {"com.microsoft:BiasGelu", "com.microsoft:SkipLayerNormalization"},
        "the transformer encoder block (exact GELU), batch and steps dynamic, as onnxruntime.transformers' optimizer "
        "writes it (model_type bert, opt_level 2): SkipLayerNormalization with the Linear's bias as its bias input, "
        "BiasGelu", ["bias_gelu", "skip_layer_normalization"]),
}


def encoder_case(name):
    approximate, opset, dynamic, tool, expected, description, covers = ENCODER_CASES[name[len("onnx_"):]]
    x = rng(name).standard_normal((3, 4, 16) if dynamic else (2, 5, 16)).astype(np.float32)
    optimized_case(name, EncoderBlock(approximate), x, opset, dynamic, expected, description, ["ort_optimized"] + covers,
                   *tool)


for _name in ENCODER_CASES:
    case(_name)(encoder_case)


class ActivatedMlp(torch.nn.Module):
    """Linear layers, each followed by one of the activations ONNX Runtime fuses into a Gemm."""

    def __init__(self):
        super().__init__()
        f = torch.nn.functional
        self.activations = [torch.relu, torch.sigmoid, torch.tanh, lambda v: f.leaky_relu(v, 0.1), lambda v: f.elu(v, 0.7),
                            f.hardsigmoid, f.softplus, f.softsign, f.selu]
        self.layers = torch.nn.ModuleList(torch.nn.Linear(8, 8) for _ in self.activations)
        self.head = torch.nn.Linear(8, 3)

    def forward(self, x):
        for layer, activation in zip(self.layers, self.activations):
            x = activation(layer(x)) * 2.0 - 0.5
        return self.head(x)


@case("ort_optimized_fused_gemm_op17")
def _(name):
    x = (2 * rng(name).standard_normal((4, 8))).astype(np.float32)
    optimized_case(name, ActivatedMlp(), x, 17, True, {"com.microsoft:FusedGemm"},
                   "Linear layers followed by ReLU, sigmoid, tanh, LeakyReLU(0.1), ELU(0.7), hardsigmoid, softplus, "
                   "softsign and SELU (each then scaled and shifted), as ONNX Runtime's offline optimizer "
                   "saves them (ORT_ENABLE_EXTENDED): FusedGemm with each activation and its activation_alpha/beta/gamma "
                   "but softsign, which torch exports as its formula",
                   ["ort_optimized", "fused_gemm"])


class QuickGeluRms(torch.nn.Module):
    """A Linear, x·sigmoid(1.702x), an RMS normalization written out, a product of the transposed input with it."""

    def __init__(self):
        super().__init__()
        self.linear = torch.nn.Linear(6, 6)
        self.scale = torch.nn.Parameter(torch.ones(6))

    def forward(self, x):
        y = self.linear(x)
        y = y * torch.sigmoid(1.702 * y)
        y = y * torch.rsqrt(y.pow(2).mean(-1, keepdim=True) + 1e-6) * self.scale
        return (x.transpose(-1, -2) @ y) * 0.25


@case("ort_optimized_quick_gelu_rms_op17")
def _(name):
    x = (2 * rng(name).standard_normal((2, 5, 6))).astype(np.float32)
    optimized_case(name, QuickGeluRms(), x, 17, False,
                   {"com.microsoft:QuickGelu", "SimplifiedLayerNormalization", "com.microsoft:FusedMatMul"},
                   "a Linear, y·sigmoid(1.702y), an RMS normalization written out (y·rsqrt(mean(y²) + 1e-6)·scale) and "
                   "(xᵀ @ y)·0.25, as ONNX Runtime's offline optimizer saves them (ORT_ENABLE_EXTENDED): QuickGelu, "
                   "SimplifiedLayerNormalization (ONNX Runtime's own operator in the default domain), FusedMatMul with "
                   "transA and alpha", ["ort_optimized", "quick_gelu", "simplified_layer_normalization", "fused_matmul"])


def microsoft_graph_case(name, nodes, inputs, inits, description, covers):
    """A graph of com.microsoft (and default-domain) nodes at opset 17 on the inputs (float32 or int32) and constants;
    each output declared of the rank ONNX Runtime gives it (ONNX's inference does not know these operators)."""
    ms = "com.microsoft"
    types = {np.dtype(np.float32): TensorProto.FLOAT, np.dtype(np.int32): TensorProto.INT32}
    outs = [o for n in nodes for o in n.output if o]
    declared = [helper.make_tensor_value_info(k, types[t.dtype], t.shape) for k, t in inputs.items()]
    graph = helper.make_graph(nodes, name, declared, [helper.make_tensor_value_info(o, TensorProto.FLOAT, None) for o in outs],
                              inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17), helper.make_opsetid(ms, 1)])
    model.ir_version = 8
    results = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, inputs)
    del model.graph.output[:]
    for o, y in zip(outs, results):
        model.graph.output.append(helper.make_tensor_value_info(o, TensorProto.FLOAT, [f"{o}_{i}" for i in range(y.ndim)]))
    write(name, model.SerializeToString(), list(inputs.values()), description, covers)


@case("ort_contrib_ops_op17")
def _(name):
    r = rng(name)
    ms = "com.microsoft"
    x = r.standard_normal((2, 3, 8)).astype(np.float32)
    skip = r.standard_normal((3, 8)).astype(np.float32)
    a4 = r.standard_normal((5, 2, 1, 4)).astype(np.float32)
    b4 = r.standard_normal((2, 3, 6, 4)).astype(np.float32)
    edges = np.array([-np.inf, -1e4, -30, -5.5, -1e-30, 0, 1e-30, 2.5, 30, 1e4, np.inf, np.nan], np.float32)
    v = lambda: (r.standard_normal(8) * 0.5 + 1).astype(np.float32)
    inits = [numpy_helper.from_array(t, n) for n, t in
             [("gamma", v()), ("beta", v()), ("bias", v()), ("w", r.standard_normal((2, 3, 6, 5)).astype(np.float32)),
              ("w2", r.standard_normal((8, 5)).astype(np.float32))]]
    nodes = [
        helper.make_node("SkipLayerNormalization", ["x", "skip", "gamma", "beta", "bias"], ["sln", "", "", "sln_sum"],
                         domain=ms, epsilon=1e-3),
        helper.make_node("SkipLayerNormalization", ["tiny", "tiny", "gamma"], ["sln_default_epsilon"], domain=ms),
        helper.make_node("SkipSimplifiedLayerNormalization", ["x", "skip", "gamma", "bias"], ["ssln", "", "", "ssln_sum"],
                         domain=ms, epsilon=1e-4),
        helper.make_node("FastGelu", ["edges"], ["fast_gelu_edges"], domain=ms),
        helper.make_node("Gelu", ["edges"], ["gelu_edges"], domain=ms),
        helper.make_node("QuickGelu", ["edges"], ["quick_gelu_edges"], domain=ms),
        helper.make_node("QuickGelu", ["x"], ["quick_gelu_minus_half"], domain=ms, alpha=-0.5),
        helper.make_node("QuickGelu", ["x"], ["quick_gelu_one"], domain=ms, alpha=1.0),
        helper.make_node("BiasGelu", ["x", "bias"], ["bias_gelu"], domain=ms),
        helper.make_node("FusedMatMul", ["a4", "b4"], ["batch_a_trans_b"], domain=ms, transBatchA=1, transB=1, alpha=0.5),
        helper.make_node("FusedMatMul", ["b4", "w"], ["batch_both_trans_a"], domain=ms, transBatchA=1, transBatchB=1,
                         transA=1),
        helper.make_node("FusedMatMul", ["x", "skip"], ["trans_b_broadcast"], domain=ms, transB=1, alpha=-2.0),
        helper.make_node("FusedGemm", ["m", "w2", "bias"], ["fused_gemm_thresholded"], domain=ms, transB=1, alpha=0.5,
                         beta=0.5, activation="ThresholdedRelu", activation_alpha=0.2),
    ]
    inputs = {"x": x, "skip": skip, "a4": a4, "b4": b4, "edges": edges, "m": r.standard_normal((4, 5)).astype(np.float32),
              "tiny": (1e-3 * r.standard_normal((2, 3, 8))).astype(np.float32)}
    microsoft_graph_case(
        name, nodes, inputs, inits,
        "ONNX Runtime's com.microsoft operators on their other attributes and inputs: SkipLayerNormalization with bias, "
        "beta, a 2-D skip and the input_skip_bias_sum output, and with the default epsilon (1e-12, on values of about 1e-3); "
        "SkipSimplifiedLayerNormalization with bias and sum; FastGelu, Gelu and QuickGelu on infinities, NaN and large "
        "values; QuickGelu with alpha -0.5 and 1; BiasGelu; FusedMatMul with transBatchA and transB on broadcast "
        "rank-4 operands, transBatchA, transBatchB and transA by a constant, transB and alpha -2; FusedGemm with transB, "
        "alpha, beta and ThresholdedRelu (activation_alpha 0.2)",
        ["skip_layer_normalization", "skip_simplified_layer_normalization", "fast_gelu", "gelu", "quick_gelu",
         "bias_gelu", "fused_matmul", "fused_gemm", "opset:17"])


class BertLayer(torch.nn.Module):
    """A BERT encoder layer written out as Hugging Face's: query, key and value Linear layers split into 2 heads, scores
    scaled by 1/sqrt(8) plus the additive mask, softmax, output Linear, residual Add and LayerNorm, Linear -> GELU ->
    Linear, residual Add and LayerNorm."""

    def __init__(self):
        super().__init__()
        self.q, self.k, self.v, self.o = (torch.nn.Linear(16, 16) for _ in range(4))
        self.up, self.down = torch.nn.Linear(16, 32), torch.nn.Linear(32, 16)
        self.norm1, self.norm2 = torch.nn.LayerNorm(16, eps=1e-12), torch.nn.LayerNorm(16, eps=1e-12)

    def forward(self, x, additive_mask):
        batch, steps, _ = x.shape
        heads = lambda t: t.view(batch, steps, 2, 8).permute(0, 2, 1, 3)
        scores = torch.matmul(heads(self.q(x)), heads(self.k(x)).transpose(-1, -2)) / 8 ** 0.5 + additive_mask
        context = torch.matmul(torch.softmax(scores, -1), heads(self.v(x))).permute(0, 2, 1, 3).reshape(batch, steps, 16)
        x = self.norm1(x + self.o(context))
        return self.norm2(x + self.down(torch.nn.functional.gelu(self.up(x))))


class Bert(torch.nn.Module):
    """A small BERT: word, position and segment embeddings summed and normalized, then two BertLayers with the attention
    mask (1 keeps a token) as the additive mask (1 - mask) * -10000."""

    def __init__(self):
        super().__init__()
        self.word, self.position = torch.nn.Embedding(30, 16), torch.nn.Embedding(12, 16)
        self.segment = torch.nn.Embedding(2, 16)
        self.norm = torch.nn.LayerNorm(16, eps=1e-12)
        self.layers = torch.nn.ModuleList(BertLayer() for _ in range(2))

    def forward(self, ids, segments, mask):
        positions = torch.arange(ids.shape[1], dtype=torch.long).unsqueeze(0)
        x = self.norm(self.word(ids) + self.position(positions) + self.segment(segments))
        additive = (1.0 - mask[:, None, None, :].float()) * -10000.0
        for layer in self.layers:
            x = layer(x, additive)
        return x


def bert_case(name, expected, description, covers, *tools):
    """The small BERT exported with dynamic batch and steps, rewritten by each tool in turn, on ids, segments and a mask
    [3, 6] whose rows keep 6, the first 4, and 4 tokens with a hole (ONNX Runtime's mask index counts them: the first
    4 keys seen)."""
    r = rng(name)
    module = initialize(Bert(), name)
    ids = r.integers(0, 30, (3, 6)).astype(np.int64)
    segments = r.integers(0, 2, (3, 6)).astype(np.int64)
    mask = np.array([[1] * 6, [1, 1, 1, 1, 0, 0], [1, 1, 0, 1, 1, 0]], np.int64)
    axes = {n: {0: "batch", 1: "steps"} for n in ("ids", "segments", "mask", "y")}
    model = export(module, tuple(torch.from_numpy(t) for t in (ids, segments, mask)), 17, ["ids", "segments", "mask"], ["y"],
                   axes)
    for tool in tools:
        model = ort_rewritten(model, *tool)
    ops = op_types(model)
    assert expected <= ops, f"{name}: expected {sorted(expected - ops)} in {sorted(ops)}"
    write(name, model, [ids, segments, mask], description + "; operators " + ", ".join(sorted(ops)),
          ["ort_optimized"] + covers + ["opset:17", "torch_export"], checked="LayerNormalization" not in ops)


@case("ort_transformers_bert_op17")
def _(name):
    bert_case(name, {"com.microsoft:Attention", "com.microsoft:EmbedLayerNormalization"},
              "a small BERT (embeddings and 2 encoder layers, 2 heads of 8) with an attention mask, batch and steps dynamic, "
              "as onnxruntime.transformers' optimizer writes it (model_type bert, opt_level 1): EmbedLayerNormalization "
              "with position ids [1, steps] and its mask index, Attention with packed QKV weights and the 1-D mask index",
              ["embed_layer_normalization", "attention"], (transformers_optimize, 1))


@case("ort_transformers_quantized_bert_op17")
def _(name):
    from onnxruntime.quantization import quantize_dynamic
    bert_case(name, {"com.microsoft:DynamicQuantizeMatMul", "com.microsoft:MatMulIntegerToFloat"},
              "the small BERT quantized by ONNX Runtime's quantize_dynamic (int8 weights) and then optimized by "
              "onnxruntime.transformers (model_type bert, opt_level 2): DynamicQuantizeMatMul for Linear layers after "
              "their input is quantized alone, MatMulIntegerToFloat where the query, key and value Linear layers share one "
              "DynamicQuantizeLinear", ["dynamic_quantize_matmul", "matmul_integer_to_float"],
              (quantize_dynamic,), (transformers_optimize, 2))


@case("ort_contrib_skip_layer_normalization_offset_op17")
def _(name):
    r = rng(name)
    ms = "com.microsoft"
    rows = lambda *shape: (r.standard_normal(shape) * 0.1).astype(np.float32)
    inits = [numpy_helper.from_array(t, n) for n, t in
             [("gamma", (r.standard_normal(12) + 1).astype(np.float32)), ("beta", r.standard_normal(12).astype(np.float32)),
              ("bias", rows(12))]]
    nodes = [
        helper.make_node("SkipLayerNormalization", ["x", "skip", "gamma", "beta", "bias"], ["offset", "", "", "offset_sum"],
                         domain=ms, epsilon=1e-5),
        helper.make_node("SkipLayerNormalization", ["x", "skip2", "gamma"], ["offset_default_epsilon"], domain=ms),
        helper.make_node("SkipSimplifiedLayerNormalization", ["x", "skip", "gamma", "bias"], ["offset_simplified"],
                         domain=ms, epsilon=1e-5),
    ]
    microsoft_graph_case(
        name, nodes, {"x": rows(3, 5, 12) + np.float32(1000), "skip": rows(3, 5, 12), "skip2": rows(5, 12)}, inits,
        "ONNX Runtime's SkipLayerNormalization (com.microsoft) on rows near 1000 (spread 0.1), where its kernel's "
        "float32 steps round: the mean and the variance by Welford's updates in float32 in order, then "
        "(x - mean) / sqrt(variance + epsilon) * gamma + beta; with bias, beta, epsilon 1e-5 and the sum output, and "
        "with a 2-D skip, no beta and the default epsilon; SkipSimplifiedLayerNormalization (mean square summed in "
        "float32) on the same rows",
        ["skip_layer_normalization", "skip_simplified_layer_normalization", "opset:17"])


@case("ort_contrib_attention_op17")
def _(name):
    r = rng(name)
    ms = "com.microsoft"
    x = r.standard_normal((2, 5, 16)).astype(np.float32)
    w = lambda *shape: (0.4 * r.standard_normal(shape)).astype(np.float32)
    inits = [numpy_helper.from_array(t, n) for n, t in
             [("w", w(16, 48)), ("b", w(48)), ("w_sizes", w(16, 28)), ("b_sizes", w(28)),
              ("ends_starts", np.array([4, 5, 1, 0], np.int32))]]
    raw = np.array([[1, 1, 0, 1, 1], [1, 1, 1, 1, 1]], np.int32)
    per_step = (r.random((2, 5, 5)) > 0.3).astype(np.int32)
    per_step[..., 0] = 1  # every query step sees a key step
    nodes = [
        helper.make_node("Attention", ["x", "w", "b"], ["plain"], domain=ms, num_heads=2),
        helper.make_node("Attention", ["x", "w", "b", "ends_starts"], ["ends_starts_causal"], domain=ms, num_heads=4,
                         unidirectional=1),
        helper.make_node("Attention", ["x", "w_sizes", "b_sizes", "raw"], ["raw_sizes_scale"], domain=ms, num_heads=2,
                         qkv_hidden_sizes=[8, 8, 12], scale=0.3),
        helper.make_node("Attention", ["x", "w", "b", "per_step"], ["per_step_filter"], domain=ms, num_heads=1,
                         mask_filter_value=-50.0),
        helper.make_node("Attention", ["x", "w", "b"], ["causal"], domain=ms, num_heads=2, unidirectional=1),
        helper.make_node("Attention", ["x", "w", "b", "per_step"], ["per_step_causal"], domain=ms, num_heads=2,
                         unidirectional=1),
        helper.make_node("Attention", ["x", "w_sizes", "b_sizes", "raw"], ["raw_causal"], domain=ms, num_heads=2,
                         qkv_hidden_sizes=[8, 8, 12], unidirectional=1),
        helper.make_node("Attention", ["x", "w", "b", "none_seen"], ["none_seen_first_row"], domain=ms, num_heads=2),
    ]
    none_seen = np.array([[0, 0, 0, 0, 0], [1, 1, 0, 0, 0]], np.int32)
    inputs = {"x": x, "raw": raw, "per_step": per_step, "none_seen": none_seen}
    microsoft_graph_case(
        name, nodes, inputs, inits,
        "ONNX Runtime's Attention (com.microsoft) on [2, 5, 16]: 2 heads, no mask; 4 heads with the 1-D mask index of ends "
        "and starts [4, 5, 1, 0] and unidirectional; qkv_hidden_sizes [8, 8, 12] (q and k heads of 4, v heads of 6), a "
        "2-D raw mask with a hole and scale 0.3; 1 head, a 3-D mask per query step and mask_filter_value -50; "
        "unidirectional alone, with the 3-D mask and with the 2-D one (ONNX Runtime hides future steps with float32's "
        "lowest value: the first query step of the first row, whose only past key is masked, weighs that key alone); a "
        "2-D mask hiding every key of the first row (each score lowered by 10000 in float32, then the softmax)",
        ["attention", "opset:17"])


@case("ort_contrib_embed_layer_normalization_op17")
def _(name):
    r = rng(name)
    ms = "com.microsoft"
    table = lambda rows: r.standard_normal((rows, 8)).astype(np.float32)
    inits = [numpy_helper.from_array(t, n) for n, t in
             [("word", table(20)), ("position", table(7)), ("segment", table(3)),
              ("gamma", (r.standard_normal(8) * 0.5 + 1).astype(np.float32)), ("beta", r.standard_normal(8).astype(np.float32))]]
    ids = r.integers(0, 20, (2, 5)).astype(np.int32)
    segments = r.integers(0, 3, (2, 5)).astype(np.int32)
    positions = np.array([[6, 5, 4, 3, 2], [0, 0, 1, 1, 2]], np.int32)
    mask = np.array([[1, 1, 1, 0, 0], [1, 1, 1, 1, 1]], np.int32)
    nodes = [
        helper.make_node("EmbedLayerNormalization", ["ids", "", "word", "position", "", "gamma", "beta", "mask"],
                         ["first_positions", "", "first_positions_sum"], domain=ms),
        helper.make_node("EmbedLayerNormalization", ["ids", "segments", "word", "position", "segment", "gamma", "beta", "",
                                                     "positions"], ["given_positions"], domain=ms, epsilon=1e-5, mask_index_type=0),
    ]
    microsoft_graph_case(
        name, nodes, {"ids": ids, "segments": segments, "positions": positions, "mask": mask}, inits,
        "ONNX Runtime's EmbedLayerNormalization (com.microsoft) on ids [2, 5] and tables of width 8: without segments "
        "or position ids (positions 0 to 4 of a table of 7), with the embedding_sum output and the default epsilon; with "
        "segment ids, position ids per row [2, 5], epsilon 1e-5 and mask_index_type 0 (no mask index)",
        ["embed_layer_normalization", "opset:17"])



@case("ort_contrib_embed_layer_normalization_offset_op17")
def _(name):
    r = rng(name)
    ms = "com.microsoft"
    table = lambda rows, offset: (r.standard_normal((rows, 12)) * 0.1 + offset).astype(np.float32)
    inits = [numpy_helper.from_array(t, n) for n, t in
             [("word", table(30, 1000)), ("position", table(9, 0)), ("segment", table(2, 0)),
              ("gamma", (r.standard_normal(12) + 1).astype(np.float32)), ("beta", r.standard_normal(12).astype(np.float32))]]
    ids = r.integers(0, 30, (3, 6)).astype(np.int32)
    segments = r.integers(0, 2, (3, 6)).astype(np.int32)
    positions = np.array([[8, 8, 0, 3, 3, 1], [0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0]], np.int32)
    nodes = [
        helper.make_node("EmbedLayerNormalization", ["ids", "segments", "word", "position", "segment", "gamma", "beta", "",
                                                     "positions"], ["offset_epsilon", "", "offset_sum"], domain=ms,
                         epsilon=1e-3, mask_index_type=0),
        helper.make_node("EmbedLayerNormalization", ["ids", "", "word", "position", "", "gamma", "beta"], ["offset"],
                         domain=ms, mask_index_type=0),
    ]
    microsoft_graph_case(
        name, nodes, {"ids": ids, "segments": segments, "positions": positions}, inits,
        "ONNX Runtime's EmbedLayerNormalization (com.microsoft) on ids [3, 6] and word rows near 1000 (spread 0.1), where "
        "its kernel's float32 sums round: the mean and the squared deviations summed in float32 in order, then "
        "(x - mean) / sqrt(variance + epsilon) * gamma + beta; with segments, repeated and reversed position ids and "
        "epsilon 1e-3, and without them",
        ["embed_layer_normalization", "opset:17"])


# ---------------------------------------------------------------- control flow: If, Loop, Scan

F, I64, B = TensorProto.FLOAT, TensorProto.INT64, TensorProto.BOOL


def flow_graph_case(name, nodes, inputs, inits, outputs, description, covers, dims=None, opset=17, calls=()):
    """A graph at the opset (17 by default) of the nodes on the inputs (numpy arrays, declared with the named dimensions of dims, else their
    shapes) with the initializers; outputs maps each graph output to its element type, declared of the rank ONNX Runtime
    gives it. calls: the inputs (dicts like inputs) of further calls."""
    types = {np.dtype(np.float32): F, np.dtype(np.int64): I64, np.dtype(np.bool_): B}
    dims = dims or {}
    declared = [helper.make_tensor_value_info(k, types[t.dtype], dims.get(k, t.shape)) for k, t in inputs.items()]
    graph = helper.make_graph(nodes, name, declared, [helper.make_tensor_value_info(o, t, None) for o, t in outputs.items()],
                              inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8
    results = ort.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, inputs)
    del model.graph.output[:]
    for (o, t), y in zip(outputs.items(), results):
        model.graph.output.append(helper.make_tensor_value_info(o, t, [f"{o}_{i}" for i in range(np.ndim(y))]))
    write(name, model.SerializeToString(), list(inputs.values()), description, covers + [f"opset:{opset}"],
          calls=[list(c.values()) for c in calls])


def scalar(name, value, dtype):
    return numpy_helper.from_array(np.array(value, dtype), name)


@case("if_constant_and_run_time_op17")
def _(name):
    r = rng(name)
    x = (np.abs(r.standard_normal((2, 3))) + 0.1).astype(np.float32)
    w = r.standard_normal(3).astype(np.float32)
    branch = lambda nodes, out, inits=(): helper.make_graph(nodes, "branch", [], [helper.make_tensor_value_info(out, F, None)],
                                                           list(inits))
    nodes = [
        helper.make_node("Shape", ["w"], ["w_shape"]),
        helper.make_node("Gather", ["w_shape", "zero_i"], ["columns"], axis=0),
        helper.make_node("Greater", ["columns", "two"], ["known"]),
        helper.make_node("If", ["known"], ["static_choice"],
                         then_branch=branch([helper.make_node("Add", ["x", "w"], ["then_static"])], "then_static"),
                         else_branch=branch([helper.make_node("Mul", ["x", "w"], ["else_static"])], "else_static")),
        helper.make_node("ReduceSum", ["x"], ["total"], keepdims=0),
        helper.make_node("Greater", ["total", "zero"], ["positive"]),
        helper.make_node("Not", ["positive"], ["negative"]),
        helper.make_node("If", ["positive"], ["run_time_then"],
                         then_branch=branch([
                             helper.make_node("If", ["negative"], ["nested"],
                                              then_branch=branch([helper.make_node("Neg", ["x"], ["nested_then"])], "nested_then"),
                                              else_branch=branch([helper.make_node("Tanh", ["x"], ["nested_else"])], "nested_else")),
                             helper.make_node("Add", ["nested", "offset"], ["then_run"])], "then_run",
                             [numpy_helper.from_array(np.float32([0.5, -0.25, 2.0]), "offset")]),
                         else_branch=branch([helper.make_node("Sub", ["x", "w"], ["else_run"])], "else_run")),
        helper.make_node("If", ["negative"], ["run_time_else"],
                         then_branch=branch([helper.make_node("Concat", ["x", "x"], ["then_rows"], axis=0)], "then_rows"),
                         else_branch=branch([helper.make_node("Relu", ["w"], ["w_relu"]),
                                             helper.make_node("Mul", ["x", "w_relu"], ["else_rows"])], "else_rows")),
    ]
    inits = [numpy_helper.from_array(w, "w"), scalar("zero_i", 0, np.int64), scalar("two", 2, np.int64), scalar("zero", 0, np.float32)]
    flow_graph_case(
        name, nodes, {"x": x}, inits, {"static_choice": F, "run_time_then": F, "run_time_else": F},
        "If on a condition known at import (Shape(w)[0] > 2 on the initializer w: the then-branch Add(x, w) inlined) and on "
        "conditions known at run time (ReduceSum(x) > 0 and its Not): a then-branch with an initializer of its own and a "
        "nested If on an outer value whose branches read x from two levels up; an If whose branches give different row "
        "counts (Concat(x, x) [4, 3] or x * relu(w) [2, 3], the else-branch taken)",
        ["if", "control_flow"])


@case("loop_trip_count_condition_scan_outputs_op17")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 5, 3)).astype(np.float32)
    n = np.array([3], np.int64)
    w = (0.5 * r.standard_normal((3, 4))).astype(np.float32)
    u = (0.5 * r.standard_normal((4, 4))).astype(np.float32)
    vi = lambda n, t: helper.make_tensor_value_info(n, t, None)
    vs = lambda n, t: helper.make_tensor_value_info(n, t, [])
    # M and a condition (stops after iteration 3 of 5), carried h and a sum, scan outputs h and the iteration number,
    # x, w, u and the limit read from the enclosing graph
    rnn_body = helper.make_graph([
        helper.make_node("Gather", ["x", "i"], ["x_t"], axis=1),
        helper.make_node("MatMul", ["x_t", "w"], ["xw"]),
        helper.make_node("MatMul", ["h", "u"], ["hu"]),
        helper.make_node("Add", ["xw", "hu"], ["pre"]),
        helper.make_node("Tanh", ["pre"], ["h_next"]),
        helper.make_node("ReduceSum", ["h_next"], ["h_sum"], keepdims=0),
        helper.make_node("Add", ["acc", "h_sum"], ["acc_next"]),
        helper.make_node("Less", ["i", "limit"], ["go_on"]),
        helper.make_node("Cast", ["i"], ["i_float"], to=F),
        helper.make_node("Identity", ["h_next"], ["h_scan"]),
    ], "rnn_body", [vs("i", I64), vs("cond_in", B), vi("h", F), vi("acc", F)],
        [vi("go_on", B), vi("h_next", F), vi("acc_next", F), vi("h_scan", F), vi("i_float", F)])
    # M only, computed at run time from an input: y <- 2y + 1, scanned
    doubling = helper.make_graph([
        helper.make_node("Mul", ["y", "two_f"], ["y2"]),
        helper.make_node("Add", ["y2", "one_f"], ["y_next"]),
        helper.make_node("Identity", ["c"], ["c_out"]),
        helper.make_node("Identity", ["y_next"], ["y_scan"]),
    ], "doubling", [vs("k", I64), vs("c", B), vi("y", F)], [vi("c_out", B), vi("y_next", F), vi("y_scan", F)])
    # a condition only (a while loop): v <- 1.5 v while v < 10
    growing = helper.make_graph([
        helper.make_node("Mul", ["v", "growth"], ["v_next"]),
        helper.make_node("Less", ["v_next", "ten"], ["below"]),
    ], "growing", [vs("j", I64), vs("c2", B), vi("v", F)], [vi("below", B), vi("v_next", F)],
        [scalar("growth", 1.5, np.float32)])
    nodes = [
        helper.make_node("Shape", ["x"], ["x_shape"]),
        helper.make_node("Gather", ["x_shape", "one"], ["steps"], axis=0),
        helper.make_node("Loop", ["steps", "true", "h0", "acc0"], ["h_last", "sum_last", "h_steps", "iterations"],
                         body=rnn_body),
        helper.make_node("ReduceSum", ["n"], ["trips"], keepdims=0),
        helper.make_node("Loop", ["trips", "", "y0"], ["y_last", "y_steps"], body=doubling),
        helper.make_node("Loop", ["", "true", "v0"], ["v_last"], body=growing),
    ]
    inits = [numpy_helper.from_array(w, "w"), numpy_helper.from_array(u, "u"), scalar("one", 1, np.int64),
             scalar("limit", 3, np.int64), scalar("true", True, np.bool_), numpy_helper.from_array(np.zeros((2, 4), np.float32), "h0"),
             scalar("acc0", 0, np.float32), numpy_helper.from_array(np.float32([[0.5, -1.0], [2.0, 0.25]]), "y0"),
             scalar("two_f", 2, np.float32), scalar("one_f", 1, np.float32), scalar("v0", 1, np.float32), scalar("ten", 10, np.float32)]
    flow_graph_case(
        name, nodes, {"x": x, "n": n}, inits,
        {"h_last": F, "sum_last": F, "h_steps": F, "iterations": F, "y_last": F, "y_steps": F, "v_last": F},
        "Loop with a trip count (Shape(x)[1] = 5) and a condition (i < 3 computed in the body, so 4 iterations): a tanh RNN "
        "step reading x, w and u from the enclosing graph, carried h [2, 4] and a running sum, scan outputs h and the "
        "iteration number; a Loop with only a trip count computed at run time from input n (y <- 2y + 1 on [2, 2], "
        "scanned); a Loop with only a condition (v <- 1.5 v while v < 10)",
        ["loop", "control_flow"], dims={"x": ["batch", "steps", 3]})


@case("scan_axes_directions_op17")
def _(name):
    r = rng(name)
    a = r.standard_normal((4, 3)).astype(np.float32)
    bb = r.standard_normal((2, 4)).astype(np.float32)
    w = r.standard_normal(3).astype(np.float32)
    vi = lambda n, t=F: helper.make_tensor_value_info(n, t, None)
    body = helper.make_graph([
        helper.make_node("Add", ["s0", "a_t"], ["s0_next"]),
        helper.make_node("Tanh", ["b_t"], ["b_tanh"]),
        helper.make_node("Add", ["s1", "b_tanh"], ["s1_next"]),
        helper.make_node("Mul", ["s0_next", "w"], ["out0"]),
        helper.make_node("Sub", ["s1_next", "b_t"], ["out1"]),
    ], "body", [vi("s0"), vi("s1"), vi("a_t"), vi("b_t")], [vi("s0_next"), vi("s1_next"), vi("out0"), vi("out1")])
    plain = helper.make_graph([helper.make_node("Relu", ["row"], ["row_relu"])], "plain", [vi("row")], [vi("row_relu")])
    nodes = [
        helper.make_node("Scan", ["s0_init", "s1_init", "a", "b"], ["s0_last", "s1_last", "outs0", "outs1"], body=body,
                         num_scan_inputs=2, scan_input_axes=[0, 1], scan_input_directions=[0, 1], scan_output_axes=[0, -1],
                         scan_output_directions=[1, 0]),
        helper.make_node("Scan", ["a"], ["rows"], body=plain, num_scan_inputs=1),
    ]
    inits = [numpy_helper.from_array(w, "w"), numpy_helper.from_array(np.zeros(3, np.float32), "s0_init"),
             numpy_helper.from_array(np.ones(2, np.float32), "s1_init")]
    flow_graph_case(
        name, nodes, {"a": a, "b": bb}, inits, {"s0_last": F, "s1_last": F, "outs0": F, "outs1": F, "rows": F},
        "Scan with two states and two scan inputs: a [4, 3] along axis 0 forward, b [2, 4] along axis 1 in reverse; "
        "scan outputs stacked along axis 0 in reverse step order and along axis -1 forward; the body reads w from the "
        "enclosing graph. A Scan with only num_scan_inputs (no states, defaults) over a's rows",
        ["scan", "control_flow"])


class ScriptedRnn(torch.nn.Module):
    """A tanh RNN written as a Python loop over time steps, then a branch on the number of steps: torch.jit.script
    exports the loop as Loop and the branch as If."""

    def __init__(self):
        super().__init__()
        self.ih = torch.nn.Linear(3, 5)
        self.hh = torch.nn.Linear(5, 5)

    def forward(self, x):
        h = torch.zeros(x.shape[0], 5)
        for t in range(x.shape[1]):
            h = torch.tanh(self.ih(x[:, t]) + self.hh(h))
        if x.shape[1] > 4:
            h = h * 2.0 - 1.0
        else:
            h = torch.relu(h)
        return h


def scripted_case(name, module, x, dynamic_axes, description, ops):
    initialize(module, name)
    f = io.BytesIO()
    torch.onnx.export(torch.jit.script(module.eval()), (torch.from_numpy(x),), f, dynamo=False, opset_version=17,
                      input_names=["x"], output_names=["y"], dynamic_axes=dynamic_axes)
    model = f.getvalue()
    assert ops <= op_types(model), op_types(model)
    write(name, model, [x], description, sorted(o.lower() for o in ops) + ["control_flow", "opset:17", "torch_export",
                                                                          "torch_jit_script"])


@case("torch_script_rnn_loop_if_dynamic_op17")
def _(name):
    x = rng(name).standard_normal((3, 6, 3)).astype(np.float32)
    scripted_case(name, ScriptedRnn(), x, {"x": {0: "batch", 1: "steps"}},
                  "torch.jit.script of a tanh RNN cell looped over x.shape[1] steps and `if x.shape[1] > 4`, exported with "
                  "dynamic batch and steps: a Loop whose trip count and an If whose condition are known only at run time",
                  {"Loop", "If"})


@case("torch_script_rnn_loop_if_static_op17")
def _(name):
    x = rng(name).standard_normal((2, 4, 3)).astype(np.float32)
    scripted_case(name, ScriptedRnn(), x, None,
                  "torch.jit.script of a tanh RNN cell looped over x.shape[1] steps and `if x.shape[1] > 4`, exported with "
                  "static shapes: torch folds the branch itself (a Relu), and the Loop's trip count is a constant 4", {"Loop"})


@case("sequence_construct_insert_erase_op17")
def _(name):
    r = rng(name)
    a, b, x2 = (r.standard_normal((2, 3)).astype(np.float32) for _ in range(3))
    nodes = [
        helper.make_node("Neg", ["a"], ["a_neg"]),
        helper.make_node("SequenceConstruct", ["a", "b"], ["s1"]),
        helper.make_node("SequenceInsert", ["s1", "a_neg", "minus_one"], ["s2"]),
        helper.make_node("SequenceInsert", ["s2", "x2"], ["s3"]),
        helper.make_node("SequenceErase", ["s3", "minus_three"], ["s4"]),
        helper.make_node("SequenceErase", ["s4"], ["s5"]),
        helper.make_node("ConcatFromSequence", ["s4"], ["stacked_1"], axis=1, new_axis=1),
        helper.make_node("ConcatFromSequence", ["s4"], ["stacked_last"], axis=-1, new_axis=1),
        helper.make_node("ConcatFromSequence", ["s3"], ["joined_last"], axis=-1),
        helper.make_node("ConcatFromSequence", ["s5"], ["joined_0"], axis=0),
        helper.make_node("SequenceAt", ["s3", "minus_two"], ["at_minus_two"]),
        helper.make_node("SequenceAt", ["s3", "one"], ["at_one"]),
        helper.make_node("SequenceLength", ["s5"], ["length"]),
        helper.make_node("SequenceEmpty", [], ["empty"], dtype=F),
        helper.make_node("SequenceInsert", ["empty", "b"], ["only_b"]),
        helper.make_node("SequenceInsert", ["only_b", "a", "zero"], ["a_then_b"]),
        helper.make_node("ConcatFromSequence", ["a_then_b"], ["a_b"], axis=0, new_axis=1),
    ]
    inits = [scalar("minus_one", -1, np.int64), scalar("minus_two", -2, np.int64), scalar("minus_three", -3, np.int32),
             scalar("one", 1, np.int64), scalar("zero", 0, np.int64)]
    flow_graph_case(
        name, nodes, {"a": a, "b": b, "x2": x2}, inits,
        {"stacked_1": F, "stacked_last": F, "joined_last": F, "joined_0": F, "at_minus_two": F, "at_one": F, "length": I64,
         "a_b": F},
        "Sequences of a length known at import: SequenceConstruct(a, b), SequenceInsert at -1 and at the end, SequenceErase "
        "at -3 (int32) and of the last, SequenceEmpty then inserts at the end and at 0; ConcatFromSequence with new_axis=1 "
        "at axis 1, -1 and 0 and joining at -1 and 0; SequenceAt at -2 and 1; SequenceLength",
        ["sequence"])


@case("split_to_sequence_op17")
def _(name):
    t = rng(name).standard_normal((4, 6)).astype(np.float32)
    nodes = [
        helper.make_node("SplitToSequence", ["t"], ["columns"], axis=1, keepdims=0),
        helper.make_node("ConcatFromSequence", ["columns"], ["columns_stacked"], axis=0, new_axis=1),
        helper.make_node("SequenceAt", ["columns", "minus_one"], ["last_column"]),
        helper.make_node("SplitToSequence", ["t", "sizes"], ["parts"], axis=-1),
        helper.make_node("SequenceAt", ["parts", "one"], ["middle"]),
        helper.make_node("SequenceErase", ["parts", "zero"], ["tail"]),
        helper.make_node("ConcatFromSequence", ["tail"], ["tail_joined"], axis=1),
        helper.make_node("SplitToSequence", ["t", "four"], ["chunks"], axis=1),
        helper.make_node("SequenceLength", ["chunks"], ["chunk_count"]),
        helper.make_node("SequenceAt", ["chunks", "minus_one"], ["short_chunk"]),
        helper.make_node("SplitToSequence", ["t"], ["rows"]),
        helper.make_node("ConcatFromSequence", ["rows"], ["rows_stacked"], axis=1, new_axis=1),
        helper.make_node("SplitToSequence", ["u"], ["u_columns"], axis=1),
        helper.make_node("ConcatFromSequence", ["u_columns"], ["u_joined"], axis=0),
        helper.make_node("ConcatFromSequence", ["u_columns"], ["u_stacked"], axis=-1, new_axis=1),
        helper.make_node("SequenceAt", ["u_columns", "minus_one"], ["u_last"]),
    ]
    inits = [numpy_helper.from_array(np.int64([1, 3, 2]), "sizes"), scalar("four", 4, np.int64),
             scalar("minus_one", -1, np.int64), scalar("one", 1, np.int64), scalar("zero", 0, np.int64)]
    u = rng(name).standard_normal((2, 5)).astype(np.float32)
    flow_graph_case(
        name, nodes, {"t": t, "u": u}, inits,
        {"columns_stacked": F, "last_column": F, "middle": F, "tail_joined": F, "chunk_count": I64, "short_chunk": F,
         "rows_stacked": F, "u_joined": F, "u_stacked": F, "u_last": F},
        "SplitToSequence of t [4, 6]: without split along axis 1 with keepdims=0 (6 columns, stacked again on a new axis 0, "
        "and the last), with a 1-D split [1, 3, 2] along axis -1 (its second part, and the last two joined), with a scalar "
        "split 4 (chunks of 4 and 2: their count and the short one), and without split along axis 0 with keepdims=1 (rows "
        "[1, 6], stacked on a new axis 1); and without split along axis 1 of u [2, n], declared of a size known only at "
        "run time (n = 5), with keepdims=1: n columns [2, 1], joined on axis 0, stacked on a new axis -1, and the last",
        ["sequence"], dims={"u": [2, "n"]})


@case("optional_ops_op18")
def _(name):
    r = rng(name)
    a, b = (r.standard_normal((2, 3)).astype(np.float32) for _ in range(2))
    float_type = helper.make_tensor_type_proto(F, None)
    then_branch = helper.make_graph([helper.make_node("Relu", ["a"], ["then_out"])], "then", [],
                                    [helper.make_tensor_value_info("then_out", F, None)])
    else_branch = helper.make_graph([helper.make_node("Neg", ["a"], ["else_out"])], "else", [],
                                    [helper.make_tensor_value_info("else_out", F, None)])
    nodes = [
        helper.make_node("Optional", ["a"], ["some_a"]),
        helper.make_node("Identity", ["some_a"], ["some_a_again"]),
        helper.make_node("OptionalHasElement", ["some_a_again"], ["has_a"]),
        helper.make_node("OptionalGetElement", ["some_a_again"], ["got_a"]),
        helper.make_node("Tanh", ["got_a"], ["a_tanh"]),
        helper.make_node("Optional", [], ["none"], type=float_type),
        helper.make_node("OptionalHasElement", ["none"], ["has_none"]),
        helper.make_node("If", ["has_none"], ["chosen"], then_branch=then_branch, else_branch=else_branch),
        helper.make_node("OptionalHasElement", ["b"], ["has_tensor"]),
        helper.make_node("OptionalGetElement", ["b"], ["got_b"]),
        helper.make_node("Sigmoid", ["got_b"], ["b_sigmoid"]),
        helper.make_node("SequenceConstruct", ["a", "b"], ["pair"]),
        helper.make_node("Optional", ["pair"], ["some_pair"]),
        helper.make_node("OptionalGetElement", ["some_pair"], ["got_pair"]),
        helper.make_node("Identity", ["got_pair"], ["pair_again"]),
        helper.make_node("ConcatFromSequence", ["pair_again"], ["pair_joined"], axis=0),
    ]
    flow_graph_case(
        name, nodes, {"a": a, "b": b}, [],
        {"has_a": B, "a_tanh": F, "has_none": B, "chosen": F, "has_tensor": B, "b_sigmoid": F, "pair_joined": F},
        "Optionals whose presence is known at import (opset 18): Optional of a tensor (through an Identity) and its "
        "OptionalHasElement and OptionalGetElement; an empty Optional (attribute type), whose OptionalHasElement chooses an "
        "If's else branch at import; OptionalHasElement and OptionalGetElement of a plain tensor; an Optional of a "
        "sequence, its element through an Identity joined by ConcatFromSequence",
        ["optional", "sequence"], opset=18)


@case("loop_appended_sequences_op17")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 3)).astype(np.float32)
    vi = lambda n, t=F: helper.make_tensor_value_info(n, t, None)
    seq = lambda n: helper.make_tensor_sequence_value_info(n, F, None)
    body = helper.make_graph([
        helper.make_node("Cast", ["i"], ["i_float"], to=F),
        helper.make_node("Mul", ["h", "x"], ["hx"]),
        helper.make_node("Add", ["hx", "i_float"], ["h_next"]),
        helper.make_node("Tanh", ["h_next"], ["h_tanh"]),
        helper.make_node("SequenceInsert", ["first", "h_next"], ["first_next"]),
        helper.make_node("SequenceInsert", ["second", "h_tanh"], ["second_next"]),
        helper.make_node("Less", ["i", "limit"], ["go_on"]),
        helper.make_node("Neg", ["h_next"], ["h_scan"]),
    ], "body", [helper.make_tensor_value_info("i", I64, []), helper.make_tensor_value_info("c", B, []), seq("first"), vi("h"),
                seq("second")],
        [vi("go_on", B), seq("first_next"), vi("h_next"), seq("second_next"), vi("h_scan")])
    nodes = [
        helper.make_node("SequenceEmpty", [], ["empty"]),
        helper.make_node("Loop", ["trips", "true", "empty", "x", "empty"], ["firsts", "h_last", "seconds", "h_steps"],
                         body=body),
        helper.make_node("ConcatFromSequence", ["firsts"], ["stacked_last"], axis=-1, new_axis=1),
        helper.make_node("ConcatFromSequence", ["seconds"], ["joined_rows"], axis=-2),
        helper.make_node("ConcatFromSequence", ["seconds"], ["stacked_1"], axis=1, new_axis=1),
        helper.make_node("SequenceAt", ["firsts", "position"], ["picked"]),
        helper.make_node("SequenceLength", ["seconds"], ["length"]),
    ]
    inits = [scalar("trips", 5, np.int64), scalar("true", True, np.bool_), scalar("limit", 2, np.int64)]
    flow_graph_case(
        name, nodes, {"x": x, "position": np.array(-2, np.int64)}, inits,
        {"h_last": F, "h_steps": F, "stacked_last": F, "joined_rows": F, "stacked_1": F, "picked": F, "length": I64},
        "A Loop (trip count 5, a condition i < 2 ending it after 3 iterations) carrying two sequences that start empty "
        "(one SequenceEmpty for both) and grow by SequenceInsert at their ends, around a carried tensor and before a scan "
        "output; after it ConcatFromSequence stacking at axis -1 and 1 and joining at -2, SequenceAt at a position given "
        "at run time (-2), SequenceLength",
        ["loop", "sequence", "control_flow"])


@case("loop_run_time_trips_calls_op17")
def _(name):
    x = rng(name).standard_normal((2, 3)).astype(np.float32)
    vi = lambda n, t=F: helper.make_tensor_value_info(n, t, None)
    body = helper.make_graph([
        helper.make_node("Cast", ["i"], ["i_float"], to=F),
        helper.make_node("Mul", ["h", "x"], ["hx"]),
        helper.make_node("Add", ["hx", "i_float"], ["h_sum"]),
        helper.make_node("Tanh", ["h_sum"], ["h_next"]),
        helper.make_node("SequenceInsert", ["steps", "h_next"], ["steps_next"]),
        helper.make_node("Identity", ["c"], ["c_next"]),
    ], "body", [helper.make_tensor_value_info("i", I64, []), helper.make_tensor_value_info("c", B, []),
                helper.make_tensor_sequence_value_info("steps", F, None), vi("h")],
        [vi("c_next", B), helper.make_tensor_sequence_value_info("steps_next", F, None), vi("h_next")])
    nodes = [
        helper.make_node("SequenceEmpty", [], ["empty"]),
        helper.make_node("Loop", ["trips", "", "empty", "x"], ["steps", "h_last"], body=body),
        helper.make_node("ConcatFromSequence", ["steps"], ["joined_rows"], axis=-2),
        helper.make_node("ConcatFromSequence", ["steps"], ["stacked_1"], axis=1, new_axis=1),
        helper.make_node("SequenceLength", ["steps"], ["length"]),
        helper.make_node("Range", ["zero", "trips", "one"], ["counted"]),
    ]
    inits = [scalar("zero", 0, np.int64), scalar("one", 1, np.int64)]
    trips = lambda n: {"x": x, "trips": np.array(n, np.int64)}
    flow_graph_case(
        name, nodes, trips(3), inits,
        {"h_last": F, "joined_rows": F, "stacked_1": F, "length": I64, "counted": I64},
        "Three calls of one session on inputs of the same shapes, x [2, 3] and trip count 3, then 5, then 2: a Loop "
        "appending its tanh state to a sequence that starts empty, after it ConcatFromSequence joining at -2 and stacking "
        "at 1 (Reshapes to constant targets of the loop's run-time output), SequenceLength, and a Range up to the trip "
        "count; every output but h_last changes shape from call to call",
        ["loop", "sequence", "control_flow", "range"], calls=[trips(5), trips(2)])


class ListAppendRnn(ScriptedRnn):
    """ScriptedRnn's cell with each step's state appended to a Python list, then the list stacked and concatenated along
    axes 1 and 0, and its last element times its length: torch.jit.script exports the list as a sequence the Loop carries
    (SequenceEmpty, SequenceInsert) and read after it (ConcatFromSequence, SequenceAt, SequenceLength)."""

    def forward(self, x):
        h = torch.zeros(x.shape[0], 5)
        outs = []
        for t in range(x.shape[1]):
            h = torch.tanh(self.ih(x[:, t]) + self.hh(h))
            outs.append(h)
        n = len(outs)
        return torch.stack(outs, 1), torch.cat(outs, 1), torch.stack(outs), torch.cat(outs), outs[-1] * n


@case("torch_script_list_append_loop_op17")
def _(name):
    module = initialize(ListAppendRnn(), name).eval()
    f = io.BytesIO()
    torch.onnx.export(torch.jit.script(module), (torch.zeros(2, 4, 3),), f, dynamo=False, opset_version=17,
                      input_names=["x"], output_names=["stack_1", "cat_1", "stack_0", "cat_0", "last_times_length"],
                      dynamic_axes={"x": {0: "batch", 1: "steps"}})
    model = f.getvalue()
    assert {"Loop", "SequenceEmpty", "ConcatFromSequence", "SequenceAt", "SequenceLength"} <= op_types(model), op_types(model)
    x = rng(name).standard_normal((3, 6, 3)).astype(np.float32)
    write(name, model, [x], "torch.jit.script of a tanh RNN cell whose states are appended to a list in a loop over "
          "x.shape[1] steps, then torch.stack(outs, 1), torch.cat(outs, 1), torch.stack(outs), torch.cat(outs) and "
          "outs[-1] * len(outs); exported (TorchScript exporter) from a [2, 4, 3] example with dynamic batch and steps, run "
          "on [3, 6, 3]", ["loop", "sequence", "control_flow", "opset:17", "torch_export", "torch_jit_script"])


class ListOfLoopOutputs(torch.nn.Module):
    """A Linear and ReLU applied to each step of x in a loop, appended to a list, then the list joined on the last axis,
    its first element and the list stacked on a new last axis: at opsets 11 and 12 torch.jit.script's export makes the
    list a scan output of the Loop, split by SplitToSequence(keepdims=0) along axis 0 (from opset 13 it writes
    SequenceEmpty and SequenceInsert)."""

    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(3, 4)

    def forward(self, x):
        outs = []
        for t in range(x.shape[1]):
            outs.append(torch.relu(self.lin(x[:, t])))
        return torch.cat(outs, -1), outs[0], torch.stack(outs, -1)


@case("torch_script_list_of_loop_outputs_op11")
def _(name):
    module = initialize(ListOfLoopOutputs(), name).eval()
    f = io.BytesIO()
    torch.onnx.export(torch.jit.script(module), (torch.zeros(2, 4, 3),), f, dynamo=False, opset_version=11,
                      input_names=["x"], output_names=["joined", "first", "stacked"],
                      dynamic_axes={"x": {0: "batch", 1: "steps"}})
    model = f.getvalue()
    assert {"Loop", "SplitToSequence", "ConcatFromSequence", "SequenceAt"} <= op_types(model), op_types(model)
    x = rng(name).standard_normal((3, 6, 3)).astype(np.float32)
    write(name, model, [x], "torch.jit.script of a Linear and ReLU on each step of x appended to a list in a loop over "
          "x.shape[1] steps, then torch.cat(outs, -1), outs[0] and torch.stack(outs, -1), exported at opset 11 "
          "(TorchScript exporter) from a [2, 4, 3] example with dynamic batch and steps, run on [3, 6, 3]: a Loop's scan "
          "output split by SplitToSequence along an axis of run-time size",
          ["loop", "sequence", "control_flow", "opset:11", "torch_export", "torch_jit_script"])


class CondBranches(torch.nn.Module):
    """torch.cond on the sign of x's sum, and on its opposite, so that both branches run."""

    def __init__(self):
        super().__init__()
        self.lin = torch.nn.Linear(3, 3)

    def forward(self, x):
        def positive(x):
            return torch.tanh(self.lin(x)) * 2.0

        def otherwise(x):
            return torch.relu(self.lin(x)) - 1.0

        return torch.cond(x.sum() > 0, positive, otherwise, (x,)), torch.cond(x.sum() <= 0, positive, otherwise, (x,))


@case("torch_cond_dynamo_op18")
def _(name):
    x = rng(name).standard_normal((4, 3)).astype(np.float32)
    module = initialize(CondBranches(), name).eval()
    model = export(module, (torch.from_numpy(x),), 18, ["x"], ["y", "z"], None, dynamo=True)
    assert "If" in op_types(model), op_types(model)
    write(name, model, [x], "torch.cond exported by the dynamo exporter (torch.onnx.export(dynamo=True), opset 18): two Ifs "
          "on x.sum() > 0 and x.sum() <= 0, known only at run time, whose branches (tanh(linear(x)) * 2, relu(linear(x)) "
          "- 1) read the Linear's weights and x from the enclosing graph", ["if", "control_flow", "opset:18", "torch_export",
                                                                           "torch_dynamo", "torch_cond"],
          versions={"onnxscript_version": onnxscript.__version__})


# ---------------------------------------------------------------- torch's dynamo exporter (torch.onnx.export(dynamo=True))

def dynamo_case(name, module, examples, inputs, opset, description, covers, input_names, dynamic_shapes):
    """A torch module exported by the dynamo exporter (torch.export and onnxscript) from example arguments, with the dynamic
    dimensions given as torch.export.Dim; ONNX Runtime's answers are taken on other inputs, whose dynamic dimensions
    differ from the examples'."""
    initialize(module, name)
    model = export(module, tuple(torch.from_numpy(e) for e in examples), opset, input_names, None, dynamic_shapes,
                   dynamo=True)
    write(name, model, inputs, description, covers + [f"opset:{opset}", "torch_dynamo_export", "dynamic_batch"],
          versions={"onnxscript_version": onnxscript.__version__})


BATCH, STEPS = torch.export.Dim("batch"), torch.export.Dim("steps")


class TextLstm(torch.nn.Module):
    """Embedding -> LSTM (batch_first) -> Linear on the last hidden state."""

    def __init__(self):
        super().__init__()
        self.embed, self.lstm, self.head = torch.nn.Embedding(50, 8), torch.nn.LSTM(8, 6, batch_first=True), torch.nn.Linear(6, 3)

    def forward(self, tokens):
        _, (h, _) = self.lstm(self.embed(tokens))
        return self.head(h[-1])


@case("dynamo_lstm_classifier_op20")
def _(name):
    r = rng(name)
    dynamo_case(name, TextLstm(), [r.integers(0, 50, (2, 7)).astype(np.int64)], [r.integers(0, 50, (3, 9)).astype(np.int64)],
                20, "torch text classifier: Embedding(50, 8) of int64 tokens -> LSTM(8, 6, batch_first) -> Linear(6, 3) on the"
                " last hidden state; dynamic batch and steps (exported at [2, 7], run at [3, 9])",
                ["embedding", "lstm", "batch_first", "int64_tokens", "dynamic_steps"], ["tokens"], ({0: BATCH, 1: STEPS},))


class GruWithState(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.gru, self.head = torch.nn.GRU(3, 5, num_layers=2, bidirectional=True), torch.nn.Linear(10, 2)

    def forward(self, x, h0):
        y, h = self.gru(x, h0)
        return self.head(y), h


@case("dynamo_gru_bidirectional_state_op18")
def _(name):
    r = rng(name)
    f = lambda *shape: r.standard_normal(shape).astype(np.float32)
    dynamo_case(name, GruWithState(), [f(6, 2, 3), f(4, 2, 5)], [f(6, 3, 3), f(4, 3, 5)], 18,
                "torch nn.GRU(3, 5, num_layers=2, bidirectional), time-major, initial state h0 an input -> Linear(10, 2) on"
                " every step, and the final state; dynamic batch (torch.export fixes the steps of a stacked GRU)",
                ["gru", "bidirectional", "layers:2", "time_major", "initial_state"], ["x", "h0"], ({1: BATCH}, {1: BATCH}))


class MaskedEncoder(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.layer = torch.nn.TransformerEncoderLayer(16, 2, 32, dropout=0.0, batch_first=True)

    def forward(self, x, padding):
        return self.layer(x, src_key_padding_mask=padding)


@case("dynamo_transformer_encoder_op20")
def _(name):
    r = rng(name)
    padding = np.zeros((3, 6), bool)
    padding[0, 4:] = padding[2, 1:] = True
    dynamo_case(name, MaskedEncoder(), [r.standard_normal((2, 5, 16)).astype(np.float32), np.zeros((2, 5), bool)],
                [r.standard_normal((3, 6, 16)).astype(np.float32), padding], 20,
                "torch nn.TransformerEncoderLayer(16, 2 heads, 32, batch_first) with a bool src_key_padding_mask; dynamic"
                " batch and steps (exported at [2, 5], run at [3, 6])",
                ["transformer_encoder", "multi_head_attention", "key_padding_mask", "layer_normalization", "dynamic_steps"],
                ["x", "padding"], ({0: BATCH, 1: STEPS}, {0: BATCH, 1: STEPS}))


class TinyGpt(torch.nn.Module):
    """Token and position (arange) embeddings, a causal self-attention by scaled_dot_product_attention, a GELU (tanh) MLP,
    LayerNorms without bias, log-softmax over the vocabulary."""

    def __init__(self):
        super().__init__()
        nn = torch.nn
        self.tokens, self.positions = nn.Embedding(30, 16), nn.Embedding(32, 16)
        self.norm1, self.norm2 = nn.LayerNorm(16, bias=False), nn.LayerNorm(16, bias=False)
        self.qkv, self.proj, self.head = nn.Linear(16, 48), nn.Linear(16, 16), nn.Linear(16, 30)
        self.mlp = nn.Sequential(nn.Linear(16, 64), nn.GELU(approximate="tanh"), nn.Linear(64, 16))

    def forward(self, ids):
        b, t = ids.shape
        x = self.tokens(ids) + self.positions(torch.arange(t))
        q, k, v = (z.view(b, t, 2, 8).transpose(1, 2) for z in self.qkv(self.norm1(x)).chunk(3, dim=-1))
        y = torch.nn.functional.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.proj(y.transpose(1, 2).reshape(b, t, 16))
        return self.head(x + self.mlp(self.norm2(x))).log_softmax(-1)


@case("dynamo_gpt_block_op18")
def _(name):
    r = rng(name)
    dynamo_case(name, TinyGpt(), [r.integers(0, 30, (2, 7)).astype(np.int64)], [r.integers(0, 30, (3, 9)).astype(np.int64)],
                18, "a GPT-like block in torch: token and arange position embeddings, causal scaled_dot_product_attention (2"
                " heads), GELU(tanh) MLP, bias-free LayerNorms, log_softmax; dynamic batch and steps (exported at [2, 7], run"
                " at [3, 9])", ["embedding", "range", "causal_attention", "trilu", "gelu_tanh", "layer_normalization",
                                "log_softmax", "dynamic_steps"], ["ids"], ({0: BATCH, 1: STEPS},))


class SqueezeExcite(torch.nn.Module):
    def __init__(self, channels, squeezed):
        super().__init__()
        self.reduce, self.expand = torch.nn.Conv2d(channels, squeezed, 1), torch.nn.Conv2d(squeezed, channels, 1)

    def forward(self, x):
        return x * torch.nn.functional.hardsigmoid(self.expand(torch.relu(self.reduce(x.mean((2, 3), keepdim=True)))))


class MobileUpsample(torch.nn.Module):
    """A MobileNetV3-like block (hardswish stem, depthwise conv, BatchNorm, squeeze-excite, pointwise conv), upsampled
    twice by bilinear and nearest interpolation and summed."""

    def __init__(self):
        super().__init__()
        self.stem = torch.nn.Conv2d(3, 8, 3, stride=2, padding=1)
        self.depthwise = torch.nn.Conv2d(8, 8, 3, padding=1, groups=8)
        self.norm, self.excite, self.pointwise = torch.nn.BatchNorm2d(8), SqueezeExcite(8, 4), torch.nn.Conv2d(8, 6, 1)

    def forward(self, x):
        f = torch.nn.functional
        y = self.pointwise(self.excite(f.hardswish(self.norm(self.depthwise(f.hardswish(self.stem(x)))))))
        return f.interpolate(y, scale_factor=2, mode="bilinear") + f.interpolate(y, scale_factor=2, mode="nearest")


def dynamo_image_case(name, module, image, opset, description, covers):
    """dynamo_case of a module on images [batch, *image], exported at batch 2 and run at 3."""
    r = rng(name)
    dynamo_case(name, module, [r.standard_normal((2, *image)).astype(np.float32)],
                [r.standard_normal((3, *image)).astype(np.float32)], opset, description + "; exported at batch 2, run at 3",
                covers, ["x"], ({0: BATCH},))


@case("dynamo_mobile_upsample_op20")
def _(name):
    dynamo_image_case(name, MobileUpsample(), (3, 16, 16), 20,
                      "torch MobileNetV3-like block (Conv2d stride 2, hardswish, depthwise Conv2d, BatchNorm2d, squeeze-excite"
                      " with hardsigmoid, pointwise Conv2d), then interpolate x2 bilinear + nearest; the dynamo exporter's"
                      " Resize carries extrapolation_value",
                      ["conv2d", "depthwise", "hardswish", "hardsigmoid", "squeeze_excite", "resize"])


class GroupNormDecoder(torch.nn.Module):
    """A U-Net-like piece: a 'same' reflect-padded Conv2d, GroupNorm and SiLU, AvgPool2d, InstanceNorm2d, ConvTranspose2d
    back up, a skip connection and PixelShuffle."""

    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(3, 8, 3, padding="same", padding_mode="reflect")
        self.group, self.pool = torch.nn.GroupNorm(2, 8), torch.nn.AvgPool2d(2)
        self.instance, self.up = torch.nn.InstanceNorm2d(8, affine=True), torch.nn.ConvTranspose2d(8, 4, 2, stride=2)
        self.shuffle, self.head = torch.nn.PixelShuffle(2), torch.nn.Conv2d(2, 2, 1)

    def forward(self, x):
        y = torch.nn.functional.silu(self.group(self.conv(x)))
        return self.head(self.shuffle(torch.cat([self.up(self.instance(self.pool(y))), y[:, :4]], 1)))


@case("dynamo_groupnorm_pixelshuffle_op18")
def _(name):
    dynamo_image_case(name, GroupNormDecoder(), (3, 8, 8), 18,
                      "torch Conv2d(padding='same', reflect) -> GroupNorm(2, 8) -> SiLU -> AvgPool2d -> InstanceNorm2d ->"
                      " ConvTranspose2d, concatenated with a skip, PixelShuffle(2), Conv2d 1x1; the dynamo exporter writes"
                      " GroupNorm as InstanceNormalization between Reshapes, the second to the Shape of the convolution's output",
                      ["conv2d", "pad_reflect", "group_normalization", "instance_normalization", "conv_transpose",
                       "depth_to_space", "reshape_to_shape"])


# ---------------------------------------------------------------- operators of the default domain added later

def typed_model(name, nodes, inputs, outputs, opset, initializers=()):
    """A model of the nodes: inputs and outputs as (name, TensorProto type, shape) triples, IR version 8 (10 from opset 24,
    which ONNX's checker asks for)."""
    graph = helper.make_graph(nodes, name, [helper.make_tensor_value_info(*i) for i in inputs],
                              [helper.make_tensor_value_info(*o) for o in outputs], list(initializers))
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    model.ir_version = 8 if opset <= 21 else 10
    return model.SerializeToString()


@case("cumprod_op26")
def _(name):
    r = rng(name)
    x = r.uniform(-2, 2, (2, 4, 5)).astype(np.float32)
    x[0, 1, 2] = 0  # a zero: the products after it stay 0
    x[1, 2, 3] = np.inf
    x[1, 0, 4] = np.nan
    f = TensorProto.FLOAT
    nodes = [helper.make_node("CumProd", ["x", "axis1"], ["plain"]),
             helper.make_node("CumProd", ["x", "axis1"], ["exclusive"], exclusive=1),
             helper.make_node("CumProd", ["x", "axis_last"], ["reverse_last"], reverse=1),
             helper.make_node("CumProd", ["x", "axis_last"], ["exclusive_reverse_last"], exclusive=1, reverse=1),
             helper.make_node("CumProd", ["x", "axis0"], ["batch_axis"])]
    outs = [(n.output[0], f, ["batch", 4, 5]) for n in nodes]
    model = typed_model(name, nodes, [("x", f, ["batch", 4, 5])], outs, 26,
                        [numpy_helper.from_array(np.array(1, np.int64), "axis1"),
                         numpy_helper.from_array(np.array(-1, np.int64), "axis_last"),
                         numpy_helper.from_array(np.array(0, np.int32), "axis0")])
    write(name, model, [x], "CumProd (opset 26) along axis 1, exclusive; along axis -1 reversed, and exclusive and "
          "reversed; along axis 0 (an int32 axis); a 0, an infinity (inf·0 is NaN after it) and a NaN in the input",
          ["cumprod", "exclusive", "reverse", "negative_axis", "nonfinite"])


@case("swish_op24")
def _(name):
    r = rng(name)
    x = (r.standard_normal((3, 8)) * 6).astype(np.float32)
    x[0, :4] = [np.inf, -np.inf, np.nan, -100]
    f = TensorProto.FLOAT
    nodes = [helper.make_node("Swish", ["x"], ["default_alpha"]),
             helper.make_node("Swish", ["x"], ["alpha_1702"], alpha=1.702),
             helper.make_node("Swish", ["x"], ["alpha_half"], alpha=-0.5)]
    model = typed_model(name, nodes, [("x", f, ["batch", 8])], [(n.output[0], f, ["batch", 8]) for n in nodes], 24)
    write(name, model, [x], "Swish (opset 24) x·sigmoid(alpha·x) with the default alpha 1, 1.702 (QuickGelu's) and -0.5; "
          "infinities, NaN and -100 in the input", ["swish", "nonfinite"])


@case("eye_like_op22")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 5)).astype(np.float32)
    fixed = r.standard_normal((4, 3)).astype(np.float32)
    f = TensorProto.FLOAT
    nodes = [helper.make_node("EyeLike", ["x"], ["diagonal"]),
             helper.make_node("EyeLike", ["x"], ["above_2"], k=2),
             helper.make_node("EyeLike", ["x"], ["below_1_int32"], k=-1, dtype=TensorProto.INT32),
             helper.make_node("EyeLike", ["x"], ["beyond"], k=7),
             helper.make_node("EyeLike", ["fixed"], ["fixed_below_2"], k=-2)]
    outs = [("diagonal", f, ["batch", 5]), ("above_2", f, ["batch", 5]), ("below_1_int32", TensorProto.INT32, ["batch", 5]),
            ("beyond", f, ["batch", 5]), ("fixed_below_2", f, [4, 3])]
    model = typed_model(name, nodes, [("x", f, ["batch", 5]), ("fixed", f, [4, 3])], outs, 22)
    write(name, model, [x, fixed], "EyeLike of an input of a dynamic first dimension (computed at run time): k 0, 2, -1 "
          "(dtype int32) and 7 (past the matrix: all zeros); of a fixed [4, 3] input (folded at import) with k -2",
          ["eye_like", "dtype"])


@case("compress_op11")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 5, 2)).astype(np.float32)
    keep = np.array([True, False, True, True, False], bool)
    short = np.array([False, True, True], bool)
    none = np.zeros(3, bool)
    f, b = TensorProto.FLOAT, TensorProto.BOOL
    nodes = [helper.make_node("Compress", ["x", "keep"], ["axis1"], axis=1),
             helper.make_node("Compress", ["x", "short"], ["axis1_short_condition"], axis=1),
             helper.make_node("Compress", ["x", "last"], ["axis_minus1_constant"], axis=-1),
             helper.make_node("Compress", ["x", "keep"], ["flattened"]),
             helper.make_node("Compress", ["x", "none"], ["empty_axis0"], axis=0)]
    outs = [("axis1", f, [3, "a", 2]), ("axis1_short_condition", f, [3, "b", 2]), ("axis_minus1_constant", f, [3, 5, "c"]),
            ("flattened", f, ["d"]), ("empty_axis0", f, ["e", 5, 2])]
    model = typed_model(name, nodes, [("x", f, [3, 5, 2]), ("keep", b, [5]), ("short", b, [3]), ("none", b, [3])], outs, 11,
                        [numpy_helper.from_array(np.array([False, True]), "last")])
    write(name, model, [x, keep, short, none], "Compress by run-time conditions along axis 1 (5 entries; and 3, shorter "
          "than the axis: the slices past it left out), of the flattened input (no axis: 5 entries for 30 values), along "
          "axis 0 by an all-false condition (an empty result); by a constant condition along axis -1",
          ["compress", "negative_axis", "empty", "data_dependent_shape"])


@case("reverse_sequence_op10")
def _(name):
    r = rng(name)
    batch_first = r.standard_normal((4, 3, 2)).astype(np.float32)
    time_first = r.standard_normal((5, 3, 2, 2)).astype(np.float32)
    matrix = r.standard_normal((3, 4)).astype(np.float32)
    lens_b = np.array([1, 3, 0, 2], np.int64)
    lens_t = np.array([5, 2, 4], np.int64)
    lens_m = np.array([4, 1, 2], np.int64)
    f, i = TensorProto.FLOAT, TensorProto.INT64
    nodes = [helper.make_node("ReverseSequence", ["batch_first", "lens_b"], ["batch_axis_0"], batch_axis=0, time_axis=1),
             helper.make_node("ReverseSequence", ["time_first", "lens_t"], ["time_axis_0"]),
             helper.make_node("ReverseSequence", ["matrix", "lens_m"], ["rank_2"], batch_axis=0, time_axis=1)]
    model = typed_model(name, nodes, [("batch_first", f, [4, "steps", 2]), ("lens_b", i, [4]), ("time_first", f, ["t", 3, 2, 2]),
                                      ("lens_t", i, [3]), ("matrix", f, [3, 4]), ("lens_m", i, [3])],
                        [("batch_axis_0", f, [4, "steps", 2]), ("time_axis_0", f, ["t", 3, 2, 2]), ("rank_2", f, [3, 4])], 10)
    write(name, model, [batch_first, lens_b, time_first, lens_t, matrix, lens_m], "ReverseSequence with batch_axis 0 and "
          "time_axis 1 (lengths 1, 3, 0 and 2 of 3 steps: one kept, one reversed whole, one of length 0 kept), with the "
          "default batch_axis 1 and time_axis 0 on a rank-4 input (lengths 5, 2, 4 of 5), and on a matrix",
          ["reverse_sequence", "time_major", "zero_length"])


@case("lp_normalization_mvn_op13")
def _(name):
    r = rng(name)
    x = r.standard_normal((3, 4)).astype(np.float32)
    x[1] = 0  # a zero row: 0 where the norm is 0
    x[2, 1] = np.inf
    image = (3 + 2 * r.standard_normal((2, 3, 4, 5))).astype(np.float32)
    f = TensorProto.FLOAT
    nodes = [helper.make_node("LpNormalization", ["x"], ["l2_last"]),
             helper.make_node("LpNormalization", ["x"], ["l1_axis0"], p=1, axis=0),
             helper.make_node("LpNormalization", ["x"], ["l2_axis_minus2"], axis=-2),
             helper.make_node("MeanVarianceNormalization", ["image"], ["mvn_default_axes"]),
             helper.make_node("MeanVarianceNormalization", ["image"], ["mvn_instance"], axes=[2, 3]),
             helper.make_node("MeanVarianceNormalization", ["image"], ["mvn_last_negative"], axes=[-1])]
    outs = [(n.output[0], f, [3, 4]) for n in nodes[:3]] + [(n.output[0], f, [2, 3, 4, 5]) for n in nodes[3:]]
    model = typed_model(name, nodes, [("x", f, [3, 4]), ("image", f, [2, 3, 4, 5])], outs, 13)
    write(name, model, [x, image], "LpNormalization p=2 over the last axis, p=1 over axis 0, p=2 over axis -2, with a row "
          "of zeros (0 where the norm is 0) and an infinity (NaN and 0 there); MeanVarianceNormalization over its default "
          "axes 0, 2, 3, over 2 and 3, and over -1, of values around 3 with a spread of 2",
          ["lp_normalization", "mean_variance_normalization", "negative_axis", "nonfinite"])


@case("mvn_default_axes_low_rank_op13")
def _(name):
    r = rng(name)
    steps = (3 + 2 * r.standard_normal((2, 3, 5))).astype(np.float32)
    table = (3 + 2 * r.standard_normal((4, 5))).astype(np.float32)
    f = TensorProto.FLOAT
    nodes = [helper.make_node("MeanVarianceNormalization", ["steps"], ["mvn_steps"]),
             helper.make_node("MeanVarianceNormalization", ["table"], ["mvn_table"])]
    model = typed_model(name, nodes, [("steps", f, [2, 3, 5]), ("table", f, [4, 5])],
                        [("mvn_steps", f, [2, 3, 5]), ("mvn_table", f, [4, 5])], 13)
    write(name, model, [steps, table], "MeanVarianceNormalization with its default axes 0, 2, 3 on a 3-D and a 2-D input: "
          "ONNX Runtime keeps the axes below the rank (0 and 2, then 0), of values around 3 with a spread of 2",
          ["mean_variance_normalization"])


@case("lp_pool_op18")
def _(name):
    r = rng(name)
    image = r.standard_normal((2, 3, 7, 6)).astype(np.float32)
    steps = r.standard_normal((2, 3, 9)).astype(np.float32)
    f = TensorProto.FLOAT
    nodes = [helper.make_node("LpPool", ["image"], ["p2_pads_strides"], kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 0]),
             helper.make_node("LpPool", ["image"], ["p3_valid"], kernel_shape=[2, 3], p=3),
             helper.make_node("LpPool", ["image"], ["p1_same_upper"], kernel_shape=[2, 2], strides=[2, 2], p=1,
                              auto_pad="SAME_UPPER"),
             helper.make_node("LpPool", ["steps"], ["p2_1d"], kernel_shape=[4], strides=[2], pads=[2, 1]),
             helper.make_node("GlobalLpPool", ["image"], ["global_p2"]),
             helper.make_node("GlobalLpPool", ["image"], ["global_p3"], p=3),
             helper.make_node("GlobalLpPool", ["steps"], ["global_p1_1d"], p=1)]
    outs = [(n.output[0], f, [f"{n.output[0]}_{i}" for i in range(4 if n.input[0] == "image" else 3)]) for n in nodes]
    model = typed_model(name, nodes, [("image", f, [2, 3, 7, 6]), ("steps", f, [2, 3, 9])], outs, 18)
    write(name, model, [image, steps], "LpPool over two axes: p=2 with strides 2 and pads, p=3 valid, p=1 with auto_pad "
          "SAME_UPPER (on sizes known at import); over one axis, p=2 with pads; GlobalLpPool p=2 and p=3 over two axes, "
          "p=1 over one", ["lp_pool", "global_lp_pool", "pads", "auto_pad"])


@case("center_crop_pad_op18")
def _(name):
    r = rng(name)
    image = r.standard_normal((2, 3, 7, 6)).astype(np.float32)
    f = TensorProto.FLOAT
    nodes = [helper.make_node("CenterCropPad", ["image", "crop_both"], ["crop_odd_even"], axes=[2, 3]),
             helper.make_node("CenterCropPad", ["image", "pad_both"], ["pad_odd_even"], axes=[-2, -1]),
             helper.make_node("CenterCropPad", ["image", "crop_pad"], ["crop_rows_pad_cols"], axes=[2, 3]),
             helper.make_node("CenterCropPad", ["image", "all_axes"], ["every_axis"])]
    outs = [(n.output[0], f, [f"{n.output[0]}_{i}" for i in range(4)]) for n in nodes]
    model = typed_model(name, nodes, [("image", f, [2, 3, 7, 6])], outs, 18,
                        [ints("crop_both", [4, 3]), ints("pad_both", [10, 9]), ints("crop_pad", [2, 11]),
                         ints("all_axes", [2, 2, 7, 5])])
    write(name, model, [image], "CenterCropPad of a [2, 3, 7, 6] input: rows and columns cropped to 4 x 3 (odd and odd "
          "differences), padded to 10 x 9 (negative axes), rows cropped to 2 with columns padded to 11, and every axis (no "
          "axes attribute: channels cropped to 2, columns to 5)", ["center_crop_pad", "negative_axis"])


@case("rotary_embedding_op23")
def _(name):
    r = rng(name)
    b, heads, steps, head = 2, 3, 5, 8
    x4 = r.standard_normal((b, heads, steps, head)).astype(np.float32)
    x3 = r.standard_normal((b, steps, 12)).astype(np.float32)
    positions = np.array([[0, 1, 2, 3, 4], [6, 7, 8, 9, 2]], np.int64)
    angles = np.arange(10)[:, None] / (10000.0 ** (np.arange(4) / 4))[None]
    cos_table, sin_table = np.cos(angles).astype(np.float32), np.sin(angles).astype(np.float32)
    small = np.arange(10)[:, None] / (100.0 ** (np.arange(2) / 2))[None]
    cos_small, sin_small = np.cos(small).astype(np.float32), np.sin(small).astype(np.float32)
    cos_rows = r.uniform(-1, 1, (b, steps, 2)).astype(np.float32)
    sin_rows = r.uniform(-1, 1, (b, steps, 2)).astype(np.float32)
    f, i = TensorProto.FLOAT, TensorProto.INT64
    nodes = [helper.make_node("RotaryEmbedding", ["x4", "cos_table", "sin_table", "positions"], ["halves"]),
             helper.make_node("RotaryEmbedding", ["x4", "cos_table", "sin_table", "positions"], ["interleaved"], interleaved=1),
             helper.make_node("RotaryEmbedding", ["x4", "cos_small", "sin_small", "positions"], ["interleaved_partial"],
                              interleaved=1, rotary_embedding_dim=4),
             helper.make_node("RotaryEmbedding", ["x3", "cos_rows", "sin_rows"], ["hidden_partial_no_positions"],
                              num_heads=2, rotary_embedding_dim=4)]
    model = typed_model(name, nodes, [("x4", f, ["batch", heads, steps, head]), ("positions", i, ["batch", steps]),
                                      ("x3", f, ["batch", steps, 12]), ("cos_rows", f, ["batch", steps, 2]),
                                      ("sin_rows", f, ["batch", steps, 2])],
                        [("halves", f, ["batch", heads, steps, head]), ("interleaved", f, ["batch", heads, steps, head]),
                         ("interleaved_partial", f, ["batch", heads, steps, head]),
                         ("hidden_partial_no_positions", f, ["batch", steps, 12])], 23,
                        [numpy_helper.from_array(cos_table, "cos_table"), numpy_helper.from_array(sin_table, "sin_table"),
                         numpy_helper.from_array(cos_small, "cos_small"), numpy_helper.from_array(sin_small, "sin_small")])
    write(name, model, [x4, positions, x3, cos_rows, sin_rows], "RotaryEmbedding (opset 23) of [batch, heads, steps, 8] "
          "by cos and sin tables of 10 positions read at position_ids (not in order), rotating halves and interleaved "
          "pairs, and interleaved over the first 4 values only; of [batch, steps, 12] with num_heads 2 (heads of 6), "
          "rotary_embedding_dim 4, by caches given per batch and step (no position_ids)",
          ["rotary_embedding", "interleaved", "partial_rotation", "position_ids"])


@case("bitwise_op18")
def _(name):
    r = rng(name)
    a = r.integers(-3000, 3000, (2, 6)).astype(np.int32)
    a[0, :3] = [-1, -(1 << 23), (1 << 23) + 5]
    b = np.array([0x0F0F, -256, 7, -1, 1 << 20, 12345], np.int32)
    u = r.integers(0, 256, (2, 6)).astype(np.int32)  # cast to uint8 in the graph (case inputs are int32 or floats)
    shifts = np.array([0, 1, 3, 7, 8, 9], np.int32)
    wide = np.array([[1 << 20, 5, 123456, 7, 1, 0]], np.int32)
    i32, u8, u32 = TensorProto.INT32, TensorProto.UINT8, TensorProto.UINT32
    nodes = [helper.make_node("Cast", ["u_int32"], ["u"], to=TensorProto.UINT8),
             helper.make_node("Cast", ["shifts_int32"], ["shifts"], to=TensorProto.UINT8),
             helper.make_node("Cast", ["wide_int32"], ["wide"], to=TensorProto.UINT32),
             helper.make_node("BitwiseAnd", ["a", "b"], ["and_broadcast"]),
             helper.make_node("BitwiseOr", ["a", "b"], ["or_broadcast"]),
             helper.make_node("BitwiseXor", ["b", "a"], ["xor_broadcast"]),
             helper.make_node("BitwiseNot", ["a"], ["not_int32"]),
             helper.make_node("BitwiseNot", ["u"], ["not_uint8"]),
             helper.make_node("BitShift", ["u", "shifts"], ["left_uint8"], direction="LEFT"),
             helper.make_node("BitShift", ["u", "shifts"], ["right_uint8"], direction="RIGHT"),
             helper.make_node("BitShift", ["wide", "wide_shifts"], ["left_uint32"], direction="LEFT"),
             helper.make_node("BitShift", ["wide", "wide_shifts"], ["right_uint32"], direction="RIGHT"),
             helper.make_node("BitShift", ["u", "four"], ["high_nibble"], direction="RIGHT"),
             helper.make_node("BitwiseAnd", ["u", "low_mask"], ["low_nibble"])]
    inits = [numpy_helper.from_array(np.array(4, np.uint8), "four"),
             numpy_helper.from_array(np.array([3, 0, 2, 1, 0, 5], np.uint32), "wide_shifts"),
             numpy_helper.from_array(np.array(15, np.uint8), "low_mask")]
    outs = [("and_broadcast", i32, [2, 6]), ("or_broadcast", i32, [2, 6]), ("xor_broadcast", i32, [2, 6]),
            ("not_int32", i32, [2, 6]), ("not_uint8", u8, [2, 6]), ("left_uint8", u8, [2, 6]), ("right_uint8", u8, [2, 6]),
            ("left_uint32", u32, [1, 6]), ("right_uint32", u32, [1, 6]), ("high_nibble", u8, [2, 6]), ("low_nibble", u8, [2, 6])]
    model = typed_model(name, nodes, [("a", i32, [2, 6]), ("b", i32, [6]), ("u_int32", i32, [2, 6]), ("shifts_int32", i32, [6]),
                                      ("wide_int32", i32, [1, 6])], outs, 18, inits)
    write(name, model, [a, b, u, shifts, wide], "BitwiseAnd, BitwiseOr, BitwiseXor of int32 with broadcasting and "
          "negative values (two's complement; values up to 2^23 + 5); BitwiseNot of int32 and uint8; BitShift of uint8 "
          "left (bits shifted out lost, shifts up to 9) and right, of uint32 left and right (results below 2^24); the "
          "high and low nibbles of bytes (x >> 4, x & 15), as packed int4 weights are unpacked",
          ["bitwise", "bitshift", "broadcast", "unsigned", "wrap"])


@case("det_op22")
def _(name):
    r = rng(name)
    stack = r.standard_normal((2, 3, 4, 4)).astype(np.float32)
    five = r.standard_normal((3, 5, 5)).astype(np.float32)
    five[1, 3] = five[1, 1] * 2  # singular: rounding leaves what LU leaves, as in ONNX Runtime
    five[2, :, 0] = [1, -1, 1, -1, 0.5]  # pivot ties: the first row of largest magnitude
    small = np.array([[[2, 3], [1, 4]], [[0, 1], [1, 0]], [[1e-3, 2], [3, 4]]], np.float32)
    single = np.array([[[-2.5]]], np.float32)
    f = TensorProto.FLOAT
    nodes = [helper.make_node("Det", ["stack"], ["det_4x4"]), helper.make_node("Det", ["five"], ["det_5x5"]),
             helper.make_node("Det", ["small"], ["det_2x2"]), helper.make_node("Det", ["single"], ["det_1x1"])]
    model = typed_model(name, nodes, [("stack", f, ["batch", 3, 4, 4]), ("five", f, [3, 5, 5]), ("small", f, [3, 2, 2]),
                                      ("single", f, [1, 1, 1])],
                        [("det_4x4", f, ["batch", 3]), ("det_5x5", f, [3]), ("det_2x2", f, [3]), ("det_1x1", f, [1])], 22)
    write(name, model, [stack, five, small, single], "Det of a [batch, 3] stack of 4 x 4 matrices, of 5 x 5 matrices (one "
          "singular, one with ties for the first pivot), of 2 x 2 matrices (one needing a row swap, one a small pivot) and "
          "of a 1 x 1 matrix", ["det", "pivoting", "singular"])


class FoldAfterUnfold(torch.nn.Module):
    """torch nn.Fold (exported as Col2Im) of a projection of nn.Unfold's columns, and a second Fold without padding."""

    def __init__(self):
        super().__init__()
        self.unfold = torch.nn.Unfold((2, 3), dilation=(1, 2), padding=1, stride=(2, 1))
        self.fold = torch.nn.Fold((5, 7), (2, 3), dilation=(1, 2), padding=1, stride=(2, 1))
        self.plain = torch.nn.Fold((4, 4), 2, stride=1)
        self.mix = torch.nn.Linear(12, 12)

    def forward(self, x):
        cols = self.unfold(x)
        folded = self.fold(self.mix(cols.transpose(1, 2)).transpose(1, 2))
        return folded, self.plain(cols[:, :8, :9] * 2)


@case("torch_fold_col2im_op18")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 2, 5, 7)).astype(np.float32)
    torch_case(name, FoldAfterUnfold(), x, 18, "torch nn.Fold, exported as Col2Im: the overlapping blocks of nn.Unfold's "
               "columns (kernel 2 x 3, dilation (1, 2), padding 1, stride (2, 1)) after a Linear, summed back into a "
               "5 x 7 image, and a 2 x 2 Fold with stride 1 into 4 x 4; dynamic batch", ["col2im", "dilations", "pads",
               "strides", "dynamic_batch"], {"x": {0: "batch"}, "y": {0: "batch"}, "plain": {0: "batch"}},
               output_names=("y", "plain"))


@case("col2im_nd_op18")
def _(name):
    r = rng(name)
    cols_1d = r.standard_normal((2, 6, 4)).astype(np.float32)
    cols_2d = r.standard_normal((1, 6, 12)).astype(np.float32)
    cols_3d = r.standard_normal((2, 8, 24)).astype(np.float32)
    f, i64 = TensorProto.FLOAT, TensorProto.INT64
    consts = {"image_1d": [9], "block_1d": [3], "image_2d": [5, 7], "block_2d": [2, 3], "image_3d": [3, 4, 5],
              "block_3d": [2, 2, 2]}
    nodes = [helper.make_node("Constant", [], [k], value=numpy_helper.from_array(np.array(v, np.int64), k))
             for k, v in consts.items()]
    nodes += [helper.make_node("Col2Im", ["cols_1d", "image_1d", "block_1d"], ["image_1"], pads=[1, 0], strides=[2]),
              helper.make_node("Col2Im", ["cols_2d", "image_2d", "block_2d"], ["image_2"], pads=[1, 1, 0, 0],
                               dilations=[1, 2], strides=[2, 1]),
              helper.make_node("Col2Im", ["cols_3d", "image_3d", "block_3d"], ["image_3"], strides=[1, 1, 2],
                               pads=[0, 1, 0, 0, 0, 1])]
    model = typed_model(name, nodes, [("cols_1d", f, ["batch", 6, 4]), ("cols_2d", f, [1, 6, 12]), ("cols_3d", f, [2, 8, 24])],
                        [("image_1", f, ["batch", 2, 9]), ("image_2", f, [1, 1, 5, 7]), ("image_3", f, [2, 1, 3, 4, 5])], 18)
    write(name, model, [cols_1d, cols_2d, cols_3d], "Col2Im of one, two and three image axes (ONNX Runtime's Col2imNd for "
          "one and three; dilations on two only: on others ONNX Runtime 1.30 reads the rows by the dilated block): pads that "
          "differ between an axis' begin and end, dilations and strides", ["col2im", "pads",
          "dilations", "strides"])


@case("roi_align_op16")
def _(name):
    r = rng(name)
    x = r.standard_normal((2, 3, 6, 7)).astype(np.float32)
    rois = np.array([[0.5, 1, 5, 4.5], [-1, -2, 3, 8], [2, 2, 2.2, 2.1], [1, 0, 6.5, 5.9], [7, 6, 9, 9]], np.float32)
    batch_indices = np.array([0, 1, 1, 0, 1], np.int64)
    f = TensorProto.FLOAT
    specs = [("avg_half", "avg", "half_pixel", 0), ("avg_output_half", "avg", "output_half_pixel", 2),
             ("max_half", "max", "half_pixel", 2), ("max_output_half", "max", "output_half_pixel", 0)]
    nodes = [helper.make_node("RoiAlign", ["x", "rois", "batch_indices"], [out], mode=mode, output_height=3,
                              output_width=2, sampling_ratio=ratio, spatial_scale=0.8,
                              coordinate_transformation_mode=transform) for out, mode, transform, ratio in specs]
    model = typed_model(name, nodes, [("x", f, ["batch", 3, 6, 7]), ("rois", f, ["regions", 4]),
                                      ("batch_indices", TensorProto.INT64, ["regions"])],
                        [(out, f, ["regions", 3, 3, 2]) for out, *_ in specs], 16)
    write(name, model, [x, rois, batch_indices], "RoiAlign (as torchvision's roi_align writes it) of five regions (one "
          "reaching outside the image, one smaller than a pixel, one wholly past the image's corner) in modes avg and max "
          "(ONNX Runtime's max: the largest weighted neighbour of any sample), half_pixel and output_half_pixel, "
          "sampling_ratio 0 (adaptive) and 2, spatial_scale 0.8", ["roi_align", "avg", "max", "half_pixel",
          "output_half_pixel", "sampling_ratio"])


def main(args):
    names = [n for n in REGISTRY if not args or any(n.startswith(a) or n.startswith("onnx_" + a) for a in args)]
    for n in names:
        REGISTRY[n](n)


if __name__ == "__main__":
    main(sys.argv[1:])
