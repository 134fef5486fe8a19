//! A canned Engine for the board benchmark (`PRACDOCKER_BENCH_HOSTS=canned`): a loopback HTTP
//! server that answers the Engine API calls grading makes with fixed, empty answers (no images,
//! containers, networks or volumes; an event stream that stays open with nothing in it). It
//! stands for a learner's own daemon on their own machine, so the board's figures are the board's
//! and not those of one shared daemon serving 290 rows on the same two cores.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};

/// Starts one canned engine; returns `tcp://127.0.0.1:PORT`. Lives as long as the process.
pub fn engine() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind canned engine");
    let addr = listener.local_addr().expect("addr");
    let id = format!("CANNED:{}", addr.port());
    std::thread::spawn(move || {
        for conn in listener.incoming().flatten() {
            let id = id.clone();
            std::thread::spawn(move || serve(conn, &id));
        }
    });
    format!("tcp://{addr}")
}

/// One connection, keep-alive: a request head at a time (grading sends no bodies).
fn serve(conn: TcpStream, id: &str) {
    let Ok(mut out) = conn.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(conn);
    loop {
        let mut first = String::new();
        if reader.read_line(&mut first).unwrap_or(0) == 0 {
            return;
        }
        let mut line = String::new();
        while reader.read_line(&mut line).unwrap_or(0) > 2 {
            line.clear();
        }
        let path = first.split_whitespace().nth(1).unwrap_or("/");
        let bounded = path.contains("until");
        // `/v1.41/containers/json?all=true` → `/containers/json`.
        let path = path.split('?').next().unwrap_or(path);
        let path = match path.strip_prefix("/v1.") {
            Some(rest) => rest.find('/').map_or("/", |i| &rest[i..]),
            None => path,
        };
        let (status, body) = match path {
            "/version" => (
                "200 OK",
                r#"{"ApiVersion":"1.41","Version":"20.10.24","Os":"linux"}"#.to_string(),
            ),
            "/info" => ("200 OK", format!(r#"{{"ID":"{id}","Name":"{id}"}}"#)),
            // A window of past events (`until`): none, and the stream ends.
            "/events" if bounded => ("200 OK", String::new()),
            "/events" => {
                let head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n";
                let _ = out.write_all(head.as_bytes());
                // Nothing happens on a quiet learner's machine: hold the stream open.
                let mut sink = String::new();
                while reader.read_line(&mut sink).unwrap_or(0) > 0 {
                    sink.clear();
                }
                return;
            }
            "/containers/json" | "/images/json" | "/networks" => ("200 OK", "[]".to_string()),
            "/volumes" => ("200 OK", r#"{"Volumes":[]}"#.to_string()),
            _ => (
                "404 Not Found",
                r#"{"message":"no such object"}"#.to_string(),
            ),
        };
        let reply = format!(
            "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{body}",
            body.len()
        );
        if out.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}
