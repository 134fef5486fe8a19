//! The learner's-folder watcher. It wakes the trainer only when something in the folder changed
//! — a write, a create, a removal, a rename, a change of permissions — never on a read: notify's
//! inotify backend also reports opens and accesses, and the checker's own reads of a file would
//! otherwise re-check that file without end.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use notify::event::{EventKind, Flag, MetadataKind, ModifyKind};
use notify::{RecursiveMode, Watcher};
use tokio::sync::mpsc;

use crate::app::Msg;

/// Folders whose churn no lesson checks (a repository's objects, installed packages, bytecode).
/// Hidden folders that lessons do check (`.venv`, `.github`) are watched like any other.
const UNWATCHED: &[&str] = &[".git", "node_modules", "__pycache__"];

/// Watches `workdir`; at most one `FilesChanged` waits in the queue at a time (`pending` is
/// cleared by the runtime when the message is received).
pub fn watch(
    workdir: &Path,
    tx: mpsc::UnboundedSender<Msg>,
    pending: Arc<AtomicBool>,
) -> Option<notify::RecommendedWatcher> {
    let mut watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
        let Ok(ev) = res else { return };
        if wakes(&ev) && !pending.swap(true, Ordering::SeqCst) {
            let _ = tx.send(Msg::FilesChanged);
        }
    })
    .ok()?;
    watcher.watch(workdir, RecursiveMode::Recursive).ok()?;
    Some(watcher)
}

/// Whether `ev` may have changed what a file check sees.
pub fn wakes(ev: &notify::Event) -> bool {
    if ev.flag() == Some(Flag::Rescan) {
        return true; // events were lost: anything may have changed
    }
    let changed = match ev.kind {
        EventKind::Access(_) | EventKind::Other => false,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
    };
    changed && ev.paths.iter().any(|p| !unwatched(p))
}

fn unwatched(path: &Path) -> bool {
    path.components().any(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|c| UNWATCHED.contains(&c))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, AccessMode, CreateKind, DataChange, RenameMode};
    use std::path::PathBuf;

    fn ev(kind: EventKind, path: &str) -> notify::Event {
        notify::Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn reads_never_wake() {
        for kind in [
            EventKind::Access(AccessKind::Open(AccessMode::Any)),
            EventKind::Access(AccessKind::Read),
            EventKind::Access(AccessKind::Close(AccessMode::Read)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
            EventKind::Other,
        ] {
            assert!(!wakes(&ev(kind, "/w/Dockerfile")), "{kind:?}");
        }
    }

    #[test]
    fn changes_wake() {
        for kind in [
            EventKind::Create(CreateKind::File),
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            EventKind::Modify(ModifyKind::Metadata(MetadataKind::Permissions)),
            EventKind::Remove(notify::event::RemoveKind::File),
            EventKind::Any,
        ] {
            assert!(wakes(&ev(kind, "/w/Dockerfile")), "{kind:?}");
        }
        let lost = notify::Event::new(EventKind::Other).set_flag(Flag::Rescan);
        assert!(wakes(&lost));
    }

    #[test]
    fn hidden_folders_lessons_check_are_watched() {
        let create = EventKind::Create(CreateKind::File);
        assert!(wakes(&ev(create, "/w/python-docker/.venv/pyvenv.cfg")));
        assert!(wakes(&ev(create, "/w/app/.github/workflows/main.yml")));
        assert!(!wakes(&ev(create, "/w/app/.git/objects/ab/cdef")));
        assert!(!wakes(&ev(create, "/w/app/node_modules/x/index.js")));
    }

    /// A real watcher on a real folder: reading a file (as the checker does) sends nothing;
    /// writing it sends one `FilesChanged`.
    #[tokio::test]
    async fn a_real_folder_wakes_on_writes_only() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("Dockerfile");
        std::fs::write(&file, "RUN echo hola\n").expect("write");
        let (tx, mut rx) = mpsc::unbounded_channel();
        let pending = Arc::new(AtomicBool::new(false));
        let _w = watch(dir.path(), tx, pending.clone()).expect("watcher");
        for _ in 0..50 {
            std::hint::black_box(std::fs::read_to_string(&file).expect("read"));
        }
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        assert!(rx.try_recv().is_err(), "reads woke the trainer");
        std::fs::write(&file, "FROM scratch\n").expect("write");
        let msg = tokio::time::timeout(std::time::Duration::from_secs(5), rx.recv()).await;
        assert!(matches!(msg, Ok(Some(Msg::FilesChanged))), "{msg:?}");
    }
}
