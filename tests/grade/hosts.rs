//! Hosts for class-grading tests and the benchmark: a TCP listener on loopback that forwards to
//! the local Docker socket (a second way to reach the same daemon), and a socket that accepts
//! connections and never answers (a hung learner machine). Plain threads, no async runtime.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::os::unix::net::UnixStream;
use std::sync::{Arc, Mutex};

/// Starts a loopback TCP proxy to `socket`; returns `tcp://127.0.0.1:PORT`. Lives as long as
/// the process.
pub fn tcp_proxy(socket: &str) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind proxy");
    let addr = listener.local_addr().expect("addr");
    let socket = socket.to_string();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let Ok(up) = UnixStream::connect(&socket) else {
                continue;
            };
            let (Ok(mut c2), Ok(mut u2)) = (conn.try_clone(), up.try_clone()) else {
                continue;
            };
            let mut c1 = conn;
            let mut u1 = up;
            std::thread::spawn(move || {
                pump(&mut c1, &mut u1);
                let _ = u1.shutdown(Shutdown::Write);
            });
            std::thread::spawn(move || {
                pump(&mut u2, &mut c2);
                let _ = c2.shutdown(Shutdown::Write);
            });
        }
    });
    format!("tcp://{addr}")
}

fn pump(from: &mut impl Read, to: &mut impl Write) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => return,
            Ok(n) => {
                if to.write_all(&buf[..n]).is_err() {
                    return;
                }
            }
        }
    }
}

/// Starts a TCP socket that accepts every connection and never writes a byte; returns
/// `tcp://127.0.0.1:PORT`.
pub fn silent_tcp() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind silent");
    let addr = listener.local_addr().expect("addr");
    let held: Arc<Mutex<Vec<TcpStream>>> = Arc::default();
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            held.lock().unwrap_or_else(|e| e.into_inner()).push(conn);
        }
    });
    format!("tcp://{addr}")
}

/// A loopback port where nothing listens (bound, then released); returns `tcp://127.0.0.1:PORT`.
pub fn refused_tcp() -> String {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = l.local_addr().expect("addr");
    drop(l);
    format!("tcp://{addr}")
}
