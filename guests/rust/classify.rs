// classify: a Rust (std only) WASI command that classifies an image with a TensorFlow Lite model, as WasmEdge's
// examples do: the image decoded and resized by the host (wasmedge_image), inference through wasi-nn
// (wasi_ephemeral_nn). Prints the five best labels with their scores.
//   classify MODEL.tflite LABELS.txt IMAGE
// The model's input size and type come from the model itself (lib/wasi_nn.rs).
#[path = "lib/wasi_nn.rs"]
mod wasi_nn;

use std::fs;
use std::process;

fn fail(message: String) -> ! {
    eprintln!("classify: error: {}", message);
    process::exit(1)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() != 4 {
        fail("usage: classify MODEL.tflite LABELS.txt IMAGE".to_string());
    }
    let model = fs::read(&args[1]).unwrap_or_else(|e| fail(format!("{}: {}", args[1], e)));
    let labels_text = fs::read_to_string(&args[2]).unwrap_or_else(|e| fail(format!("{}: {}", args[2], e)));
    let labels: Vec<&str> = labels_text.lines().collect();
    let image = fs::read(&args[3]).unwrap_or_else(|e| fail(format!("{}: {}", args[3], e)));

    let mut classifier = wasi_nn::Classifier::new(&model, labels.len())
        .unwrap_or_else(|e| fail(format!("{}: {}", args[1], e)));
    let scores = classifier.classify(&image).unwrap_or_else(|e| fail(format!("{}: {}", args[3], e)));
    for (rank, i) in wasi_nn::best(&scores, 5).into_iter().enumerate() {
        println!("{}. {} ({}): {:.4}", rank + 1, labels[i], i, scores[i]);
    }
}
