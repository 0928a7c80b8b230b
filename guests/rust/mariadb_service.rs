// A stateful microservice on MariaDB: a client of the MySQL wire protocol (the server's handshake,
// mysql_native_password login, COM_QUERY with text result sets) over WasmEdge's socket calls, and an HTTP front that
// lists rows as JSON.
//
//   mariadb_service PORT USER PASSWORD DATABASE                    create a table, insert, select, print the rows
//   mariadb_service PORT USER PASSWORD DATABASE --serve PORT N     HTTP on 127.0.0.1:PORT (0: any); GET /rows ->
//                                                                  the rows as JSON, POST /rows (a name) inserts
//                                                                  one; stops after N requests

#[path = "lib/wasmedge_net.rs"]
mod net;
#[path = "lib/http.rs"]
mod http;

use std::io::{self, Write};

/// SHA-1 (FIPS 180-4), for mysql_native_password.
fn sha1(data: &[u8]) -> [u8; 20] {
    let mut h: [u32; 5] = [0x67452301, 0xEFCDAB89, 0x98BADCFE, 0x10325476, 0xC3D2E1F0];
    let mut message = data.to_vec();
    message.push(0x80);
    while message.len() % 64 != 56 {
        message.push(0);
    }
    message.extend_from_slice(&((data.len() as u64) * 8).to_be_bytes());
    for block in message.chunks(64) {
        let mut w = [0u32; 80];
        for i in 0..16 {
            w[i] = u32::from_be_bytes([block[4 * i], block[4 * i + 1], block[4 * i + 2], block[4 * i + 3]]);
        }
        for i in 16..80 {
            w[i] = (w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]).rotate_left(1);
        }
        let (mut a, mut b, mut c, mut d, mut e) = (h[0], h[1], h[2], h[3], h[4]);
        for (i, wi) in w.iter().enumerate() {
            let (f, k) = match i {
                0..=19 => ((b & c) | (!b & d), 0x5A827999),
                20..=39 => (b ^ c ^ d, 0x6ED9EBA1),
                40..=59 => ((b & c) | (b & d) | (c & d), 0x8F1BBCDC),
                _ => (b ^ c ^ d, 0xCA62C1D6),
            };
            let t = a.rotate_left(5).wrapping_add(f).wrapping_add(e).wrapping_add(k).wrapping_add(*wi);
            e = d;
            d = c;
            c = b.rotate_left(30);
            b = a;
            a = t;
        }
        for (x, y) in h.iter_mut().zip([a, b, c, d, e]) {
            *x = x.wrapping_add(y);
        }
    }
    let mut out = [0u8; 20];
    for (i, x) in h.iter().enumerate() {
        out[4 * i..4 * i + 4].copy_from_slice(&x.to_be_bytes());
    }
    out
}

/// mysql_native_password: SHA1(password) XOR SHA1(scramble + SHA1(SHA1(password))).
fn native_password(password: &[u8], scramble: &[u8]) -> Vec<u8> {
    if password.is_empty() {
        return Vec::new();
    }
    let stage1 = sha1(password);
    let stage2 = sha1(&stage1);
    let mut salted = scramble.to_vec();
    salted.extend_from_slice(&stage2);
    let mask = sha1(&salted);
    stage1.iter().zip(mask.iter()).map(|(a, b)| a ^ b).collect()
}

fn protocol(what: &str) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, what.to_string())
}

// Capability flags of the client.
const LONG_PASSWORD: u32 = 1;
const CONNECT_WITH_DB: u32 = 8;
const PROTOCOL_41: u32 = 512;
const TRANSACTIONS: u32 = 8192;
const SECURE_CONNECTION: u32 = 32768;
const PLUGIN_AUTH: u32 = 1 << 19;

/// A result of COM_QUERY: rows of text (None for NULL), or the rows a statement affected.
enum Outcome {
    Rows(Vec<String>, Vec<Vec<Option<String>>>),
    Done(u64),
}

