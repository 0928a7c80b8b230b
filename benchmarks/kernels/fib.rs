//! Integer recursion: the naive doubly recursive Fibonacci. Measures direct calls and integer adds.

fn fib(n: i32) -> i64 {
    if n < 2 {
        n as i64
    } else {
        fib(n - 1) + fib(n - 2)
    }
}

/// fib(n) for n up to 92; the answer is the checksum.
#[no_mangle]
pub extern "C" fn run(n: i32) -> i64 {
    fib(n)
}
