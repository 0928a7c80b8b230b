package dev.wasm2jar.compiler.internal.translate;

import dev.wasm2jar.compiler.internal.model.Instruction;
import dev.wasm2jar.compiler.internal.model.Op;
import java.util.List;

/**
 * Pairs of instructions translated as one, found in a pass over the body before translation. The first instruction of
 * a pair is dispatched as usual and its emitter finds the pair in {@link Cursor#fused()}; the translator skips the
 * second. It fuses only where both are reachable and in the same method.
 */
final class Peepholes {
    private Peepholes() {}

    /** What a pair is translated as. */
    sealed interface Fused permits BytesToInts, ConstantDivisor, CountedExit {}

    /**
     * {@code i32.ne} or {@code local.tee} then the {@code br_if} ({@code branch}) back to a loop that
     * {@link CountedExits} gives a {@code guard}: the branch tests the ints compared (the local), not a 0 or 1; with
     * the {@code !=} behind the guard unless {@code exact}.
     */
    record CountedExit(Instruction branch, int guard, boolean exact) implements Fused {}

    /**
     * {@code i16x8.extend_{low,high}_i8x16_{s,u}} then {@code i32x4.extend_{low,high}_i16x8} of the same signedness,
     * as clang widens bytes to ints: four ints straight from bytes {@code firstByte} to {@code firstByte + 3}.
     */
    record BytesToInts(int firstByte, boolean signed) implements Fused {}

    /**
     * {@code i32.const} or {@code i64.const} then a division or remainder ({@code divide}) by it that cannot trap: the
     * JVM's own {@code idiv}/{@code ldiv} by a constant, which C2 turns into a multiplication, where the helper would
     * call {@code Integer.divideUnsigned}, a hardware division even by a constant.
     */
    record ConstantDivisor(Op divide) implements Fused {}

    /** For each instruction of {@code code}, the pair it starts, or null. */
    static Fused[] find(List<Instruction> code) {
        Fused[] fused = new Fused[code.size()];
        CountedExits.Guard[] guards = CountedExits.guards(code);
        for (int i = 0; i + 1 < code.size(); i++) {
            Instruction second = code.get(i + 1);
            Fused divisor = constantDivisor(code.get(i), second.op());
            CountedExits.Guard guard = guards[i + 1];
            fused[i] = guard != null
                    ? new CountedExit(second, guard.jump(), guard.exact())
                    : divisor != null ? divisor : pair(code.get(i).op(), second.op());
        }
        return fused;
    }

    private static Fused constantDivisor(Instruction constant, Op divide) {
        Op width = switch (divide) {
            case I32_DIV_S, I32_DIV_U, I32_REM_S, I32_REM_U -> Op.I32_CONST;
            case I64_DIV_S, I64_DIV_U, I64_REM_S, I64_REM_U -> Op.I64_CONST;
            default -> null;
        };
        if (width == null || constant.op() != width) {
            return null;
        }
        long divisor = width == Op.I32_CONST ? constant.intOperand(0) : constant.operand(0);
        // By 0 every division traps; a signed division of the least value by -1 overflows.
        boolean traps = divisor == 0 || (divisor == -1 && (divide == Op.I32_DIV_S || divide == Op.I64_DIV_S));
        return traps ? null : new ConstantDivisor(divide);
    }

    private static Fused pair(Op first, Op second) {
        int bytesHalf = switch (first) {
            case I16X8_EXTEND_LOW_I8X16_S, I16X8_EXTEND_LOW_I8X16_U -> 0;
            case I16X8_EXTEND_HIGH_I8X16_S, I16X8_EXTEND_HIGH_I8X16_U -> 8;
            default -> -1;
        };
        int shortsHalf = switch (second) {
            case I32X4_EXTEND_LOW_I16X8_S, I32X4_EXTEND_LOW_I16X8_U -> 0;
            case I32X4_EXTEND_HIGH_I16X8_S, I32X4_EXTEND_HIGH_I16X8_U -> 4;
            default -> -1;
        };
        if (bytesHalf < 0 || shortsHalf < 0 || signed(first) != signed(second)) {
            return null;
        }
        // Bytes 0-7 or 8-15 widened to i16, then the low or high four of those.
        return new BytesToInts(bytesHalf + shortsHalf, signed(first));
    }

    private static boolean signed(Op extend) {
        return switch (extend) {
            case I16X8_EXTEND_LOW_I8X16_S, I16X8_EXTEND_HIGH_I8X16_S, I32X4_EXTEND_LOW_I16X8_S,
                    I32X4_EXTEND_HIGH_I16X8_S -> true;
            default -> false;
        };
    }
}
