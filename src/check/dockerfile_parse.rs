//! A small Dockerfile reader for best-practice rules: instructions with their line numbers.
//! Handles comments, line continuations, the `escape` directive and heredoc bodies; it does not
//! try to be a full builder front end.

/// One instruction, continuation lines joined.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// Upper-case keyword: `FROM`, `RUN`, `USER`...
    pub keyword: String,
    /// Everything after the keyword, whitespace collapsed.
    pub args: String,
    /// 1-based line where it starts.
    pub line: u64,
}

/// Parses Dockerfile text into instructions.
pub fn parse(text: &str) -> Vec<Instruction> {
    let escape = escape_char(text);
    let mut out = Vec::new();
    let mut lines = text.lines().enumerate().peekable();
    while let Some((i, raw)) = lines.next() {
        let trimmed = raw.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let mut joined = String::new();
        let mut current = trimmed.to_string();
        loop {
            let continues = current.ends_with(escape);
            if continues {
                current.pop();
            }
            joined.push_str(current.trim());
            joined.push(' ');
            if !continues {
                break;
            }
            // Comment lines inside a continuation are skipped by the builder.
            let next = loop {
                match lines.next() {
                    Some((_, l)) if l.trim().starts_with('#') || l.trim().is_empty() => continue,
                    other => break other,
                }
            };
            match next {
                Some((_, l)) => current = l.trim().to_string(),
                None => break,
            }
        }
        let joined = joined.split_whitespace().collect::<Vec<_>>().join(" ");
        let (kw, args) = joined.split_once(' ').unwrap_or((&joined, ""));
        if let Some(delim) = heredoc_delimiter(args) {
            for (_, l) in lines.by_ref() {
                if l.trim() == delim {
                    break;
                }
            }
        }
        out.push(Instruction {
            keyword: kw.to_ascii_uppercase(),
            args: args.to_string(),
            line: i as u64 + 1,
        });
    }
    out
}

fn escape_char(text: &str) -> char {
    for line in text.lines() {
        let l = line.trim();
        let Some(directive) = l.strip_prefix('#') else {
            break;
        };
        if let Some((k, v)) = directive.split_once('=') {
            if k.trim().eq_ignore_ascii_case("escape") && v.trim() == "`" {
                return '`';
            }
        }
    }
    '\\'
}

/// `<<EOF` or `<<-"EOF"` in the arguments: the delimiter that ends the heredoc body.
fn heredoc_delimiter(args: &str) -> Option<String> {
    let pos = args.find("<<")?;
    let rest = args[pos + 2..].trim_start_matches('-');
    let word: String = rest
        .trim_matches(|c| c == '"' || c == '\'')
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!word.is_empty()).then_some(word)
}

/// The image of a `FROM` line (flags skipped) and its stage alias, if any.
pub fn from_parts(args: &str) -> (String, Option<String>) {
    let words: Vec<&str> = args
        .split_whitespace()
        .filter(|w| !w.starts_with("--"))
        .collect();
    let image = words.first().map(|s| s.to_string()).unwrap_or_default();
    let alias = match words.as_slice() {
        [_, kw, alias, ..] if kw.eq_ignore_ascii_case("as") => Some(alias.to_lowercase()),
        _ => None,
    };
    (image, alias)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_continuations_skips_comments_and_heredocs() {
        let text = "# syntax=docker/dockerfile:1\nfrom golang:1.20-alpine AS build\n\nRUN apt-get update && \\\n  # a comment\n  apt-get install -y git\nRUN <<EOF\nFROM not-an-instruction\nEOF\nCOPY . .\n";
        let ins = parse(text);
        let kws: Vec<_> = ins.iter().map(|i| i.keyword.as_str()).collect();
        assert_eq!(kws, ["FROM", "RUN", "RUN", "COPY"]);
        assert_eq!(ins[1].args, "apt-get update && apt-get install -y git");
        assert_eq!(ins[1].line, 4);
        assert_eq!(ins[3].line, 10);
        assert_eq!(
            from_parts(&ins[0].args),
            ("golang:1.20-alpine".into(), Some("build".into()))
        );
    }

    #[test]
    fn honours_the_powershell_escape_directive() {
        let ins = parse("# escape=`\nFROM scratch\nRUN a `\n  b\n");
        assert_eq!(ins[1].args, "a b");
    }
}
