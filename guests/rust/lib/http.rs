// A small HTTP/1.1 server in the style of WasmEdge's hyper examples: one thread, non-blocking sockets, readiness
// from one poll per turn, many connections at once, keep-alive and pipelining. The including file names the
// socket module `net` (wasmedge_net.rs in wasm, posix_net.rs natively); this file is the same in both builds.
#![allow(dead_code)]

use crate::net;
use std::borrow::Cow;
use std::io;

/// The most a request's head may be, and its body.
const MAX_HEAD: usize = 8 * 1024;
const MAX_BODY: usize = 1024 * 1024;

pub struct Request<'a> {
    pub method: &'a str,
    pub path: &'a str,
    pub body: &'a [u8],
}

/// A response; its body may borrow from the request (an echo copies nothing).
pub struct Response<'a> {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Cow<'a, [u8]>,
}

impl<'a> Response<'a> {
    pub fn new(status: u16, content_type: &'static str, body: impl Into<Cow<'a, [u8]>>) -> Response<'a> {
        Response { status, content_type, body: body.into() }
    }

    pub fn text(status: u16, body: impl Into<Cow<'a, [u8]>>) -> Response<'a> {
        Response::new(status, "text/plain", body)
    }
}

pub trait Handler {
    fn handle<'a>(&mut self, request: &Request<'a>) -> Response<'a>;
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

/// The end of the head: where "\r\n\r\n" starts.
fn head_end(input: &[u8]) -> Option<usize> {
    let mut i = 0;
    while i + 3 < input.len() {
        if input[i + 3] != b'\n' {
            i += if input[i + 3] == b'\r' { 1 } else { 4 };
        } else if &input[i..i + 3] == b"\r\n\r" {
            return Some(i);
        } else {
            i += 2;
        }
    }
    None
}

fn token(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b))
}

fn trim(mut s: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = s {
        s = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = s {
        s = rest;
    }
    s
}

#[inline(never)]
fn parse(input: &[u8]) -> Parsed<'_> {
    let end = match head_end(input) {
        Some(end) => end,
        None if input.len() > MAX_HEAD => return Parsed::Refused(431),
        None => return Parsed::Incomplete,
    };
    if end > MAX_HEAD {
        return Parsed::Refused(431);
    }
    let head = &input[..end];
    let first = head.iter().position(|&b| b == b'\n').unwrap_or(head.len());
    let request_line = head[..first].strip_suffix(b"\r").unwrap_or(&head[..first]);
    let mut start = request_line.split(|&b| b == b' ');
    let (method, path, version) = match (start.next(), start.next(), start.next(), start.next()) {
        (Some(m), Some(p), Some(v), None) => (m, p, v),
        _ => return Parsed::Refused(400),
    };
    if !token(method) || !path.starts_with(b"/") || !(version == b"HTTP/1.1" || version == b"HTTP/1.0") {
        return Parsed::Refused(400);
    }
    let (method, path) = match (std::str::from_utf8(method), std::str::from_utf8(path)) {
        (Ok(m), Ok(p)) => (m, p),
        _ => return Parsed::Refused(400),
    };
    let (keep_alive, length) = match headers(&head[(first + 1).min(head.len())..], version == b"HTTP/1.1") {
        Ok(h) => h,
        Err(status) => return Parsed::Refused(status),
    };
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

/// The header lines: whether the connection stays open (HTTP/1.1's default `keep_alive`), and the body's length.
#[inline(never)]
fn headers(lines: &[u8], mut keep_alive: bool) -> Result<(bool, Option<usize>), u16> {
    let mut length: Option<usize> = None;
    if lines.is_empty() {
        return Ok((keep_alive, length));
    }
    for line in lines.split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let colon = match line.iter().position(|&b| b == b':') {
            Some(c) if token(&line[..c]) => c,
            _ => return Err(400),
        };
        let (name, value) = (&line[..colon], trim(&line[colon + 1..]));
        if name.eq_ignore_ascii_case(b"content-length") {
            let mut n: usize = 0;
            if value.is_empty() || value.len() > 12 || !value.iter().all(u8::is_ascii_digit) {
                return Err(400);
            }
            for d in value {
                n = n * 10 + (d - b'0') as usize;
            }
            if length.is_some() && length != Some(n) {
                return Err(400);
            }
            length = Some(n);
        } else if name.eq_ignore_ascii_case(b"transfer-encoding") && !value.eq_ignore_ascii_case(b"identity") {
            return Err(501);
        } else if name.eq_ignore_ascii_case(b"connection") {
            if value.eq_ignore_ascii_case(b"close") {
                keep_alive = false;
            } else if value.eq_ignore_ascii_case(b"keep-alive") {
                keep_alive = true;
            }
        }
    }
    Ok((keep_alive, length))
}

/// Appends `n` in decimal.
fn decimal(out: &mut Vec<u8>, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

#[inline(never)]
fn respond(out: &mut Vec<u8>, response: &Response, close: bool) {
    out.extend_from_slice(b"HTTP/1.1 ");
    decimal(out, response.status as usize);
    out.push(b' ');
    out.extend_from_slice(reason(response.status).as_bytes());
    out.extend_from_slice(b"\r\ncontent-type: ");
    out.extend_from_slice(response.content_type.as_bytes());
    out.extend_from_slice(b"\r\ncontent-length: ");
    decimal(out, response.body.len());
    if close {
        out.extend_from_slice(b"\r\nconnection: close");
    }
    out.extend_from_slice(b"\r\n\r\n");
    out.extend_from_slice(&response.body);
}

// The steps of the loop are functions of their own (not inlined), so that no wasm function is large: a JVM method
// over 8,000 bytes of bytecode is split into parts that pass a frame array, which costs on every call.

/// Answers every complete request in the connection's input; how many.
#[inline(never)]
fn handle_input(c: &mut Conn, handler: &mut dyn Handler) -> u64 {
    let mut consumed = 0;
    let mut served = 0;
    while !c.closing {
        match parse(&c.input[consumed..]) {
            Parsed::Incomplete => break,
            Parsed::Refused(status) => {
                respond(&mut c.output, &Response::text(status, reason(status).as_bytes()), true);
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
#[inline(never)]
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
#[inline(never)]
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

/// Closes and forgets the connections that are done.
#[inline(never)]
fn remove_dead(conns: &mut Vec<Conn>) {
    conns.retain(|c| {
        if c.dead {
            net::close(c.fd);
        }
        !c.dead
    });
}

/// Accepts every connection that waits.
#[inline(never)]
fn accept_all(listener: net::Fd, conns: &mut Vec<Conn>) {
    loop {
        match net::accept(listener) {
            Ok(fd) => conns.push(Conn { fd, input: Vec::new(), output: Vec::new(), sent: 0, closing: false, dead: false }),
            Err(e) if net::would_block(&e) => break,
            Err(e) => {
                eprintln!("accept: {}", e);
                break;
            }
        }
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
                accept_all(listener, &mut conns);
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
        remove_dead(&mut conns);
    }
    for c in &conns {
        net::close(c.fd);
    }
    Ok(served)
}
