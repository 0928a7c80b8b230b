// nn_bench: a wasm library (no main) that classifies one image per call through wasi-nn, for the JMH benchmark that
// sets it against calling TensorFlow Lite from Java directly (benchmarks: dev.wasm2jar.bench.nn). The host writes
// the model and the input tensor into memory from alloc; prepare loads the model once; each classify sets the
// input, computes, reads the scores back and returns the best class (or -code when a call fails).
#![crate_type = "cdylib"]
use std::cell::{Cell, RefCell};

#[link(wasm_import_module = "wasi_ephemeral_nn")]
extern "C" {
    fn load(builders: *const u32, builders_len: u32, encoding: u32, target: u32, graph: *mut u32) -> u32;
    fn init_execution_context(graph: u32, context: *mut u32) -> u32;
    fn set_input(context: u32, index: u32, tensor: *const Tensor) -> u32;
    fn compute(context: u32) -> u32;
    fn get_output(context: u32, index: u32, out: *mut u8, out_max: u32, written: *mut u32) -> u32;
}

#[repr(C)]
struct Tensor {
    dimensions: *const u32,
    dimensions_len: u32,
    kind: u32,
    data: *const u8,
    data_len: u32,
}

thread_local! {
    static CONTEXT: Cell<u32> = Cell::new(u32::MAX);
    static SCORES: RefCell<Vec<u8>> = RefCell::new(Vec::new());
}

/// `len` bytes the host may write into.
#[no_mangle]
pub extern "C" fn alloc(len: u32) -> *mut u8 {
    let mut buffer = Vec::<u8>::with_capacity(len as usize);
    let at = buffer.as_mut_ptr();
    std::mem::forget(buffer);
    at
}

/// Loads the TensorFlow Lite model at `model` and makes the execution context; 0, or wasi-nn's error code.
#[no_mangle]
pub extern "C" fn prepare(model: *const u8, len: u32, classes: u32) -> u32 {
    let builders = [model as u32, len];
    let (mut graph, mut context) = (0u32, 0u32);
    unsafe {
        let code = load(builders.as_ptr(), 1, 4, 0, &mut graph);
        if code != 0 {
            return code;
        }
        let code = init_execution_context(graph, &mut context);
        if code != 0 {
            return code;
        }
    }
    CONTEXT.with(|c| c.set(context));
    SCORES.with(|s| *s.borrow_mut() = vec![0; classes as usize]);
    0
}

/// Classifies the `height` x `width` RGB image of u8 at `input`: the index of the best score, or -code.
#[no_mangle]
pub extern "C" fn classify(input: *const u8, height: u32, width: u32) -> i32 {
    let dimensions = [1, height, width, 3];
    let tensor = Tensor { dimensions: dimensions.as_ptr(), dimensions_len: 4, kind: 3, data: input,
        data_len: height * width * 3 };
    let context = CONTEXT.with(|c| c.get());
    SCORES.with(|s| {
        let mut scores = s.borrow_mut();
        let mut written = 0u32;
        unsafe {
            for code in [set_input(context, 0, &tensor), compute(context),
                get_output(context, 0, scores.as_mut_ptr(), scores.len() as u32, &mut written)] {
                if code != 0 {
                    return -(code as i32);
                }
            }
        }
        let mut best = 0;
        for i in 1..written as usize {
            if scores[i] > scores[best] {
                best = i;
            }
        }
        best as i32
    })
}
