//! A course folder as data (path → file bytes, or a directory where a file belongs), read from
//! disk and written back to one reusable folder per worker.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A course folder in memory: `/`-separated relative path → entry.
pub type Tree = BTreeMap<String, Entry>;

#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    File(Vec<u8>),
    /// A directory where the loader expects a file.
    Dir,
}

pub fn read_tree(root: &Path) -> Tree {
    fn walk(dir: &Path, prefix: &str, out: &mut Tree) {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .expect("read_dir")
            .flatten()
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = format!("{prefix}{}", e.file_name().to_string_lossy());
            if e.path().is_dir() {
                walk(&e.path(), &format!("{name}/"), out);
            } else {
                out.insert(name, Entry::File(std::fs::read(e.path()).expect("read")));
            }
        }
    }
    let mut tree = Tree::new();
    walk(root, "", &mut tree);
    tree
}

/// One reusable folder per worker; only the files that differ from the last case are written.
pub struct Workdir {
    _tmp: tempfile::TempDir,
    pub root: PathBuf,
    on_disk: Tree,
}

impl Workdir {
    pub fn new() -> Workdir {
        let tmp = tempfile::tempdir().expect("tempdir");
        let root = tmp.path().to_path_buf();
        Workdir {
            _tmp: tmp,
            root,
            on_disk: Tree::new(),
        }
    }

    pub fn sync(&mut self, want: &Tree) {
        let stale: Vec<String> = self
            .on_disk
            .iter()
            .filter(|(k, v)| want.get(*k) != Some(*v))
            .map(|(k, _)| k.clone())
            .collect();
        for k in stale {
            let path = self.root.join(&k);
            match self.on_disk.remove(&k) {
                Some(Entry::Dir) => std::fs::remove_dir_all(&path).expect("rm dir"),
                _ => std::fs::remove_file(&path).expect("rm file"),
            }
        }
        for (k, v) in want {
            if self.on_disk.contains_key(k) {
                continue;
            }
            let path = self.root.join(k);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).expect("mkdir");
            }
            match v {
                Entry::File(b) => std::fs::write(&path, b).expect("write"),
                Entry::Dir => std::fs::create_dir_all(&path).expect("mkdir"),
            }
            self.on_disk.insert(k.clone(), v.clone());
        }
    }
}
