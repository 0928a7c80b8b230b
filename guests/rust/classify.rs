// classify: a Rust (std only) WASI command that classifies an image with a TensorFlow Lite model, as WasmEdge's
// examples do: the image decoded and resized by the host (wasmedge_image), inference through wasi-nn
// (wasi_ephemeral_nn). Prints the five best labels with their scores.
//   classify MODEL.tflite LABELS.txt IMAGE
// The model's input size and type come from the model itself (a few lines of FlatBuffers reading below); inputs
// may be u8 (quantized models) or f32 (scaled to [-1, 1], as MobileNets want); outputs u8 or f32, one per label.
use std::convert::TryInto;
use std::env;
use std::fs;
use std::process;

#[link(wasm_import_module = "wasi_ephemeral_nn")]
extern "C" {
    fn load(builders: *const u32, builders_len: u32, encoding: u32, target: u32, graph: *mut u32) -> u32;
    fn init_execution_context(graph: u32, context: *mut u32) -> u32;
    fn set_input(context: u32, index: u32, tensor: *const Tensor) -> u32;
    fn compute(context: u32) -> u32;
    fn get_output(context: u32, index: u32, out: *mut u8, out_max: u32, written: *mut u32) -> u32;
}

#[link(wasm_import_module = "wasmedge_image")]
extern "C" {
    fn load_image(image: *const u8, image_len: u32, width: u32, height: u32, format: u32, out: *mut u8,
        out_len: u32) -> u32;
}

const TENSORFLOWLITE: u32 = 4;
const CPU: u32 = 0;
const TENSOR_F32: u32 = 1;
const TENSOR_U8: u32 = 3;
const RGB8: u32 = 0;

/// wasi-nn's tensor: dimensions, element type, data.
#[repr(C)]
struct Tensor {
    dimensions: *const u32,
    dimensions_len: u32,
    kind: u32,
    data: *const u8,
    data_len: u32,
}

fn fail(message: String) -> ! {
    eprintln!("classify: error: {}", message);
    process::exit(1)
}

fn check(what: &str, code: u32) {
    if code != 0 {
        fail(format!("{} failed with wasi-nn error {}", what, code));
    }
}

/// Just enough of FlatBuffers to read a TensorFlow Lite model's first input and output tensors.
struct FlatBuffer<'a>(&'a [u8]);

impl<'a> FlatBuffer<'a> {
    fn u32(&self, at: usize) -> Option<u32> {
        Some(u32::from_le_bytes(self.0.get(at..at + 4)?.try_into().ok()?))
    }
    fn u16(&self, at: usize) -> Option<usize> {
        Some(u16::from_le_bytes(self.0.get(at..at + 2)?.try_into().ok()?) as usize)
    }
    /// Where field `index` of the table at `table` is, if present.
    fn field(&self, table: usize, index: usize) -> Option<usize> {
        let vtable = table.checked_sub(self.u32(table)? as i32 as isize as usize)?;
        let entry = 4 + 2 * index;
        if entry >= self.u16(vtable)? {
            return None;
        }
        match self.u16(vtable + entry)? {
            0 => None,
            offset => Some(table + offset),
        }
    }
    /// What the offset at `at` points to.
    fn follow(&self, at: usize) -> Option<usize> {
        at.checked_add(self.u32(at)? as usize)
    }
    /// Element `index` of the vector of 4-byte items that field `field` of `table` points to.
    fn item(&self, table: usize, field: usize, index: usize) -> Option<usize> {
        let vector = self.follow(self.field(table, field)?)?;
        if index >= self.u32(vector)? as usize {
            return None;
        }
        Some(vector + 4 + 4 * index)
    }
    fn vector_len(&self, table: usize, field: usize) -> Option<usize> {
        Some(self.u32(self.follow(self.field(table, field)?)?)? as usize)
    }
}

