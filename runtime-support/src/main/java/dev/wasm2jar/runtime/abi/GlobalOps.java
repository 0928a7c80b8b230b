package dev.wasm2jar.runtime.abi;

import dev.wasm2jar.runtime.Global;
import dev.wasm2jar.runtime.V128;

/**
 * {@code global.get} and {@code global.set} of globals that cross a module boundary, which live in {@link Global}
 * objects (private globals are fields of the module class). The value comes first, the global last, as elsewhere.
 */
public final class GlobalOps {
    private GlobalOps() {}

    public static int getI32(Global g) {
        return g.getI32();
    }

    public static long getI64(Global g) {
        return g.getI64();
    }

    public static float getF32(Global g) {
        return g.getF32();
    }

    public static double getF64(Global g) {
        return g.getF64();
    }

    public static V128 getV128(Global g) {
        return g.getV128();
    }

    public static Object getRef(Global g) {
        return g.getRef();
    }

    public static void setI32(int v, Global g) {
        g.setI32(v);
    }

    public static void setI64(long v, Global g) {
        g.setI64(v);
    }

    public static void setF32(float v, Global g) {
        g.setF32(v);
    }

    public static void setF64(double v, Global g) {
        g.setF64(v);
    }

    public static void setV128(V128 v, Global g) {
        g.setV128(v);
    }

    public static void setRef(Object v, Global g) {
        g.setRef(v);
    }
}
