//! The class roster: learner name, Docker host, and optionally TLS material, a progress file and
//! the learner's folder. TOML (`[[learners]]`) or CSV with a header row; relative paths are
//! relative to the roster's own folder.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{endpoint, Target};

/// Why a roster cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RosterError {
    /// Not readable.
    #[error("{path}: {source}")]
    Read {
        /// The roster.
        path: String,
        /// The I/O error.
        source: std::io::Error,
    },
    /// Not valid TOML of the expected shape.
    #[error("{path}: {message}")]
    Toml {
        /// The roster.
        path: String,
        /// The parser's message.
        message: String,
    },
    /// A CSV line is wrong.
    #[error("{path}:{line}: {message}")]
    Csv {
        /// The roster.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// No learners at all.
    #[error("{path}: no learners")]
    Empty {
        /// The roster.
        path: String,
    },
}

/// One roster row as written.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Learner's name as the instructor knows them.
    pub name: String,
    /// `unix:///path`, `tcp://host:port`, `https://host:port`.
    pub host: String,
    /// Directory with `ca.pem`, `cert.pem`, `key.pem` for a TLS daemon.
    #[serde(default)]
    pub tls: Option<PathBuf>,
    /// The learner's progress file.
    #[serde(default)]
    pub progress: Option<PathBuf>,
    /// The learner's project folder (for `file` checks).
    #[serde(default)]
    pub workdir: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlRoster {
    learners: Vec<Entry>,
}

/// Reads a roster: `.csv` files as CSV, anything else as TOML.
pub fn read(path: &Path) -> Result<Vec<Target>, RosterError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| RosterError::Read {
        path: shown.clone(),
        source,
    })?;
    let entries = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        parse_csv(&text, &shown)?
    } else {
        toml::from_str::<TomlRoster>(&text)
            .map_err(|e| RosterError::Toml {
                path: shown.clone(),
                message: e.message().to_string(),
            })?
            .learners
    };
    if entries.is_empty() {
        return Err(RosterError::Empty { path: shown });
    }
    let base = path.parent().unwrap_or(Path::new("."));
    Ok(entries.into_iter().map(|e| target(e, base)).collect())
}

fn target(e: Entry, base: &Path) -> Target {
    let rel = |p: Option<PathBuf>| p.map(|p| base.join(p));
    let tls = rel(e.tls);
    Target {
        name: e.name,
        resolved: endpoint(&e.host, tls.as_deref()),
        progress: rel(e.progress),
        workdir: rel(e.workdir),
    }
}

/// CSV with a header naming the columns (`name,host` required; `tls`, `progress`, `workdir`
/// optional). Fields may be double-quoted; `#` lines and blank lines are ignored.
pub fn parse_csv(text: &str, shown: &str) -> Result<Vec<Entry>, RosterError> {
    let err = |line: usize, message: String| RosterError::Csv {
        path: shown.to_string(),
        line,
        message,
    };
    let mut lines = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
    let Some((hl, header)) = lines.next() else {
        return Ok(Vec::new());
    };
    let cols: Vec<String> = fields(header)
        .into_iter()
        .map(|c| c.to_lowercase())
        .collect();
    for c in &cols {
        if !["name", "host", "tls", "progress", "workdir"].contains(&c.as_str()) {
            return Err(err(hl, format!("unknown column {c:?}")));
        }
    }
    let idx = |n: &str| cols.iter().position(|c| c == n);
    let (Some(ni), Some(hi)) = (idx("name"), idx("host")) else {
        return Err(err(
            hl,
            "the header must name the columns name and host".into(),
        ));
    };
    let mut out = Vec::new();
    for (n, line) in lines {
        let f = fields(line);
        let get = |i: Option<usize>| i.and_then(|i| f.get(i)).filter(|s| !s.is_empty()).cloned();
        let (Some(name), Some(host)) = (get(Some(ni)), get(Some(hi))) else {
            return Err(err(n, "name and host are required".into()));
        };
        out.push(Entry {
            name,
            host,
            tls: get(idx("tls")).map(PathBuf::from),
            progress: get(idx("progress")).map(PathBuf::from),
            workdir: get(idx("workdir")).map(PathBuf::from),
        });
    }
    Ok(out)
}

/// Splits one CSV line; `"..."` fields may hold commas and `""` for a quote.
fn fields(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur).trim().to_string()),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur.trim().to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docker::endpoint::Endpoint;

    #[test]
    fn csv_with_quotes_and_optional_columns() {
        let text = "# class of 2026\nname,host,progress\n\"Pérez, Ana\",unix:///var/run/docker.sock,ana.json\nLuis,tcp://10.0.0.2:2375,\n";
        let e = parse_csv(text, "r.csv").expect("parses");
        assert_eq!(e.len(), 2);
        assert_eq!(e[0].name, "Pérez, Ana");
        assert_eq!(e[0].progress, Some(PathBuf::from("ana.json")));
        assert_eq!(e[1].progress, None);
        assert!(matches!(
            parse_csv("name,port\n", "r.csv"),
            Err(RosterError::Csv { line: 1, .. })
        ));
        assert!(matches!(
            parse_csv("name,host\nana,\n", "r.csv"),
            Err(RosterError::Csv { line: 2, .. })
        ));
    }

    #[test]
    fn toml_paths_are_relative_to_the_roster() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("class.toml");
        std::fs::write(
            &path,
            "[[learners]]\nname = \"ana\"\nhost = \"tcp://10.0.0.2:2376\"\ntls = \"certs/ana\"\nworkdir = \"ana\"\n",
        )
        .expect("write");
        let t = read(&path).expect("reads");
        assert_eq!(t[0].workdir, Some(dir.path().join("ana")));
        assert!(matches!(
            &t[0].resolved.endpoint,
            Endpoint::Tcp { tls: Some(tls), .. } if tls.ca == dir.path().join("certs/ana/ca.pem")
        ));
        std::fs::write(&path, "[[learners]]\nname = \"ana\"\n").expect("write");
        assert!(matches!(read(&path), Err(RosterError::Toml { .. })));
    }
}
