// A small HTTP/1.1 server in the style of WasmEdge's hyper examples: one thread, non-blocking sockets, readiness
// from one poll per turn, many connections at once, keep-alive and pipelining. The including file names the
// socket module `net` (wasmedge_net.rs in wasm, posix_net.rs natively); this file is the same in both builds.
#![allow(dead_code)]

use crate::net;
use std::io;

/// The most a request's head may be, and its body.
const MAX_HEAD: usize = 8 * 1024;
const MAX_BODY: usize = 1024 * 1024;

pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub body: &'a [u8],
}

pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
        Response { status, content_type, body: body.into() }
    }

    pub fn text(status: u16, body: impl Into<Vec<u8>>) -> Response {
        Response::new(status, "text/plain", body)
    }
}

pub trait Handler {
    fn handle(&mut self, request: &Request) -> Response;
}

pub struct Options {
    /// Stop after this many responses (0: never), once they are sent.
    pub max_requests: u64,
    /// Wait with epoll_oneoff (edge-triggered) instead of poll_oneoff.
    pub edge: bool,
}

struct Conn {
    fd: net::Fd,
    input: Vec<u8>,
    output: Vec<u8>,
    sent: usize,
    /// Close once the output is sent: the client asked, hung up, or sent something we refuse.
    closing: bool,
    dead: bool,
}

impl Conn {
    fn pending(&self) -> bool {
        self.sent < self.output.len()
    }
}

/// What parsing the start of a connection's input found.
enum Parsed<'a> {
    Incomplete,
    Request { request: Request<'a>, keep_alive: bool, length: usize },
    Refused(u16),
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        413 => "Payload Too Large",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        _ => "Unknown",
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn parse(input: &[u8]) -> Parsed<'_> {
    let end = match find(input, b"\r\n\r\n") {
        Some(end) => end,
        None if input.len() > MAX_HEAD => return Parsed::Refused(431),
        None => return Parsed::Incomplete,
    };
    if end > MAX_HEAD {
        return Parsed::Refused(431);
    }
    let head = match std::str::from_utf8(&input[..end]) {
        Ok(head) => head,
        Err(_) => return Parsed::Refused(400),
    };
    let mut lines = head.split("\r\n");
    let mut start = lines.next().unwrap_or("").split(' ');
    let (method, path, version) = match (start.next(), start.next(), start.next(), start.next()) {
        (Some(m), Some(p), Some(v), None) => (m, p, v),
        _ => return Parsed::Refused(400),
    };
    if !token(method) || !path.starts_with('/') || !(version == "HTTP/1.1" || version == "HTTP/1.0") {
        return Parsed::Refused(400);
    }
    let mut keep_alive = version == "HTTP/1.1";
    let mut length: Option<usize> = None;
    for line in lines {
        let (name, value) = match line.split_once(':') {
            Some((n, v)) if token(n) => (n, v.trim()),
            _ => return Parsed::Refused(400),
        };
        if name.eq_ignore_ascii_case("content-length") {
            match value.parse::<usize>() {
                Ok(n) if length.is_none() || length == Some(n) => length = Some(n),
                _ => return Parsed::Refused(400),
            }
        } else if name.eq_ignore_ascii_case("transfer-encoding") && !value.eq_ignore_ascii_case("identity") {
            return Parsed::Refused(501);
        } else if name.eq_ignore_ascii_case("connection") {
            if value.eq_ignore_ascii_case("close") {
                keep_alive = false;
            } else if value.eq_ignore_ascii_case("keep-alive") {
                keep_alive = true;
            }
        }
    }
    let length = length.unwrap_or(0);
    if length > MAX_BODY {
        return Parsed::Refused(413);
    }
    let body_start = end + 4;
    if input.len() < body_start + length {
        return Parsed::Incomplete;
    }
    Parsed::Request {
        request: Request { method, path, body: &input[body_start..body_start + length] },
        keep_alive,
        length: body_start + length,
    }
}

