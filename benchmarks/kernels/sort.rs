//! Memory-heavy: std's unstable sort (pattern-defeating quicksort) of n pseudo-random u32s, then its stable sort
//! (driftsort) of n (key, index) pairs with many equal keys.

fn xorshift(state: &mut u64) -> u64 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    x
}

/// A position-weighted sum over both sorted arrays.
#[no_mangle]
pub extern "C" fn run(n: i32) -> i64 {
    let n = n.max(1) as usize;
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let mut numbers: Vec<u32> = (0..n).map(|_| xorshift(&mut state) as u32).collect();
    numbers.sort_unstable();
    let mut pairs: Vec<(u16, u32)> = (0..n).map(|i| ((xorshift(&mut state) % 1000) as u16, i as u32)).collect();
    pairs.sort_by_key(|p| p.0);
    let mut sum: u64 = 0;
    for (i, x) in numbers.iter().enumerate() {
        sum = sum.wrapping_add((*x as u64).wrapping_mul(i as u64 + 1));
    }
    for (i, (k, v)) in pairs.iter().enumerate() {
        sum = sum.wrapping_mul(31).wrapping_add((*k as u64) ^ (*v as u64) ^ i as u64);
    }
    sum as i64
}
