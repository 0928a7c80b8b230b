package dev.wasm2jar.wasi.internal.errno;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.wasm2jar.runtime.TrapException;
import dev.wasm2jar.wasi.WasiExit;
import dev.wasm2jar.wasi.internal.spec.Errno;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotLinkException;
import org.junit.jupiter.api.Test;

class ErrnoMappingTest {
    @Test
    void nioExceptionsAndReasons() {
        assertEquals(Errno.NOENT, ErrnoMapping.toErrno(new NoSuchFileException("a")));
        assertEquals(Errno.EXIST, ErrnoMapping.toErrno(new FileAlreadyExistsException("a")));
        assertEquals(Errno.NOTEMPTY, ErrnoMapping.toErrno(new DirectoryNotEmptyException("a")));
        assertEquals(Errno.ACCES, ErrnoMapping.toErrno(new AccessDeniedException("a")));
        assertEquals(Errno.INVAL, ErrnoMapping.toErrno(new NotLinkException("a")));
        assertEquals(Errno.ISDIR, ErrnoMapping.toErrno(new FileSystemException("a", "b", "Is a directory")));
        assertEquals(Errno.NOTDIR, ErrnoMapping.toErrno(new FileSystemException("a", null, "Not a directory")));
        assertEquals(Errno.NOTEMPTY, ErrnoMapping.toErrno(new FileSystemException("a", "b", "Directory not empty")));
        assertEquals(Errno.PERM, ErrnoMapping.toErrno(new FileSystemException("a", "b", "Operation not permitted")));
        assertEquals(Errno.XDEV, ErrnoMapping.toErrno(new FileSystemException("a", "b", "Invalid cross-device link")));
        assertEquals(Errno.LOOP, ErrnoMapping.toErrno(
                new IOException("Too many levels of symbolic links (NOFOLLOW_LINKS specified)")));
        assertEquals(Errno.IO, ErrnoMapping.toErrno(new IOException("something else")));
    }

    @Test
    void guestPointersOutOfBoundsAreFault() {
        assertEquals(Errno.FAULT, ErrnoMapping.toErrno(new ArrayIndexOutOfBoundsException(70000)));
    }

    @Test
    void errnoExceptionsAreSharedAndCarryTheirErrno() {
        assertSame(ErrnoException.of(Errno.BADF), ErrnoException.of(Errno.BADF));
        assertEquals(Errno.BADF, ErrnoMapping.toErrno(ErrnoException.of(Errno.BADF)));
        assertEquals("badf", ErrnoException.of(Errno.BADF).getMessage());
    }

    @Test
    void exitTrapsAndBugsPassThrough() {
        WasiExit exit = new WasiExit(3);
        assertSame(exit, assertThrows(WasiExit.class, () -> ErrnoMapping.toErrno(exit)));
        assertThrows(TrapException.class, () -> ErrnoMapping.toErrno(new TrapException("unreachable")));
        assertThrows(NullPointerException.class, () -> ErrnoMapping.toErrno(new NullPointerException()));
        assertThrows(StackOverflowError.class, () -> ErrnoMapping.toErrno(new StackOverflowError()));
    }
}