fn respond(out: &mut Vec<u8>, response: &Response, close: bool) {
    out.extend_from_slice(b"HTTP/1.1 ");
    out.extend_from_slice(response.status.to_string().as_bytes());
    out.push(b' ');
    out.extend_from_slice(reason(response.status).as_bytes());
    out.extend_from_slice(b"\r\ncontent-type: ");
    out.extend_from_slice(response.content_type.as_bytes());
    out.extend_from_slice(b"\r\ncontent-length: ");
    out.extend_from_slice(response.body.len().to_string().as_bytes());
    if close {
        out.extend_from_slice(b"\r\nconnection: close");
    }
    out.extend_from_slice(b"\r\n\r\n");
    out.extend_from_slice(&response.body);
}

/// Answers every complete request in the connection's input; how many.
fn handle_input(c: &mut Conn, handler: &mut dyn Handler) -> u64 {
    let mut consumed = 0;
    let mut served = 0;
    while !c.closing {
        match parse(&c.input[consumed..]) {
            Parsed::Incomplete => break,
            Parsed::Refused(status) => {
                respond(&mut c.output, &Response::text(status, reason(status)), true);
                c.closing = true;
                served += 1;
            }
            Parsed::Request { request, keep_alive, length } => {
                let response = handler.handle(&request);
                respond(&mut c.output, &response, !keep_alive);
                c.closing = !keep_alive;
                consumed += length;
                served += 1;
            }
        }
    }
    c.input.drain(..consumed);
    served
}

/// Reads all that is there (until the socket would block, as edge-triggered readiness needs).
fn read_input(c: &mut Conn, buf: &mut [u8]) {
    loop {
        match net::recv(c.fd, buf) {
            Ok(0) => {
                c.closing = true; // the client is done; answer what it sent, then close
                return;
            }
            Ok(n) => {
                c.input.extend_from_slice(&buf[..n]);
                if c.input.len() > MAX_HEAD + MAX_BODY {
                    return;
                }
            }
            Err(e) if net::would_block(&e) => return,
            Err(_) => {
                c.dead = true; // reset by the peer
                return;
            }
        }
    }
}

/// Sends what it can of the output.
fn write_output(c: &mut Conn) {
    while c.pending() {
        match net::send(c.fd, &c.output[c.sent..]) {
            Ok(n) => c.sent += n,
            Err(e) if net::would_block(&e) => return,
            Err(_) => {
                c.dead = true;
                return;
            }
        }
    }
    c.output.clear();
    c.sent = 0;
    if c.closing {
        c.dead = true;
    }
}

/// Serves `listener` until `options.max_requests` are answered; how many were.
pub fn serve(listener: net::Fd, handler: &mut dyn Handler, options: &Options) -> io::Result<u64> {
    let mut conns: Vec<Conn> = Vec::new();
    let mut interests: Vec<net::Interest> = Vec::new();
    let mut ready: Vec<net::Ready> = Vec::new();
    let mut poller = net::Poller::new(options.edge);
    let mut buf = vec![0u8; 64 * 1024];
    let mut served = 0u64;
    loop {
        let done = options.max_requests > 0 && served >= options.max_requests;
        if done && conns.iter().all(|c| !c.pending()) {
            break;
        }
        interests.clear();
        interests.push(net::Interest { fd: listener, read: !done, write: false });
        for c in &conns {
            interests.push(net::Interest { fd: c.fd, read: !c.pending() && !c.closing, write: c.pending() });
        }
        poller.poll(&interests, None, &mut ready)?;
        for r in &ready {
            if r.index == 0 {
                loop {
                    match net::accept(listener) {
                        Ok(fd) => conns.push(Conn {
                            fd, input: Vec::new(), output: Vec::new(), sent: 0, closing: false, dead: false,
                        }),
                        Err(e) if net::would_block(&e) => break,
                        Err(e) => {
                            eprintln!("accept: {}", e);
                            break;
                        }
                    }
                }
                continue;
            }
            let c = &mut conns[r.index - 1];
            if r.readable || r.hangup {
                read_input(c, &mut buf);
                if !c.dead {
                    served += handle_input(c, handler);
                }
            }
            if !c.dead && (r.writable || c.pending() || c.closing) {
                write_output(c);
            }
        }
        conns.retain(|c| {
            if c.dead {
                net::close(c.fd);
            }
            !c.dead
        });
    }
    for c in &conns {
        net::close(c.fd);
    }
    Ok(served)
}
