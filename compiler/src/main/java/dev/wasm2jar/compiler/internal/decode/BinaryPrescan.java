package dev.wasm2jar.compiler.internal.decode;

import dev.wasm2jar.runtime.MalformedException;

/**
 * What can be told from a module's raw bytes before (or after) Endive decodes it: that the file is a component
 * rather than a core module, and that it declares 64-bit memories or tables (memory64), which Endive's decoder does
 * not know and reports as malformed limits.
 */
final class BinaryPrescan {
    private static final int CUSTOM_SECTION = 0;
    private static final int IMPORT_SECTION = 2;
    private static final int EXPORT_SECTION = 7;
    private static final int TABLE_SECTION = 4;
    private static final int MEMORY_SECTION = 5;
    /** The limits flag of a 64-bit memory or table (memory64). */
    private static final int LIMITS_64 = 0x04;

    private final byte[] wasm;
    private int at;
    /** The end of the section being read, or the module's. */
    private int sectionEnd;

    private BinaryPrescan(byte[] wasm) {
        this.wasm = wasm;
        this.sectionEnd = wasm.length;
    }

    /**
     * Refuses a component (the component model's binaries share the magic number; their version field is a version
     * and layer 1) with one clear line.
     */
    static void checkHeader(byte[] wasm) {
        if (wasm.length >= 8 && wasm[0] == 0 && wasm[1] == 'a' && wasm[2] == 's' && wasm[3] == 'm' && wasm[6] == 1
                && wasm[7] == 0) {
            throw new MalformedException("this is a WebAssembly component (version 0x"
                    + Integer.toHexString(wasm[4] & 0xFF) + ", layer 1), not a core module: wasm2jar compiles core "
                    + "modules");
        }
    }

    /**
     * Refuses a name (of a custom section, an import or an export) longer than the rest of its section: Endive
     * allocates a name's bytes before reading them, so a hostile length would exhaust the heap.
     */
    static void checkNameLengths(byte[] wasm) {
        BinaryPrescan prescan = new BinaryPrescan(wasm);
        try {
            prescan.names();
        } catch (MalformedException e) {
            throw e;
        } catch (RuntimeException e) {
            // malformed otherwise: Endive reports it
        }
    }

    private void names() {
        at = 8;
        while (at < wasm.length) {
            int id = wasm[at++] & 0xFF;
            long size = leb();
            sectionEnd = (int) Math.min(wasm.length, at + size);
            int end = sectionEnd;
            switch (id) {
                case CUSTOM_SECTION -> name();
                case IMPORT_SECTION -> {
                    for (long n = leb(); n > 0 && at < end; n--) {
                        name();
                        name();
                        switch (wasm[at++] & 0xFF) {
                            case 0 -> leb();
                            case 1 -> {
                                valueType();
                                is64();
                            }
                            case 2 -> is64();
                            case 3 -> {
                                valueType();
                                at++;
                            }
                            default -> n = 0; // tags and anything newer: Endive checks the rest
                        }
                    }
                }
                case EXPORT_SECTION -> {
                    for (long n = leb(); n > 0 && at < end; n--) {
                        name();
                        at++;
                        leb();
                    }
                }
                default -> { }
            }
            at = end;
        }
    }

    /** Where the module declares a 64-bit memory or table ({@code memory 0}, {@code import env.t}), or null. */
    static String sixtyFourBitLimits(byte[] wasm) {
        try {
            return new BinaryPrescan(wasm).scan();
        } catch (RuntimeException e) {
            return null; // malformed in a way Endive has reported already
        }
    }

    private String scan() {
        at = 8;
        int tables = 0;
        int memories = 0;
        while (at < wasm.length) {
            int id = wasm[at++] & 0xFF;
            int size = (int) leb();
            int end = at + size;
            switch (id) {
                case IMPORT_SECTION -> {
                    for (long n = leb(); n > 0; n--) {
                        String name = name() + "." + name();
                        int kind = wasm[at++] & 0xFF;
                        switch (kind) {
                            case 0 -> leb();
                            case 1 -> {
                                valueType();
                                if (is64()) {
                                    return "import " + name + " is a 64-bit table";
                                }
                                tables++;
                            }
                            case 2 -> {
                                if (is64()) {
                                    return "import " + name + " is a 64-bit memory";
                                }
                                memories++;
                            }
                            case 3 -> {
                                valueType();
                                at++;
                            }
                            default -> {
                                return null; // tags and anything newer: nothing more to learn here
                            }
                        }
                    }
                }
                case TABLE_SECTION -> {
                    for (long n = leb(); n > 0; n--) {
                        boolean initialized = wasm[at] == 0x40;
                        if (initialized) {
                            at += 2;
                        }
                        valueType();
                        if (is64()) {
                            return "table " + tables + " is 64-bit";
                        }
                        tables++;
                        if (initialized) {
                            break; // its initializer is an expression: not worth decoding here
                        }
                    }
                }
                case MEMORY_SECTION -> {
                    for (long n = leb(); n > 0; n--) {
                        if (is64()) {
                            return "memory " + memories + " is 64-bit";
                        }
                        memories++;
                    }
                }
                default -> { }
            }
            at = end;
        }
        return null;
    }

    /** Reads limits and says whether they are 64-bit. */
    private boolean is64() {
        int flags = wasm[at++] & 0xFF;
        leb();
        if ((flags & 1) != 0) {
            leb();
        }
        return (flags & LIMITS_64) != 0;
    }

    private void valueType() {
        int code = wasm[at++] & 0xFF;
        if (code == 0x63 || code == 0x64) {
            leb(); // the heap type, an s33
        }
    }

    private String name() {
        long length = leb();
        if (length > sectionEnd - at) {
            throw new MalformedException("length out of bounds: a name of " + length + " bytes at offset 0x"
                    + Integer.toHexString(at) + " runs past its section");
        }
        String name = new String(wasm, at, (int) length, java.nio.charset.StandardCharsets.UTF_8);
        at += (int) length;
        return name;
    }

    private long leb() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            byte b = wasm[at++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalStateException("LEB128 too long");
    }
}
