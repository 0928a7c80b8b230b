//! Huge straight-line code: SHA-512's compression function with its 80 rounds and its message schedule unrolled by
//! macros into one function of thousands of wasm instructions (the shape of unrolled hashes and of curve arithmetic
//! such as ed25519's field operations), applied to a chain of blocks. Measures how the JVM copes with one function
//! far over HotSpot's 8,000-byte limit.

const K: [u64; 80] = [
    0x428a2f98d728ae22, 0x7137449123ef65cd, 0xb5c0fbcfec4d3b2f, 0xe9b5dba58189dbbc,
    0x3956c25bf348b538, 0x59f111f1b605d019, 0x923f82a4af194f9b, 0xab1c5ed5da6d8118,
    0xd807aa98a3030242, 0x12835b0145706fbe, 0x243185be4ee4b28c, 0x550c7dc3d5ffb4e2,
    0x72be5d74f27b896f, 0x80deb1fe3b1696b1, 0x9bdc06a725c71235, 0xc19bf174cf692694,
    0xe49b69c19ef14ad2, 0xefbe4786384f25e3, 0x0fc19dc68b8cd5b5, 0x240ca1cc77ac9c65,
    0x2de92c6f592b0275, 0x4a7484aa6ea6e483, 0x5cb0a9dcbd41fbd4, 0x76f988da831153b5,
    0x983e5152ee66dfab, 0xa831c66d2db43210, 0xb00327c898fb213f, 0xbf597fc7beef0ee4,
    0xc6e00bf33da88fc2, 0xd5a79147930aa725, 0x06ca6351e003826f, 0x142929670a0e6e70,
    0x27b70a8546d22ffc, 0x2e1b21385c26c926, 0x4d2c6dfc5ac42aed, 0x53380d139d95b3df,
    0x650a73548baf63de, 0x766a0abb3c77b2a8, 0x81c2c92e47edaee6, 0x92722c851482353b,
    0xa2bfe8a14cf10364, 0xa81a664bbc423001, 0xc24b8b70d0f89791, 0xc76c51a30654be30,
    0xd192e819d6ef5218, 0xd69906245565a910, 0xf40e35855771202a, 0x106aa07032bbd1b8,
    0x19a4c116b8d2d0c8, 0x1e376c085141ab53, 0x2748774cdf8eeb99, 0x34b0bcb5e19b48a8,
    0x391c0cb3c5c95a63, 0x4ed8aa4ae3418acb, 0x5b9cca4f7763e373, 0x682e6ff3d6b2b8a3,
    0x748f82ee5defb2fc, 0x78a5636f43172f60, 0x84c87814a1f0ab72, 0x8cc702081a6439ec,
    0x90befffa23631e28, 0xa4506cebde82bde9, 0xbef9a3f7b2c67915, 0xc67178f2e372532b,
    0xca273eceea26619c, 0xd186b8c721c0c207, 0xeada7dd6cde0eb1e, 0xf57d4f7fee6ed178,
    0x06f067aa72176fba, 0x0a637dc5a2c898a6, 0x113f9804bef90dae, 0x1b710b35131c471b,
    0x28db77f523047d84, 0x32caab7b40c72493, 0x3c9ebe0a15c9bebc, 0x431d67c49c100d4c,
    0x4cc5d4becb3e42b6, 0x597f299cfc657e2a, 0x5fcb6fab3ad6faec, 0x6c44198c4a475817,
];

const H0: [u64; 8] = [
    0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b, 0xa54ff53a5f1d36f1,
    0x510e527fade682d1, 0x9b05688c2b3e6c1f, 0x1f83d9abfb41bd6b, 0x5be0cd19137e2179,
];

#[inline(always)]
fn big_sigma0(x: u64) -> u64 {
    x.rotate_right(28) ^ x.rotate_right(34) ^ x.rotate_right(39)
}

#[inline(always)]
fn big_sigma1(x: u64) -> u64 {
    x.rotate_right(14) ^ x.rotate_right(18) ^ x.rotate_right(41)
}

#[inline(always)]
fn small_sigma0(x: u64) -> u64 {
    x.rotate_right(1) ^ x.rotate_right(8) ^ (x >> 7)
}

