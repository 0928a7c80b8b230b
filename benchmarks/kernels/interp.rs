//! Call-heavy code with indirect calls: a stack-machine bytecode interpreter whose instructions are function
//! pointers (one `call_indirect` per instruction in wasm), then an expression tree evaluated through trait objects
//! (one virtual call per node).

#[derive(Clone, Copy)]
struct Insn {
    op: fn(&mut Vm, i64),
    arg: i64,
}

struct Vm {
    stack: [i64; 32],
    sp: usize,
    pc: usize,
    locals: [i64; 4],
}

impl Vm {
    fn push(&mut self, v: i64) {
        self.stack[self.sp] = v;
        self.sp += 1;
    }
    fn pop(&mut self) -> i64 {
        self.sp -= 1;
        self.stack[self.sp]
    }
}

fn op_const(vm: &mut Vm, arg: i64) {
    vm.push(arg);
}
fn op_get(vm: &mut Vm, arg: i64) {
    let v = vm.locals[arg as usize];
    vm.push(v);
}
fn op_set(vm: &mut Vm, arg: i64) {
    let v = vm.pop();
    vm.locals[arg as usize] = v;
}
fn op_add(vm: &mut Vm, _: i64) {
    let b = vm.pop();
    let a = vm.pop();
    vm.push(a.wrapping_add(b));
}
fn op_mul(vm: &mut Vm, _: i64) {
    let b = vm.pop();
    let a = vm.pop();
    vm.push(a.wrapping_mul(b));
}
fn op_rem(vm: &mut Vm, _: i64) {
    let b = vm.pop();
    let a = vm.pop();
    vm.push(a.wrapping_rem(b));
}
fn op_xor(vm: &mut Vm, _: i64) {
    let b = vm.pop();
    let a = vm.pop();
    vm.push(a ^ b);
}
fn op_lt(vm: &mut Vm, _: i64) {
    let b = vm.pop();
    let a = vm.pop();
    vm.push((a < b) as i64);
}
fn op_jump_if_zero(vm: &mut Vm, arg: i64) {
    if vm.pop() == 0 {
        vm.pc = arg as usize;
    }
}
fn op_jump(vm: &mut Vm, arg: i64) {
    vm.pc = arg as usize;
}
fn op_halt(vm: &mut Vm, _: i64) {
    vm.pc = usize::MAX;
}

/// acc = 0; for i in 0..n { acc = (acc + (i * i) % 7) ^ i }; acc
fn program(n: i64) -> Vec<Insn> {
    let i = |op: fn(&mut Vm, i64), arg: i64| Insn { op, arg };
    vec![
        i(op_const, n), i(op_set, 0), i(op_const, 0), i(op_set, 1), i(op_const, 0), i(op_set, 2),
        // 6: loop head
        i(op_get, 2), i(op_get, 0), i(op_lt, 0), i(op_jump_if_zero, 25),
        i(op_get, 1), i(op_get, 2), i(op_get, 2), i(op_mul, 0), i(op_const, 7), i(op_rem, 0), i(op_add, 0),
        i(op_get, 2), i(op_xor, 0), i(op_set, 1),
        i(op_get, 2), i(op_const, 1), i(op_add, 0), i(op_set, 2),
        i(op_jump, 6),
        // 25: exit
        i(op_get, 1), i(op_halt, 0),
    ]
}

fn interpret(code: &[Insn]) -> i64 {
    let mut vm = Vm { stack: [0; 32], sp: 0, pc: 0, locals: [0; 4] };
    while vm.pc < code.len() {
        let insn = code[vm.pc];
        vm.pc += 1;
        (insn.op)(&mut vm, insn.arg);
    }
    vm.pop()
}

trait Expr {
    fn eval(&self, x: i64) -> i64;
}
struct Var;
struct Lit(i64);
struct Add(Box<dyn Expr>, Box<dyn Expr>);
struct Mul(Box<dyn Expr>, Box<dyn Expr>);
struct Xor(Box<dyn Expr>, Box<dyn Expr>);
struct Shr(Box<dyn Expr>, u32);

impl Expr for Var {
    fn eval(&self, x: i64) -> i64 {
        x
    }
}
impl Expr for Lit {
    fn eval(&self, _: i64) -> i64 {
        self.0
    }
}
impl Expr for Add {
    fn eval(&self, x: i64) -> i64 {
        self.0.eval(x).wrapping_add(self.1.eval(x))
    }
}
impl Expr for Mul {
    fn eval(&self, x: i64) -> i64 {
        self.0.eval(x).wrapping_mul(self.1.eval(x))
    }
}
impl Expr for Xor {
    fn eval(&self, x: i64) -> i64 {
        self.0.eval(x) ^ self.1.eval(x)
    }
}
impl Expr for Shr {
    fn eval(&self, x: i64) -> i64 {
        self.0.eval(x) >> self.1
    }
}

/// A tree of 2^depth leaves built from a seed, so the shape is not known at compile time.
fn tree(depth: u32, seed: &mut u64) -> Box<dyn Expr> {
    *seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let pick = (*seed >> 33) % 4;
    if depth == 0 {
        return if pick == 0 { Box::new(Lit((*seed >> 40) as i64 & 255)) } else { Box::new(Var) };
    }
    let l = tree(depth - 1, seed);
    let r = tree(depth - 1, seed);
    match pick {
        0 => Box::new(Add(l, r)),
        1 => Box::new(Mul(l, r)),
        2 => Box::new(Xor(l, r)),
        _ => Box::new(Shr(Box::new(Add(l, r)), 1)),
    }
}

/// The bytecode loop for n iterations (about 19 instructions each), then the tree (depth 6) for n/4 inputs.
#[no_mangle]
pub extern "C" fn run(n: i32) -> i64 {
    let n = n.max(1) as i64;
    let acc = interpret(&program(n));
    let mut seed = 42;
    let expr = tree(6, &mut seed);
    let mut sum = 0i64;
    for x in 0..n / 4 {
        sum = sum.wrapping_add(expr.eval(x));
    }
    acc ^ sum.rotate_left(17)
}
