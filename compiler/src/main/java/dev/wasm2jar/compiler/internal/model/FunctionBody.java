package dev.wasm2jar.compiler.internal.model;

import dev.wasm2jar.runtime.ValueType;
import java.util.List;

/** The code of one defined function: its declared locals (after the parameters) and its instructions. */
public record FunctionBody(List<ValueType> locals, List<Instruction> instructions) {}
