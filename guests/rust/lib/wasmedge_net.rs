// Our small binding to WasmEdge's socket calls (module wasi_snapshot_preview1): just what the guests need, over raw
// descriptors, in the same shape as posix_net.rs so that one server source builds for both. The calls and their
// struct layouts are WasmEdge's (see wasi-impl's SocketAbi); errors are WASI errnos in io::Error.
#![allow(dead_code)]

use std::io;

pub type Fd = i32;

/// Readiness a poll waits for.
#[derive(Clone, Copy)]
pub struct Interest {
    pub fd: Fd,
    pub read: bool,
    pub write: bool,
}

/// One readiness a poll found: the index of its interest.
#[derive(Clone, Copy, Debug)]
pub struct Ready {
    pub index: usize,
    pub readable: bool,
    pub writable: bool,
    pub hangup: bool,
}

#[repr(C)]
struct Address {
    buf: *const u8,
    len: u32,
}

#[repr(C)]
struct IoVec {
    buf: *const u8,
    len: u32,
}

mod sys {
    use super::{Address, IoVec};
    #[link(wasm_import_module = "wasi_snapshot_preview1")]
    extern "C" {
        pub fn sock_open(family: u32, kind: u32, fd_out: *mut u32) -> u32;
        pub fn sock_bind(fd: u32, address: *const Address, port: u32) -> u32;
        pub fn sock_listen(fd: u32, backlog: u32) -> u32;
        pub fn sock_accept(fd: u32, fd_out: *mut u32) -> u32; // V1
        pub fn sock_connect(fd: u32, address: *const Address, port: u32) -> u32;
        pub fn sock_recv(fd: u32, iovs: *const IoVec, count: u32, flags: u32, len: *mut u32, oflags: *mut u16)
            -> u32;
        pub fn sock_send(fd: u32, iovs: *const IoVec, count: u32, flags: u32, len: *mut u32) -> u32;
        // V2: the sender's family and address in a 128-byte storage, and its port
        pub fn sock_recv_from(fd: u32, iovs: *const IoVec, count: u32, address: *mut Address, flags: u32,
            port: *mut u32, len: *mut u32, oflags: *mut u16) -> u32;
        pub fn sock_send_to(fd: u32, iovs: *const IoVec, count: u32, address: *const Address, port: u32, flags: u32,
            len: *mut u32) -> u32;
        pub fn sock_shutdown(fd: u32, how: u32) -> u32;
        pub fn sock_getsockopt(fd: u32, level: u32, name: u32, value: *mut u8, len: *mut u32) -> u32;
        pub fn sock_setsockopt(fd: u32, level: u32, name: u32, value: *const u8, len: u32) -> u32;
        // V1: address bytes, type 4 or 6, port
        pub fn sock_getlocaladdr(fd: u32, address: *mut Address, kind: *mut u32, port: *mut u32) -> u32;
        pub fn sock_getpeeraddr(fd: u32, address: *mut Address, kind: *mut u32, port: *mut u32) -> u32;
        pub fn sock_getaddrinfo(node: *const u8, node_len: u32, service: *const u8, service_len: u32,
            hints: *const u8, res: *mut u32, max: u32, res_len: *mut u32) -> u32;
        pub fn poll_oneoff(subs: *const u8, events: *mut u8, count: u32, nevents: *mut u32) -> u32;
        pub fn epoll_oneoff(subs: *const u8, events: *mut u8, count: u32, nevents: *mut u32) -> u32;
        #[link_name = "fd_close"]
        pub fn close(fd: u32) -> u32;
        #[link_name = "fd_fdstat_get"]
        pub fn fdstat_get(fd: u32, out: *mut u8) -> u32;
        #[link_name = "fd_fdstat_set_flags"]
        pub fn fdstat_set_flags(fd: u32, flags: u32) -> u32;
    }
}

pub const AGAIN: i32 = 6;
const INET4: u32 = 1;
const INET6: u32 = 2;
const DGRAM: u32 = 1;
const STREAM: u32 = 2;
const NONBLOCK: u32 = 4;
pub const SO_REUSEADDR: u32 = 0;
pub const SO_TYPE: u32 = 1;
pub const SO_ERROR: u32 = 2;
pub const SO_SNDBUF: u32 = 5;
pub const SO_RCVBUF: u32 = 6;
pub const SO_KEEPALIVE: u32 = 7;
pub const SO_RCVTIMEO: u32 = 11;
pub const SO_ACCEPTCONN: u32 = 13;

fn check(errno: u32) -> io::Result<()> {
    if errno == 0 { Ok(()) } else { Err(io::Error::from_raw_os_error(errno as i32)) }
}

