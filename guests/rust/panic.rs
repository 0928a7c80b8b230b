// panic: a Rust program that panics in a named function, for the backtrace of a trap (panic=abort: unreachable).
#[inline(never)]
fn check_positive(n: i64) -> i64 {
    if n < 0 {
        panic!("negative: {}", n);
    }
    n
}

fn main() {
    let n: i64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(-1);
    println!("{}", check_positive(n));
}