#[inline(always)]
fn small_sigma1(x: u64) -> u64 {
    x.rotate_right(19) ^ x.rotate_right(61) ^ (x >> 6)
}

/// The message schedule, one statement per word.
macro_rules! schedule {
    ($w:ident; $($i:literal)*) => {
        $(
            $w[$i] = small_sigma1($w[$i - 2])
                .wrapping_add($w[$i - 7])
                .wrapping_add(small_sigma0($w[$i - 15]))
                .wrapping_add($w[$i - 16]);
        )*
    };
}

/// One round; the caller rotates the names instead of the values.
macro_rules! round {
    ($w:ident, $i:expr, $a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $f:ident, $g:ident, $h:ident) => {
        let t1 = $h
            .wrapping_add(big_sigma1($e))
            .wrapping_add(($e & $f) ^ (!$e & $g))
            .wrapping_add(K[$i])
            .wrapping_add($w[$i]);
        let t2 = big_sigma0($a).wrapping_add(($a & $b) ^ ($a & $c) ^ ($b & $c));
        $d = $d.wrapping_add(t1);
        $h = t1.wrapping_add(t2);
    };
}

/// Eight rounds, after which the names are back in their places.
macro_rules! eight_rounds {
    ($w:ident, $base:expr, $a:ident, $b:ident, $c:ident, $d:ident, $e:ident, $f:ident, $g:ident, $h:ident) => {
        round!($w, $base, $a, $b, $c, $d, $e, $f, $g, $h);
        round!($w, $base + 1, $h, $a, $b, $c, $d, $e, $f, $g);
        round!($w, $base + 2, $g, $h, $a, $b, $c, $d, $e, $f);
        round!($w, $base + 3, $f, $g, $h, $a, $b, $c, $d, $e);
        round!($w, $base + 4, $e, $f, $g, $h, $a, $b, $c, $d);
        round!($w, $base + 5, $d, $e, $f, $g, $h, $a, $b, $c);
        round!($w, $base + 6, $c, $d, $e, $f, $g, $h, $a, $b);
        round!($w, $base + 7, $b, $c, $d, $e, $f, $g, $h, $a);
    };
}

/// SHA-512's compression of one 128-byte block (as 16 big-endian words) into `state`.
#[inline(never)]
pub fn compress(state: &mut [u64; 8], block: &[u64; 16]) {
    let mut w = [0u64; 80];
    w[..16].copy_from_slice(block);
    schedule!(w; 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31 32 33 34 35 36 37 38 39 40 41 42 43 44 45 46 47
        48 49 50 51 52 53 54 55 56 57 58 59 60 61 62 63 64 65 66 67 68 69 70 71 72 73 74 75 76 77 78 79);
    let [mut a, mut b, mut c, mut d, mut e, mut f, mut g, mut h] = *state;
    eight_rounds!(w, 0, a, b, c, d, e, f, g, h);
    eight_rounds!(w, 8, a, b, c, d, e, f, g, h);
    eight_rounds!(w, 16, a, b, c, d, e, f, g, h);
    eight_rounds!(w, 24, a, b, c, d, e, f, g, h);
    eight_rounds!(w, 32, a, b, c, d, e, f, g, h);
    eight_rounds!(w, 40, a, b, c, d, e, f, g, h);
    eight_rounds!(w, 48, a, b, c, d, e, f, g, h);
    eight_rounds!(w, 56, a, b, c, d, e, f, g, h);
    eight_rounds!(w, 64, a, b, c, d, e, f, g, h);
    eight_rounds!(w, 72, a, b, c, d, e, f, g, h);
    for (s, v) in state.iter_mut().zip([a, b, c, d, e, f, g, h]) {
        *s = s.wrapping_add(v);
    }
}

/// The initial hash value, for `compress`'s first block.
pub fn initial_state() -> [u64; 8] {
    H0
}

/// `n` compressions, each block changed by the state before it; the final state folded into the checksum.
#[no_mangle]
pub extern "C" fn run(n: i32) -> i64 {
    let mut state = H0;
    let mut block = [0u64; 16];
    for i in 0..n.max(0) as u64 {
        block[(i % 16) as usize] ^= state[(i % 8) as usize].wrapping_add(i);
        compress(&mut state, &block);
    }
    state.iter().fold(0u64, |x, &s| x.rotate_left(5) ^ s) as i64
}
