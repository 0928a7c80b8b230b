package dev.wasm2jar.wasi.internal.fn;

import static dev.wasm2jar.runtime.host.GuestMemory.putI16;
import static dev.wasm2jar.runtime.host.GuestMemory.putI32;
import static dev.wasm2jar.runtime.host.GuestMemory.putI64;
import static dev.wasm2jar.runtime.host.GuestMemory.putU8;

import dev.wasm2jar.runtime.host.GuestMemory;
import dev.wasm2jar.wasi.internal.errno.ErrnoException;
import dev.wasm2jar.wasi.internal.fd.Descriptor;
import dev.wasm2jar.wasi.internal.fd.FileStat;
import dev.wasm2jar.wasi.internal.spec.Abi;
import dev.wasm2jar.wasi.internal.spec.Errno;
import dev.wasm2jar.wasi.internal.spec.Flags;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.TimeUnit;

/**
 * The structures several function groups write, and the timestamp rules they share.
 *
 * <pre>
 * fdstat (24 bytes): 0 fs_filetype u8 | 2 fs_flags u16 | 8 fs_rights_base u64 | 16 fs_rights_inheriting u64
 * filestat: see {@link Abi} (64 bytes in preview 1, 56 in preview 0)
 * </pre>
 */
final class Structs {
    static final int FDSTAT_LENGTH = 24;

    private Structs() {}

    static void fdstat(byte[] mem, int address, Descriptor d) {
        GuestMemory.zero(mem, address, FDSTAT_LENGTH);
        putU8(mem, address, d.filetype());
        putI16(mem, address + 2, d.fdflags());
        putI64(mem, address + 8, d.rightsBase());
        putI64(mem, address + 16, d.rightsInheriting());
    }

    static void filestat(byte[] mem, int address, FileStat s, Abi abi) {
        GuestMemory.zero(mem, address, abi.filestatLength);
        putI64(mem, address, s.dev());
        putI64(mem, address + 8, s.ino());
        putU8(mem, address + 16, s.filetype());
        if (abi.nlink32()) {
            putI32(mem, address + abi.filestatNlink, (int) Math.min(s.nlink(), 0xffffffffL));
        } else {
            putI64(mem, address + abi.filestatNlink, s.nlink());
        }
        putI64(mem, address + abi.filestatSize, s.size());
        putI64(mem, address + abi.filestatAtim, s.atim());
        putI64(mem, address + abi.filestatMtim, s.mtim());
        putI64(mem, address + abi.filestatCtim, s.ctim());
    }

    /**
     * The access and modification times that {@code fstflags} ask for (null: leave as is). Setting a time and setting
     * it to now at once is {@link Errno#INVAL}.
     */
    static FileTime[] times(long atim, long mtim, int fstflags) {
        if ((fstflags & ~(Flags.FSTFLAGS_ATIM | Flags.FSTFLAGS_ATIM_NOW | Flags.FSTFLAGS_MTIM
                | Flags.FSTFLAGS_MTIM_NOW)) != 0) {
            throw ErrnoException.of(Errno.INVAL);
        }
        boolean atimSet = (fstflags & Flags.FSTFLAGS_ATIM) != 0;
        boolean atimNow = (fstflags & Flags.FSTFLAGS_ATIM_NOW) != 0;
        boolean mtimSet = (fstflags & Flags.FSTFLAGS_MTIM) != 0;
        boolean mtimNow = (fstflags & Flags.FSTFLAGS_MTIM_NOW) != 0;
        if ((atimSet && atimNow) || (mtimSet && mtimNow)) {
            throw ErrnoException.of(Errno.INVAL);
        }
        FileTime now = atimNow || mtimNow ? FileTime.from(java.time.Instant.now()) : null;
        FileTime a = atimNow ? now : atimSet ? FileTime.from(atim, TimeUnit.NANOSECONDS) : null;
        FileTime m = mtimNow ? now : mtimSet ? FileTime.from(mtim, TimeUnit.NANOSECONDS) : null;
        return new FileTime[] {a, m};
    }
}
