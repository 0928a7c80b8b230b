//! Floating point over arrays: dense n x n matrix multiply, C = A * B, in i-k-j order.

/// The sum of C's entries weighted by position, for A and B filled from a small formula.
#[no_mangle]
pub extern "C" fn run(n: i32) -> f64 {
    let n = n.max(1) as usize;
    let mut a = vec![0.0f64; n * n];
    let mut b = vec![0.0f64; n * n];
    for i in 0..n {
        for j in 0..n {
            a[i * n + j] = ((i * 7 + j * 3) % 17) as f64 * 0.25 - 2.0;
            b[i * n + j] = ((i * 5 + j * 11) % 13) as f64 * 0.5 - 3.0;
        }
    }
    let mut c = vec![0.0f64; n * n];
    for i in 0..n {
        let row = &mut c[i * n..(i + 1) * n];
        for k in 0..n {
            let aik = a[i * n + k];
            let bk = &b[k * n..(k + 1) * n];
            for j in 0..n {
                row[j] += aik * bk[j];
            }
        }
    }
    let mut sum = 0.0;
    for (i, x) in c.iter().enumerate() {
        sum += x * ((i % 7) as f64 + 1.0);
    }
    sum
}
