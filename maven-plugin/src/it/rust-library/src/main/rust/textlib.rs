// A Rust library for the JVM: numbers in and out, and text through linear memory with an allocator the host calls.
// Built by maven-plugin/src/it/build-wasm with rustc --target wasm32-wasip1 -O -C panic=abort --crate-type cdylib.

use std::alloc::{alloc, dealloc, Layout};

fn layout(len: usize) -> Layout {
    Layout::array::<u8>(len.max(1)).unwrap_or(Layout::new::<u8>())
}

/// Reserves `len` bytes of linear memory for the host to write into.
#[no_mangle]
pub extern "C" fn alloc_bytes(len: usize) -> *mut u8 {
    unsafe { alloc(layout(len)) }
}

/// Gives back what `alloc_bytes(len)` returned.
#[no_mangle]
pub extern "C" fn free_bytes(ptr: *mut u8, len: usize) {
    unsafe { dealloc(ptr, layout(len)) }
}

/// The number of words (runs of non-whitespace) in the UTF-8 text at ptr, or -1 when it is not UTF-8.
#[no_mangle]
pub extern "C" fn word_count(ptr: *const u8, len: usize) -> i32 {
    let bytes = unsafe { std::slice::from_raw_parts(ptr, len) };
    match std::str::from_utf8(bytes) {
        Ok(text) => text.split_whitespace().count() as i32,
        Err(_) => -1,
    }
}

/// Reverses the characters of the UTF-8 text at ptr in place (it stays valid UTF-8).
#[no_mangle]
pub extern "C" fn reverse(ptr: *mut u8, len: usize) {
    let bytes = unsafe { std::slice::from_raw_parts_mut(ptr, len) };
    if let Ok(text) = std::str::from_utf8(bytes) {
        let reversed: String = text.chars().rev().collect();
        bytes.copy_from_slice(reversed.as_bytes());
    }
}

/// The greatest common divisor, on 64-bit integers.
#[no_mangle]
pub extern "C" fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let t = a % b;
        a = b;
        b = t;
    }
    a
}

/// The mean of `n` doubles at ptr.
#[no_mangle]
pub extern "C" fn mean(ptr: *const f64, n: usize) -> f64 {
    let values = unsafe { std::slice::from_raw_parts(ptr, n) };
    values.iter().sum::<f64>() / n as f64
}
