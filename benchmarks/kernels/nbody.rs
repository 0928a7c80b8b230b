//! Floating point: the Benchmarks Game's n-body simulation of the Jovian planets (only `sqrt`, which is exact in
//! both targets, so native and wasm agree to the bit).

const PI: f64 = 3.141592653589793;
const SOLAR_MASS: f64 = 4.0 * PI * PI;
const DAYS_PER_YEAR: f64 = 365.24;

#[derive(Clone, Copy)]
struct Body {
    pos: [f64; 3],
    vel: [f64; 3],
    mass: f64,
}

fn bodies() -> [Body; 5] {
    let body = |p: [f64; 3], v: [f64; 3], m: f64| Body {
        pos: p,
        vel: [v[0] * DAYS_PER_YEAR, v[1] * DAYS_PER_YEAR, v[2] * DAYS_PER_YEAR],
        mass: m * SOLAR_MASS,
    };
    [
        body([0.0; 3], [0.0; 3], 1.0),
        body(
            [4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01],
            [1.66007664274403694e-03, 7.69901118419740425e-03, -6.90460016972063023e-05],
            9.54791938424326609e-04,
        ),
        body(
            [8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01],
            [-2.76742510726862411e-03, 4.99852801234917238e-03, 2.30417297573763929e-05],
            2.85885980666130812e-04,
        ),
        body(
            [1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01],
            [2.96460137564761618e-03, 2.37847173959480950e-03, -2.96589568540237556e-05],
            4.36624404335156298e-05,
        ),
        body(
            [1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01],
            [2.68067772490389322e-03, 1.62824170038242295e-03, -9.51592254519715870e-05],
            5.15138902046611451e-05,
        ),
    ]
}

fn offset_momentum(b: &mut [Body; 5]) {
    let mut p = [0.0; 3];
    for body in b.iter() {
        for k in 0..3 {
            p[k] += body.vel[k] * body.mass;
        }
    }
    for k in 0..3 {
        b[0].vel[k] = -p[k] / SOLAR_MASS;
    }
}

fn energy(b: &[Body; 5]) -> f64 {
    let mut e = 0.0;
    for i in 0..b.len() {
        let v = &b[i].vel;
        e += 0.5 * b[i].mass * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
        for j in i + 1..b.len() {
            let mut d2 = 0.0;
            for k in 0..3 {
                let d = b[i].pos[k] - b[j].pos[k];
                d2 += d * d;
            }
            e -= b[i].mass * b[j].mass / d2.sqrt();
        }
    }
    e
}

fn advance(b: &mut [Body; 5], dt: f64) {
    for i in 0..b.len() {
        for j in i + 1..b.len() {
            let mut d = [0.0; 3];
            for k in 0..3 {
                d[k] = b[i].pos[k] - b[j].pos[k];
            }
            let d2 = d[0] * d[0] + d[1] * d[1] + d[2] * d[2];
            let mag = dt / (d2 * d2.sqrt());
            let (mi, mj) = (b[i].mass, b[j].mass);
            for k in 0..3 {
                b[i].vel[k] -= d[k] * mj * mag;
                b[j].vel[k] += d[k] * mi * mag;
            }
        }
    }
    for body in b.iter_mut() {
        for k in 0..3 {
            body.pos[k] += dt * body.vel[k];
        }
    }
}

/// The system's energy after `steps` steps of 0.01 days.
#[no_mangle]
pub extern "C" fn run(steps: i32) -> f64 {
    let mut b = bodies();
    offset_momentum(&mut b);
    for _ in 0..steps {
        advance(&mut b, 0.01);
    }
    energy(&b)
}
