// The native side of wasmedge_net.rs: the same small API on the host's sockets (Linux, x86-64), through the C
// library's socket calls and poll(2), so that the same server source builds natively for comparison.
#![allow(dead_code)]

use std::io;

pub type Fd = i32;

#[derive(Clone, Copy)]
pub struct Interest {
    pub fd: Fd,
    pub read: bool,
    pub write: bool,
}

#[derive(Clone, Copy, Debug)]
pub struct Ready {
    pub index: usize,
    pub readable: bool,
    pub writable: bool,
    pub hangup: bool,
}

#[repr(C)]
#[derive(Clone, Copy)]
pub struct PollFd {
    fd: i32,
    events: i16,
    revents: i16,
}

mod sys {
    use super::PollFd;
    extern "C" {
        pub fn socket(domain: i32, kind: i32, protocol: i32) -> i32;
        pub fn setsockopt(fd: i32, level: i32, name: i32, value: *const u8, len: u32) -> i32;
        pub fn bind(fd: i32, address: *const u8, len: u32) -> i32;
        pub fn listen(fd: i32, backlog: i32) -> i32;
        pub fn accept4(fd: i32, address: *mut u8, len: *mut u32, flags: i32) -> i32;
        pub fn connect(fd: i32, address: *const u8, len: u32) -> i32;
        pub fn recv(fd: i32, buf: *mut u8, len: usize, flags: i32) -> isize;
        pub fn send(fd: i32, buf: *const u8, len: usize, flags: i32) -> isize;
        pub fn close(fd: i32) -> i32;
        pub fn fcntl(fd: i32, cmd: i32, arg: i32) -> i32;
        pub fn poll(fds: *mut PollFd, count: u64, timeout: i32) -> i32;
        pub fn getsockname(fd: i32, address: *mut u8, len: *mut u32) -> i32;
        pub fn getpeername(fd: i32, address: *mut u8, len: *mut u32) -> i32;
    }
}

const AF_INET: i32 = 2;
const AF_INET6: i32 = 10;
const SOCK_STREAM: i32 = 1;
const SOCK_NONBLOCK: i32 = 0o4000;
const SOCK_CLOEXEC: i32 = 0o2000000;
const SOL_SOCKET: i32 = 1;
const SO_REUSEADDR: i32 = 2;
const MSG_NOSIGNAL: i32 = 0x4000;
const F_GETFL: i32 = 3;
const F_SETFL: i32 = 4;
const O_NONBLOCK: i32 = 0o4000;
const POLLIN: i16 = 1;
const POLLOUT: i16 = 4;
const POLLERR: i16 = 8;
const POLLHUP: i16 = 16;
pub const AGAIN: i32 = 11;

fn check(r: i32) -> io::Result<i32> {
    if r < 0 { Err(io::Error::last_os_error()) } else { Ok(r) }
}

pub fn would_block(e: &io::Error) -> bool {
    e.raw_os_error() == Some(AGAIN)
}

/// A C sockaddr_in or sockaddr_in6 for `ip` (4 or 16 bytes) and `port`.
fn sockaddr(ip: &[u8], port: u16) -> Vec<u8> {
    if ip.len() == 16 {
        let mut a = vec![0u8; 28];
        a[0..2].copy_from_slice(&(AF_INET6 as u16).to_ne_bytes());
        a[2..4].copy_from_slice(&port.to_be_bytes());
        a[8..24].copy_from_slice(ip);
        a
    } else {
        let mut a = vec![0u8; 16];
        a[0..2].copy_from_slice(&(AF_INET as u16).to_ne_bytes());
        a[2..4].copy_from_slice(&port.to_be_bytes());
        a[4..8].copy_from_slice(ip);
        a
    }
}

pub fn tcp_listen(ip: &[u8], port: u16, backlog: u32) -> io::Result<Fd> {
    let fd = check(unsafe {
        sys::socket(if ip.len() == 16 { AF_INET6 } else { AF_INET }, SOCK_STREAM | SOCK_CLOEXEC, 0)
    })?;
    let one = 1i32.to_ne_bytes();
    check(unsafe { sys::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, one.as_ptr(), 4) })?;
    let a = sockaddr(ip, port);
    check(unsafe { sys::bind(fd, a.as_ptr(), a.len() as u32) })?;
    check(unsafe { sys::listen(fd, backlog as i32) })?;
    set_nonblocking(fd, true)?;
    Ok(fd)
}

