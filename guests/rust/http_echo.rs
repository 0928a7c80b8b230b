// An HTTP/1.1 echo server in the style of WasmEdge's hyper example: POST /echo answers with the request's body,
// GET / with a usage line, anything else 404. One thread, non-blocking sockets, readiness from poll_oneoff
// (epoll_oneoff with --epoll), keep-alive. Built for wasm32-wasip1 it uses WasmEdge's socket calls
// (lib/wasmedge_net.rs); built natively (bin/net-bench does) the host's sockets and poll(2) (lib/posix_net.rs).
//
//   http_echo [--addr IP] [--port N] [--epoll] [--max-requests N]
// prints "listening on IP:PORT" once it listens (port 0: one the system picks), then serves until it has answered
// N requests (never, by default).

#[cfg(target_os = "wasi")]
#[path = "lib/wasmedge_net.rs"]
mod net;
#[cfg(not(target_os = "wasi"))]
#[path = "lib/posix_net.rs"]
mod net;
#[path = "lib/http.rs"]
mod http;

use http::{Handler, Request, Response};
use std::io::Write;

struct Echo;

impl Handler for Echo {
    fn handle<'a>(&mut self, request: &Request<'a>) -> Response<'a> {
        match (request.method, request.path) {
            ("POST", "/echo") => Response::text(200, request.body),
            ("GET", "/") => Response::text(200,
                &b"Try POSTing data to /echo such as: `curl localhost:8080/echo -XPOST -d 'hello world'`\n"[..]),
            (_, "/echo") | (_, "/") => Response::text(405, &b"Method Not Allowed\n"[..]),
            _ => Response::text(404, &b"Not Found\n"[..]),
        }
    }
}

fn parse_ip(s: &str) -> Vec<u8> {
    match s.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(a)) => a.octets().to_vec(),
        Ok(std::net::IpAddr::V6(a)) => a.octets().to_vec(),
        Err(_) => {
            eprintln!("not an IP address: {}", s);
            std::process::exit(2);
        }
    }
}

fn show(ip: &[u8]) -> String {
    if ip.len() == 16 {
        let mut a = [0u8; 16];
        a.copy_from_slice(ip);
        format!("[{}]", std::net::Ipv6Addr::from(a))
    } else {
        format!("{}.{}.{}.{}", ip[0], ip[1], ip[2], ip[3])
    }
}

fn main() {
    let mut ip = vec![0, 0, 0, 0];
    let mut port = 8080u16;
    let mut options = http::Options { max_requests: 0, edge: false };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        let value = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--addr" => { ip = parse_ip(&value); i += 1; }
            "--port" => { port = value.parse().expect("--port N"); i += 1; }
            "--max-requests" => { options.max_requests = value.parse().expect("--max-requests N"); i += 1; }
            "--epoll" => options.edge = true,
            other => { eprintln!("unknown argument {}", other); std::process::exit(2); }
        }
        i += 1;
    }
    let listener = match net::tcp_listen(&ip, port, 1024) {
        Ok(fd) => fd,
        Err(e) => {
            eprintln!("cannot listen on {}:{}: {}", show(&ip), port, e);
            std::process::exit(1);
        }
    };
    let (local, bound) = net::address(listener, false).expect("getlocaladdr");
    println!("listening on {}:{}", show(&local), bound);
    std::io::stdout().flush().ok();
    match http::serve(listener, &mut Echo, &options) {
        Ok(n) => println!("served {} requests", n),
        Err(e) => {
            eprintln!("poll: {}", e);
            std::process::exit(1);
        }
    }
}
