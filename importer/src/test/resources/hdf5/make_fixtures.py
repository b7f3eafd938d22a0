"""Regenerates the HDF5 test fixtures next to this script.

Run with h5py 3 and numpy (ml_dtypes for the Keras-style bfloat16 dataset):
    python make_fixtures.py
Every value written here is asserted literally by Hdf5FileTest.
"""
import os

import h5py
import ml_dtypes
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))


def fixed_string_attr(obj, name, raw, size, strpad):
    """Writes a scalar fixed-length ASCII string attribute with an explicit padding mode."""
    tid = h5py.h5t.C_S1.copy()
    tid.set_size(size)
    tid.set_strpad(strpad)
    attr = h5py.h5a.create(obj.id, name.encode(), tid, h5py.h5s.create(h5py.h5s.SCALAR))
    attr.write(np.array(raw, dtype="S%d" % size), mtype=tid)


def make_fixtures(path):
    with h5py.File(path, "w") as f:
        a = f.attrs
        a["utf8_str"] = "héllo wörld ✓"  # variable-length, UTF-8
        a.create("vlen_ascii_bytes", '{"name": "café"}'.encode("utf-8"),
                 dtype=h5py.string_dtype("ascii"))  # what Keras' model_config looks like
        a["natural_bytes"] = "naïve".encode("utf-8")  # h5py 3 default for bytes
        a["fixed_s"] = np.bytes_(b"fixed")  # fixed-length, NUL padded
        fixed_string_attr(f, "space_padded", b"pad     ", 8, h5py.h5t.STR_SPACEPAD)
        fixed_string_attr(f, "null_term", b"abc\0xy", 6, h5py.h5t.STR_NULLTERM)
        a["one_element"] = np.array([b"only"])
        a["bytes_list"] = [b"dense", b"lstm_1"]  # variable-length ASCII array
        a["utf8_list"] = ["α", "beta"]  # variable-length UTF-8 array
        a["s_array"] = np.array([b"a", b"bcd", b"ef"], dtype="S4")  # fixed-length, NUL padded
        a["layer_names0"] = np.array([b"l1", b"l2"])  # Keras' chunked attribute
        a["layer_names1"] = np.array([b"l3"])
        a["empty_list"] = np.asarray([])  # float64, shape (0,)
        a["numbers"] = np.array([1, 2], dtype=np.int32)

        w = f.create_group("model_weights/dense/dense")
        w.attrs["weight_names"] = [b"dense/kernel:0", b"dense/bias:0"]
        w["kernel:0"] = np.array([[0.5, 1.0, 1.5], [-2.0, 2.5, 3.0]], dtype=np.float32)
        w["bias:0"] = np.array([0.25, -0.125, 8.0], dtype=np.float32)

        f["a/b/c:0"] = np.array([7.0, 8.0], dtype=np.float32)  # intermediate groups implied
        f["f64"] = np.array([0.1, -2.5, 1.0e10], dtype=np.float64)
        f["f16"] = np.array([0.5, -1.25, 65504.0, 2.0 ** -24], dtype=np.float16)
        f["i32"] = np.array([[-3, 0], [7, 1000000]], dtype=np.int32)
        f["scalar"] = np.float32(3.25)
        bf = f.create_dataset("bf16_uint16", data=np.array([0x3FC0, 0xC010, 0x4040], dtype=np.uint16))
        bf.attrs["dtype"] = "bfloat16"  # 1.5, -2.25, 3.0
        bf = f.create_dataset("bf16_opaque", data=np.array([1.5, -2.25, 3.0], dtype=ml_dtypes.bfloat16))
        bf.attrs["dtype"] = "bfloat16"  # exactly what Keras 3 writes (H5T_OPAQUE, 2 bytes)
        f.create_dataset("compressed", data=np.arange(100, dtype=np.float32) / 4,
                         chunks=(10,), compression="gzip")
        f.create_dataset("empty", shape=(0, 3), dtype=np.float32)
        f.create_dataset("text", data=np.array([b"xy"]))

        order = f.create_group("order")
        for name in ["b", "a", "c10", "c2"]:
            order.create_group(name)
        f.create_group("empty_group")
        f["ünï/w"] = np.array([1.0], dtype=np.float32)
        f["soft"] = h5py.SoftLink("/f64")
        f["external"] = h5py.ExternalLink("other.h5", "/x")

        # Datasets whose declared size is absurd for such a small file (never written).
        f.create_dataset("limits/contiguous_huge", shape=(1_000_000_000,), dtype=np.float32)
        f.create_dataset("limits/chunked_too_many", shape=(3_000_000_000,), dtype=np.float32,
                         chunks=(1024,))


def make_userblock(path):
    """A file whose superblock sits at offset 512, after a user block."""
    with h5py.File(path, "w", userblock_size=512) as f:
        f["x"] = np.array([1.0, 2.0], dtype=np.float32)
    with open(path, "r+b") as raw:
        raw.write(b"user block text")


if __name__ == "__main__":
    make_fixtures(os.path.join(HERE, "fixtures.h5"))
    make_userblock(os.path.join(HERE, "userblock.h5"))
