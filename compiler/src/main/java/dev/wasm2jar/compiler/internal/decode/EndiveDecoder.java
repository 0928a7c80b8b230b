package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.compiler.internal.model.FunctionBody;
import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.ModuleModel;
import dev.wasm2jar.compiler.internal.model.Op;
import dev.wasm2jar.compiler.internal.model.TypeDefinitions;
import dev.wasm2jar.runtime.ExternKind;
import dev.wasm2jar.runtime.Feature;
import dev.wasm2jar.runtime.FunctionType;
import dev.wasm2jar.runtime.InvalidException;
import dev.wasm2jar.runtime.MalformedException;
import dev.wasm2jar.runtime.UnsupportedFeatureException;
import dev.wasm2jar.runtime.ValueType;
import dev.wasm2jar.runtime.abi.ConstExpr;
import dev.wasm2jar.runtime.abi.ModuleShape.SegmentMode;
import dev.wasm2jar.runtime.abi.ModuleShape;
import dev.wasm2jar.runtime.abi.TypeCodec;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.function.IntFunction;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import run.endive.wasm.types.ActiveDataSegment;
import run.endive.wasm.types.ActiveElement;
import run.endive.wasm.types.AnnotatedInstruction;
import run.endive.wasm.types.DataSegment;
import run.endive.wasm.types.DeclarativeElement;
import run.endive.wasm.types.Element;
import run.endive.wasm.types.FunctionImport;
import run.endive.wasm.types.GlobalImport;
import run.endive.wasm.types.MemoryImport;
import run.endive.wasm.types.MutabilityType;
import run.endive.wasm.types.OpCode;
import run.endive.wasm.types.RecType;
import run.endive.wasm.types.SubType;
import run.endive.wasm.types.TableImport;
import run.endive.wasm.types.TagImport;
import run.endive.wasm.types.ValType;

/**
 * Decodes and validates with Endive's parser ({@code run.endive:wasm}) and translates its module into our
 * {@link ModuleModel}. It, {@link BodyWindows} (which decodes a large module's bodies a window at a time) and
 * {@link ErrorLocator} (which lists a failing body's instructions) are the only classes that see Endive's types,
 * besides the walks over raw code that read Endive's table of immediates ({@link RelaxedSimd},
 * {@link LegacyExceptions}).
 */
public final class EndiveDecoder {
    private static final EnumMap<OpCode, Op> OPS = new EnumMap<>(OpCode.class);

    static {
        for (OpCode code : OpCode.values()) {
            // Endive spells SIMD names in mixed case (I8x16_ADD) and calls one differently from the spec.
            String name = code == OpCode.F32x4_DEMOTE_LOW_F64x2_ZERO ? "F32X4_DEMOTE_F64X2_ZERO"
                    : code.name().toUpperCase(java.util.Locale.ROOT);
            for (Op op : Op.values()) {
                if (op.name().equals(name)) {
                    OPS.put(code, op);
                }
            }
        }
        if (OPS.size() + RelaxedSimd.OPS.size() != Op.values().length) {
            throw new IllegalStateException("Endive lacks some of our instructions");
        }
    }

    private EndiveDecoder() {}

    /**
     * Decodes and validates {@code wasm}, a module that may use {@code features}. An error inside a function body
     * names the function and the byte offset ({@link ErrorLocator}).
     *
     * @throws MalformedException when it does not decode
     * @throws InvalidException when it does not validate
     * @throws UnsupportedFeatureException when it needs a feature that is not enabled or that wasm2jar lacks
     */
    public static ModuleModel decode(byte[] wasm, Set<Feature> features) {
        return decode(wasm, features, BodyWindows.WINDOW_BYTES);
    }

    /**
     * {@link #decode(byte[], Set)}, decoding the code through windows of {@code windowBytes} of bodies when it is
     * larger than one ({@link BodyWindows}); tests choose small ones.
     */
    public static ModuleModel decode(byte[] wasm, Set<Feature> features, int windowBytes) {
        try {
            return decodeUnlocated(wasm, features, windowBytes);
        } catch (MalformedException | InvalidException e) {
            throw ErrorLocator.withLocation(wasm, features, e);
        }
    }