struct MariaDb {
    fd: net::Fd,
    input: Vec<u8>,
    sequence: u8,
}

impl MariaDb {
    fn read_packet(&mut self) -> io::Result<Vec<u8>> {
        loop {
            if self.input.len() >= 4 {
                let length = u32::from_le_bytes([self.input[0], self.input[1], self.input[2], 0]) as usize;
                if self.input.len() >= 4 + length {
                    self.sequence = self.input[3].wrapping_add(1);
                    let packet = self.input[4..4 + length].to_vec();
                    self.input.drain(..4 + length);
                    return Ok(packet);
                }
            }
            let mut buf = [0u8; 16384];
            let n = net::recv(self.fd, &mut buf)?;
            if n == 0 {
                return Err(protocol("the server closed the connection"));
            }
            self.input.extend_from_slice(&buf[..n]);
        }
    }

    fn write_packet(&mut self, payload: &[u8]) -> io::Result<()> {
        let mut out = (payload.len() as u32).to_le_bytes()[..3].to_vec();
        out.push(self.sequence);
        out.extend_from_slice(payload);
        self.sequence = self.sequence.wrapping_add(1);
        net::send_all(self.fd, &out)
    }

    /// Connects and logs in with mysql_native_password.
    fn connect(port: u16, user: &str, password: &str, database: &str) -> io::Result<MariaDb> {
        let fd = net::tcp_connect(&[127, 0, 0, 1], port)?;
        let mut db = MariaDb { fd, input: Vec::new(), sequence: 0 };
        let hello = db.read_packet()?;
        if hello.first() == Some(&0xff) {
            return Err(protocol(&error_message(&hello)));
        }
        if hello.first() != Some(&10) {
            return Err(protocol("not protocol version 10"));
        }
        // version\0, connection id (4), scramble part 1 (8), filler, capabilities (2), charset, status (2),
        // capabilities (2), scramble length, reserved (10), scramble part 2, plugin name\0
        let mut at = 1 + hello[1..].iter().position(|&b| b == 0).ok_or_else(|| protocol("handshake"))? + 1;
        at += 4;
        let mut scramble = hello.get(at..at + 8).ok_or_else(|| protocol("handshake"))?.to_vec();
        at += 8 + 1 + 2 + 1 + 2 + 2;
        let scramble_length = *hello.get(at).ok_or_else(|| protocol("handshake"))? as usize;
        at += 1 + 10;
        let part2 = scramble_length.saturating_sub(8).max(13) - 1; // without its terminating zero
        scramble.extend_from_slice(hello.get(at..at + part2).ok_or_else(|| protocol("handshake"))?);
        let capabilities = LONG_PASSWORD | CONNECT_WITH_DB | PROTOCOL_41 | TRANSACTIONS | SECURE_CONNECTION
            | PLUGIN_AUTH;
        let mut response = capabilities.to_le_bytes().to_vec();
        response.extend_from_slice(&(16u32 << 20).to_le_bytes()); // max packet size
        response.push(45); // utf8mb4
        response.extend_from_slice(&[0u8; 23]);
        response.extend_from_slice(user.as_bytes());
        response.push(0);
        let auth = native_password(password.as_bytes(), &scramble);
        response.push(auth.len() as u8);
        response.extend_from_slice(&auth);
        response.extend_from_slice(database.as_bytes());
        response.push(0);
        response.extend_from_slice(b"mysql_native_password\0");
        db.write_packet(&response)?;
        let mut reply = db.read_packet()?;
        if reply.first() == Some(&0xfe) {
            // auth switch: plugin name\0 then a new scramble\0
            let name_end = reply[1..].iter().position(|&b| b == 0).ok_or_else(|| protocol("auth switch"))? + 1;
            if &reply[1..name_end] != b"mysql_native_password" {
                return Err(protocol("the server asks for another authentication plugin"));
            }
            let data = &reply[name_end + 1..];
            let data = data.strip_suffix(&[0]).unwrap_or(data).to_vec();
            db.write_packet(&native_password(password.as_bytes(), &data))?;
            reply = db.read_packet()?;
        }
        match reply.first() {
            Some(0) => Ok(db),
            Some(0xff) => Err(protocol(&error_message(&reply))),
            _ => Err(protocol("unexpected reply to the login")),
        }
    }

