package dev.wasm2jar.maven.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class JavaNamesTest {
    @Test
    void wasmNamesBecomeJavaIdentifiers() {
        JavaNames names = new JavaNames(Set.of("instance"));
        assertEquals("fib", names.member("fib"));
        assertEquals("wordCount", names.member("word_count"));
        assertEquals("start", names.member("_start"));
        assertEquals("heapBase", names.member("__heap_base"));
        assertEquals("httpGet", names.member("HTTP-get"));
        assertEquals("w2d", names.member("2d"));
        assertEquals("int_", names.member("int"));
        assertEquals("instance_", names.member("instance"));
        assertEquals("export", names.member("→"));
        assertEquals("fib2", names.member("FIB"), "taken names get a number");
    }

    @Test
    void fileNamesBecomeClassNames() {
        assertEquals("MyLib", JavaNames.type("my-lib"));
        assertEquals("HelloHttp", JavaNames.type("hello-http"));
        assertEquals("Mathlib", JavaNames.type("mathlib"));
    }
}