pub fn tcp_connect(ip: &[u8], port: u16) -> io::Result<Fd> {
    let fd = check(unsafe {
        sys::socket(if ip.len() == 16 { AF_INET6 } else { AF_INET }, SOCK_STREAM | SOCK_CLOEXEC, 0)
    })?;
    let a = sockaddr(ip, port);
    check(unsafe { sys::connect(fd, a.as_ptr(), a.len() as u32) })?;
    Ok(fd)
}

pub fn accept(listener: Fd) -> io::Result<Fd> {
    check(unsafe {
        sys::accept4(listener, std::ptr::null_mut(), std::ptr::null_mut(), SOCK_NONBLOCK | SOCK_CLOEXEC)
    })
}

pub fn recv(fd: Fd, buf: &mut [u8]) -> io::Result<usize> {
    let n = unsafe { sys::recv(fd, buf.as_mut_ptr(), buf.len(), 0) };
    if n < 0 { Err(io::Error::last_os_error()) } else { Ok(n as usize) }
}

pub fn send(fd: Fd, buf: &[u8]) -> io::Result<usize> {
    let n = unsafe { sys::send(fd, buf.as_ptr(), buf.len(), MSG_NOSIGNAL) };
    if n < 0 { Err(io::Error::last_os_error()) } else { Ok(n as usize) }
}

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

pub fn close(fd: Fd) {
    unsafe { sys::close(fd) };
}

/// The local or peer address: its bytes and port.
pub fn address(fd: Fd, peer: bool) -> io::Result<(Vec<u8>, u16)> {
    let mut a = [0u8; 28];
    let mut len = 28u32;
    check(unsafe {
        if peer {
            sys::getpeername(fd, a.as_mut_ptr(), &mut len)
        } else {
            sys::getsockname(fd, a.as_mut_ptr(), &mut len)
        }
    })?;
    let port = u16::from_be_bytes([a[2], a[3]]);
    if u16::from_ne_bytes([a[0], a[1]]) as i32 == AF_INET6 {
        Ok((a[8..24].to_vec(), port))
    } else {
        Ok((a[4..8].to_vec(), port))
    }
}

pub fn set_nonblocking(fd: Fd, on: bool) -> io::Result<()> {
    let flags = check(unsafe { sys::fcntl(fd, F_GETFL, 0) })?;
    let flags = if on { flags | O_NONBLOCK } else { flags & !O_NONBLOCK };
    check(unsafe { sys::fcntl(fd, F_SETFL, flags) }).map(|_| ())
}

/// Waits with poll(2); `edge` is accepted for the same interface and means nothing here.
pub struct Poller {
    fds: Vec<PollFd>,
}

impl Poller {
    pub fn new(_edge: bool) -> Poller {
        Poller { fds: Vec::new() }
    }

    pub fn poll(&mut self, interests: &[Interest], timeout_ms: Option<u64>, ready: &mut Vec<Ready>)
        -> io::Result<()> {
        ready.clear();
        self.fds.clear();
        for it in interests {
            let events = if it.read { POLLIN } else { 0 } | if it.write { POLLOUT } else { 0 };
            self.fds.push(PollFd { fd: if events == 0 { -1 } else { it.fd }, events, revents: 0 });
        }
        let timeout = timeout_ms.map(|ms| ms.min(i32::MAX as u64) as i32).unwrap_or(-1);
        loop {
            let r = unsafe { sys::poll(self.fds.as_mut_ptr(), self.fds.len() as u64, timeout) };
            if r >= 0 {
                break;
            }
            let e = io::Error::last_os_error();
            if e.kind() != io::ErrorKind::Interrupted {
                return Err(e);
            }
        }
        for (index, p) in self.fds.iter().enumerate() {
            if p.revents != 0 {
                let hangup = p.revents & (POLLHUP | POLLERR) != 0;
                ready.push(Ready {
                    index,
                    readable: p.revents & POLLIN != 0 || hangup,
                    writable: p.revents & POLLOUT != 0,
                    hangup,
                });
            }
        }
        Ok(())
    }
}