/// Whether `e` means "would block" (WASI's `again`).
pub fn would_block(e: &io::Error) -> bool {
    e.raw_os_error() == Some(AGAIN)
}

fn open(family: u32, kind: u32) -> io::Result<Fd> {
    let mut fd = 0u32;
    check(unsafe { sys::sock_open(family, kind, &mut fd) })?;
    Ok(fd as Fd)
}

fn family(ip: &[u8]) -> u32 {
    if ip.len() == 16 { INET6 } else { INET4 }
}

/// A non-blocking TCP listener on `ip` (4 or 16 bytes) and `port`, with SO_REUSEADDR.
pub fn tcp_listen(ip: &[u8], port: u16, backlog: u32) -> io::Result<Fd> {
    let fd = open(family(ip), STREAM)?;
    set_int_option(fd, SO_REUSEADDR, 1)?;
    let a = Address { buf: ip.as_ptr(), len: ip.len() as u32 };
    check(unsafe { sys::sock_bind(fd as u32, &a, port as u32) })?;
    check(unsafe { sys::sock_listen(fd as u32, backlog) })?;
    set_nonblocking(fd, true)?;
    Ok(fd)
}

/// A TCP socket of `ip`'s family that neither listens nor connects yet.
pub fn tcp_socket(ip: &[u8]) -> io::Result<Fd> {
    open(family(ip), STREAM)
}

/// sock_connect on `fd`, as it is (non-blocking: `inprogress`, 26, while it connects).
pub fn connect(fd: Fd, ip: &[u8], port: u16) -> io::Result<()> {
    let a = Address { buf: ip.as_ptr(), len: ip.len() as u32 };
    check(unsafe { sys::sock_connect(fd as u32, &a, port as u32) })
}

/// A blocking TCP connection to `ip` (4 or 16 bytes) and `port`.
pub fn tcp_connect(ip: &[u8], port: u16) -> io::Result<Fd> {
    let fd = open(family(ip), STREAM)?;
    let a = Address { buf: ip.as_ptr(), len: ip.len() as u32 };
    if let Err(e) = check(unsafe { sys::sock_connect(fd as u32, &a, port as u32) }) {
        close(fd);
        return Err(e);
    }
    Ok(fd)
}

/// A UDP socket bound to `ip` and `port`.
pub fn udp_bind(ip: &[u8], port: u16) -> io::Result<Fd> {
    let fd = open(family(ip), DGRAM)?;
    let a = Address { buf: ip.as_ptr(), len: ip.len() as u32 };
    check(unsafe { sys::sock_bind(fd as u32, &a, port as u32) })?;
    Ok(fd)
}

/// The next connection of a listener, non-blocking.
pub fn accept(listener: Fd) -> io::Result<Fd> {
    let mut fd = 0u32;
    check(unsafe { sys::sock_accept(listener as u32, &mut fd) })?;
    set_nonblocking(fd as Fd, true)?;
    Ok(fd as Fd)
}

pub fn recv(fd: Fd, buf: &mut [u8]) -> io::Result<usize> {
    let v = IoVec { buf: buf.as_mut_ptr(), len: buf.len() as u32 };
    let (mut n, mut flags) = (0u32, 0u16);
    check(unsafe { sys::sock_recv(fd as u32, &v, 1, 0, &mut n, &mut flags) })?;
    Ok(n as usize)
}

pub fn send(fd: Fd, buf: &[u8]) -> io::Result<usize> {
    let v = IoVec { buf: buf.as_ptr(), len: buf.len() as u32 };
    let mut n = 0u32;
    check(unsafe { sys::sock_send(fd as u32, &v, 1, 0, &mut n) })?;
    Ok(n as usize)
}

