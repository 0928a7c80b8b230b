//! Memory-heavy: std's HashMap (SwissTable) with a fixed multiplicative hasher, so the run is deterministic and
//! needs no random seed from the host. Inserts, updates, lookups (half of them misses) and removals.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Default)]
struct MulHasher(u64);

impl Hasher for MulHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.write_u64(*b as u64);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7cc1_b727_220a_95);
    }
}

fn xorshift(state: &mut u64) -> u64 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    x
}

/// n operations of each kind on up to n/2 distinct keys; a checksum of what the lookups found.
#[no_mangle]
pub extern "C" fn run(n: i32) -> i64 {
    let n = n.max(2) as u64;
    let mut map: HashMap<u64, u64, BuildHasherDefault<MulHasher>> = HashMap::default();
    let mut state = 0x2545_f491_4f6c_dd1du64;
    for i in 0..n {
        let key = xorshift(&mut state) % (n / 2);
        *map.entry(key).or_insert(0) += i;
    }
    let mut sum: u64 = map.len() as u64;
    for _ in 0..n {
        let key = xorshift(&mut state) % n;
        if let Some(v) = map.get(&key) {
            sum = sum.wrapping_add(*v ^ key);
        }
    }
    for _ in 0..n / 2 {
        let key = xorshift(&mut state) % (n / 2);
        if let Some(v) = map.remove(&key) {
            sum = sum.wrapping_mul(3).wrapping_add(v);
        }
    }
    (sum ^ ((map.len() as u64) << 40)) as i64
}
