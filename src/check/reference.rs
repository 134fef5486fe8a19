//! Image references as the Engine normalizes them, so `postgres`, `postgres:latest` and
//! `docker.io/library/postgres:latest` compare equal.

/// Canonical `name:tag` form: default registry prefixes dropped, `:latest` added when untagged.
///
/// ```
/// use pracdocker::check::reference::normalize;
/// assert_eq!(normalize("postgres"), normalize("docker.io/library/postgres:latest"));
/// assert_ne!(normalize("python-docker:v1.0.0"), normalize("python-docker"));
/// ```
pub fn normalize(reference: &str) -> String {
    let r = reference.trim();
    let r = r
        .strip_prefix("docker.io/library/")
        .or_else(|| r.strip_prefix("docker.io/"))
        .or_else(|| r.strip_prefix("index.docker.io/library/"))
        .unwrap_or(r);
    if r.contains('@') || r.starts_with("sha256:") {
        return r.to_string();
    }
    let last = r.rsplit('/').next().unwrap_or(r);
    if last.contains(':') {
        r.to_string()
    } else {
        format!("{r}:latest")
    }
}

/// The tag of a reference, `latest` when untagged; `None` for digests.
pub fn tag(reference: &str) -> Option<String> {
    let n = normalize(reference);
    if n.contains('@') || n.starts_with("sha256:") {
        return None;
    }
    let last = n.rsplit('/').next().unwrap_or(&n);
    last.split_once(':').map(|(_, t)| t.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_the_ways_learners_type_references() {
        assert_eq!(normalize("postgres"), "postgres:latest");
        assert_eq!(normalize("docker.io/library/postgres"), "postgres:latest");
        assert_eq!(normalize("python-docker:v1.0.0"), "python-docker:v1.0.0");
        assert_eq!(normalize("localhost:5000/app"), "localhost:5000/app:latest");
        assert_eq!(tag("localhost:5000/app"), Some("latest".into()));
        assert_eq!(tag("golang:1.20-alpine"), Some("1.20-alpine".into()));
        assert_eq!(tag("x@sha256:abc"), None);
    }
}
