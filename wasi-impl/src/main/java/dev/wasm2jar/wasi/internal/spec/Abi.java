package dev.wasm2jar.wasi.internal.spec;

/**
 * Where {@code wasi_unstable} (preview 0) and {@code wasi_snapshot_preview1} lay things out differently. Everything
 * not here is the same in both.
 *
 * <pre>
 * filestat, preview 1 (64 bytes)             filestat, preview 0 (56 bytes)
 *   0 dev u64   8 ino u64  16 filetype u8      0 dev u64   8 ino u64  16 filetype u8
 *  24 nlink u64 32 size u64                    20 nlink u32 24 size u64
 *  40 atim u64  48 mtim u64 56 ctim u64        32 atim u64  40 mtim u64 48 ctim u64
 *
 * subscription, preview 1 (48 bytes)         subscription, preview 0 (56 bytes)
 *   0 userdata u64  8 tag u8                   0 userdata u64  8 tag u8
 *  16 clock: id u32 24 timeout u64             16 clock: identifier u64 24 id u32 32 timeout u64
 *     32 precision u64 40 flags u16               40 precision u64 48 flags u16
 *  16 fd_read/fd_write: fd u32                 16 fd_read/fd_write: fd u32
 *
 * whence: preview 1 set=0 cur=1 end=2; preview 0 cur=0 end=1 set=2
 * </pre>
 */
public enum Abi {
    PREVIEW1("wasi_snapshot_preview1", 64, 24, 32, 40, 48, 56, 48, 16, 24, 32, 40),
    PREVIEW0("wasi_unstable", 56, 20, 24, 32, 40, 48, 56, 24, 32, 40, 48);

    /** The import module name. */
    public final String module;
    public final int filestatLength;
    public final int filestatNlink;
    public final int filestatSize;
    public final int filestatAtim;
    public final int filestatMtim;
    public final int filestatCtim;
    public final int subscriptionLength;
    public final int clockId;
    public final int clockTimeout;
    public final int clockPrecision;
    public final int clockFlags;

    Abi(String module, int filestatLength, int nlink, int size, int atim, int mtim, int ctim, int subscriptionLength,
            int clockId, int clockTimeout, int clockPrecision, int clockFlags) {
        this.module = module;
        this.filestatLength = filestatLength;
        this.filestatNlink = nlink;
        this.filestatSize = size;
        this.filestatAtim = atim;
        this.filestatMtim = mtim;
        this.filestatCtim = ctim;
        this.subscriptionLength = subscriptionLength;
        this.clockId = clockId;
        this.clockTimeout = clockTimeout;
        this.clockPrecision = clockPrecision;
        this.clockFlags = clockFlags;
    }

    /** {@code whence} in this ABI as preview 1's value, or -1 when it is not one. */
    public int whence(int whence) {
        if (this == PREVIEW1) {
            return whence >= 0 && whence <= 2 ? whence : -1;
        }
        return switch (whence) {
            case 0 -> Flags.WHENCE_CUR;
            case 1 -> Flags.WHENCE_END;
            case 2 -> Flags.WHENCE_SET;
            default -> -1;
        };
    }

    /** Whether preview 0's 32-bit link count is written. */
    public boolean nlink32() {
        return this == PREVIEW0;
    }
}
