//! A TCP proxy to the Docker socket on loopback that a test can kill and restart on the same
//! port, to take the daemon away from the trainer and give it back (threads and std only).

use std::net::{Shutdown, TcpListener, TcpStream};
use std::os::unix::net::UnixStream;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// A TCP proxy to the Docker socket on 127.0.0.1, threads and std only, so a test can take the
/// daemon away from the trainer (listener and every connection closed) and give it back on the
/// same port.
pub struct Proxy {
    port: u16,
    socket: PathBuf,
    running: Option<Running>,
}

struct Running {
    stop: Arc<AtomicBool>,
    conns: Arc<Mutex<Vec<(TcpStream, UnixStream)>>>,
    accept: JoinHandle<()>,
}

impl Proxy {
    /// Listens on a free port and forwards to `socket`.
    pub fn start(socket: &Path) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        let port = listener.local_addr().expect("proxy address").port();
        let mut p = Proxy {
            port,
            socket: socket.to_path_buf(),
            running: None,
        };
        p.run(listener);
        p
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.port
    }

    /// `tcp://127.0.0.1:PORT`, for DOCKER_HOST.
    pub fn docker_host(&self) -> String {
        format!("tcp://127.0.0.1:{}", self.port)
    }

    fn run(&mut self, listener: TcpListener) {
        listener
            .set_nonblocking(true)
            .expect("nonblocking listener");
        let stop = Arc::new(AtomicBool::new(false));
        let conns = Arc::new(Mutex::new(Vec::new()));
        let socket = self.socket.clone();
        let (stop2, conns2) = (stop.clone(), conns.clone());
        let accept = std::thread::spawn(move || {
            // The listener closes when this thread returns.
            while !stop2.load(Ordering::SeqCst) {
                match listener.accept() {
                    Ok((tcp, _)) => {
                        let _ = tcp.set_nonblocking(false);
                        forward(tcp, &socket, &conns2);
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        self.running = Some(Running {
            stop,
            conns,
            accept,
        });
    }

    /// Closes the listener and every connection; returns once the port is closed.
    pub fn kill(&mut self) {
        let Some(r) = self.running.take() else { return };
        r.stop.store(true, Ordering::SeqCst);
        let _ = r.accept.join();
        for (tcp, unix) in r.conns.lock().unwrap_or_else(|e| e.into_inner()).drain(..) {
            let _ = tcp.shutdown(Shutdown::Both);
            let _ = unix.shutdown(Shutdown::Both);
        }
    }

    /// Listens again on the same port.
    pub fn restart(&mut self) {
        self.kill();
        let listener =
            TcpListener::bind(("127.0.0.1", self.port)).expect("bind the proxy's port again");
        self.run(listener);
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Pipes one TCP connection to a new connection to the socket, both ways, on two threads.
fn forward(tcp: TcpStream, socket: &Path, conns: &Mutex<Vec<(TcpStream, UnixStream)>>) {
    let Ok(unix) = UnixStream::connect(socket) else {
        let _ = tcp.shutdown(Shutdown::Both);
        return;
    };
    let (Ok(tcp2), Ok(tcp3), Ok(unix2), Ok(unix3)) = (
        tcp.try_clone(),
        tcp.try_clone(),
        unix.try_clone(),
        unix.try_clone(),
    ) else {
        return;
    };
    conns
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .push((tcp3, unix3));
    std::thread::spawn(move || {
        let (mut from, mut to) = (tcp, unix);
        let _ = std::io::copy(&mut from, &mut to);
        let _ = to.shutdown(Shutdown::Write);
    });
    std::thread::spawn(move || {
        let (mut from, mut to) = (unix2, tcp2);
        let _ = std::io::copy(&mut from, &mut to);
        let _ = to.shutdown(Shutdown::Both);
    });
}
