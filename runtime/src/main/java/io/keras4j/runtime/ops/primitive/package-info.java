/**
 * Tensor primitives for graphs from formats that compute shapes and wiring with ops (ONNX: Shape,
 * Gather, Slice, Concat, Reshape, ...). Integer values (shapes, indices, lengths) travel as float32,
 * exact up to 2^24. Ops whose output shape depends on input values implement
 * {@link io.keras4j.runtime.ops.Op#outputShapes(int[][], float[][])}.
 */
package io.keras4j.runtime.ops.primitive;
