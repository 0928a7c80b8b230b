//! Floating point in a tight loop: the Mandelbrot set on an n x n grid over [-1.5, 0.5] x [-1, 1], 50 iterations,
//! as the Benchmarks Game's program computes it, packed into bits.

/// A hash (FNV-1a over the packed bitmap bytes) and the number of points in the set, as hash * 2^24 + count.
#[no_mangle]
pub extern "C" fn run(n: i32) -> i64 {
    let n = n.max(8) as usize;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut inside: u64 = 0;
    let inv = 2.0 / n as f64;
    for y in 0..n {
        let ci = y as f64 * inv - 1.0;
        let mut byte: u8 = 0;
        let mut bit = 0;
        for x in 0..n {
            let cr = x as f64 * inv - 1.5;
            let (mut zr, mut zi, mut tr, mut ti) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
            let mut i = 0;
            while i < 50 && tr + ti <= 4.0 {
                zi = 2.0 * zr * zi + ci;
                zr = tr - ti + cr;
                tr = zr * zr;
                ti = zi * zi;
                i += 1;
            }
            byte <<= 1;
            if tr + ti <= 4.0 {
                byte |= 1;
                inside += 1;
            }
            bit += 1;
            if bit == 8 || x == n - 1 {
                byte <<= 8 - bit;
                hash = (hash ^ byte as u64).wrapping_mul(0x100_0000_01b3);
                byte = 0;
                bit = 0;
            }
        }
    }
    ((hash << 24) | (inside & 0xff_ffff)) as i64
}
