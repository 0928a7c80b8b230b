//! Integer permutations: fannkuch-redux (the Benchmarks Game's sequential algorithm).

/// For permutations of `n` elements: the checksum of flip counts times 256, plus the maximum number of flips.
#[no_mangle]
pub extern "C" fn run(n: i32) -> i64 {
    let n = n.clamp(3, 12) as usize;
    let mut perm = [0i32; 16];
    let mut perm1 = [0i32; 16];
    let mut count = [0i32; 16];
    for (i, p) in perm1.iter_mut().enumerate().take(n) {
        *p = i as i32;
    }
    let mut max_flips = 0i32;
    let mut checksum = 0i64;
    let mut perm_count = 0i64;
    let mut r = n;
    loop {
        while r != 1 {
            count[r - 1] = r as i32;
            r -= 1;
        }
        perm[..n].copy_from_slice(&perm1[..n]);
        let mut flips = 0i32;
        let mut k = perm[0];
        while k != 0 {
            perm[..=k as usize].reverse();
            flips += 1;
            k = perm[0];
        }
        max_flips = max_flips.max(flips);
        checksum += if perm_count % 2 == 0 { flips as i64 } else { -(flips as i64) };
        loop {
            if r == n {
                return checksum * 256 + max_flips as i64;
            }
            let perm0 = perm1[0];
            for i in 0..r {
                perm1[i] = perm1[i + 1];
            }
            perm1[r] = perm0;
            count[r] -= 1;
            if count[r] > 0 {
                break;
            }
            r += 1;
        }
        perm_count += 1;
    }
}
