// classify_service: the image classification microservice of WasmEdge's edge examples, on the HTTP server of
// http_echo (lib/http.rs over WasmEdge's socket calls, lib/wasmedge_net.rs) and the classifier of classify
// (lib/wasi_nn.rs: wasmedge_image, then wasi-nn). POST /classify with an image as the body answers
// "<label> is detected with <n>/255 confidence"; GET / a usage line.
//
//   classify_service MODEL.tflite LABELS.txt [--addr IP] [--port N] [--max-requests N]
// prints "listening on IP:PORT" once it listens (port 0: one the system picks), then serves until it has answered
// N requests (never, by default).
#[path = "lib/wasmedge_net.rs"]
mod net;
#[path = "lib/http.rs"]
mod http;
#[path = "lib/wasi_nn.rs"]
mod wasi_nn;

use http::{Handler, Request, Response};
use std::io::Write;

const USAGE: &str =
    "Try POSTing an image to /classify such as: `curl localhost:8080/classify -X POST --data-binary @grace_hopper.jpg`\n";

struct Service {
    classifier: wasi_nn::Classifier,
    labels: Vec<String>,
}

impl Handler for Service {
    fn handle(&mut self, request: &Request) -> Response {
        match (request.method, request.path) {
            ("POST", "/classify") => match self.classifier.classify(request.body) {
                Ok(scores) => {
                    let best = wasi_nn::best(&scores, 1)[0];
                    let label = self.labels.get(best).map(String::as_str).unwrap_or("unknown");
                    Response::text(200, format!("{} is detected with {}/255 confidence\n", label,
                        (scores[best] * 255.0).round() as u32))
                }
                Err(e) => Response::text(400, format!("{}\n", e)),
            },
            ("GET", "/") => Response::text(200, USAGE),
            (_, "/classify") | (_, "/") => Response::text(405, "Method Not Allowed\n"),
            _ => Response::text(404, "Not Found\n"),
        }
    }
}

fn fail(message: String) -> ! {
    eprintln!("classify_service: error: {}", message);
    std::process::exit(1)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 2 {
        fail("usage: classify_service MODEL.tflite LABELS.txt [--addr IP] [--port N] [--max-requests N]".into());
    }
    let model = std::fs::read(&args[0]).unwrap_or_else(|e| fail(format!("{}: {}", args[0], e)));
    let labels: Vec<String> = std::fs::read_to_string(&args[1]).unwrap_or_else(|e| fail(format!("{}: {}", args[1], e)))
        .lines().map(String::from).collect();
    let mut ip = vec![0, 0, 0, 0];
    let mut port = 8080u16;
    let mut options = http::Options { max_requests: 0, edge: false };
    let mut i = 2;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--addr" => match value.parse::<std::net::Ipv4Addr>() {
                Ok(a) => ip = a.octets().to_vec(),
                Err(_) => fail(format!("--addr {}: not an IPv4 address", value)),
            },
            "--port" => port = value.parse().unwrap_or_else(|_| fail(format!("--port {}: not a port", value))),
            "--max-requests" => {
                options.max_requests = value.parse().unwrap_or_else(|_| fail(format!("--max-requests {}", value)))
            }
            other => fail(format!("unknown argument {}", other)),
        }
        i += 2;
    }
    let classifier = wasi_nn::Classifier::new(&model, labels.len())
        .unwrap_or_else(|e| fail(format!("{}: {}", args[0], e)));
    let listener = net::tcp_listen(&ip, port, 1024)
        .unwrap_or_else(|e| fail(format!("cannot listen on port {}: {}", port, e)));
    let (local, bound) = net::address(listener, false).expect("getlocaladdr");
    println!("listening on {}.{}.{}.{}:{}", local[0], local[1], local[2], local[3], bound);
    std::io::stdout().flush().ok();
    match http::serve(listener, &mut Service { classifier, labels }, &options) {
        Ok(n) => println!("served {} requests", n),
        Err(e) => fail(format!("poll: {}", e)),
    }
}