/// The shape and TensorFlow Lite type (0 f32, 3 u8) of the first input (`which` 1) or output (2) tensor.
fn io_tensor(model: &[u8], which: usize) -> Option<(Vec<u32>, u8)> {
    let fb = FlatBuffer(model);
    let root = fb.follow(0)?;
    let subgraph = fb.follow(fb.item(root, 2, 0)?)?; // Model.subgraphs[0]
    let index = fb.u32(fb.item(subgraph, which, 0)?)? as usize; // SubGraph.inputs[0] or outputs[0]
    let tensor = fb.follow(fb.item(subgraph, 0, index)?)?; // SubGraph.tensors[index]
    let mut shape = Vec::new();
    for i in 0..fb.vector_len(tensor, 0)? {
        shape.push(fb.u32(fb.item(tensor, 0, i)?)?); // Tensor.shape
    }
    let kind = match fb.field(tensor, 1) { // Tensor.type, FLOAT32 when absent
        Some(at) => *model.get(at)?,
        None => 0,
    };
    Some((shape, kind))
}

fn main() {
    let args: Vec<String> = env::args().collect();
    if args.len() != 4 {
        fail("usage: classify MODEL.tflite LABELS.txt IMAGE".to_string());
    }
    let model = fs::read(&args[1]).unwrap_or_else(|e| fail(format!("{}: {}", args[1], e)));
    let labels_text = fs::read_to_string(&args[2]).unwrap_or_else(|e| fail(format!("{}: {}", args[2], e)));
    let labels: Vec<&str> = labels_text.lines().collect();
    let image = fs::read(&args[3]).unwrap_or_else(|e| fail(format!("{}: {}", args[3], e)));

    let (shape, input_kind) = io_tensor(&model, 1).unwrap_or_else(|| fail(format!("{}: not a TensorFlow Lite model", args[1])));
    let output_kind = io_tensor(&model, 2).map(|(_, kind)| kind).unwrap_or(3);
    if shape.len() != 4 || shape[3] != 3 || (input_kind != 0 && input_kind != 3) {
        fail(format!("the model wants a {:?} input of type {}; this program feeds [1, H, W, 3] of u8 or f32", shape, input_kind));
    }
    let (height, width) = (shape[1], shape[2]);

    let mut pixels = vec![0u8; (width * height * 3) as usize];
    let code = unsafe {
        load_image(image.as_ptr(), image.len() as u32, width, height, RGB8, pixels.as_mut_ptr(), pixels.len() as u32)
    };
    if code != 0 {
        fail(format!("{}: wasmedge_image cannot decode it (error {})", args[3], code));
    }
    let (kind, input): (u32, Vec<u8>) = if input_kind == 3 {
        (TENSOR_U8, pixels)
    } else {
        (TENSOR_F32, pixels.iter().flat_map(|&p| ((p as f32 - 127.5) / 127.5).to_le_bytes()).collect())
    };

    let builders = [model.as_ptr() as u32, model.len() as u32];
    let (mut graph, mut context) = (0u32, 0u32);
    unsafe {
        check("load", load(builders.as_ptr(), 1, TENSORFLOWLITE, CPU, &mut graph));
        check("init_execution_context", init_execution_context(graph, &mut context));
        let tensor = Tensor {
            dimensions: shape.as_ptr(),
            dimensions_len: shape.len() as u32,
            kind,
            data: input.as_ptr(),
            data_len: input.len() as u32,
        };
        check("set_input", set_input(context, 0, &tensor));
        check("compute", compute(context));
    }
    let size = if output_kind == 3 { 1 } else { 4 };
    let mut output = vec![0u8; labels.len() * size];
    let mut written = 0u32;
    check("get_output", unsafe { get_output(context, 0, output.as_mut_ptr(), output.len() as u32, &mut written) });
    let scores: Vec<f32> = if output_kind == 3 {
        output.iter().map(|&s| s as f32 / 255.0).collect()
    } else {
        output.chunks(4).map(|c| f32::from_le_bytes(c.try_into().unwrap())).collect()
    };
    let mut ranked: Vec<usize> = (0..scores.len().min(written as usize / size)).collect();
    ranked.sort_by(|&a, &b| scores[b].partial_cmp(&scores[a]).unwrap().then(a.cmp(&b)));
    for (rank, &i) in ranked.iter().take(5).enumerate() {
        println!("{}. {} ({}): {:.4}", rank + 1, labels[i], i, scores[i]);
    }
}
