//! Floating point: the Benchmarks Game's spectral norm of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1),
//! truncated to n x n.

fn a(i: usize, j: usize) -> f64 {
    1.0 / (((i + j) * (i + j + 1) / 2 + i + 1) as f64)
}

fn mul_av(v: &[f64], out: &mut [f64]) {
    for (i, o) in out.iter_mut().enumerate() {
        let mut sum = 0.0;
        for (j, x) in v.iter().enumerate() {
            sum += a(i, j) * x;
        }
        *o = sum;
    }
}

fn mul_atv(v: &[f64], out: &mut [f64]) {
    for (i, o) in out.iter_mut().enumerate() {
        let mut sum = 0.0;
        for (j, x) in v.iter().enumerate() {
            sum += a(j, i) * x;
        }
        *o = sum;
    }
}

fn mul_atav(v: &[f64], out: &mut [f64], tmp: &mut [f64]) {
    mul_av(v, tmp);
    mul_atv(tmp, out);
}

/// The spectral norm of the n x n truncation, after 10 power iterations.
#[no_mangle]
pub extern "C" fn run(n: i32) -> f64 {
    let n = n.max(1) as usize;
    let mut u = vec![1.0; n];
    let mut v = vec![0.0; n];
    let mut tmp = vec![0.0; n];
    for _ in 0..10 {
        mul_atav(&u, &mut v, &mut tmp);
        mul_atav(&v, &mut u, &mut tmp);
    }
    let (mut vbv, mut vv) = (0.0, 0.0);
    for i in 0..n {
        vbv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    (vbv / vv).sqrt()
}