    /// COM_QUERY; the result set in text, or how many rows the statement affected.
    fn query(&mut self, sql: &str) -> io::Result<Outcome> {
        self.sequence = 0;
        let mut packet = vec![3u8];
        packet.extend_from_slice(sql.as_bytes());
        self.write_packet(&packet)?;
        let first = self.read_packet()?;
        match first.first() {
            Some(0) => {
                let mut at = 1;
                return Ok(Outcome::Done(lenenc(&first, &mut at).unwrap_or(0)));
            }
            Some(0xff) => return Err(protocol(&error_message(&first))),
            _ => {}
        }
        let mut at = 0;
        let columns = lenenc(&first, &mut at).ok_or_else(|| protocol("column count"))? as usize;
        let mut names = Vec::new();
        for _ in 0..columns {
            // catalog, schema, table, org_table, name, org_name, ...
            let def = self.read_packet()?;
            let mut at = 0;
            for _ in 0..4 {
                lenenc_bytes(&def, &mut at);
            }
            names.push(String::from_utf8_lossy(lenenc_bytes(&def, &mut at).unwrap_or(&[])).into_owned());
        }
        let eof = self.read_packet()?;
        if eof.first() != Some(&0xfe) {
            return Err(protocol("no EOF after the column definitions"));
        }
        let mut rows = Vec::new();
        loop {
            let row = self.read_packet()?;
            if row.first() == Some(&0xfe) && row.len() < 9 {
                break;
            }
            if row.first() == Some(&0xff) {
                return Err(protocol(&error_message(&row)));
            }
            let mut at = 0;
            let mut values = Vec::new();
            for _ in 0..columns {
                if row.get(at) == Some(&0xfb) {
                    at += 1;
                    values.push(None);
                } else {
                    values.push(lenenc_bytes(&row, &mut at).map(|b| String::from_utf8_lossy(b).into_owned()));
                }
            }
            rows.push(values);
        }
        Ok(Outcome::Rows(names, rows))
    }
}

/// A length-encoded integer at `at`.
fn lenenc(b: &[u8], at: &mut usize) -> Option<u64> {
    let first = *b.get(*at)?;
    let (value, size) = match first {
        0..=0xfa => (first as u64, 1),
        0xfc => (u16::from_le_bytes([*b.get(*at + 1)?, *b.get(*at + 2)?]) as u64, 3),
        0xfd => (u32::from_le_bytes([*b.get(*at + 1)?, *b.get(*at + 2)?, *b.get(*at + 3)?, 0]) as u64, 4),
        0xfe => (u64::from_le_bytes(b.get(*at + 1..*at + 9)?.try_into().ok()?), 9),
        _ => return None,
    };
    *at += size;
    Some(value)
}

fn lenenc_bytes<'a>(b: &'a [u8], at: &mut usize) -> Option<&'a [u8]> {
    let n = lenenc(b, at)? as usize;
    let s = b.get(*at..*at + n)?;
    *at += n;
    Some(s)
}

fn error_message(packet: &[u8]) -> String {
    // 0xff, code (2), '#' and SQL state (5), message
    let code = u16::from_le_bytes([*packet.get(1).unwrap_or(&0), *packet.get(2).unwrap_or(&0)]);
    let text = if packet.get(3) == Some(&b'#') { &packet[9.min(packet.len())..] } else { &packet[3.min(packet.len())..] };
    format!("error {}: {}", code, String::from_utf8_lossy(text))
}

