// Our binding to WasmEdge's wasi-nn (module wasi_ephemeral_nn) and image decoding (module wasmedge_image), with the
// numbers of WasmEdge 0.15+, and a Classifier on top: one TensorFlow Lite image classifier whose input size and
// type it reads from the model (a few lines of FlatBuffers reading), fed by wasmedge_image.
#![allow(dead_code)]

#[link(wasm_import_module = "wasi_ephemeral_nn")]
extern "C" {
    pub fn load(builders: *const u32, builders_len: u32, encoding: u32, target: u32, graph: *mut u32) -> u32;
    pub fn init_execution_context(graph: u32, context: *mut u32) -> u32;
    pub fn set_input(context: u32, index: u32, tensor: *const Tensor) -> u32;
    pub fn compute(context: u32) -> u32;
    pub fn get_output(context: u32, index: u32, out: *mut u8, out_max: u32, written: *mut u32) -> u32;
}

#[link(wasm_import_module = "wasmedge_image")]
extern "C" {
    pub fn load_image(image: *const u8, image_len: u32, width: u32, height: u32, format: u32, out: *mut u8,
        out_len: u32) -> u32;
}

pub const TENSORFLOWLITE: u32 = 4;
pub const CPU: u32 = 0;
pub const TENSOR_F32: u32 = 1;
pub const TENSOR_U8: u32 = 3;
pub const RGB8: u32 = 0;

/// wasi-nn's tensor: dimensions, element type, data.
#[repr(C)]
pub struct Tensor {
    pub dimensions: *const u32,
    pub dimensions_len: u32,
    pub kind: u32,
    pub data: *const u8,
    pub data_len: u32,
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

/// An image classifier: a TensorFlow Lite model of input [1, H, W, 3] (u8, or f32 scaled to [-1, 1] as MobileNets
/// want) and one score per class (u8 or f32), loaded into wasi-nn with its execution context.
pub struct Classifier {
    context: u32,
    shape: Vec<u32>,
    float_input: bool,
    float_output: bool,
    classes: usize,
}

impl Classifier {
    pub fn new(model: &[u8], classes: usize) -> Result<Classifier, String> {
        let (shape, input) = io_tensor(model, 1).ok_or("not a TensorFlow Lite model")?;
        let output = io_tensor(model, 2).map(|(_, kind)| kind).unwrap_or(3);
        if shape.len() != 4 || shape[3] != 3 || (input != 0 && input != 3) {
            return Err(format!("the model wants a {:?} input of type {}; this program feeds [1, H, W, 3] of u8 or f32",
                shape, input));
        }
        let builders = [model.as_ptr() as u32, model.len() as u32];
        let (mut graph, mut context) = (0u32, 0u32);
        unsafe {
            check("load", load(builders.as_ptr(), 1, TENSORFLOWLITE, CPU, &mut graph))?;
            check("init_execution_context", init_execution_context(graph, &mut context))?;
        }
        Ok(Classifier { context, shape, float_input: input == 0, float_output: output == 0, classes })
    }

    /// The scores, in [0, 1], of the encoded image (JPEG, PNG, BMP ...) resized to the model's input.
    pub fn classify(&mut self, image: &[u8]) -> Result<Vec<f32>, String> {
        let (height, width) = (self.shape[1], self.shape[2]);
        let mut pixels = vec![0u8; (width * height * 3) as usize];
        let code = unsafe {
            load_image(image.as_ptr(), image.len() as u32, width, height, RGB8, pixels.as_mut_ptr(),
                pixels.len() as u32)
        };
        if code != 0 {
            return Err(format!("wasmedge_image cannot decode the image (error {})", code));
        }
        let (kind, input): (u32, Vec<u8>) = if self.float_input {
            (TENSOR_F32, pixels.iter().flat_map(|&p| ((p as f32 - 127.5) / 127.5).to_le_bytes()).collect())
        } else {
            (TENSOR_U8, pixels)
        };
        let tensor = Tensor { dimensions: self.shape.as_ptr(), dimensions_len: self.shape.len() as u32, kind,
            data: input.as_ptr(), data_len: input.len() as u32 };
        let size = if self.float_output { 4 } else { 1 };
        let mut output = vec![0u8; self.classes * size];
        let mut written = 0u32;
        unsafe {
            check("set_input", set_input(self.context, 0, &tensor))?;
            check("compute", compute(self.context))?;
            check("get_output", get_output(self.context, 0, output.as_mut_ptr(), output.len() as u32, &mut written))?;
        }
        output.truncate(written as usize);
        Ok(if self.float_output {
            output.chunks(4).map(|c| f32::from_le_bytes(c.try_into().unwrap())).collect()
        } else {
            output.iter().map(|&s| s as f32 / 255.0).collect()
        })
    }
}

fn check(what: &str, code: u32) -> Result<(), String> {
    if code == 0 { Ok(()) } else { Err(format!("{} failed with wasi-nn error {}", what, code)) }
}

/// The indices of the `n` best scores, best first (ties: the lower index first).
pub fn best(scores: &[f32], n: usize) -> Vec<usize> {
    let mut ranked: Vec<usize> = (0..scores.len()).collect();
    ranked.sort_by(|&a, &b| scores[b].partial_cmp(&scores[a]).unwrap().then(a.cmp(&b)));
    ranked.truncate(n);
    ranked
}
