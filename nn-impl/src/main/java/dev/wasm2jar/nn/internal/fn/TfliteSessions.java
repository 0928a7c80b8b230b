package dev.wasm2jar.nn.internal.fn;

import static dev.wasm2jar.runtime.host.GuestMemory.check;
import static dev.wasm2jar.runtime.host.GuestMemory.putI32;

import dev.wasm2jar.nn.backend.Backend;
import dev.wasm2jar.nn.backend.ExecutionTarget;
import dev.wasm2jar.nn.backend.NnError;
import dev.wasm2jar.nn.backend.NnException;
import dev.wasm2jar.nn.internal.Handles;
import dev.wasm2jar.runtime.host.GuestMemory;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code wasmedge_tensorflowlite}, WasmEdge's older TensorFlow Lite module (plugins/wasmedge_tensorflowlite) that
 * the {@code wasmedge_tensorflow_interface} crate calls, on the same backend as wasi-nn: a session is a graph and
 * one execution context; inputs and outputs are found by tensor name. Its codes are wasi-nn's first six (success,
 * invalid_argument, invalid_encoding, missing_memory, busy, runtime_error); a guest range outside memory is
 * missing_memory, as WasmEdge answers. Session handles are never reused (WasmEdge recycles them).
 */
public final class TfliteSessions {
    /** A model with its interpreter. */
    private record Session(Backend.Graph graph, Backend.ExecutionContext context) implements AutoCloseable {
        @Override
        public void close() {
            context.close();
            graph.close();
        }
    }

    private final GuestMemory memory;
    private final Backend backend;
    private final Handles<Session> sessions = new Handles<>();

    public TfliteSessions(GuestMemory memory, Backend backend) {
        this.memory = memory;
        this.backend = backend;
    }

    public int createSession(int model, int length, int sessionOut) throws NnException {
        byte[] mem = memory.bytes();
        byte[] bytes = GuestMemory.read(mem, model, length);
        check(mem, sessionOut, 4);
        Backend.Graph graph = backend.load(List.of(bytes), ExecutionTarget.CPU);
        Backend.ExecutionContext context;
        try {
            context = graph.newContext();
        } catch (NnException e) {
            graph.close();
            throw e;
        }
        Session session = new Session(graph, context);
        int handle = sessions.add(session);
        if (handle == -1) {
            session.close();
            throw new NnException(NnError.RUNTIME_ERROR, "no session handles left");
        }
        putI32(mem, sessionOut, handle);
        return 0;
    }

    /** Deletes a session; an unknown one is no error, as in WasmEdge. */
    public int deleteSession(int session) {
        Session removed = sessions.remove(session);
        if (removed != null) {
            removed.close();
        }
        return 0;
    }

    public int runSession(int session) throws NnException {
        session(session).context().compute();
        return 0;
    }

    /** The index of the output tensor named {@code name}. */
    public int getOutputTensor(int session, int name, int nameLength, int tensorOut) throws NnException {
        Backend.ExecutionContext context = session(session).context();
        byte[] mem = memory.bytes();
        String wanted = string(mem, name, nameLength);
        check(mem, tensorOut, 4);
        for (int i = 0; i < context.outputCount(); i++) {
            if (context.outputName(i).equals(wanted)) {
                putI32(mem, tensorOut, i);
                return 0;
            }
        }
        throw new NnException(NnError.INVALID_ARGUMENT, "no output tensor named '" + wanted + "'");
    }

    public int getTensorLen(int session, int tensor, int lengthOut) throws NnException {
        Backend.ExecutionContext context = session(session).context();
        byte[] mem = memory.bytes();
        check(mem, lengthOut, 4);
        putI32(mem, lengthOut, context.outputSize(tensor));
        return 0;
    }

    /** Copies output {@code tensor}; the buffer must be exactly its size, as in WasmEdge. */
    public int getTensorData(int session, int tensor, int buffer, int length, int writtenOut) throws NnException {
        Backend.ExecutionContext context = session(session).context();
        byte[] mem = memory.bytes();
        check(mem, buffer, length);
        check(mem, writtenOut, 4);
        putI32(mem, writtenOut, 0);
        int size = context.outputSize(tensor);
        if (size != length) {
            throw new NnException(NnError.INVALID_ARGUMENT, "output tensor " + tensor + " has " + size
                    + " bytes, the buffer " + Integer.toUnsignedString(length));
        }
        context.copyOutput(tensor, mem, buffer);
        putI32(mem, writtenOut, size);
        return 0;
    }

    /** Sets the input tensor named {@code name} to the {@code length} bytes at {@code data}. */
    public int appendInput(int session, int name, int nameLength, int data, int length) throws NnException {
        Backend.ExecutionContext context = session(session).context();
        byte[] mem = memory.bytes();
        check(mem, data, length);
        String wanted = string(mem, name, nameLength);
        for (int i = 0; i < context.inputCount(); i++) {
            if (context.inputName(i).equals(wanted)) {
                context.setInput(i, null, null, mem, data, length);
                return 0;
            }
        }
        throw new NnException(NnError.INVALID_ARGUMENT, "no input tensor named '" + wanted + "'");
    }

    /** Releases every session (the instance is done). */
    public void close() {
        sessions.closeAll();
    }

    private Session session(int session) throws NnException {
        Session s = sessions.get(session);
        if (s == null) {
            throw new NnException(NnError.INVALID_ARGUMENT, "no session " + Integer.toUnsignedString(session));
        }
        return s;
    }

    private static String string(byte[] mem, int at, int length) {
        check(mem, at, length);
        return new String(mem, at, length, StandardCharsets.UTF_8);
    }
}
