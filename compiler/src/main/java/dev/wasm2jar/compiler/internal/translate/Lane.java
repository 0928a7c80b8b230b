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

    static Lane of(Op op) {
        String name = op.name();
        return name.startsWith("I8X16") ? I8 : name.startsWith("I16X8") ? I16 : name.startsWith("I32X4") ? I32
                : name.startsWith("I64X2") ? I64 : name.startsWith("F32X4") ? F32 : F64;
    }

    /** The lane of {@code v128.loadN_lane} and {@code v128.storeN_lane}. */
    static Lane ofMemoryOp(Op op) {
        return switch (op) {
            case V128_LOAD8_LANE, V128_STORE8_LANE -> I8;
            case V128_LOAD16_LANE, V128_STORE16_LANE -> I16;
            case V128_LOAD32_LANE, V128_STORE32_LANE -> I32;
            default -> I64;
        };
    }
}
