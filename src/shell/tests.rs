//! The shell pane's pseudo-terminal on Unix: a real shell started, typed into, resized and
//! ended.

use super::*;
use std::time::{Duration, Instant};

fn wait_for(shell: &Shell, what: &str) -> bool {
    let deadline = Instant::now() + Duration::from_secs(10);
    while Instant::now() < deadline {
        if shell.parser().screen().contents().contains(what) {
            return true;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    false
}

fn sh(dir: &Path) -> Shell {
    Shell::spawn("/bin/sh", dir, 10, 40, Arc::new(Notify::new())).expect("spawn /bin/sh")
}

#[test]
fn runs_in_the_workdir_and_reports_its_exit() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("marker-file"), "x").expect("write");
    let mut s = sh(dir.path());
    s.write(b"ls; echo \"size $(stty size)\"\n").expect("write");
    assert!(
        wait_for(&s, "marker-file"),
        "{}",
        s.parser().screen().contents()
    );
    assert!(wait_for(&s, "size 10 40"));
    s.resize(12, 50).expect("resize");
    s.write(b"echo \"now $(stty size)\"\n").expect("write");
    assert!(
        wait_for(&s, "now 12 50"),
        "{}",
        s.parser().screen().contents()
    );
    s.write(b"exit 3\n").expect("write");
    let deadline = Instant::now() + Duration::from_secs(10);
    while s.try_exit().is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert_eq!(s.try_exit(), Some(Exit { code: 3 }));
}

#[test]
fn a_shorter_pane_keeps_the_newest_output_and_the_prompt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = sh(dir.path());
    // Fill the 10 rows, so the cursor ends on the last one.
    s.write(b"PS1='pane$ '; for i in 1 2 3 4 5 6 7 8 9 10 11 12; do echo line-$i; done\n")
        .expect("write");
    assert!(
        wait_for(&s, "line-12"),
        "{}",
        s.parser().screen().contents()
    );
    s.resize(4, 40).expect("resize");
    let shown = s.parser().screen().contents();
    assert!(shown.contains("line-12"), "newest output cut off:\n{shown}");
    assert!(shown.contains("pane$"), "prompt cut off:\n{shown}");
    assert!(
        !shown.contains("line-1\n"),
        "oldest rows should have scrolled away:\n{shown}"
    );
    // The rows that went off the top are in the scrollback, as a terminal keeps them.
    s.parser().screen_mut().set_scrollback(3);
    let back = s.parser().screen().contents();
    assert!(back.contains("line-9"), "{back}");
    s.parser().screen_mut().set_scrollback(0);
    // What is typed next lands on the prompt's row, not over an old one.
    s.write(b"echo typed-after\n").expect("write");
    assert!(
        wait_for(&s, "typed-after\npane$"),
        "{}",
        s.parser().screen().contents()
    );
}

#[test]
fn a_cursor_position_query_is_answered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = sh(dir.path());
    s.write(b"stty -echo -icanon min 1; printf '\\033[6n'; dd bs=1 count=2 2>/dev/null | od -An -c; stty sane\n")
        .expect("write");
    assert!(
        wait_for(&s, "033   ["),
        "{}",
        s.parser().screen().contents()
    );
}

#[test]
fn drop_hangs_up_and_reaps_the_child() {
    let dir = tempfile::tempdir().expect("tempdir");
    let s = sh(dir.path());
    let pid = s.pid().expect("pid");
    let proc_dir = std::path::PathBuf::from(format!("/proc/{pid}"));
    assert!(proc_dir.exists());
    drop(s);
    // Reaped, not a zombie: the /proc entry is gone once `wait` returned.
    assert!(!proc_dir.exists(), "child {pid} still in /proc after drop");
}

#[test]
fn scrollback_moves_the_view_and_typing_returns_to_the_bottom() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut s = sh(dir.path());
    s.write(b"i=0; while [ $i -lt 50 ]; do i=$((i+1)); echo line$i; done\n")
        .expect("write");
    assert!(wait_for(&s, "line50"));
    s.scroll(30);
    assert_eq!(s.parser().screen().scrollback(), 30);
    assert!(!s.parser().screen().contents().contains("line50"));
    s.write(b"\n").expect("write");
    assert_eq!(s.parser().screen().scrollback(), 0);
}

#[test]
fn writing_to_a_child_that_reads_nothing_never_waits() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let script = dir.path().join("deaf");
    std::fs::write(&script, "#!/bin/sh\nexec sleep 60\n").expect("script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let mut s = Shell::spawn(
        script.to_str().expect("utf-8"),
        dir.path(),
        10,
        40,
        Arc::new(Notify::new()),
    )
    .expect("spawn");
    // Far more than a terminal's input buffer (4 KiB a line, some 64 KiB in all): a blocking
    // write would never return while the child sleeps.
    let (done, returned) = std::sync::mpsc::channel();
    let chunk = vec![b'x'; 64 * 1024];
    let writer = std::thread::spawn(move || {
        for _ in 0..16 {
            s.write(&chunk).expect("queued");
        }
        let _ = done.send(());
        s
    });
    // A guard against a hang, not a timing: the writes return at once.
    assert!(returned.recv_timeout(Duration::from_secs(20)).is_ok());
    let s = writer.join().expect("writer");
    let pid = s.pid().expect("pid");
    drop(s);
    assert!(!std::path::Path::new(&format!("/proc/{pid}")).exists());
}
