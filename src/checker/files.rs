//! The learner's folder as checks see it: files matching a path with `*` in its last component.
//! Reads only; never writes or follows anything outside the folder (lint keeps paths inside).

use std::path::Path;

use crate::check::Unverifiable;

/// Files under `workdir` matching `pattern` (`*` allowed in the last component), sorted.
pub fn read_matching(workdir: &Path, pattern: &str) -> Result<Vec<(String, String)>, Unverifiable> {
    let (dir, name) = match pattern.rsplit_once('/') {
        Some((d, n)) => (workdir.join(d), n.to_string()),
        None => (workdir.to_path_buf(), pattern.to_string()),
    };
    let prefix = pattern
        .rsplit_once('/')
        .map(|(d, _)| format!("{d}/"))
        .unwrap_or_default();
    let names: Vec<String> = if name.contains('*') {
        match std::fs::read_dir(&dir) {
            Ok(entries) => {
                let mut v: Vec<String> = entries
                    .flatten()
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .filter(|n| glob_match(&name, n))
                    .collect();
                v.sort();
                v
            }
            Err(_) => Vec::new(),
        }
    } else {
        vec![name]
    };
    let mut out = Vec::new();
    for n in names {
        let path = dir.join(&n);
        match std::fs::read(&path) {
            Ok(bytes) if path.is_file() => out.push((
                format!("{prefix}{n}"),
                String::from_utf8_lossy(&bytes).into_owned(),
            )),
            Ok(_) => {}
            Err(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::NotFound | std::io::ErrorKind::IsADirectory
                ) => {}
            Err(e) => {
                return Err(Unverifiable::FileUnreadable {
                    path: format!("{prefix}{n}"),
                    error: e.to_string(),
                })
            }
        }
    }
    Ok(out)
}

/// When a file of the learner's folder was last written, nanoseconds since the epoch.
pub fn modified(workdir: &Path, rel: &str) -> Option<i64> {
    let t = std::fs::metadata(workdir.join(rel)).ok()?.modified().ok()?;
    Some(crate::clock::nanos(t.into()))
}

/// `*` matches any run of characters; everything else literally.
fn glob_match(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if parts.len() == 1 {
        return pattern == name;
    }
    if !name.starts_with(first)
        || !name[first.len()..].ends_with(last)
        || name.len() < first.len() + last.len()
    {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for mid in &parts[1..parts.len() - 1] {
        match rest.find(mid) {
            Some(i) => rest = &rest[i + mid.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_in_the_last_component() {
        assert!(glob_match("*.yml", "main.yml"));
        assert!(!glob_match("*.yml", "main.yaml"));
        assert!(glob_match("a*b*c", "aXbYc"));
        assert!(!glob_match("ab*ba", "aba"));
        let dir = tempfile::tempdir().expect("tempdir");
        let wf = dir.path().join(".github/workflows");
        std::fs::create_dir_all(&wf).expect("mkdir");
        std::fs::write(wf.join("b.yml"), "b").expect("write");
        std::fs::write(wf.join("a.yml"), "a").expect("write");
        std::fs::write(wf.join("notes.txt"), "x").expect("write");
        let found = read_matching(dir.path(), ".github/workflows/*.yml").expect("read");
        assert_eq!(
            found,
            vec![
                (".github/workflows/a.yml".to_string(), "a".to_string()),
                (".github/workflows/b.yml".to_string(), "b".to_string())
            ]
        );
        assert!(read_matching(dir.path(), "missing/*.yml")
            .expect("read")
            .is_empty());
    }
}
