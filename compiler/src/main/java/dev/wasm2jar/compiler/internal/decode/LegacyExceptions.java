package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.runtime.InvalidException;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import run.endive.wasm.types.OpCode;
import run.endive.wasm.types.WasmEncoding;

/**
 * The legacy form of exception handling that older toolchains emit ({@code try}, {@code catch}, {@code catch_all},
 * {@code rethrow}, {@code delegate}), which Endive does not decode, rewritten into WebAssembly 3.0's
 * {@code try_table}, {@code throw_ref} and {@code exnref} before Endive sees the module, so that it validates the
 * result and the translator knows one form only (binaryen translates the same way). A
 * {@code try bt ... catch $t1 h1 ... catch_all hN end} becomes
 *
 * <pre>
 * block $outer bt
 *   block $cN [P] -> [exnref]               ;; one block per clause, the last clause outermost
 *     block $c1 [P] -> [T1 exnref]
 *       try_table bt (catch_ref $t1 $c1) ... (catch_all_ref $cN)  body  end
 *       br $outer
 *     end  local.set $exn  h1  br $outer
 *   end  local.set $exn  hN
 * end
 * </pre>
 *
 * where {@code rethrow} of a handler's label is {@code local.get $exn; throw_ref}. A {@code try ... delegate l}
 * becomes a {@code try_table (catch_all_ref $landing)}, its landing a block at the start of the body of the try that
 * {@code l} leads to (or of the function), after which {@code throw_ref} throws the exception again there. Branch
 * depths are renumbered for the blocks added; the new block types are appended to the type section, the exnref locals
 * to each function's locals.
 *
 * <p>Only a module that Endive could not decode is walked, so a module without the legacy form costs nothing.
 */
final class LegacyExceptions {
    private static final int TRY = 0x06, CATCH = 0x07, THROW_REF = 0x0A, RETHROW = 0x09, DELEGATE = 0x18,
            CATCH_ALL = 0x19, BLOCK = 0x02, LOOP = 0x03, IF = 0x04, ELSE = 0x05, END = 0x0B, BR = 0x0C, BR_IF = 0x0D,
            BR_TABLE = 0x0E, TRY_TABLE = 0x1F, BR_ON_NULL = 0xD5, BR_ON_NON_NULL = 0xD6, LOCAL_GET = 0x20,
            LOCAL_SET = 0x21, RETURN = 0x0F, EXNREF = 0x69, EMPTY = 0x40;

    private final byte[] wasm;
    /** Every function type: parameters and results, each value type as its bytes. */
    private final List<byte[][][]> types = new ArrayList<>();
    /** Types appended to the type section, as their encodings, with their indices. */
    private final Map<String, Integer> added = new HashMap<>();
    private final ByteArrayOutputStream addedTypes = new ByteArrayOutputStream();
    private final List<Integer> tagTypes = new ArrayList<>();
    private final List<Integer> functionTypes = new ArrayList<>();
    private int importedFunctions;
    private boolean legacy;

    private LegacyExceptions(byte[] wasm) {
        this.wasm = wasm;
    }