    /** {@link #decode} whole, with the reasons only, as {@link ErrorLocator} asks it about edited copies. */
    static ModuleModel decodeUnlocated(byte[] wasm, Set<Feature> features) {
        return decodeUnlocated(wasm, features, Integer.MAX_VALUE);
    }

    private static ModuleModel decodeUnlocated(byte[] wasm, Set<Feature> features, int windowBytes) {
        try {
            return decodeModern(wasm, features, windowBytes);
        } catch (MalformedException | InvalidException e) {
            // Endive does not decode exception handling's legacy form: a module that uses it is rewritten. Without
            // exceptions its opcodes are not the language's, and Endive's error stands.
            byte[] rewritten = features.contains(Feature.EXCEPTIONS) ? LegacyExceptions.rewrite(wasm) : null;
            if (rewritten == null) {
                throw e;
            }
            return decodeModern(rewritten, features, windowBytes);
        }
    }

    private static ModuleModel decodeModern(byte[] wasm, Set<Feature> features, int windowBytes) {
        BinaryPrescan.checkHeader(wasm);
        BinaryPrescan.checkNameLengths(wasm);
        FeatureCheck check = new FeatureCheck(features);
        if (!check.enabled(Feature.MEMORY64)) {
            return decodeUnlocated(wasm, features, windowBytes, check, null);
        }
        // Endive cannot decode 64-bit memories and tables: it reads a lowered copy (Address64).
        Address64.Lowered lowered = Address64.lowerIfNeeded(wasm);
        try {
            return decodeUnlocated(wasm, features, windowBytes, check, lowered);
        } catch (MalformedException | InvalidException e) {
            Address64.Lowered retry = lowered == null ? Address64.lowerAfterRefusal(wasm) : null;
            if (retry == null) {
                throw e;
            }
            return decodeUnlocated(wasm, features, windowBytes, check, retry);
        }
    }