/// Sends all of `buf`, waiting when the socket is full.
pub fn send_all(fd: Fd, mut buf: &[u8]) -> io::Result<()> {
    while !buf.is_empty() {
        match send(fd, buf) {
            Ok(n) => buf = &buf[n..],
            Err(e) if would_block(&e) => {
                let mut ready = Vec::new();
                Poller::new(false).poll(&[Interest { fd, read: false, write: true }], None, &mut ready)?;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

/// A datagram to `ip` and `port`.
pub fn send_to(fd: Fd, buf: &[u8], ip: &[u8], port: u16) -> io::Result<usize> {
    let v = IoVec { buf: buf.as_ptr(), len: buf.len() as u32 };
    let a = Address { buf: ip.as_ptr(), len: ip.len() as u32 };
    let mut n = 0u32;
    check(unsafe { sys::sock_send_to(fd as u32, &v, 1, &a, port as u32, 0, &mut n) })?;
    Ok(n as usize)
}

/// A datagram and its sender's address bytes and port.
pub fn recv_from(fd: Fd, buf: &mut [u8]) -> io::Result<(usize, Vec<u8>, u16, bool)> {
    let v = IoVec { buf: buf.as_mut_ptr(), len: buf.len() as u32 };
    let storage = [0u8; 128];
    let mut a = Address { buf: storage.as_ptr(), len: 128 };
    let (mut port, mut n, mut flags) = (0u32, 0u32, 0u16);
    check(unsafe { sys::sock_recv_from(fd as u32, &v, 1, &mut a, 0, &mut port, &mut n, &mut flags) })?;
    let family = u16::from_le_bytes([storage[0], storage[1]]) as u32;
    let ip = if family == INET6 { storage[2..18].to_vec() } else { storage[2..6].to_vec() };
    Ok((n as usize, ip, port as u16, flags & 1 != 0))
}

pub fn shutdown_write(fd: Fd) -> io::Result<()> {
    check(unsafe { sys::sock_shutdown(fd as u32, 2) })
}

pub fn close(fd: Fd) {
    unsafe { sys::close(fd as u32) };
}

pub fn set_nonblocking(fd: Fd, on: bool) -> io::Result<()> {
    let mut stat = [0u8; 24];
    check(unsafe { sys::fdstat_get(fd as u32, stat.as_mut_ptr()) })?;
    let flags = u16::from_le_bytes([stat[2], stat[3]]) as u32;
    let flags = if on { flags | NONBLOCK } else { flags & !NONBLOCK };
    check(unsafe { sys::fdstat_set_flags(fd as u32, flags) })
}

pub fn set_int_option(fd: Fd, name: u32, value: i32) -> io::Result<()> {
    let b = value.to_le_bytes();
    check(unsafe { sys::sock_setsockopt(fd as u32, 0, name, b.as_ptr(), 4) })
}

pub fn int_option(fd: Fd, name: u32) -> io::Result<i32> {
    let mut b = [0u8; 4];
    let mut len = 4u32;
    check(unsafe { sys::sock_getsockopt(fd as u32, 0, name, b.as_mut_ptr(), &mut len) })?;
    Ok(i32::from_le_bytes(b))
}

/// SO_RCVTIMEO (or SO_SNDTIMEO) as a timeval of 16 bytes.
pub fn set_timeout(fd: Fd, name: u32, millis: u64) -> io::Result<()> {
    let mut b = [0u8; 16];
    b[0..8].copy_from_slice(&((millis / 1000) as i64).to_le_bytes());
    b[8..16].copy_from_slice(&(((millis % 1000) * 1000) as i64).to_le_bytes());
    check(unsafe { sys::sock_setsockopt(fd as u32, 0, name, b.as_ptr(), 16) })
}

pub fn timeout(fd: Fd, name: u32) -> io::Result<u64> {
    let mut b = [0u8; 16];
    let mut len = 16u32;
    check(unsafe { sys::sock_getsockopt(fd as u32, 0, name, b.as_mut_ptr(), &mut len) })?;
    let s = i64::from_le_bytes(b[0..8].try_into().unwrap());
    let us = i64::from_le_bytes(b[8..16].try_into().unwrap());
    Ok((s * 1000 + us / 1000) as u64)
}

/// The local or peer address: its bytes and port (V1: type 4 or 6).
pub fn address(fd: Fd, peer: bool) -> io::Result<(Vec<u8>, u16)> {
    let buf = [0u8; 16];
    let mut a = Address { buf: buf.as_ptr(), len: 16 };
    let (mut kind, mut port) = (0u32, 0u32);
    let e = unsafe {
        if peer {
            sys::sock_getpeeraddr(fd as u32, &mut a, &mut kind, &mut port)
        } else {
            sys::sock_getlocaladdr(fd as u32, &mut a, &mut kind, &mut port)
        }
    };
    check(e)?;
    Ok((if kind == 6 { buf.to_vec() } else { buf[..4].to_vec() }, port as u16))
}

/// getaddrinfo: the addresses (bytes, port) of `node` for `service`, TCP, of any family; Err(errno) if none.
pub fn resolve(node: &str, service: &str, max: usize) -> Result<Vec<(Vec<u8>, u16)>, u32> {
    // hints: flags 0, family unspec, socktype stream, protocol tcp
    let mut hints = [0u8; 28];
    hints[3] = STREAM as u8;
    hints[4] = 1;
    let mut records = vec![[0u8; 28]; max];
    let mut sockaddrs = vec![[0u8; 12]; max];
    let mut data = vec![[0u8; 26]; max];
    let mut names = vec![[0u8; 64]; max];
    for i in 0..max {
        sockaddrs[i][4..8].copy_from_slice(&26u32.to_le_bytes());
        sockaddrs[i][8..12].copy_from_slice(&(data[i].as_mut_ptr() as u32).to_le_bytes());
        records[i][12..16].copy_from_slice(&(sockaddrs[i].as_mut_ptr() as u32).to_le_bytes());
        records[i][16..20].copy_from_slice(&(names[i].as_mut_ptr() as u32).to_le_bytes());
        records[i][20..24].copy_from_slice(&64u32.to_le_bytes());
    }
    for i in 0..max.saturating_sub(1) {
        let next = records[i + 1].as_mut_ptr() as u32;
        records[i][24..28].copy_from_slice(&next.to_le_bytes());
    }
    let node = format!("{}\0", node);
    let service = format!("{}\0", service);
    let mut first = records[0].as_mut_ptr() as u32;
    let mut count = 0u32;
    let e = unsafe {
        sys::sock_getaddrinfo(node.as_ptr(), node.len() as u32, service.as_ptr(), service.len() as u32,
            hints.as_ptr(), &mut first, max as u32, &mut count)
    };
    if e != 0 {
        return Err(e);
    }
    let mut out = Vec::new();
    for i in 0..count as usize {
        let family = sockaddrs[i][0] as u32;
        let port = u16::from_be_bytes([data[i][0], data[i][1]]);
        let ip = if family == INET6 { data[i][6..22].to_vec() } else { data[i][2..6].to_vec() };
        out.push((ip, port));
    }
    Ok(out)
}

/// Waits for readiness with poll_oneoff (or, made with `edge`, epoll_oneoff); its buffers are kept between calls.
pub struct Poller {
    edge: bool,
    subs: Vec<u8>,
    events: Vec<u8>,
    slots: Vec<u32>,
}

impl Poller {
    pub fn new(edge: bool) -> Poller {
        Poller { edge, subs: Vec::new(), events: Vec::new(), slots: Vec::new() }
    }

    fn add(&mut self, userdata: u64, tag: u8, fd: u32, timeout: u64) {
        let mut s = [0u8; 48];
        s[0..8].copy_from_slice(&userdata.to_le_bytes());
        s[8] = tag;
        if tag == 0 {
            s[16..20].copy_from_slice(&1u32.to_le_bytes()); // the monotonic clock, relative
            s[24..32].copy_from_slice(&timeout.to_le_bytes());
        } else {
            s[16..20].copy_from_slice(&fd.to_le_bytes());
        }
        self.subs.extend_from_slice(&s);
    }

    /// Waits for the interests (forever when `timeout_ms` is None) and fills `ready`.
    pub fn poll(&mut self, interests: &[Interest], timeout_ms: Option<u64>, ready: &mut Vec<Ready>)
        -> io::Result<()> {
        ready.clear();
        self.subs.clear();
        for (i, it) in interests.iter().enumerate() {
            if it.read {
                self.add((i as u64) << 1, 1, it.fd as u32, 0);
            }
            if it.write {
                self.add((i as u64) << 1 | 1, 2, it.fd as u32, 0);
            }
        }
        if let Some(ms) = timeout_ms {
            self.add(u64::MAX, 0, 0, ms * 1_000_000);
        }
        let count = self.subs.len() / 48;
        if count == 0 {
            return Ok(());
        }
        self.events.resize(count * 32, 0);
        let mut n = 0u32;
        let e = unsafe {
            if self.edge {
                sys::epoll_oneoff(self.subs.as_ptr(), self.events.as_mut_ptr(), count as u32, &mut n)
            } else {
                sys::poll_oneoff(self.subs.as_ptr(), self.events.as_mut_ptr(), count as u32, &mut n)
            }
        };
        check(e)?;
        self.slots.clear();
        self.slots.resize(interests.len(), u32::MAX);
        for k in 0..n as usize {
            let ev = &self.events[k * 32..k * 32 + 32];
            let userdata = u64::from_le_bytes(ev[0..8].try_into().unwrap());
            if userdata == u64::MAX {
                continue; // the timeout
            }
            let error = u16::from_le_bytes([ev[8], ev[9]]);
            let index = (userdata >> 1) as usize;
            let write = userdata & 1 == 1;
            let hangup = u16::from_le_bytes([ev[24], ev[25]]) & 1 != 0 || error != 0;
            let slot = self.slots[index];
            if slot == u32::MAX {
                self.slots[index] = ready.len() as u32;
                ready.push(Ready { index, readable: !write, writable: write, hangup });
            } else {
                let r = &mut ready[slot as usize];
                r.readable |= !write;
                r.writable |= write;
                r.hangup |= hangup;
            }
        }
        Ok(())
    }
}
