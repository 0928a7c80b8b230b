package dev.wasm2jar.compiler.internal.translate;

import static dev.wasm2jar.compiler.internal.translate.Shape.D2;
import static dev.wasm2jar.compiler.internal.translate.Shape.F4;
import static dev.wasm2jar.compiler.internal.translate.Shape.I4;
import static dev.wasm2jar.compiler.internal.translate.Shape.L2;

import dev.wasm2jar.compiler.internal.model.Op;
import org.objectweb.asm.Type;

/** The lane types of SIMD instructions: a lane's width, its JVM type as a scalar, and the shape that holds whole lanes. */
enum Lane {
    I8(8, Type.INT_TYPE, L2), I16(16, Type.INT_TYPE, L2), I32(32, Type.INT_TYPE, I4), I64(64, Type.LONG_TYPE, L2),
    F32(32, Type.FLOAT_TYPE, F4), F64(64, Type.DOUBLE_TYPE, D2);

    final int bits;
    final Type scalar;
    final Shape shape;

    Lane(int bits, Type scalar, Shape shape) {
        this.bits = bits;
        this.scalar = scalar;
        this.shape = shape;
    }

    /** The lane of a splat, extract_lane or replace_lane. */
    static Lane of(Op op) {
        return switch (op) {
            case I8X16_SPLAT, I8X16_EXTRACT_LANE_S, I8X16_EXTRACT_LANE_U, I8X16_REPLACE_LANE -> I8;
            case I16X8_SPLAT, I16X8_EXTRACT_LANE_S, I16X8_EXTRACT_LANE_U, I16X8_REPLACE_LANE -> I16;
            case I32X4_SPLAT, I32X4_EXTRACT_LANE, I32X4_REPLACE_LANE -> I32;
            case I64X2_SPLAT, I64X2_EXTRACT_LANE, I64X2_REPLACE_LANE -> I64;
            case F32X4_SPLAT, F32X4_EXTRACT_LANE, F32X4_REPLACE_LANE -> F32;
            case F64X2_SPLAT, F64X2_EXTRACT_LANE, F64X2_REPLACE_LANE -> F64;
            default -> throw new IllegalArgumentException(op + " has no lane");
        };
    }

    /** The lane of {@code v128.loadN_splat}, {@code v128.loadN_lane} and {@code v128.storeN_lane}. */
    static Lane ofMemoryOp(Op op) {
        return switch (op) {
            case V128_LOAD8_SPLAT, V128_LOAD8_LANE, V128_STORE8_LANE -> I8;
            case V128_LOAD16_SPLAT, V128_LOAD16_LANE, V128_STORE16_LANE -> I16;
            case V128_LOAD32_SPLAT, V128_LOAD32_LANE, V128_STORE32_LANE -> I32;
            case V128_LOAD64_SPLAT, V128_LOAD64_LANE, V128_STORE64_LANE -> I64;
            default -> throw new IllegalArgumentException(op + " has no lane");
        };
    }
}