    /**
     * {@code wasm} with its legacy exception handling rewritten, or null when it has none (or does not walk: then
     * Endive's error stands).
     *
     * @throws InvalidException when the legacy form is used wrongly ({@code rethrow} of a label that is no handler's)
     */
    static byte[] rewrite(byte[] wasm) {
        try {
            return new LegacyExceptions(wasm).run();
        } catch (InvalidException e) {
            throw e;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private byte[] run() {
        List<int[]> sections = new ArrayList<>(); // id, content start, content end
        BinaryReader r = new BinaryReader(wasm, 8);
        while (r.at < wasm.length) {
            int id = r.u8();
            int size = (int) r.u32();
            sections.add(new int[] {id, r.at, r.at + size});
            r.at += size;
        }
        for (int[] s : sections) {
            BinaryReader in = new BinaryReader(wasm, s[1]);
            switch (s[0]) {
                case 1 -> readTypes(in);
                case 2 -> readImports(in);
                case 3 -> {
                    for (long n = in.u32(); n > 0; n--) {
                        functionTypes.add((int) in.u32());
                    }
                }
                case 13 -> {
                    for (long n = in.u32(); n > 0; n--) {
                        in.u8();
                        tagTypes.add((int) in.u32());
                    }
                }
                default -> { }
            }
        }
        byte[] code = null;
        for (int[] s : sections) {
            if (s[0] == 10) {
                code = rewriteCode(new BinaryReader(wasm, s[1]));
            }
        }
        if (!legacy) {
            return null;
        }
        BinaryWriter out = new BinaryWriter();
        out.bytes(Arrays.copyOf(wasm, 8));
        for (int[] s : sections) {
            byte[] content = Arrays.copyOfRange(wasm, s[1], s[2]);
            if (s[0] == 1) {
                BinaryWriter t = new BinaryWriter();
                BinaryReader in = new BinaryReader(wasm, s[1]);
                t.u32(in.u32() + added.size());
                t.bytes(Arrays.copyOfRange(wasm, in.at, s[2]));
                t.bytes(addedTypes.toByteArray());
                content = t.toBytes();
            } else if (s[0] == 10) {
                content = code;
            }
            out.u8(s[0]);
            out.u32(content.length);
            out.bytes(content);
        }
        return out.toBytes();
    }

    private void readTypes(BinaryReader in) {
        for (long n = in.u32(); n > 0; n--) {
            if (in.u8() != 0x60) {
                throw new IllegalStateException("not a plain function type"); // GC's groups: left to Endive
            }
            byte[][] params = valueTypes(in);
            byte[][] results = valueTypes(in);
            types.add(new byte[][][] {params, results});
        }
    }

    private static byte[][] valueTypes(BinaryReader in) {
        long n = in.u32();
        if (n > in.wasm.length - in.at) {
            throw new IllegalStateException("more value types than bytes"); // a broken module: Endive's error stands
        }
        byte[][] out = new byte[(int) n][];
        for (int i = 0; i < out.length; i++) {
            int start = in.at;
            in.valueType();
            out[i] = Arrays.copyOfRange(in.wasm, start, in.at);
        }
        return out;
    }

    private void readImports(BinaryReader in) {
        for (long n = in.u32(); n > 0; n--) {
            for (int name = 0; name < 2; name++) { // module and name
                int length = (int) in.u32();
                in.at += length;
            }
            int kind = in.u8();
            switch (kind) {
                case 0 -> {
                    in.u32();
                    importedFunctions++;
                }
                case 1 -> {
                    in.valueType();
                    limits(in);
                }
                case 2 -> limits(in);
                case 3 -> {
                    in.valueType();
                    in.u8();
                }
                case 4 -> {
                    in.u8();
                    tagTypes.add((int) in.u32());
                }
                default -> throw new IllegalStateException("import kind " + kind);
            }
        }
    }

    private static void limits(BinaryReader in) {
        int flags = in.u8();
        in.u64();
        if ((flags & 1) != 0) {
            in.u64();
        }
    }

    private byte[] rewriteCode(BinaryReader in) {
        long bodies = in.u32();
        BinaryWriter out = new BinaryWriter();
        out.u32(bodies);
        for (int f = 0; f < bodies; f++) {
            int size = (int) in.u32();
            int end = in.at + size;
            byte[] body = new Body(f, in, end).rewrite();
            out.u32(body.length);
            out.bytes(body);
            in.at = end;
        }
        return out.toBytes();
    }

    /** The index of a function type {@code [params] -> [results]}, appended to the type section when new. */
    private int typeIndex(byte[][] params, byte[][] results) {
        BinaryWriter t = new BinaryWriter();
        t.u8(0x60);
        t.u32(params.length);
        for (byte[] p : params) {
            t.bytes(p);
        }
        t.u32(results.length);
        for (byte[] r : results) {
            t.bytes(r);
        }
        byte[] encoded = t.toBytes();
        String key = Arrays.toString(encoded);
        Integer index = added.get(key);
        if (index == null) {
            index = types.size() + added.size();
            added.put(key, index);
            addedTypes.writeBytes(encoded);
        }
        return index;
    }

    /** A frame of the original code's control stack. */
    private static final class Frame {
        final int opcode;
        /** Index in the new code's label stack that a branch to this frame goes to. */
        final int target;
        /** For a legacy try with clauses: its exnref local; -1 otherwise. */
        int exn = -1;
        /** For a legacy try: which clause's handler runs now (0 in the body). */
        int handler;
        Clauses clauses;
        /** Where a delegate to this frame lands: a new label index, or -1. */
        int landing = -1;
        /** For a legacy try, its offset; -1 for the function. */
        int offset = -1;

        Frame(int opcode, int target) {
            this.opcode = opcode;
            this.target = target;
        }
    }

    /**
     * A legacy try's clauses as the first walk found them: tags (-1 for catch_all); or that it delegates, and to the
     * landing of which try (its offset, -1 for the function's).
     */
    private record Clauses(List<Integer> tags, boolean delegates, int delegateTo, boolean landing) {}

    /** One function body. */
    private final class Body {
        private final int function;
        private final BinaryReader in;
        private final int end;
        private final BinaryWriter out = new BinaryWriter();
        private final Deque<Frame> frames = new ArrayDeque<>();
        private int labels;
        private int nextLocal;
        private int newLocals;
        /** Per legacy try (by its offset): its clauses, and whether a delegate lands in it. */
        private final Map<Integer, Clauses> tries = new HashMap<>();
        private boolean functionLanding;

        Body(int function, BinaryReader in, int end) {
            this.function = function;
            this.in = in;
            this.end = end;
        }

        byte[] rewrite() {
            int localsStart = in.at;
            long groups = in.u32();
            long declared = 0;
            for (long g = 0; g < groups; g++) {
                declared += in.u32();
                in.valueType();
            }
            int codeStart = in.at;
            byte[][][] type = types.get(functionTypes.get(function));
            nextLocal = (int) (type[0].length + declared);
            if (!survey(codeStart)) {
                in.at = end;
                return Arrays.copyOfRange(wasm, localsStart, end);
            }
            legacy = true;
            in.at = codeStart;
            Frame body = new Frame(BLOCK, labels++);
            frames.push(body);
            if (functionLanding) {
                body.landing = openLanding(new byte[0][], type[1]);
            }
            while (in.at < end) {
                instruction();
            }
            BinaryWriter whole = new BinaryWriter();
            whole.u32(groups + (newLocals > 0 ? 1 : 0));
            whole.bytes(Arrays.copyOfRange(wasm, localsStart + BinaryReader.lebLength(wasm, localsStart), codeStart));
            if (newLocals > 0) {
                whole.u32(newLocals);
                whole.u8(EXNREF);
            }
            whole.bytes(out.toBytes());
            return whole.toBytes();
        }

        /**
         * The first walk: whether the body uses the legacy form, each try's clauses, and where delegates land (the
         * innermost try in its body at or outside the delegate's label, or the function).
         */
        private boolean survey(int codeStart) {
            in.at = codeStart;
            boolean found = false;
            Deque<int[]> open = new ArrayDeque<>(); // opcode, offset, phase (0 body, 1 handlers)
            Map<Integer, List<Integer>> tags = new HashMap<>();
            Map<Integer, Integer> delegates = new HashMap<>();
            java.util.Set<Integer> landings = new java.util.HashSet<>();
            open.push(new int[] {BLOCK, -1, 0});
            while (in.at < end) {
                int start = in.at;
                int op = in.u8();
                switch (op) {
                    case BLOCK, LOOP, IF, TRY_TABLE -> {
                        open.push(new int[] {op, start, 0});
                        in.at = start;
                        skip();
                    }
                    case TRY -> {
                        found = true;
                        in.blockType();
                        open.push(new int[] {TRY, start, 0});
                        tags.put(start, new ArrayList<>());
                    }
                    case CATCH, CATCH_ALL -> {
                        found = true;
                        int[] t = open.peek();
                        tags.get(t[1]).add(op == CATCH ? (int) in.u32() : -1);
                        t[2] = 1;
                    }
                    case RETHROW -> {
                        found = true;
                        in.u32();
                    }
                    case DELEGATE -> {
                        found = true;
                        int depth = (int) in.u32();
                        int[] t = open.pop();
                        int[] target = null;
                        int d = 0;
                        for (int[] f : open) {
                            if (d++ >= depth && f[0] == TRY && f[2] == 0) {
                                target = f;
                                break;
                            }
                        }
                        landings.add(target == null ? -1 : target[1]);
                        delegates.put(t[1], target == null ? -1 : target[1]);
                    }
                    case END -> open.pop();
                    default -> {
                        in.at = start;
                        skip();
                    }
                }
            }
            for (var e : tags.entrySet()) {
                tries.put(e.getKey(), new Clauses(e.getValue(), delegates.containsKey(e.getKey()),
                        delegates.getOrDefault(e.getKey(), -1), landings.contains(e.getKey())));
            }
            functionLanding = landings.contains(-1);
            return found;
        }

        private void instruction() {
            int start = in.at;
            int op = in.u8();
            switch (op) {
                case BLOCK, LOOP, IF -> {
                    in.blockType();
                    copy(start);
                    frames.push(new Frame(op, labels++));
                }
                case TRY_TABLE -> tryTable();
                case ELSE -> copy(start);
                case END -> end(start);
                case BR, BR_IF, BR_ON_NULL, BR_ON_NON_NULL -> {
                    out.u8(op);
                    out.u32(depth((int) in.u32()));
                }
                case BR_TABLE -> {
                    out.u8(op);
                    long n = in.u32();
                    out.u32(n);
                    for (long i = 0; i <= n; i++) {
                        out.u32(depth((int) in.u32()));
                    }
                }
                case TRY -> legacyTry(start);
                case CATCH, CATCH_ALL -> clause(op == CATCH ? (int) in.u32() : -1);
                case RETHROW -> {
                    Frame f = frameAt((int) in.u32());
                    if (f.opcode != TRY || f.handler == 0 || f.exn < 0) {
                        throw new InvalidException("invalid rethrow label");
                    }
                    out.u8(LOCAL_GET);
                    out.u32(f.exn);
                    out.u8(THROW_REF);
                }
                case DELEGATE -> {
                    in.u32();
                    out.u8(END); // the try_table's
                    labels--;
                    frames.pop();
                }
                default -> {
                    in.at = start;
                    skip();
                    copy(start);
                }
            }
        }

        private void tryTable() {
            int bt = in.at;
            in.blockType();
            out.u8(TRY_TABLE);
            out.bytes(Arrays.copyOfRange(wasm, bt, in.at));
            long n = in.u32();
            out.u32(n);
            for (long i = 0; i < n; i++) {
                int kind = in.u8();
                out.u8(kind);
                if (kind <= 1) {
                    out.u32(in.u32());
                }
                out.u32(depth((int) in.u32()));
            }
            frames.push(new Frame(TRY_TABLE, labels++));
        }

        private void legacyTry(int start) {
            int btStart = in.at;
            in.blockType();
            byte[] bt = Arrays.copyOfRange(wasm, btStart, in.at);
            byte[][][] type = blockType(btStart);
            Clauses c = tries.get(start);
            if (c.delegates()) {
                Frame target = landingOf(c.delegateTo());
                out.u8(TRY_TABLE);
                out.bytes(bt);
                out.u32(1);
                out.u8(3); // catch_all_ref
                out.u32(labels - 1 - target.landing);
                Frame f = new Frame(TRY_TABLE, labels++);
                frames.push(f);
                return;
            }
            if (c.tags().isEmpty()) {
                out.u8(BLOCK);
                out.bytes(bt);
                frames.push(new Frame(BLOCK, labels++));
                return;
            }
            out.u8(BLOCK);
            out.bytes(bt);
            Frame f = new Frame(TRY, labels++);
            f.clauses = c;
            f.offset = start;
            f.exn = nextLocal++;
            newLocals++;
            int k = c.tags().size();
            int[] clauseLabels = new int[k];
            for (int i = k - 1; i >= 0; i--) {
                int tag = c.tags().get(i);
                byte[][] values = tag < 0 ? new byte[0][] : types.get(tagTypes.get(tag))[0];
                byte[][] results = Arrays.copyOf(values, values.length + 1);
                results[values.length] = new byte[] {(byte) EXNREF};
                out.u8(BLOCK);
                out.s33(typeIndex(type[0], results));
                clauseLabels[i] = labels++;
            }
            out.u8(TRY_TABLE);
            out.bytes(bt);
            out.u32(k);
            for (int i = 0; i < k; i++) {
                int tag = c.tags().get(i);
                out.u8(tag < 0 ? 3 : 1); // catch_all_ref, catch_ref
                if (tag >= 0) {
                    out.u32(tag);
                }
                out.u32(labels - 1 - clauseLabels[i]);
            }
            labels++; // the try_table's
            frames.push(f);
            if (c.landing()) {
                f.landing = openLanding(type[0], type[1]);
            }
        }

        /** A landing for delegates: {@code block [P] -> [exnref]} and inside it the body's {@code block [P] -> [R]}. */
        private int openLanding(byte[][] params, byte[][] results) {
            out.u8(BLOCK);
            out.s33(typeIndex(params, new byte[][] {{(byte) EXNREF}}));
            int landing = labels++;
            out.u8(BLOCK);
            out.s33(typeIndex(params, results));
            labels++;
            return landing;
        }

        /** Ends a landing: the body's block, a branch over the throw to {@code after}, the landing, the throw. */
        private void closeLanding(boolean function, int after) {
            out.u8(END);
            labels--;
            if (function) {
                out.u8(RETURN);
            } else {
                out.u8(BR);
                out.u32(labels - 1 - after);
            }
            out.u8(END);
            labels--;
            out.u8(THROW_REF);
        }

        /** The frame of the try at {@code offset} (-1: the function), where a delegate lands. */
        private Frame landingOf(int offset) {
            for (Frame f : frames) {
                if (f.landing >= 0 && f.offset == offset) {
                    return f;
                }
            }
            throw new IllegalStateException("no landing for a delegate to " + offset);
        }

        private void clause(int tag) {
            Frame f = frames.peek();
            if (f.handler == 0) {
                if (f.landing >= 0) {
                    closeLanding(false, f.landing - 1); // to the end of the try_table, opened just before
                }
                out.u8(END); // the try_table's
                labels--;
            }
            out.u8(BR);
            out.u32(labels - 1 - f.target);
            out.u8(END); // the clause's block
            labels--;
            out.u8(LOCAL_SET);
            out.u32(f.exn);
            f.handler++;
        }

        private void end(int start) {
            Frame f = frames.pop();
            if (frames.isEmpty()) {
                if (f.landing >= 0) {
                    closeLanding(true, -1);
                }
                copy(start);
                return;
            }
            if (f.opcode == TRY && f.handler == 0) {
                throw new IllegalStateException("a try with clauses ends in its body");
            }
            out.u8(END);
            labels--;
        }

        private byte[][][] blockType(int at) {
            long encoded = new BinaryReader(wasm, at).s64();
            if (encoded >= 0) {
                return types.get((int) encoded);
            }
            if ((wasm[at] & 0xFF) == EMPTY) {
                return new byte[][][] {new byte[0][], new byte[0][]};
            }
            BinaryReader r = new BinaryReader(wasm, at); // a value type: one byte, or 0x63/0x64 and a heap type
            r.valueType();
            return new byte[][][] {new byte[0][], {Arrays.copyOfRange(wasm, at, r.at)}};
        }

        private int depth(int original) {
            return labels - 1 - frameAt(original).target;
        }

        private Frame frameAt(int depth) {
            int d = 0;
            for (Frame f : frames) {
                if (d++ == depth) {
                    return f;
                }
            }
            throw new InvalidException("unknown label " + depth);
        }

        private void copy(int start) {
            out.bytes(Arrays.copyOfRange(wasm, start, in.at));
        }

        /** Moves past one instruction of the 3.0 form, with Endive's table of immediates. */
        private void skip() {
            int code = in.u8();
            if (code >= 0xFB && code <= 0xFE) {
                code = (int) ((code << 8) + in.u32());
            }
            OpCode op = OpCode.byOpCode(code);
            if (op == null) {
                throw new IllegalStateException("unknown opcode " + code);
            }
            if (op == OpCode.DROP || op == OpCode.SELECT) {
                return;
            }
            for (WasmEncoding e : OpCode.signature(op)) {
                in.immediate(e);
            }
        }
    }

}
