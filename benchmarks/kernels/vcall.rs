//! Indirect calls in the hot loop: a scene of shapes behind trait objects, six types in a scrambled order, each
//! pass calling three methods of every shape through its vtable (one `call_indirect` each in wasm), and a table of
//! function pointers picked per element. Only `+ - * / sqrt`, so native and wasm agree bit for bit.

trait Shape {
    fn area(&self) -> f64;
    fn scale(&mut self, k: f64);
    fn key(&self) -> u64;
}

struct Circle { r: f64 }
struct Rect { w: f64, h: f64 }
struct Triangle { a: f64, b: f64, c: f64 }
struct Ring { outer: f64, inner: f64 }
struct Square { s: f64 }
struct Ellipse { a: f64, b: f64 }

const PI: f64 = 3.141592653589793;

impl Shape for Circle {
    fn area(&self) -> f64 { PI * self.r * self.r }
    fn scale(&mut self, k: f64) { self.r *= k; }
    fn key(&self) -> u64 { self.r.to_bits() >> 40 }
}
impl Shape for Rect {
    fn area(&self) -> f64 { self.w * self.h }
    fn scale(&mut self, k: f64) { self.w *= k; self.h /= k; }
    fn key(&self) -> u64 { (self.w.to_bits() ^ self.h.to_bits()) >> 38 }
}
impl Shape for Triangle {
    // Heron's formula.
    fn area(&self) -> f64 {
        let s = (self.a + self.b + self.c) * 0.5;
        (s * (s - self.a) * (s - self.b) * (s - self.c)).sqrt()
    }
    fn scale(&mut self, k: f64) { self.a *= k; self.b *= k; self.c *= k; }
    fn key(&self) -> u64 { self.a.to_bits().wrapping_mul(3) >> 41 }
}
impl Shape for Ring {
    fn area(&self) -> f64 { PI * (self.outer * self.outer - self.inner * self.inner) }
    fn scale(&mut self, k: f64) { self.outer *= k; self.inner *= k; }
    fn key(&self) -> u64 { self.inner.to_bits() >> 39 }
}
impl Shape for Square {
    fn area(&self) -> f64 { self.s * self.s }
    fn scale(&mut self, k: f64) { self.s *= k; }
    fn key(&self) -> u64 { self.s.to_bits() >> 42 }
}
impl Shape for Ellipse {
    fn area(&self) -> f64 { PI * self.a * self.b }
    fn scale(&mut self, k: f64) { self.a *= k; self.b /= k; }
    fn key(&self) -> u64 { self.b.to_bits() >> 40 }
}

fn mix_add(h: u64, v: u64) -> u64 { h.wrapping_add(v).rotate_left(7) }
fn mix_xor(h: u64, v: u64) -> u64 { (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15) }
fn mix_sub(h: u64, v: u64) -> u64 { h.wrapping_sub(v) ^ (h >> 29) }
fn mix_rot(h: u64, v: u64) -> u64 { h.rotate_right((v & 63) as u32) ^ v }

const MIXERS: [fn(u64, u64) -> u64; 4] = [mix_add, mix_xor, mix_sub, mix_rot];

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn unit(&mut self) -> f64 {
        1.0 + (self.next() % 1000) as f64 / 250.0
    }
}

fn scene(count: usize) -> Vec<Box<dyn Shape>> {
    let mut rng = Lcg(42);
    let mut shapes: Vec<Box<dyn Shape>> = Vec::with_capacity(count);
    for _ in 0..count {
        let shape: Box<dyn Shape> = match rng.next() % 6 {
            0 => Box::new(Circle { r: rng.unit() }),
            1 => Box::new(Rect { w: rng.unit(), h: rng.unit() }),
            2 => {
                let a = rng.unit();
                Box::new(Triangle { a, b: a * 1.25, c: a * 0.75 })
            }
            3 => {
                let outer = rng.unit() + 1.0;
                Box::new(Ring { outer, inner: outer * 0.5 })
            }
            4 => Box::new(Square { s: rng.unit() }),
            _ => Box::new(Ellipse { a: rng.unit(), b: rng.unit() }),
        };
        shapes.push(shape);
    }
    shapes
}

/// `passes` passes over a scene of 1,000 shapes: areas summed, shapes scaled up and back, keys mixed by a
/// function pointer chosen per shape. The checksum mixes the sum's bits with the keys.
#[no_mangle]
pub extern "C" fn run(passes: i32) -> i64 {
    let mut shapes = scene(1000);
    let mut total = 0.0f64;
    let mut h = 0u64;
    for pass in 0..passes.max(0) {
        let k = if pass % 2 == 0 { 1.5 } else { 1.0 / 1.5 };
        for (i, shape) in shapes.iter_mut().enumerate() {
            total += shape.area();
            shape.scale(k);
            h = MIXERS[(i + pass as usize) % 4](h, shape.key());
        }
    }
    (total.to_bits() ^ h) as i64
}
