//! memcpy/memset-heavy: block copies of varying sizes inside a 4 MiB buffer, fills, and whole-buffer clones, as
//! buffer management code does. In wasm these become `memory.copy` and `memory.fill` (bulk memory).

fn xorshift(state: &mut u32) -> u32 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    x
}

const SIZE: usize = 4 << 20;

/// `rounds` rounds of 64 copies and 16 fills, plus a clone every 16 rounds; FNV-1a over a sample of the buffer.
#[no_mangle]
pub extern "C" fn run(rounds: i32) -> i64 {
    let mut buf: Vec<u8> = (0..SIZE).map(|i| (i * 31 + (i >> 9)) as u8).collect();
    let mut state = 0x1234_5678u32;
    let mut snapshot_sum: u64 = 0;
    for round in 0..rounds.max(0) as usize {
        for _ in 0..64 {
            let len = 64 + (xorshift(&mut state) as usize % 16384);
            let src = xorshift(&mut state) as usize % (SIZE - len);
            let dst = xorshift(&mut state) as usize % (SIZE - len);
            buf.copy_within(src..src + len, dst);
        }
        for _ in 0..16 {
            let len = 16 + (xorshift(&mut state) as usize % 8192);
            let at = xorshift(&mut state) as usize % (SIZE - len);
            buf[at..at + len].fill((round as u8).wrapping_mul(7));
        }
        if round % 16 == 15 {
            let snapshot = buf.clone();
            snapshot_sum = snapshot_sum.wrapping_add(snapshot[round * 4099 % SIZE] as u64);
        }
    }
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for i in (0..SIZE).step_by(61) {
        hash = (hash ^ buf[i] as u64).wrapping_mul(0x100_0000_01b3);
    }
    (hash ^ snapshot_sum) as i64
}