fn json(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A string literal of SQL, quotes and backslashes escaped.
fn sql_string(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'").replace('\0', "\\0"))
}

struct Front {
    db: MariaDb,
}

impl Front {
    fn rows(&mut self) -> io::Result<String> {
        match self.db.query("SELECT id, name FROM visitors ORDER BY id")? {
            Outcome::Rows(_, rows) => {
                let items: Vec<String> = rows.iter().map(|r| {
                    format!("{{\"id\":{},\"name\":{}}}", r[0].as_deref().unwrap_or("null"),
                        r[1].as_deref().map(json).unwrap_or_else(|| "null".into()))
                }).collect();
                Ok(format!("[{}]\n", items.join(",")))
            }
            Outcome::Done(_) => Err(protocol("no rows")),
        }
    }
}

impl http::Handler for Front {
    fn handle<'a>(&mut self, request: &http::Request<'a>) -> http::Response<'a> {
        let result = match (request.method, request.path) {
            ("GET", "/rows") => self.rows(),
            ("POST", "/rows") => {
                let name = String::from_utf8_lossy(request.body).into_owned();
                self.db.query(&format!("INSERT INTO visitors (name) VALUES ({})", sql_string(&name)))
                    .map(|_| "inserted\n".to_string())
            }
            _ => return http::Response::text(404, &b"Not Found\n"[..]),
        };
        match result {
            Ok(body) if body.starts_with('[') => http::Response::new(200, "application/json", body.into_bytes()),
            Ok(body) => http::Response::text(200, body.into_bytes()),
            Err(e) => http::Response::text(502, format!("mariadb: {}\n", e).into_bytes()),
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() < 5 {
        eprintln!("usage: mariadb_service PORT USER PASSWORD DATABASE [--serve PORT N]");
        std::process::exit(2);
    }
    let port: u16 = args[1].parse().expect("PORT");
    let mut db = match MariaDb::connect(port, &args[2], &args[3], &args[4]) {
        Ok(db) => db,
        Err(e) => {
            eprintln!("cannot log in to mariadb on port {}: {}", port, e);
            std::process::exit(1);
        }
    };
    println!("logged in as {}", args[2]);
    let setup = [
        "CREATE TABLE IF NOT EXISTS visitors (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL)",
        "TRUNCATE TABLE visitors",
        "INSERT INTO visitors (name) VALUES ('Ada'), ('Grace'), ('Edsger \"EWD\" Dijkstra')",
    ];
    for sql in setup.iter() {
        match db.query(sql) {
            Ok(Outcome::Done(n)) => println!("{} -> {} rows", sql.split(' ').next().unwrap(), n),
            Ok(Outcome::Rows(..)) => println!("{} -> rows", sql),
            Err(e) => {
                eprintln!("{}: {}", sql, e);
                std::process::exit(1);
            }
        }
    }
    if args.get(5).map(|s| s.as_str()) == Some("--serve") {
        let listen: u16 = args[6].parse().expect("--serve PORT N");
        let max: u64 = args[7].parse().expect("--serve PORT N");
        let listener = net::tcp_listen(&[127, 0, 0, 1], listen, 128).expect("listen");
        println!("listening on 127.0.0.1:{}", net::address(listener, false).unwrap().1);
        io::stdout().flush().ok();
        let served = http::serve(listener, &mut Front { db }, &http::Options { max_requests: max, edge: false });
        println!("served {:?}", served);
        return;
    }
    match db.query("SELECT id, name, CHAR_LENGTH(name) AS length, NULL AS nothing FROM visitors ORDER BY id") {
        Ok(Outcome::Rows(names, rows)) => {
            println!("columns: {}", names.join(", "));
            for r in rows {
                let cells: Vec<String> = r.iter().map(|v| v.clone().unwrap_or_else(|| "NULL".into())).collect();
                println!("row: {}", cells.join(" | "));
            }
        }
        Ok(Outcome::Done(_)) => println!("no result set"),
        Err(e) => {
            eprintln!("select: {}", e);
            std::process::exit(1);
        }
    }
    match db.query("SELECT * FROM no_such_table") {
        Err(e) => println!("a bad query: {}", e),
        Ok(_) => println!("a bad query succeeded"),
    }
    net::close(db.fd);
}
