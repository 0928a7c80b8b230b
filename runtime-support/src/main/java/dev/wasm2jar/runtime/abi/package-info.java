/**
 * The contract between generated code and the runtime: the static helpers compiled modules call
 * ({@link dev.wasm2jar.runtime.abi.MemoryOps}, {@link dev.wasm2jar.runtime.abi.TableOps},
 * {@link dev.wasm2jar.runtime.abi.GlobalOps}, {@link dev.wasm2jar.runtime.abi.NumericOps},
 * {@link dev.wasm2jar.runtime.abi.FrameOps}, {@link dev.wasm2jar.runtime.abi.TrapOps}, and for SIMD one class per lane
 * type, {@link dev.wasm2jar.runtime.abi.I8x16Ops} to {@link dev.wasm2jar.runtime.abi.F64x2Ops}, and
 * {@link dev.wasm2jar.runtime.abi.V128Ops}), what a compiled instance receives when it is created
 * ({@link dev.wasm2jar.runtime.abi.Linkage}) and implements ({@link dev.wasm2jar.runtime.abi.CompiledInstance}), the
 * polls of modules compiled with metering ({@link dev.wasm2jar.runtime.abi.MeterOps}) and the class their instances
 * extend ({@link dev.wasm2jar.runtime.abi.MeteredInstance}), and the description of a module stored beside its classes
 * ({@link dev.wasm2jar.runtime.abi.ModuleShape}).
 *
 * <p>This is public because generated classes link against it, and stable for the same reason: changing a signature
 * here breaks compiled jars, so every change raises {@link dev.wasm2jar.runtime.abi.Abi#VERSION}, which each module
 * class carries and the runtime checks when it loads one. The compiler names every method here through one list
 * ({@code dev.wasm2jar.compiler.internal.abi.Builtin}), which a test resolves against these classes. Generated code
 * uses the embedding API's types ({@code Memory}, {@code Table}, {@code Global}, {@code WasmFunction}, {@code V128})
 * only as values it holds and passes: it calls none of their methods. Embedders use {@code dev.wasm2jar.runtime}
 * instead.
 *
 * <p>Dependencies go one way: this package builds on the public {@code dev.wasm2jar.runtime} types; of this package,
 * the public API uses only {@link dev.wasm2jar.runtime.abi.ModuleShape} ({@code Module.shape()}).
 *
 * <p>Convention: helpers take the value operands first, in wasm stack order, and the context they work on (memory
 * buffer, table, global) last, so generated code pushes operands as wasm does and the context after them, with no
 * shuffling.
 */
package dev.wasm2jar.runtime.abi;
