//! Parsing: a JSON tokenizer over generated text of n records (objects with strings, escapes, integers, decimals,
//! exponents, literals, arrays and nested objects), run three times over the same input.

fn xorshift(state: &mut u32) -> u32 {
    let mut x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    x
}

fn push_int(out: &mut Vec<u8>, mut v: i64) {
    if v < 0 {
        out.push(b'-');
        v = -v;
    }
    let mut digits = [0u8; 20];
    let mut n = 0;
    loop {
        digits[n] = b'0' + (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        out.push(digits[i]);
    }
}

fn push_str(out: &mut Vec<u8>, s: &[u8]) {
    out.push(b'"');
    out.extend_from_slice(s);
    out.push(b'"');
}

const WORDS: [&[u8]; 8] = [b"alpha", b"beta", b"gamma\\n", b"delta \\\"quoted\\\"", b"epsilon", b"z\\u00e9ta",
    b"eta", b"theta_with_a_longer_name"];

fn generate(records: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(records * 160);
    let mut state = 0x2468_ace1u32;
    out.push(b'[');
    for r in 0..records {
        if r > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend_from_slice(b"{\"id\":");
        push_int(&mut out, r as i64);
        out.extend_from_slice(b",\"name\":");
        push_str(&mut out, WORDS[xorshift(&mut state) as usize % 8]);
        out.extend_from_slice(b",\"score\":");
        push_int(&mut out, (xorshift(&mut state) % 20000) as i64 - 10000);
        out.push(b'.');
        push_int(&mut out, (xorshift(&mut state) % 100) as i64);
        out.extend_from_slice(b",\"big\":");
        push_int(&mut out, (xorshift(&mut state) % 1000) as i64);
        out.extend_from_slice(b"e+");
        push_int(&mut out, (xorshift(&mut state) % 30) as i64);
        out.extend_from_slice(if xorshift(&mut state) % 2 == 0 { b",\"ok\":true" } else { b",\"ok\":false" });
        out.extend_from_slice(b",\"tags\":[");
        let tags = xorshift(&mut state) % 5;
        for t in 0..tags {
            if t > 0 {
                out.push(b',');
            }
            push_str(&mut out, WORDS[xorshift(&mut state) as usize % 8]);
        }
        out.extend_from_slice(b"],\"nested\":{\"k\":[1,2,3],\"v\":null}}");
    }
    out.push(b']');
    out
}

#[derive(Default)]
struct Counts {
    punct: u64,
    strings: u64,
    numbers: u64,
    literals: u64,
    int_sum: i64,
    hash: u64,
}

fn tokenize(text: &[u8], seed: u64) -> Counts {
    let mut c = Counts { hash: seed, ..Counts::default() };
    let mut i = 0;
    let n = text.len();
    while i < n {
        let b = text[i];
        match b {
            b' ' | b'\n' | b'\t' | b'\r' => i += 1,
            b'{' | b'}' | b'[' | b']' | b':' | b',' => {
                c.punct += 1;
                c.hash = (c.hash ^ b as u64).wrapping_mul(0x100_0000_01b3);
                i += 1;
            }
            b'"' => {
                i += 1;
                let mut h: u64 = 0xcbf2_9ce4_8422_2325;
                while i < n && text[i] != b'"' {
                    let mut ch = text[i] as u32;
                    if ch == b'\\' as u32 {
                        i += 1;
                        ch = match text[i] {
                            b'n' => 10,
                            b't' => 9,
                            b'u' => {
                                let mut v = 0u32;
                                for k in 1..=4 {
                                    v = v * 16 + (text[i + k] as char).to_digit(16).unwrap_or(0);
                                }
                                i += 4;
                                v
                            }
                            other => other as u32,
                        };
                    }
                    h = (h ^ ch as u64).wrapping_mul(0x100_0000_01b3);
                    i += 1;
                }
                i += 1;
                c.strings += 1;
                c.hash = c.hash.rotate_left(7) ^ h;
            }
            b'-' | b'0'..=b'9' => {
                let negative = b == b'-';
                if negative {
                    i += 1;
                }
                let mut v: i64 = 0;
                while i < n && text[i].is_ascii_digit() {
                    v = v * 10 + (text[i] - b'0') as i64;
                    i += 1;
                }
                if i < n && text[i] == b'.' {
                    i += 1;
                    while i < n && text[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                if i < n && (text[i] == b'e' || text[i] == b'E') {
                    i += 1;
                    if text[i] == b'+' || text[i] == b'-' {
                        i += 1;
                    }
                    while i < n && text[i].is_ascii_digit() {
                        i += 1;
                    }
                }
                c.numbers += 1;
                c.int_sum = c.int_sum.wrapping_add(if negative { -v } else { v });
            }
            b't' | b'f' | b'n' => {
                let word: &[u8] = match b {
                    b't' => b"true",
                    b'f' => b"false",
                    _ => b"null",
                };
                if text[i..].starts_with(word) {
                    c.literals += 1;
                    i += word.len();
                } else {
                    return Counts { hash: u64::MAX, ..c };
                }
            }
            _ => return Counts { hash: u64::MAX - 1, ..c },
        }
    }
    c
}

/// A checksum of token counts, integer sums and string hashes over three passes.
#[no_mangle]
pub extern "C" fn run(records: i32) -> i64 {
    let text = generate(records.max(1) as usize);
    let mut sum: u64 = text.len() as u64;
    for pass in 0..3u64 {
        let c = tokenize(&text, pass);
        sum = sum.wrapping_mul(0x9e37_79b9_7f4a_7c15)
            ^ c.hash
            ^ (c.punct << 40)
            ^ (c.strings << 30)
            ^ (c.numbers << 20)
            ^ (c.literals << 10)
            ^ c.int_sum as u64;
    }
    sum as i64
}
