//! Integer loops over a byte array: the sieve of Eratosthenes below `n`.

/// The number of primes below `n`, times 2^32, plus the low 32 bits of their sum.
#[no_mangle]
pub extern "C" fn run(n: i32) -> i64 {
    let n = n.max(2) as usize;
    let mut composite = vec![false; n];
    let mut count: i64 = 0;
    let mut sum: u64 = 0;
    let mut i = 2;
    while i < n {
        if !composite[i] {
            count += 1;
            sum = sum.wrapping_add(i as u64);
            // i * i overflows a 32-bit usize (wasm32) past 65535: start crossing out only when it fits.
            if i <= (n - 1) / i {
                let mut j = i * i;
                while j < n {
                    composite[j] = true;
                    j += i;
                }
            }
        }
        i += 1;
    }
    (count << 32) | (sum & 0xffff_ffff) as i64
}