    private static ModuleModel decodeUnlocated(byte[] wasm, Set<Feature> features, int windowBytes,
            FeatureCheck check, Address64.Lowered lowered) {
        byte[] decoded = lowered == null ? wasm : lowered.wasm();
        // Endive cannot decode relaxed SIMD: it reads a copy with stand-ins, each body their offsets (RelaxedSimd).
        RelaxedSimd.StandIns relaxed = check.enabled(Feature.RELAXED_SIMD) ? RelaxedSimd.standIns(decoded) : null;
        byte[] source = relaxed == null ? decoded : relaxed.wasm();
        boolean tailCalls = check.enabled(Feature.TAIL_CALL);
        Sections sections = windowBytes < source.length && lowered == null ? readSections(source) : null;
        ModuleModel model;
        if (sections != null && BodyWindows.needed(sections, windowBytes)) {
            // Module-level validation on a copy whose bodies are stubs; each body validates in its window.
            WasmModule skeleton = parse(sections.withBodies(i -> Sections.STUB), check);
            int[] sizes = new int[sections.bodies.length];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = sections.codeSize(i);
            }
            var nameSection = skeleton.nameSection();
            BodyWindows windows = new BodyWindows(sections, features, check, windowBytes,
                    f -> nameSection == null ? null : nameSection.nameOfFunction(f), relaxed);
            java.util.BitSet tailCalling = tailCalls ? RelaxedSimd.tailCalling(source, sizes.length)
                    : new java.util.BitSet();
            model = convert(skeleton, check, sizes, tailCalling, windows::body, null);
        } else {
            WasmModule m = parse(source, check);
            var code = m.codeSection();
            int imported = importedFunctions(m);
            int[] sizes = new int[code.functionBodyCount()];
            java.util.BitSet tailCalling = new java.util.BitSet();
            for (int i = 0; i < sizes.length; i++) {
                List<AnnotatedInstruction> ins = code.getFunctionBody(i).instructions();
                sizes[i] = ins.isEmpty() ? 0 : ins.get(ins.size() - 1).address() - ins.get(0).address() + 1;
                for (int k = 0; tailCalls && k < ins.size() && !tailCalling.get(i); k++) {
                    OpCode op = ins.get(k).opcode();
                    if (op == OpCode.RETURN_CALL || op == OpCode.RETURN_CALL_INDIRECT || op == OpCode.RETURN_CALL_REF) {
                        tailCalling.set(i);
                    }
                }
            }
            model = convert(m, check, sizes, tailCalling, defined -> body(code.getFunctionBody(defined),
                    imported + defined, 0, wasm, check, relaxed, lowered, defined), lowered);
        }
        Wasm2Profile.check(model, check);
        check.module(model);
        return model;
    }

    /** Where the bodies lie, or null when the bytes are too broken to tell: Endive then says what is wrong. */
    private static Sections readSections(byte[] wasm) {
        try {
            return Sections.read(wasm);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Endive's module, decoded and validated, its exceptions as ours. */
    static WasmModule parse(byte[] wasm, FeatureCheck check) {
        try {
            return Parser.parse(wasm);
        } catch (run.endive.wasm.MalformedException e) {
            throw undecodable(wasm, check, new MalformedException(e.getMessage(), e));
        } catch (run.endive.wasm.InvalidException e) {
            throw undecodable(wasm, check, invalidOrMalformed(wasm, e, check));
        } catch (run.endive.wasm.WasmEngineException e) {
            throw undecodable(wasm, check, new InvalidException(e.getMessage(), e));
        } catch (RuntimeException e) {
            // The parser signals some truncations with plain runtime exceptions.
            throw undecodable(wasm, check, new MalformedException("unexpected end or malformed module: " + e, e));
        }
    }

    private static int importedFunctions(WasmModule m) {
        int n = 0;
        for (int i = 0; i < m.importSection().importCount(); i++) {
            if (m.importSection().getImport(i) instanceof FunctionImport) {
                n++;
            }
        }
        return n;
    }

    /**
     * Endive's error for a module it could not decode, unless the module declares 64-bit limits, which Endive does
     * not know, or has relaxed SIMD instructions while relaxed-simd is off: then the error is that it needs memory64
     * or relaxed-simd.
     */
    private static RuntimeException undecodable(byte[] wasm, FeatureCheck check, RuntimeException error) {
        String where = BinaryPrescan.sixtyFourBitLimits(wasm);
        if (where != null) {
            check.require(Feature.MEMORY64, where);
        }
        if (!check.enabled(Feature.RELAXED_SIMD)) {
            RelaxedSimd.StandIns relaxed = RelaxedSimd.standIns(wasm);
            if (relaxed != null) {
                int offset = relaxed.ops().keySet().stream().min(Integer::compare).orElseThrow();
                check.require(Feature.RELAXED_SIMD, "byte 0x" + Integer.toHexString(offset) + ": "
                        + FeatureCheck.name(relaxed.ops().get(offset).name()));
            }
        }
        return error;
    }

    /**
     * Endive validates as 3.0 does, where some 2.0 encoding errors (a non-zero reserved byte, memory-index flags)
     * decode as something else and then fail validation. On that path only, decode again without validation and look
     * for the 2.0 encoding error first.
     */
    private static RuntimeException invalidOrMalformed(byte[] wasm, run.endive.wasm.InvalidException invalid,
            FeatureCheck check) {
        try {
            WasmModule unvalidated = Parser.builder().withValidation(false).build()
                    .parse(() -> new java.io.ByteArrayInputStream(wasm));
            var code = unvalidated.codeSection();
            int imported = importedFunctions(unvalidated);
            for (int i = 0; i < code.functionBodyCount(); i++) {
                body(code.getFunctionBody(i), imported + i, 0, wasm, check, null);
            }
        } catch (MalformedException e) {
            return e;
        } catch (RuntimeException e) {
            // Not a 2.0 encoding error after all: report the validation error.
        }
        return Wasm2Profile.reclassify(invalid, check);
    }

    /** Our model of {@code m}, with its code's {@code bodySizes} and {@code bodies} as the caller decodes them. */
    private static ModuleModel convert(WasmModule m, FeatureCheck check, int[] bodySizes,
            java.util.BitSet tailCalling, IntFunction<FunctionBody> bodies, Address64.Lowered lowered) {
        List<FunctionType> types = new ArrayList<>();
        var typeSection = m.typeSection();
        TypeDefinitions definitions = null;
        for (int i = 0; i < typeSection.typeCount() && definitions == null; i++) {
            RecType group = typeSection.getRecType(i);
            String recursive = group.isLegacy() ? EndiveTypes.recursion(typeSection.getType(i), i) : null;
            SubType only = group.subTypes().length == 1 ? group.subTypes()[0] : null;
            boolean subtyping = only != null && (!only.isFinal() || only.typeIdx().length > 0);
            if (!group.isLegacy() || subtyping || recursive != null && check.enabled(Feature.GC)) {
                // Until the first group that is not a plain function type, group i is type i.
                check.require(Feature.GC, recursive != null ? recursive : EndiveTypes.gcTypes(group, i));
                definitions = DefinedTypes.read(typeSection, check);
            }
        }
        if (definitions != null) {
            for (TypeDefinitions.Definition d : definitions.types()) {
                types.add(d.function() != null ? d.function() : NO_SIGNATURE);
            }
        } else {
            for (int i = 0; i < typeSection.typeCount(); i++) {
                FunctionType t = EndiveTypes.functionType(typeSection.getType(i));
                types.add(EndiveTypes.resolve(t, types, i, typeSection.typeCount()));
            }
        }
        TypeDefinitions defs = definitions;
        java.util.function.Function<ValType, ValueType> typeOf = defs != null
                ? t -> check.typed(EndiveTypes.valueType(t))
                : t -> EndiveTypes.resolve(EndiveTypes.valueType(t), types);
        List<ModuleShape.Import> imports = new ArrayList<>();
        List<Integer> functionTypes = new ArrayList<>();
        int importedTables = 0;
        int importedMemories = 0;
        for (int i = 0; i < m.importSection().importCount(); i++) {
            var im = m.importSection().getImport(i);
            imports.add(switch (im) {
                case FunctionImport f -> {
                    functionTypes.add(f.typeIndex());
                    yield new ModuleShape.Import(im.module(), im.name(), ExternKind.FUNCTION, f.typeIndex(), null,
                            false, null);
                }
                case TableImport t -> new ModuleShape.Import(im.module(), im.name(), ExternKind.TABLE, -1,
                        typeOf.apply(t.entryType()), false,
                        limits(EndiveTypes.limits(t.limits()), lowered, false, importedTables++));
                case MemoryImport mem -> new ModuleShape.Import(im.module(), im.name(), ExternKind.MEMORY, -1, null,
                        false, limits(EndiveTypes.limits(mem.limits(), "import " + im.module() + "." + im.name(),
                                check), lowered, true, importedMemories++));
                case GlobalImport g -> new ModuleShape.Import(im.module(), im.name(), ExternKind.GLOBAL, -1,
                        typeOf.apply(g.type()), g.mutabilityType() == MutabilityType.Var, null);
                case TagImport tag -> {
                    check.require(Feature.EXCEPTIONS, "import " + im.module() + "." + im.name() + " is a tag");
                    tagType(tag.tagType().typeIdx(), types);
                    yield new ModuleShape.Import(im.module(), im.name(), ExternKind.TAG, tag.tagType().typeIdx(), null,
                            false, null);
                }
                default -> throw new InvalidException("unsupported import kind " + im.importType() + " for "
                        + im.module() + "." + im.name());
            });
        }
        for (int i = 0; i < m.functionSection().functionCount(); i++) {
            functionTypes.add(m.functionSection().getFunctionType(i));
        }
        String[] names = new String[functionTypes.size()];
        var nameSection = m.nameSection();
        if (nameSection != null) {
            for (int i = 0; i < names.length; i++) {
                names[i] = nameSection.nameOfFunction(i);
            }
        }
        List<ModuleShape.TableType> tables = new ArrayList<>();
        for (int i = 0; i < m.tableSection().tableCount(); i++) {
            var t = m.tableSection().getTable(i);
            var init = t.initialize();
            tables.add(new ModuleShape.TableType(typeOf.apply(t.elementType()),
                    limits(EndiveTypes.limits(t.limits()), lowered, false, importedTables + i),
                    init == null || init.isEmpty() ? null : EndiveTypes.constExpr(init, defs)));
        }
        List<ModuleShape.Limits> memories = new ArrayList<>();
        int memoriesBefore = importedMemories;
        m.memorySection().ifPresent(s -> {
            for (int i = 0; i < s.memoryCount(); i++) {
                memories.add(limits(EndiveTypes.limits(s.getMemory(i).limits(), "memory " + i, check), lowered, true,
                        memoriesBefore + i));
            }
        });
        List<Integer> tags = new ArrayList<>();
        m.tagSection().ifPresent(s -> {
            check.require(Feature.EXCEPTIONS, "it declares " + s.tagCount() + " tags");
            for (int i = 0; i < s.tagCount(); i++) {
                tags.add(tagType(s.getTag(i).typeIdx(), types));
            }
        });
        List<ModuleShape.GlobalType> globals = new ArrayList<>();
        for (var g : m.globalSection().globals()) {
            globals.add(new ModuleShape.GlobalType(typeOf.apply(g.valueType()),
                    g.mutabilityType() == MutabilityType.Var,
                    EndiveTypes.constExpr(g.initInstructions(), defs)));
        }
        List<ModuleShape.Export> exports = new ArrayList<>();
        for (int i = 0; i < m.exportSection().exportCount(); i++) {
            var e = m.exportSection().getExport(i);
            ExternKind kind = switch (e.exportType()) {
                case FUNCTION -> ExternKind.FUNCTION;
                case TABLE -> ExternKind.TABLE;
                case MEMORY -> ExternKind.MEMORY;
                case GLOBAL -> ExternKind.GLOBAL;
                case TAG -> {
                    check.require(Feature.EXCEPTIONS, "export " + e.name() + " is a tag");
                    yield ExternKind.TAG;
                }
                default -> throw new InvalidException("unsupported export kind " + e.exportType());
            };
            exports.add(new ModuleShape.Export(e.name(), kind, e.index()));
        }
        List<ModuleShape.ElementSegment> elements = new ArrayList<>();
        int elementIndex = 0;
        for (Element e : m.elementSection().elements()) {
            ConstExpr wideOffset = lowered == null ? null : lowered.elementOffsets().get(elementIndex);
            elementIndex++;
            List<ConstExpr> items = new ArrayList<>();
            for (var init : e.initializers()) {
                items.add(EndiveTypes.constExpr(init, defs));
            }
            ValueType type = typeOf.apply(e.type());
            elements.add(switch (e) {
                case ActiveElement a -> new ModuleShape.ElementSegment(SegmentMode.ACTIVE, a.tableIndex(),
                        wideOffset != null ? wideOffset : EndiveTypes.constExpr(a.offset(), defs), type, items);
                case DeclarativeElement d -> new ModuleShape.ElementSegment(SegmentMode.DECLARATIVE, 0, null, type,
                        items);
                default -> new ModuleShape.ElementSegment(SegmentMode.PASSIVE, 0, null, type, items);
            });
        }
        List<ModuleShape.DataSegment> data = new ArrayList<>();
        for (DataSegment d : m.dataSection().dataSegments()) {
            ConstExpr wideOffset = lowered == null ? null : lowered.dataOffsets().get(data.size());
            data.add(d instanceof ActiveDataSegment a
                    ? new ModuleShape.DataSegment(SegmentMode.ACTIVE, (int) a.index(),
                            wideOffset != null ? wideOffset : EndiveTypes.constExpr(a.offsetInstructions(), defs),
                            a.data())
                    : new ModuleShape.DataSegment(SegmentMode.PASSIVE, 0, null, d.data()));
        }
        int start = m.startSection().map(s -> (int) s.startIndex()).orElse(-1);
        int[] ft = functionTypes.stream().mapToInt(Integer::intValue).toArray();
        for (int typeIndex : ft) {
            // Endive leaves this check to instantiation; the spec makes it a validation error.
            if (typeIndex < 0 || typeIndex >= types.size()) {
                throw new InvalidException("unknown type " + typeIndex);
            }
        }
        if (lowered != null) {
            Address64.checkOffsets(lowered, globalTypes(imports, globals));
        }
        return new ModuleModel(types, imports, ft, names, tables, memories, globals, exports, elements, data, start,
                tags.stream().mapToInt(Integer::intValue).toArray(), bodySizes, tailCalling, bodies, definitions);
    }

    private static List<ValueType> globalTypes(List<ModuleShape.Import> imports, List<ModuleShape.GlobalType> globals) {
        List<ValueType> out = new ArrayList<>();
        imports.stream().filter(i -> i.kind() == ExternKind.GLOBAL).forEach(i -> out.add(i.valueType()));
        globals.forEach(g -> out.add(g.type()));
        return out;
    }

    /** The true limits of memory or table {@code index} where the module was lowered (Address64), else {@code l}. */
    private static ModuleShape.Limits limits(ModuleShape.Limits l, Address64.Lowered lowered, boolean memory,
            int index) {
        if (lowered == null) {
            return l;
        }
        List<ModuleShape.Limits> all = memory ? lowered.memories() : lowered.tables();
        return index < all.size() ? all.get(index) : l;
    }

    /**
     * Our form of one of Endive's bodies, function {@code functionIndex}; its instructions' addresses plus
     * {@code shift} are their offsets in {@code wasm}.
     */
    static FunctionBody body(run.endive.wasm.types.FunctionBody body, int functionIndex, int shift, byte[] wasm,
            FeatureCheck check, RelaxedSimd.StandIns relaxed) {
        return body(body, functionIndex, shift, wasm, check, relaxed, null, -1);
    }

    /**
     * {@link #body}, of defined function {@code defined} of a module Endive read {@code lowered} (Address64): without
     * the instructions and locals the lowering added, with the true offsets of accesses and instructions.
     */
    static FunctionBody body(run.endive.wasm.types.FunctionBody body, int functionIndex, int shift, byte[] wasm,
            FeatureCheck check, RelaxedSimd.StandIns relaxed, Address64.Lowered lowered, int defined) {
        int localCount = body.localTypes().size() - (lowered == null ? 0 : lowered.addedLocals()[defined]);
        List<ValueType> locals = new ArrayList<>(localCount);
        for (ValType t : body.localTypes().subList(0, localCount)) {
            ValueType type = check.typed(EndiveTypes.valueType(t));
            check.local(type, functionIndex, locals.size());
            locals.add(type);
        }
        List<AnnotatedInstruction> source = body.instructions();
        List<Instruction> out = new ArrayList<>(source.size());
        for (AnnotatedInstruction in : source) {
            Op op = OPS.get(in.opcode());
            int address = in.address() + shift;
            Op standsFor = RelaxedSimd.at(relaxed, address);
            long[] operands = in.operands();
            if (lowered != null) {
                int at = lowered.originalOffset(address);
                if (at < 0) {
                    continue; // a conversion the lowering added
                }
                Long offset = lowered.offsets().get(address);
                if (offset != null) {
                    operands = operands.clone();
                    operands[1] = offset;
                }
                address = at;
            }
            if (standsFor != null) {
                op = standsFor;
            } else if (op == null) {
                throw unknownInstruction(in, functionIndex, address, wasm, check);
            }
            Instruction instruction = new Instruction(op, operands(op, operands, check), address);
            Wasm2Profile.checkReservedBytes(instruction, wasm, check);
            check.instruction(op, functionIndex, address);
            switch (op) {
                case BLOCK, LOOP, IF, TRY_TABLE -> check.blockType(instruction.operand(0), functionIndex, address);
                case SELECT_T, REF_NULL -> check.immediateType(TypeCodec.unpack(instruction.operand(0)), op,
                        functionIndex, address);
                default -> { }
            }
            out.add(instruction);
        }
        return new FunctionBody(locals, out);
    }

    /** An instruction Endive knows and we do not: the feature it needs, if it belongs to one. */
    private static RuntimeException unknownInstruction(AnnotatedInstruction in, int functionIndex, int address,
            byte[] wasm, FeatureCheck check) {
        String where = FeatureCheck.at(functionIndex, address) + ": " + FeatureCheck.name(in.opcode().name());
        Feature feature = FeatureCheck.featureOf(in.opcode());
        if (feature == Feature.THREADS && RelaxedSimd.misreadAsAtomic(wasm, address)) {
            // Endive reads relaxed SIMD's 0xFD 0x100... as atomics (0xFE00...): relaxed-simd is off.
            check.require(Feature.RELAXED_SIMD,
                    FeatureCheck.at(functionIndex, address) + ": a relaxed SIMD instruction");
        }
        if (feature != null) {
            check.require(feature, where);
        }
        // Every opcode Endive has is one of our ops or belongs to a feature: a new one is ours to classify.
        return new IllegalStateException(where + ": Endive decodes an instruction that wasm2jar does not know");
    }

    /** Rewrites immediates that name types into our encodings (see {@link Instruction}). */
    private static long[] operands(Op op, long[] operands, FeatureCheck check) {
        switch (op) {
            case TRY_TABLE -> {
                long[] out = new long[1 + 3 * (int) operands[1]];
                out[0] = EndiveTypes.blockType(operands[0], check);
                int at = 2;
                for (int c = 0; c < operands[1]; c++) {
                    int kind = (int) operands[at++];
                    out[1 + 3 * c] = kind;
                    out[2 + 3 * c] = kind == Instruction.CATCH || kind == Instruction.CATCH_REF ? operands[at++] : -1;
                    out[3 + 3 * c] = operands[at++];
                }
                return out;
            }
            case BLOCK, LOOP, IF -> {
                return new long[] {EndiveTypes.blockType(operands[0], check)};
            }
            case SELECT_T -> {
                return new long[] {TypeCodec.pack(check.typed(EndiveTypes.valueTypeOfCode((int) operands[0])))};
            }
            case REF_NULL -> {
                return new long[] {TypeCodec.pack(ValueType.ref(check.typed(EndiveTypes.heapType(operands[0])), true))};
            }
            case REF_TEST, REF_TEST_NULL, CAST_TEST, CAST_TEST_NULL -> {
                return new long[] {TypeCodec.pack(check.typed(EndiveTypes.heapType(operands[0])))};
            }
            case BR_ON_CAST, BR_ON_CAST_FAIL -> {
                // Endive: flags (bit 0 the source, bit 1 the target nullable), label, source, target heap types.
                long target = TypeCodec.pack(check.typed(EndiveTypes.heapType(operands[3])));
                return new long[] {operands[1], target, operands[0]};
            }
            default -> {
                return operands;
            }
        }
    }

    /** What {@link ModuleModel#types()} holds for a struct or array type. */
    private static final FunctionType NO_SIGNATURE = FunctionType.of(List.of(), List.of());

    /** A tag's type index, checked: a function type without results (what its exceptions carry). */
    private static int tagType(int typeIndex, List<FunctionType> types) {
        if (typeIndex < 0 || typeIndex >= types.size()) {
            throw new InvalidException("unknown type " + typeIndex);
        }
        if (!types.get(typeIndex).results().isEmpty()) {
            throw new InvalidException("non-empty tag result type");
        }
        return typeIndex;
    }

}
