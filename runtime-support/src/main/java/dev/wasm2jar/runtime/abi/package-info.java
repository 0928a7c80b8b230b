/**
 * The contract between generated code and the runtime: the static helpers compiled modules call
 * ({@link dev.wasm2jar.runtime.abi.MemoryOps}, {@link dev.wasm2jar.runtime.abi.TableOps},
 * {@link dev.wasm2jar.runtime.abi.NumericOps}, and for SIMD one class per lane type,
 * {@link dev.wasm2jar.runtime.abi.I8x16Ops} to {@link dev.wasm2jar.runtime.abi.F64x2Ops}, and
 * {@link dev.wasm2jar.runtime.abi.V128Ops}), what a compiled instance receives when it is created
 * ({@link dev.wasm2jar.runtime.abi.Linkage}) and the description of a module stored beside its classes
 * ({@link dev.wasm2jar.runtime.abi.ModuleShape}).
 *
 * <p>This is public because generated classes link against it, and stable for the same reason: changing a signature
 * here breaks compiled jars. Embedders use {@code dev.wasm2jar.runtime} instead.
 *
 * <p>Convention: helpers take the value operands first, in wasm stack order, and the context they work on (memory
 * buffer, table) last, so generated code pushes operands as wasm does and the context after them, with no shuffling.
 */
package dev.wasm2jar.runtime.abi;
