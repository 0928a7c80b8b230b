// Exercises WasmEdge's socket calls beyond a server's: DNS through sock_getaddrinfo, UDP datagrams with
// sock_send_to and sock_recv_from, socket options, addresses, non-blocking and refused connects. Prints one line per
// check, the same on every machine (for the test that runs it).

#[path = "lib/wasmedge_net.rs"]
mod net;

use std::time::Instant;

const LOOPBACK: [u8; 4] = [127, 0, 0, 1];

fn errno<T>(r: std::io::Result<T>) -> i32 {
    match r {
        Ok(_) => 0,
        Err(e) => e.raw_os_error().unwrap_or(-1),
    }
}

fn dns() {
    match net::resolve("localhost", "80", 8) {
        Ok(all) => println!("localhost:80 has 127.0.0.1:80: {}", all.iter().any(|(ip, p)| ip == &LOOPBACK && *p == 80)),
        Err(e) => println!("localhost:80 failed: {}", e),
    }
    println!("127.0.0.1:6379 -> {:?}", net::resolve("127.0.0.1", "6379", 4));
    println!("::1:443 -> {:?}", net::resolve("::1", "443", 4).map(|v| v.iter().map(|(ip, p)| (ip.len(), *p)).collect::<Vec<_>>()));
    println!("127.0.0.1:http -> {:?}", net::resolve("127.0.0.1", "http", 4).map(|v| v[0].1));
    println!("no-such-host.invalid -> {:?}", net::resolve("no-such-host.invalid", "80", 4));
}

fn udp() {
    let a = net::udp_bind(&LOOPBACK, 0).expect("bind a");
    let b = net::udp_bind(&LOOPBACK, 0).expect("bind b");
    let (_, port_a) = net::address(a, false).unwrap();
    let (_, port_b) = net::address(b, false).unwrap();
    println!("udp send_to: {:?}", net::send_to(b, b"ping", &LOOPBACK, port_a));
    let mut buf = [0u8; 64];
    let (n, ip, port, truncated) = net::recv_from(a, &mut buf).expect("recv_from");
    println!("udp recv_from: {:?} from {:?}, sender port matches: {}, truncated: {}",
        std::str::from_utf8(&buf[..n]).unwrap(), ip, port == port_b, truncated);
    net::send_to(a, &[7u8; 100], &ip, port).expect("reply");
    let mut small = [0u8; 10];
    let (n, _, _, truncated) = net::recv_from(b, &mut small).expect("recv_from b");
    println!("udp 100 bytes into 10: {} received, truncated: {}", n, truncated);
    net::set_timeout(b, net::SO_RCVTIMEO, 150).unwrap();
    println!("SO_RCVTIMEO: {:?}", net::timeout(b, net::SO_RCVTIMEO));
    let start = Instant::now();
    let r = errno(net::recv_from(b, &mut buf));
    println!("recv with nothing to receive: errno {} after the timeout: {}", r, start.elapsed().as_millis() >= 140);
    println!("udp SO_TYPE: {:?}", net::int_option(b, net::SO_TYPE));
    net::close(a);
    net::close(b);
}

fn tcp() {
    let listener = net::tcp_listen(&LOOPBACK, 0, 16).expect("listen");
    let (_, port) = net::address(listener, false).unwrap();
    println!("listener SO_ACCEPTCONN: {:?}, SO_REUSEADDR: {:?}, SO_TYPE: {:?}",
        net::int_option(listener, net::SO_ACCEPTCONN), net::int_option(listener, net::SO_REUSEADDR),
        net::int_option(listener, net::SO_TYPE));
    let client = net::tcp_connect(&LOOPBACK, port).expect("connect");
    net::set_int_option(client, net::SO_KEEPALIVE, 1).unwrap();
    net::set_int_option(client, net::SO_RCVBUF, 65536).unwrap();
    net::set_int_option(client, net::SO_SNDBUF, 65536).unwrap();
    println!("client SO_KEEPALIVE: {:?}, SO_RCVBUF >= 65536: {}, SO_SNDBUF >= 65536: {}, SO_ERROR: {:?}",
        net::int_option(client, net::SO_KEEPALIVE), net::int_option(client, net::SO_RCVBUF).unwrap() >= 65536,
        net::int_option(client, net::SO_SNDBUF).unwrap() >= 65536, net::int_option(client, net::SO_ERROR));
    let mut server = Err(std::io::Error::from_raw_os_error(net::AGAIN));
    for _ in 0..1000 {
        server = net::accept(listener);
        if server.is_ok() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let server = server.expect("accept");
    let (_, client_port) = net::address(client, false).unwrap();
    let (peer_ip, peer_port) = net::address(server, true).unwrap();
    println!("accepted: peer {:?}, port matches: {}, SO_ACCEPTCONN: {:?}", peer_ip, peer_port == client_port,
        net::int_option(server, net::SO_ACCEPTCONN));
    net::send_all(client, b"over tcp").unwrap();
    let mut buf = [0u8; 64];
    let mut got = 0;
    while got < 8 {
        match net::recv(server, &mut buf[got..]) {
            Ok(n) => got += n,
            Err(e) if net::would_block(&e) => std::thread::sleep(std::time::Duration::from_millis(1)),
            Err(e) => panic!("recv: {}", e),
        }
    }
    println!("tcp received: {:?}", std::str::from_utf8(&buf[..got]).unwrap());
    println!("recv on a non-blocking socket with nothing there: errno {}", errno(net::recv(server, &mut buf)));
    net::close(client);
    net::close(server);
    net::close(listener);
    // the listener is gone: a connect to its port is refused
    println!("connect to a closed port: errno {}", errno(net::tcp_connect(&LOOPBACK, port)));
    // a non-blocking connect: in progress, then writable once done, SO_ERROR telling how it went
    for (what, target) in [("listening", port2(&LOOPBACK)), ("closed", port)] {
        let fd = net::tcp_socket(&LOOPBACK).unwrap();
        net::set_nonblocking(fd, true).unwrap();
        let started = errno(net::connect(fd, &LOOPBACK, target));
        let mut ready = Vec::new();
        net::Poller::new(false).poll(&[net::Interest { fd, read: false, write: true }], Some(10_000), &mut ready)
            .unwrap();
        println!("non-blocking connect to a {} port: in progress or done: {}, writable: {}, SO_ERROR: {:?}", what,
            started == 26 || started == 0, ready.iter().any(|r| r.writable), net::int_option(fd, net::SO_ERROR));
        net::close(fd);
    }
    // IPv6 loopback
    let six = net::tcp_listen(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 0, 4).expect("listen ::1");
    let (ip6, port6) = net::address(six, false).unwrap();
    let c6 = net::tcp_connect(&ip6, port6).expect("connect ::1");
    println!("ipv6: listening on {} bytes, connected: {:?}", ip6.len(), net::address(c6, true).map(|(ip, p)| (ip.len(), p == port6)));
    net::close(c6);
    net::close(six);
}

/// The port of a new listener on `ip` (left open, for connects to find).
fn port2(ip: &[u8]) -> u16 {
    let l = net::tcp_listen(ip, 0, 4).expect("listen");
    net::address(l, false).unwrap().1
}

fn main() {
    dns();
    udp();
    tcp();
}
