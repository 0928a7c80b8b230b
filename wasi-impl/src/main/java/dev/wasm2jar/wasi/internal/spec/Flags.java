package dev.wasm2jar.wasi.internal.spec;

/** The small flag sets and enums of preview 1: fdflags, oflags, lookupflags, fstflags, whence, advice and the rest. */
public final class Flags {
    private Flags() {}

    // fdflags (u16)
    public static final int FDFLAGS_APPEND = 1;
    public static final int FDFLAGS_DSYNC = 2;
    public static final int FDFLAGS_NONBLOCK = 4;
    public static final int FDFLAGS_RSYNC = 8;
    public static final int FDFLAGS_SYNC = 16;
    public static final int FDFLAGS_ALL = 31;

    // oflags (u16)
    public static final int OFLAGS_CREAT = 1;
    public static final int OFLAGS_DIRECTORY = 2;
    public static final int OFLAGS_EXCL = 4;
    public static final int OFLAGS_TRUNC = 8;

    // lookupflags (u32)
    public static final int LOOKUPFLAGS_SYMLINK_FOLLOW = 1;

    // fstflags (u16)
    public static final int FSTFLAGS_ATIM = 1;
    public static final int FSTFLAGS_ATIM_NOW = 2;
    public static final int FSTFLAGS_MTIM = 4;
    public static final int FSTFLAGS_MTIM_NOW = 8;

    // whence (u8), preview 1 numbering; preview 0's differs (see Abi)
    public static final int WHENCE_SET = 0;
    public static final int WHENCE_CUR = 1;
    public static final int WHENCE_END = 2;

    // advice (u8): normal, sequential, random, willneed, dontneed, noreuse
    public static final int ADVICE_MAX = 5;

    // clockid (u32)
    public static final int CLOCK_REALTIME = 0;
    public static final int CLOCK_MONOTONIC = 1;
    public static final int CLOCK_PROCESS_CPUTIME = 2;
    public static final int CLOCK_THREAD_CPUTIME = 3;

    // eventtype (u8)
    public static final int EVENTTYPE_CLOCK = 0;
    public static final int EVENTTYPE_FD_READ = 1;
    public static final int EVENTTYPE_FD_WRITE = 2;

    // eventrwflags (u16)
    public static final int EVENT_FD_READWRITE_HANGUP = 1;

    // subclockflags (u16)
    public static final int SUBSCRIPTION_CLOCK_ABSTIME = 1;

    // riflags (u16), roflags (u16), sdflags (u8)
    public static final int RIFLAGS_RECV_PEEK = 1;
    public static final int RIFLAGS_RECV_WAITALL = 2;
    public static final int ROFLAGS_RECV_DATA_TRUNCATED = 1;
    public static final int SDFLAGS_RD = 1;
    public static final int SDFLAGS_WR = 2;

    // preopentype (u8)
    public static final int PREOPENTYPE_DIR = 0;
}
