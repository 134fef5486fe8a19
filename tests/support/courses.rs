//! The course fixture: the sample course (`examples/mini-curso`) by path or loaded, and temporary
//! course folders, written file by file or copied from the sample course and then edited.

use std::path::Path;
use std::sync::Arc;

use pracdocker::course::{self, Course, Source};

/// The sample course shipped in `examples/`.
pub const MINI: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/mini-curso");

/// The sample course, loaded (and so linted).
pub fn mini() -> Arc<Course> {
    Arc::new(course::load(&Source::Dir(MINI.into())).expect("mini-curso loads"))
}

/// The course in `dir`, loaded; `what` names it in the panic when it does not lint clean.
pub fn load(dir: &Path, what: &str) -> Arc<Course> {
    Arc::new(
        course::load(&Source::Dir(dir.to_path_buf())).unwrap_or_else(|e| panic!("{what}: {e:?}")),
    )
}

/// Writes `text` to `dir/rel`, creating the folders on the way.
pub fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// Copies the folder `from` into `to`, recursively (to edit a copy of a course).
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for e in std::fs::read_dir(from).expect("read_dir").flatten() {
        let dest = to.join(e.file_name());
        if e.path().is_dir() {
            copy_dir(&e.path(), &dest);
        } else {
            std::fs::copy(e.path(), dest).expect("copy");
        }
    }
}
