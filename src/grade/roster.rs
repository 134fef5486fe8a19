//! The class roster: learner name, Docker host, and optionally TLS material, a progress file,
//! the learner's folder and the language of their feedback. TOML (`[[learners]]`) or CSV with a
//! header row; relative paths are relative to the roster's own folder. Any other column (a
//! student id, an e-mail) travels unchanged into every export, so the grade finds its way back
//! into the LMS.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::lang::Lang;

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
#[derive(Debug, Clone, Deserialize, PartialEq)]
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
    /// The language of this learner's feedback (`es`, `en`); the run's otherwise.
    #[serde(default)]
    pub lang: Option<String>,
    /// Every other column, kept for the exports.
    #[serde(flatten)]
    pub fields: BTreeMap<String, toml::Value>,
    /// The order of those columns in a CSV header (TOML tables have none: sorted).
    #[serde(skip)]
    pub order: Vec<String>,
}

/// The columns the grader reads itself; any other one travels.
const KNOWN: [&str; 6] = ["name", "host", "tls", "progress", "workdir", "lang"];

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
    entries
        .into_iter()
        .map(|e| target(e, base, &shown))
        .collect()
}

fn target(e: Entry, base: &Path, shown: &str) -> Result<Target, RosterError> {
    let bad = |message: String| RosterError::Toml {
        path: shown.to_string(),
        message: format!("learner {:?}: {message}", e.name),
    };
    let lang = match e.lang.as_deref().map(str::trim) {
        None | Some("") => None,
        Some("es") => Some(Lang::Es),
        Some("en") => Some(Lang::En),
        Some(other) => return Err(bad(format!("lang {other:?} is neither es nor en"))),
    };
    let mut fields = Vec::new();
    let mut keys: Vec<&String> = e.fields.keys().collect();
    keys.sort_by_key(|k| e.order.iter().position(|o| o == *k));
    for (k, v) in keys.into_iter().filter_map(|k| e.fields.get_key_value(k)) {
        let text = match v {
            toml::Value::String(s) => s.clone(),
            toml::Value::Integer(_) | toml::Value::Float(_) | toml::Value::Boolean(_) => {
                v.to_string()
            }
            _ => return Err(bad(format!("{k} must be text, a number or true/false"))),
        };
        fields.push((k.clone(), text));
    }
    let rel = |p: Option<PathBuf>| p.map(|p| base.join(p));
    let tls = rel(e.tls);
    Ok(Target {
        name: e.name,
        resolved: endpoint(&e.host, tls.as_deref()),
        progress: rel(e.progress),
        workdir: rel(e.workdir),
        lang,
        fields,
    })
}

/// CSV with a header naming the columns (`name,host` required; `tls`, `progress`, `workdir`,
/// `lang` optional; any other column is kept). Fields may be double-quoted; `#` lines and blank
/// lines are ignored.
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
    for (i, c) in cols.iter().enumerate() {
        if c.is_empty() {
            return Err(err(hl, format!("column {} has no name", i + 1)));
        }
        if cols[..i].contains(c) {
            return Err(err(hl, format!("column {c:?} appears twice")));
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
        if f.len() > cols.len() {
            return Err(err(
                n,
                format!("{} fields for {} columns", f.len(), cols.len()),
            ));
        }
        let lang = get(idx("lang"));
        if let Some(l) = lang.as_deref().filter(|l| !["es", "en"].contains(l)) {
            return Err(err(n, format!("lang {l:?} is neither es nor en")));
        }
        let fields = cols
            .iter()
            .enumerate()
            .filter(|(_, c)| !KNOWN.contains(&c.as_str()))
            .map(|(i, c)| {
                let v = f.get(i).cloned().unwrap_or_default();
                (c.clone(), toml::Value::String(v))
            })
            .collect();
        out.push(Entry {
            name,
            host,
            tls: get(idx("tls")).map(PathBuf::from),
            progress: get(idx("progress")).map(PathBuf::from),
            workdir: get(idx("workdir")).map(PathBuf::from),
            lang,
            fields,
            order: cols
                .iter()
                .filter(|c| !KNOWN.contains(&c.as_str()))
                .cloned()
                .collect(),
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
            parse_csv("name,host,name\n", "r.csv"),
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

    #[test]
    fn other_columns_travel_and_lang_is_checked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let csv = dir.path().join("class.csv");
        std::fs::write(
            &csv,
            "name,student_id,host,email,lang\nAna,A-17,tcp://10.0.0.2:2375,ana@uni.es,en\nLuis,B-2,tcp://10.0.0.3:2375,,\n",
        )
        .expect("write");
        let t = read(&csv).expect("reads");
        assert_eq!(
            t[0].fields,
            [
                ("student_id".to_string(), "A-17".to_string()),
                ("email".to_string(), "ana@uni.es".to_string())
            ]
        );
        assert_eq!((t[0].lang, t[1].lang), (Some(Lang::En), None));
        assert_eq!(t[1].fields[1], ("email".to_string(), String::new()));
        std::fs::write(&csv, "name,host,lang\nAna,tcp://10.0.0.2:2375,de\n").expect("write");
        assert!(matches!(read(&csv), Err(RosterError::Csv { line: 2, .. })));

        let toml = dir.path().join("class.toml");
        std::fs::write(
            &toml,
            "[[learners]]\nname = \"ana\"\nhost = \"tcp://10.0.0.2:2376\"\nstudent_id = 1017\nlang = \"es\"\n",
        )
        .expect("write");
        let t = read(&toml).expect("reads");
        assert_eq!(
            t[0].fields,
            [("student_id".to_string(), "1017".to_string())]
        );
        assert_eq!(t[0].lang, Some(Lang::Es));
        std::fs::write(
            &toml,
            "[[learners]]\nname = \"ana\"\nhost = \"tcp://10.0.0.2:2376\"\ntags = [1]\n",
        )
        .expect("write");
        let e = read(&toml).expect_err("an array does not travel");
        assert!(e.to_string().contains("tags"), "{e}");
    }
}
