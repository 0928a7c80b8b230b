package dev.wasm2jar.wasi.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RustNamesTest {
    @Test
    void legacyManglingLosesItsHash() {
        assertEquals("core::panicking::panic", RustNames.demangle("_ZN4core9panicking5panic17h0123456789abcdefE"));
        assertEquals("std::rt::lang_start::{{closure}}",
                RustNames.demangle("_ZN3std2rt10lang_start28_$u7b$$u7b$closure$u7d$$u7d$17h7d4a9e4f2c1b0a99E"));
        assertEquals("<T as core::any::Any>::type_id",
                RustNames.demangle("_ZN36_$LT$T$u20$as$u20$core..any..Any$GT$7type_id17h1111111111111111E"));
    }

    @Test
    void v0PathsClosuresAndGenerics() {
        assertEquals("std::process::abort", RustNames.demangle("_RNvNtCsk6DxXIiz9X2_3std7process5abort"));
        assertEquals("__rustc::__rust_abort", RustNames.demangle("_RNvCsfgHYwM92fyn_7___rustc12___rust_abort"));
        assertEquals("std::panicking::panic_handler::{closure#0}",
                RustNames.demangle("_RNCNvNtCsk6DxXIiz9X2_3std9panicking13panic_handler0B5_"));
        assertEquals("std::sys::backtrace::__rust_end_short_backtrace::<..>", RustNames.demangle(
                "_RINvNtNtCsk6DxXIiz9X2_3std3sys9backtrace26___rust_end_short_backtraceNCNvNtB6_9panicking13panic_"
                        + "handler0zEB6_"));
    }

    @Test
    void otherNamesStayAsTheyAre() {
        assertEquals("main", RustNames.demangle("main"));
        assertEquals("_ZN3fooE_broken", RustNames.demangle("_ZN3fooE_broken"));
        assertEquals("_Rbogus", RustNames.demangle("_Rbogus"));
        assertEquals("_ZN5short", RustNames.demangle("_ZN5short"));
    }
}
