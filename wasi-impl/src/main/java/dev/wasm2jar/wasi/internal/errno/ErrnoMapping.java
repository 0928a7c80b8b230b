package dev.wasm2jar.wasi.internal.errno;

import dev.wasm2jar.runtime.HostCall;
import dev.wasm2jar.runtime.host.ErrorCodes;
import dev.wasm2jar.wasi.internal.spec.Errno;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.lang.invoke.MethodHandle;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.AlreadyBoundException;
import java.nio.channels.AlreadyConnectedException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ConnectionPendingException;
import java.nio.channels.NoConnectionPendingException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.NotYetBoundException;
import java.nio.channels.NotYetConnectedException;
import java.nio.channels.UnsupportedAddressTypeException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * Errors become errno here, and only here: WASI's {@link ErrorCodes.Mapper}. A host function throws what Java throws
 * ({@link IOException}s of NIO, {@link IndexOutOfBoundsException} for a guest pointer out of bounds) or an
 * {@link ErrnoException}; the handle that wraps it ({@link #catching}) returns the errno. Bugs (any other exception)
 * and {@code WasiExit} pass through.
 */
public final class ErrnoMapping {
    /** {@link #toErrno} as the seam's mapper: a class, not a method reference (start-up; RATIONALE.md). */
    private static final ErrorCodes.Mapper MAPPER = new ErrorCodes.Mapper() {
        @Override
        public int code(Throwable failure) {
            return toErrno(failure);
        }
    };

    private ErrnoMapping() {}

    /** {@code function} (returning an errno) with every mapped failure turned into its errno. */
    public static MethodHandle catching(MethodHandle function) {
        return ErrorCodes.catching(function, MAPPER);
    }

    /** {@code function} (returning an errno) with every mapped failure turned into its errno. */
    public static HostCall catching(HostCall function) {
        return ErrorCodes.catching(function, MAPPER);
    }

    /** The errno for {@code t}; rethrows what is not a WASI error. */
    public static int toErrno(Throwable t) {
        if (t instanceof ErrnoException e) {
            return e.errno();
        }
        if (t instanceof IndexOutOfBoundsException) {
            return Errno.FAULT; // a guest pointer or length outside its memory
        }
        if (t instanceof IOException e) {
            return ofIo(e);
        }
        if (t instanceof NonReadableChannelException || t instanceof NonWritableChannelException) {
            return Errno.BADF;
        }
        if (t instanceof IllegalStateException) {
            int errno = ofChannelState(t);
            if (errno != Errno.SUCCESS) {
                return errno;
            }
        }
        if (t instanceof UnsupportedAddressTypeException) {
            return Errno.AFNOSUPPORT;
        }
        if (t instanceof UnsupportedOperationException) {
            return Errno.NOTSUP;
        }
        if (t instanceof SecurityException) {
            return Errno.PERM;
        }
        if (t instanceof RuntimeException r) {
            throw r; // WasiExit, traps, and bugs
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException(t);
    }

    /** The errno for a socket channel used in the wrong state, as the OS reports it; SUCCESS for another failure. */
    private static int ofChannelState(Throwable t) {
        if (t instanceof AlreadyConnectedException) {
            return Errno.ISCONN;
        }
        if (t instanceof ConnectionPendingException) {
            return Errno.ALREADY;
        }
        if (t instanceof NotYetConnectedException) {
            return Errno.NOTCONN;
        }
        if (t instanceof NotYetBoundException || t instanceof AlreadyBoundException
                || t instanceof NoConnectionPendingException) {
            return Errno.INVAL;
        }
        return Errno.SUCCESS;
    }

    /** The errno for an I/O failure. */
    public static int ofIo(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.NOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return Errno.EXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Errno.NOTEMPTY;
        }
        if (e instanceof AccessDeniedException) {
            return Errno.ACCES;
        }
        if (e instanceof NotDirectoryException) {
            return Errno.NOTDIR;
        }
        if (e instanceof NotLinkException) {
            return Errno.INVAL;
        }
        if (e instanceof FileSystemLoopException) {
            return Errno.LOOP;
        }
        if (e instanceof CharacterCodingException) {
            return Errno.ILSEQ;
        }
        if (e instanceof AsynchronousCloseException || e instanceof ClosedChannelException) {
            return Errno.BADF;
        }
        if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
            return Errno.AGAIN;
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        int errno = ofReason(reason);
        if (errno != Errno.IO) {
            return errno;
        }
        if (e instanceof BindException) {
            return Errno.ADDRINUSE;
        }
        if (e instanceof ConnectException || e instanceof PortUnreachableException) {
            return Errno.CONNREFUSED;
        }
        if (e instanceof NoRouteToHostException) {
            return Errno.HOSTUNREACH;
        }
        return e instanceof SocketException ? Errno.CONNRESET : Errno.IO;
    }

    /** The errno for the C library's message (strerror) that the JDK reports as a reason. */
    static int ofReason(String reason) {
        if (reason == null) {
            return Errno.IO;
        }
        String r = reason.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("address already in use")) {
            return Errno.ADDRINUSE;
        }
        if (r.contains("cannot assign requested address")) {
            return Errno.ADDRNOTAVAIL;
        }
        if (r.contains("connection refused")) {
            return Errno.CONNREFUSED;
        }
        if (r.contains("timed out")) {
            return Errno.TIMEDOUT;
        }
        if (r.contains("network is unreachable")) {
            return Errno.NETUNREACH;
        }
        if (r.contains("no route to host")) {
            return Errno.HOSTUNREACH;
        }
        if (r.contains("address family not supported") || r.contains("protocol family unavailable")) {
            return Errno.AFNOSUPPORT;
        }
        if (r.contains("message too long")) {
            return Errno.MSGSIZE;
        }
        if (r.contains("is already connected")) {
            return Errno.ISCONN;
        }
        if (r.contains("not a directory")) {
            return Errno.NOTDIR;
        }
        if (r.contains("is a directory")) {
            return Errno.ISDIR;
        }
        if (r.contains("directory not empty")) {
            return Errno.NOTEMPTY;
        }
        if (r.contains("too many levels of symbolic links")) {
            return Errno.LOOP;
        }
        if (r.contains("operation not permitted")) {
            return Errno.PERM;
        }
        if (r.contains("permission denied")) {
            return Errno.ACCES;
        }
        if (r.contains("invalid argument")) {
            return Errno.INVAL;
        }
        if (r.contains("no space left")) {
            return Errno.NOSPC;
        }
        if (r.contains("file name too long")) {
            return Errno.NAMETOOLONG;
        }
        if (r.contains("read-only file system")) {
            return Errno.ROFS;
        }
        if (r.contains("cross-device link")) {
            return Errno.XDEV;
        }
        if (r.contains("too many links")) {
            return Errno.MLINK;
        }
        if (r.contains("file exists")) {
            return Errno.EXIST;
        }
        if (r.contains("no such file")) {
            return Errno.NOENT;
        }
        if (r.contains("file too large")) {
            return Errno.FBIG;
        }
        if (r.contains("resource busy")) {
            return Errno.BUSY;
        }
        if (r.contains("text file busy")) {
            return Errno.TXTBSY;
        }
        if (r.contains("bad file descriptor")) {
            return Errno.BADF;
        }
        if (r.contains("broken pipe")) {
            return Errno.PIPE;
        }
        if (r.contains("connection reset")) {
            return Errno.CONNRESET;
        }
        if (r.contains("not connected")) {
            return Errno.NOTCONN;
        }
        if (r.contains("too many open files")) {
            return Errno.MFILE;
        }
        if (r.contains("disk quota")) {
            return Errno.DQUOT;
        }
        return Errno.IO;
    }
}
