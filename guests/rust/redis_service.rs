// A stateful microservice on Redis: a RESP client (SET, GET, INCR) over WasmEdge's socket calls, and an HTTP front
// that counts visits in Redis.
//
//   redis_service REDIS_PORT                      SET, GET and INCR once each, printing the replies
//   redis_service REDIS_PORT --serve PORT N       HTTP on 127.0.0.1:PORT (0: any), "listening on ..." once it
//                                                 listens; GET /visits -> "visits: N" (INCR visits), GET /get?KEY
//                                                 -> the value; stops after N requests

#[path = "lib/wasmedge_net.rs"]
mod net;
#[path = "lib/http.rs"]
mod http;

use std::io::{self, Write};

/// A reply of the Redis serialization protocol.
#[derive(Debug, PartialEq)]
enum Reply {
    Status(String),
    Error(String),
    Integer(i64),
    Bulk(Option<Vec<u8>>),
    Array(Option<Vec<Reply>>),
}

struct Redis {
    fd: net::Fd,
    input: Vec<u8>,
}

impl Redis {
    fn connect(port: u16) -> io::Result<Redis> {
        Ok(Redis { fd: net::tcp_connect(&[127, 0, 0, 1], port)?, input: Vec::new() })
    }

    /// Sends a command as an array of bulk strings and reads its reply.
    fn call(&mut self, args: &[&[u8]]) -> io::Result<Reply> {
        let mut out = format!("*{}\r\n", args.len()).into_bytes();
        for a in args {
            out.extend_from_slice(format!("${}\r\n", a.len()).as_bytes());
            out.extend_from_slice(a);
            out.extend_from_slice(b"\r\n");
        }
        net::send_all(self.fd, &out)?;
        self.reply()
    }

    fn fill(&mut self) -> io::Result<()> {
        let mut buf = [0u8; 4096];
        let n = net::recv(self.fd, &mut buf)?;
        if n == 0 {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "redis closed the connection"));
        }
        self.input.extend_from_slice(&buf[..n]);
        Ok(())
    }

    fn line(&mut self) -> io::Result<String> {
        loop {
            if let Some(end) = self.input.windows(2).position(|w| w == b"\r\n") {
                let line = String::from_utf8_lossy(&self.input[..end]).into_owned();
                self.input.drain(..end + 2);
                return Ok(line);
            }
            self.fill()?;
        }
    }

    fn reply(&mut self) -> io::Result<Reply> {
        let line = self.line()?;
        let bad = || io::Error::new(io::ErrorKind::InvalidData, "bad reply");
        let (kind, rest) = line.split_at(1.min(line.len()));
        Ok(match kind {
            "+" => Reply::Status(rest.to_string()),
            "-" => Reply::Error(rest.to_string()),
            ":" => Reply::Integer(rest.parse().map_err(|_| bad())?),
            "$" => {
                let n: i64 = rest.parse().map_err(|_| bad())?;
                if n < 0 {
                    Reply::Bulk(None)
                } else {
                    while self.input.len() < n as usize + 2 {
                        self.fill()?;
                    }
                    let data = self.input[..n as usize].to_vec();
                    self.input.drain(..n as usize + 2);
                    Reply::Bulk(Some(data))
                }
            }
            "*" => {
                let n: i64 = rest.parse().map_err(|_| bad())?;
                if n < 0 {
                    Reply::Array(None)
                } else {
                    let mut items = Vec::new();
                    for _ in 0..n {
                        items.push(self.reply()?);
                    }
                    Reply::Array(Some(items))
                }
            }
            _ => return Err(bad()),
        })
    }
}

fn show(r: &Reply) -> String {
    match r {
        Reply::Status(s) => s.clone(),
        Reply::Error(e) => format!("error {}", e),
        Reply::Integer(i) => i.to_string(),
        Reply::Bulk(Some(b)) => String::from_utf8_lossy(b).into_owned(),
        Reply::Bulk(None) => "(nil)".to_string(),
        Reply::Array(a) => format!("{:?}", a),
    }
}

struct Front {
    redis: Redis,
}

impl http::Handler for Front {
    fn handle<'a>(&mut self, request: &http::Request<'a>) -> http::Response<'a> {
        let result = match (request.method, request.path) {
            ("GET", "/visits") => self.redis.call(&[b"INCR", b"visits"]).map(|r| format!("visits: {}\n", show(&r))),
            ("GET", p) if p.starts_with("/get?") => {
                self.redis.call(&[b"GET", p[5..].as_bytes()]).map(|r| format!("{}\n", show(&r)))
            }
            _ => return http::Response::text(404, &b"Not Found\n"[..]),
        };
        match result {
            Ok(body) => http::Response::text(200, body.into_bytes()),
            Err(e) => http::Response::text(502, format!("redis: {}\n", e).into_bytes()),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let redis_port: u16 = args.get(1).and_then(|p| p.parse().ok()).expect("usage: redis_service REDIS_PORT ...");
    let mut redis = match Redis::connect(redis_port) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot connect to redis on port {}: {}", redis_port, e);
            std::process::exit(1);
        }
    };
    if args.get(2).map(|s| s.as_str()) == Some("--serve") {
        let port: u16 = args[3].parse().expect("--serve PORT N");
        let max: u64 = args[4].parse().expect("--serve PORT N");
        let listener = net::tcp_listen(&[127, 0, 0, 1], port, 128).expect("listen");
        println!("listening on 127.0.0.1:{}", net::address(listener, false).unwrap().1);
        io::stdout().flush().ok();
        let served = http::serve(listener, &mut Front { redis }, &http::Options { max_requests: max, edge: false });
        println!("served {:?}", served);
        return;
    }
    let steps: [&[&[u8]]; 6] = [
        &[b"SET", b"greeting", b"hello from wasm"],
        &[b"GET", b"greeting"],
        &[b"DEL", b"counter"],
        &[b"INCR", b"counter"],
        &[b"INCR", b"counter"],
        &[b"GET", b"missing-key"],
    ];
    for step in steps.iter() {
        let name: Vec<String> = step.iter().map(|a| String::from_utf8_lossy(a).into_owned()).collect();
        match redis.call(step) {
            Ok(r) => println!("{} -> {}", name.join(" "), show(&r)),
            Err(e) => {
                println!("{} failed: {}", name.join(" "), e);
                std::process::exit(1);
            }
        }
    }
    net::close(redis.fd);
}
