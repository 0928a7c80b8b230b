package dev.wasm2jar.nn.internal.fn;

import static dev.wasm2jar.runtime.host.GuestMemory.check;
import static dev.wasm2jar.runtime.host.GuestMemory.i32;
import static dev.wasm2jar.runtime.host.GuestMemory.putI32;

import dev.wasm2jar.nn.backend.Backend;
import dev.wasm2jar.nn.backend.ExecutionTarget;
import dev.wasm2jar.nn.backend.GraphEncoding;
import dev.wasm2jar.nn.backend.NnError;
import dev.wasm2jar.nn.backend.NnException;
import dev.wasm2jar.nn.backend.TensorType;
import dev.wasm2jar.nn.internal.Handles;
import dev.wasm2jar.runtime.host.GuestMemory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code wasi_ephemeral_nn} as WasmEdge defines it (plugins/wasi_nn/wasinnfunc.cpp), for one instance: its graphs
 * and execution contexts. Every function returns an {@link NnError} code; every pointer and length is checked
 * against the guest's memory first (a range outside it is {@link NnError#INVALID_ARGUMENT}).
 *
 * <pre>
 * graph builder (8 bytes): 0 data: u32 | 4 length: u32
 * tensor (20 bytes):       0 dimensions: u32 (u32 array) | 4 dimensions_len: u32 | 8 type: u32 (TensorType)
 *                          | 12 data: u32 | 16 data_len: u32
 * </pre>
 *
 * A context outlives the {@code unload} of its graph, as in WasmEdge: {@code set_input} and {@code compute} then
 * fail with {@link NnError#INVALID_ARGUMENT}, {@code get_output} and {@code finalize_execution_context} still work.
 */
public final class NnFunctions {
    private static final int BUILDER_SIZE = 8;
    private static final int TENSOR_SIZE = 20;
    /** More dimensions than any backend's tensors have; the bound keeps a guest's count from sizing an array. */
    private static final int MAX_RANK = 64;

    /** A context, and the graph handle it was made from. */
    private record Context(Backend.ExecutionContext backend, int graph) implements AutoCloseable {
        @Override
        public void close() {
            backend.close();
        }
    }

    private final GuestMemory memory;
    private final Models models;
    private final Handles<Backend.Graph> graphs = new Handles<>();
    private final Handles<Context> contexts = new Handles<>();
    private final Map<String, Integer> preloaded = new HashMap<>();

    public NnFunctions(GuestMemory memory, Models models) {
        this.memory = memory;
        this.models = models;
    }

    public int load(int builders, int count, int encoding, int target, int graphOut) throws NnException {
        byte[] mem = memory.bytes();
        check(mem, graphOut, 4);
        ExecutionTarget device = ExecutionTarget.of(target);
        if (device == null || device == ExecutionTarget.AUTO) { // load takes cpu, gpu or tpu
            throw invalid("unknown execution target " + Integer.toUnsignedString(target));
        }
        check(mem, builders, arrayBytes(count, BUILDER_SIZE));
        long total = 0;
        for (int i = 0; i < count; i++) {
            int at = builders + i * BUILDER_SIZE;
            check(mem, i32(mem, at), i32(mem, at + 4));
            total += i32(mem, at + 4);
        }
        if (total > mem.length) { // builders that overlap: copying them could take more heap than the memory
            throw invalid("the builders add up to more bytes than the memory has");
        }
        List<byte[]> bytes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int at = builders + i * BUILDER_SIZE;
            bytes.add(GuestMemory.read(mem, i32(mem, at), i32(mem, at + 4)));
        }
        putI32(mem, graphOut, add(graphs, loadGraph(GraphEncoding.of(encoding), bytes, device)));
        return 0;
    }

    public int loadByName(int name, int nameLength, int graphOut) throws NnException {
        return loadByNameWithConfig(name, nameLength, 0, 0, graphOut);
    }

    /** Loads a preloaded model; a non-empty config is one more graph builder, as in WasmEdge. */
    public int loadByNameWithConfig(int name, int nameLength, int configAt, int configLength, int graphOut)
            throws NnException {
        byte[] mem = memory.bytes();
        check(mem, graphOut, 4);
        check(mem, name, nameLength);
        byte[] extra = GuestMemory.read(mem, configAt, configLength);
        String key = new String(mem, name, nameLength, StandardCharsets.UTF_8);
        Integer cached = preloaded.get(key);
        if (cached != null && graphs.get(cached) != null) {
            putI32(mem, graphOut, cached);
            return 0;
        }
        Models.Preloaded preload = models.preload(key);
        if (preload == null) {
            throw new NnException(NnError.NOT_FOUND, "nothing was preloaded as '" + key + "'");
        }
        List<byte[]> bytes = new ArrayList<>();
        for (Path path : preload.paths()) {
            try {
                bytes.add(Files.readAllBytes(path));
            } catch (IOException e) {
                throw new NnException(NnError.RUNTIME_ERROR, "cannot read the preloaded model " + path, e);
            }
        }
        if (extra.length > 0) {
            bytes.add(extra);
        }
        int graph = add(graphs, loadGraph(preload.encoding(), bytes, preload.target()));
        preloaded.put(key, graph);
        putI32(memory.bytes(), graphOut, graph);
        return 0;
    }

    public int initExecutionContext(int graph, int contextOut) throws NnException {
        byte[] mem = memory.bytes();
        check(mem, contextOut, 4);
        putI32(mem, contextOut, add(contexts, new Context(graph(graph).newContext(), graph)));
        return 0;
    }

    public int setInput(int context, int index, int tensor) throws NnException {
        byte[] mem = memory.bytes();
        check(mem, tensor, TENSOR_SIZE);
        int dimensionsAt = i32(mem, tensor);
        int rank = i32(mem, tensor + 4);
        int type = i32(mem, tensor + 8);
        int data = i32(mem, tensor + 12);
        int length = i32(mem, tensor + 16);
        check(mem, dimensionsAt, arrayBytes(rank, 4));
        if (rank > MAX_RANK) {
            throw invalid(Integer.toUnsignedString(rank) + " dimensions");
        }
        int[] dimensions = new int[rank];
        for (int i = 0; i < rank; i++) {
            dimensions[i] = i32(mem, dimensionsAt + 4 * i);
        }
        check(mem, data, length);
        Backend.ExecutionContext c = ready(context);
        TensorType elements = TensorType.of(type);
        TensorType legacy = TensorType.legacy(type);
        if (legacy != null && legacy != elements && c.inputType(index) == legacy) {
            elements = legacy; // a guest of the old numbering (u8 2, i32 3) whose type fits the tensor
        }
        if (elements != TensorType.F16 && elements != TensorType.F32 && elements != TensorType.U8
                && elements != TensorType.I32) {
            throw invalid("tensor type " + Integer.toUnsignedString(type) + " is not an input type (f16, f32, u8,"
                    + " i32)");
        }
        c.setInput(index, elements, dimensions, mem, data, length);
        return 0;
    }

    public int compute(int context) throws NnException {
        ready(context).compute();
        return 0;
    }

    /** Writes the output's real size to {@code writtenOut}, then the output, or fails with too_large. */
    public int getOutput(int context, int index, int out, int max, int writtenOut) throws NnException {
        byte[] mem = memory.bytes();
        check(mem, out, max);
        check(mem, writtenOut, 4);
        Backend.ExecutionContext c = context(context).backend();
        int size = c.outputSize(index);
        putI32(mem, writtenOut, size);
        if (Integer.compareUnsigned(size, max) > 0) {
            throw new NnException(NnError.TOO_LARGE, "output " + index + " has " + size + " bytes, the buffer "
                    + Integer.toUnsignedString(max));
        }
        c.copyOutput(index, mem, out);
        return 0;
    }

    public int getOutputSingle(int context, int index, int out, int max, int writtenOut) throws NnException {
        byte[] mem = memory.bytes();
        check(mem, out, max);
        check(mem, writtenOut, 4);
        putI32(mem, writtenOut, context(context).backend().getOutputSingle(index, mem, out, max));
        return 0;
    }

    public int computeSingle(int context) throws NnException {
        ready(context).computeSingle();
        return 0;
    }

    public int finiSingle(int context) throws NnException {
        context(context).backend().finiSingle();
        return 0;
    }

    public int unload(int graph) throws NnException {
        Backend.Graph removed = graphs.remove(graph);
        if (removed == null) {
            throw invalid("no graph " + Integer.toUnsignedString(graph));
        }
        removed.close();
        preloaded.values().remove(graph);
        return 0;
    }

    public int finalizeExecutionContext(int context) throws NnException {
        Context removed = contexts.remove(context);
        if (removed == null) {
            throw invalid("no execution context " + Integer.toUnsignedString(context));
        }
        removed.close();
        return 0;
    }

    /** Releases every graph and context (the instance is done). */
    public void close() {
        contexts.closeAll();
        graphs.closeAll();
    }

    private Backend.Graph loadGraph(GraphEncoding encoding, List<byte[]> builders, ExecutionTarget target)
            throws NnException {
        Backend backend = encoding == null ? null : models.backend(encoding);
        if (backend == null) {
            throw new NnException(NnError.INVALID_ENCODING, "no backend for the encoding "
                    + (encoding == null ? "(unknown)" : encoding.flagName()));
        }
        return backend.load(builders, target);
    }

    private Backend.Graph graph(int graph) throws NnException {
        Backend.Graph g = graphs.get(graph);
        if (g == null) {
            throw invalid("no graph " + Integer.toUnsignedString(graph));
        }
        return g;
    }

    private Context context(int context) throws NnException {
        Context c = contexts.get(context);
        if (c == null) {
            throw invalid("no execution context " + Integer.toUnsignedString(context));
        }
        return c;
    }

    /** A context whose graph is still loaded. */
    private Backend.ExecutionContext ready(int context) throws NnException {
        Context c = context(context);
        if (graphs.get(c.graph()) == null) {
            throw invalid("the graph of execution context " + Integer.toUnsignedString(context) + " is unloaded");
        }
        return c.backend();
    }

    private static <T extends AutoCloseable> int add(Handles<T> table, T object) throws NnException {
        int handle = table.add(object);
        if (handle == -1) {
            try {
                object.close();
            } catch (Exception e) {
                // closing native objects does not fail
            }
            throw new NnException(NnError.RUNTIME_ERROR, "no handles left");
        }
        return handle;
    }

    /** The bytes of {@code count} guest items of {@code size}; a count no memory holds is out of bounds. */
    static int arrayBytes(int count, int size) {
        long bytes = Integer.toUnsignedLong(count) * size;
        if (bytes > Integer.MAX_VALUE) {
            throw new IndexOutOfBoundsException(Integer.toUnsignedString(count) + " items of " + size + " bytes");
        }
        return (int) bytes;
    }

    private static NnException invalid(String message) {
        return new NnException(NnError.INVALID_ARGUMENT, message);
    }
}
