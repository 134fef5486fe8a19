//! What the shell receives for a key, as an xterm would send it (the child runs with
//! `TERM=xterm-256color`), and how a lesson's command is typed into it without running it.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

const ESC: u8 = 0x1b;
const PASTE_START: &[u8] = b"\x1b[200~";
const PASTE_END: &[u8] = b"\x1b[201~";

/// The bytes for a key press; `None` for releases and keys a terminal sends nothing for.
/// `app_cursor` is the child's DECCKM mode: arrows, Home and End as `ESC O x`.
pub fn encode(key: &KeyEvent, app_cursor: bool) -> Option<Vec<u8>> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let m = key.modifiers;
    let ctrl = m.contains(KeyModifiers::CONTROL);
    let alt = m.contains(KeyModifiers::ALT);
    // xterm's modifier parameter: 1 + shift + 2·alt + 4·ctrl.
    let param =
        1 + u8::from(m.contains(KeyModifiers::SHIFT)) + 2 * u8::from(alt) + 4 * u8::from(ctrl);
    let mut out = Vec::new();
    match key.code {
        KeyCode::Char(c) => {
            if alt {
                out.push(ESC);
            }
            match (ctrl, control_byte(c)) {
                (true, Some(b)) => out.push(b),
                _ => out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes()),
            }
        }
        KeyCode::Enter => out.extend_from_slice(if alt { b"\x1b\r" } else { b"\r" }),
        KeyCode::Backspace => out.extend_from_slice(match (alt, ctrl) {
            (true, _) => b"\x1b\x7f",
            (false, true) => b"\x08",
            (false, false) => b"\x7f",
        }),
        KeyCode::Tab => out.push(b'\t'),
        KeyCode::BackTab => out.extend_from_slice(b"\x1b[Z"),
        KeyCode::Esc => out.push(ESC),
        KeyCode::Up => cursor(&mut out, b'A', param, app_cursor),
        KeyCode::Down => cursor(&mut out, b'B', param, app_cursor),
        KeyCode::Right => cursor(&mut out, b'C', param, app_cursor),
        KeyCode::Left => cursor(&mut out, b'D', param, app_cursor),
        KeyCode::Home => cursor(&mut out, b'H', param, app_cursor),
        KeyCode::End => cursor(&mut out, b'F', param, app_cursor),
        KeyCode::Insert => tilde(&mut out, 2, param),
        KeyCode::Delete => tilde(&mut out, 3, param),
        KeyCode::PageUp => tilde(&mut out, 5, param),
        KeyCode::PageDown => tilde(&mut out, 6, param),
        KeyCode::F(n @ 1..=4) => {
            let last = b"PQRS"[usize::from(n - 1)];
            if param > 1 {
                out.extend_from_slice(format!("\x1b[1;{param}").as_bytes());
                out.push(last);
            } else {
                out.extend_from_slice(&[ESC, b'O', last]);
            }
        }
        KeyCode::F(n @ 5..=12) => {
            let code = [15, 17, 18, 19, 20, 21, 23, 24][usize::from(n - 5)];
            tilde(&mut out, code, param);
        }
        _ => return None,
    }
    Some(out)
}

/// The C0 byte for Ctrl plus `c` (`Ctrl-C` is 0x03, `Ctrl-[` is ESC, `Ctrl-?` is DEL).
fn control_byte(c: char) -> Option<u8> {
    match c {
        'a'..='z' | 'A'..='Z' => Some((c.to_ascii_lowercase() as u8) & 0x1f),
        ' ' | '@' | '2' => Some(0),
        '[' | '3' => Some(0x1b),
        '\\' | '4' => Some(0x1c),
        ']' | '5' => Some(0x1d),
        '^' | '6' => Some(0x1e),
        '_' | '-' | '7' => Some(0x1f),
        '?' | '8' => Some(0x7f),
        _ => None,
    }
}

fn cursor(out: &mut Vec<u8>, last: u8, param: u8, app_cursor: bool) {
    if param > 1 {
        out.extend_from_slice(format!("\x1b[1;{param}").as_bytes());
        out.push(last);
    } else {
        out.extend_from_slice(&[ESC, if app_cursor { b'O' } else { b'[' }, last]);
    }
}

fn tilde(out: &mut Vec<u8>, code: u8, param: u8) {
    let s = if param > 1 {
        format!("\x1b[{code};{param}~")
    } else {
        format!("\x1b[{code}~")
    };
    out.extend_from_slice(s.as_bytes());
}

/// A lesson's command as typed into the shell, never run: the learner reads it and presses Enter.
/// A `<placeholder>` the learner must fill in is not typed: typing stops before it (see
/// [`before_placeholder`]). With bracketed paste (bash 5.1+, zsh) line breaks stay and do not run
/// anything; without it backslash continuations are joined and separate lines become `; `, so no
/// line break reaches the shell.
pub fn typed(text: &str, bracketed: bool) -> Vec<u8> {
    let text = before_placeholder(text).trim_end_matches(['\n', '\r']);
    if bracketed {
        return [PASTE_START, text.as_bytes(), PASTE_END].concat();
    }
    let mut line = String::new();
    let mut joined: Vec<String> = Vec::new();
    for raw in text.lines() {
        let part = if line.is_empty() {
            raw
        } else {
            raw.trim_start()
        };
        match part.strip_suffix('\\') {
            Some(head) => {
                line.push_str(head.trim_end());
                line.push(' ');
            }
            None => {
                line.push_str(part);
                joined.push(std::mem::take(&mut line));
            }
        }
    }
    if !line.trim().is_empty() {
        joined.push(line.trim_end().to_string());
    }
    joined
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .collect::<Vec<_>>()
        .join("; ")
        .into_bytes()
}

/// What of a lesson's command can be typed before its first placeholder, such as
/// `<id del contenedor>` or `<tu-usuario>` (`<`, a letter, then anything but `<`, `>` or a line
/// break, then `>`; redirections such as `< file`, `<<EOF` or `<(cmd)` are not placeholders).
/// In the first command of the block, typing stops right before the placeholder, for the learner
/// to type the value (`docker stop ` and the cursor after it); in a later one, only the commands
/// before it are typed (`docker ps`, whose output shows the id the next one needs), so Enter never
/// runs a command with a value missing.
pub fn before_placeholder(text: &str) -> &str {
    let Some(at) = placeholder_at(text) else {
        return text;
    };
    // The command holding it starts after the last line break not escaped by a continuation
    // (`\` in bash, a backtick in PowerShell).
    let mut start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    while start > 0 {
        let prev = text[..start - 1].trim_end_matches('\r');
        if !(prev.ends_with('\\') || prev.ends_with('`')) {
            break;
        }
        start = prev.rfind('\n').map_or(0, |n| n + 1);
    }
    if start == 0 {
        &text[..at]
    } else {
        text[..start].trim_end()
    }
}

/// The first placeholder of a lesson's command (`<id del contenedor>`), if it has one.
pub fn placeholder(text: &str) -> Option<&str> {
    let at = placeholder_at(text)?;
    let end = text[at..].find('>')?;
    Some(&text[at..=at + end])
}

/// Byte offset of the first placeholder's `<`.
fn placeholder_at(text: &str) -> Option<usize> {
    text.match_indices('<').map(|(i, _)| i).find(|&i| {
        let rest = &text[i + 1..];
        rest.chars().next().is_some_and(char::is_alphabetic)
            && rest
                .find(['<', '>', '\n'])
                .is_some_and(|end| rest[end..].starts_with('>'))
    })
}

/// Text pasted into the outer terminal, as a terminal passes it on: bracketed when the shell asked
/// for it, line breaks as carriage returns.
pub fn pasted(text: &str, bracketed: bool) -> Vec<u8> {
    let text = text.replace("\r\n", "\r").replace('\n', "\r");
    if bracketed {
        [PASTE_START, text.as_bytes(), PASTE_END].concat()
    } else {
        text.into_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(code: KeyCode, m: KeyModifiers) -> Vec<u8> {
        encode(&KeyEvent::new(code, m), false).expect("bytes")
    }

    #[test]
    fn characters_and_control_keys() {
        let none = KeyModifiers::NONE;
        let ctrl = KeyModifiers::CONTROL;
        assert_eq!(k(KeyCode::Char('a'), none), b"a");
        assert_eq!(k(KeyCode::Char('ñ'), none), "ñ".as_bytes());
        assert_eq!(k(KeyCode::Char('A'), KeyModifiers::SHIFT), b"A");
        assert_eq!(k(KeyCode::Char('c'), ctrl), [0x03]);
        assert_eq!(k(KeyCode::Char('d'), ctrl), [0x04]);
        assert_eq!(k(KeyCode::Char('z'), ctrl), [0x1a]);
        assert_eq!(k(KeyCode::Char('l'), ctrl), [0x0c]);
        assert_eq!(k(KeyCode::Char(' '), ctrl), [0x00]);
        assert_eq!(k(KeyCode::Char('b'), KeyModifiers::ALT), b"\x1bb");
        assert_eq!(k(KeyCode::Enter, none), b"\r");
        assert_eq!(k(KeyCode::Backspace, none), [0x7f]);
        assert_eq!(k(KeyCode::Tab, none), b"\t");
        assert_eq!(k(KeyCode::Esc, none), [0x1b]);
    }

    #[test]
    fn cursor_and_function_keys_as_xterm_sends_them() {
        let none = KeyModifiers::NONE;
        assert_eq!(k(KeyCode::Up, none), b"\x1b[A");
        assert_eq!(
            encode(&KeyEvent::new(KeyCode::Up, none), true).expect("bytes"),
            b"\x1bOA"
        );
        assert_eq!(k(KeyCode::Right, KeyModifiers::CONTROL), b"\x1b[1;5C");
        assert_eq!(k(KeyCode::Home, none), b"\x1b[H");
        assert_eq!(k(KeyCode::End, none), b"\x1b[F");
        assert_eq!(k(KeyCode::PageUp, none), b"\x1b[5~");
        assert_eq!(k(KeyCode::PageDown, none), b"\x1b[6~");
        assert_eq!(k(KeyCode::Delete, none), b"\x1b[3~");
        assert_eq!(k(KeyCode::F(1), none), b"\x1bOP");
        assert_eq!(k(KeyCode::F(5), none), b"\x1b[15~");
        assert_eq!(k(KeyCode::F(12), none), b"\x1b[24~");
        let mut release = KeyEvent::new(KeyCode::Char('a'), none);
        release.kind = KeyEventKind::Release;
        assert_eq!(encode(&release, false), None);
    }

    #[test]
    fn a_command_is_typed_without_a_line_break() {
        assert_eq!(
            typed("docker network create mininet\n", false),
            b"docker network create mininet"
        );
        assert_eq!(
            typed("docker run -d \\\n  --name web \\\n  nginx", false),
            b"docker run -d --name web nginx"
        );
        assert_eq!(typed("cd app\n\nls", false), b"cd app; ls");
        assert_eq!(
            typed("a \\\n b\n", true),
            b"\x1b[200~a \\\n b\x1b[201~".to_vec()
        );
    }

    #[test]
    fn typing_stops_at_a_placeholder_the_learner_fills_in() {
        assert_eq!(
            typed("docker stop <id del contenedor>", false),
            b"docker stop "
        );
        assert_eq!(
            typed(
                "docker rename <nombre o id del contenedor> python-app",
                true
            ),
            b"\x1b[200~docker rename \x1b[201~".to_vec()
        );
        // A later command waits: the first one shows the id it needs.
        assert_eq!(
            before_placeholder("docker ps\ndocker stop <id del contenedor>\n"),
            "docker ps"
        );
        assert_eq!(
            typed("docker ps -a\ndocker start <container id>", false),
            b"docker ps -a"
        );
        // Within one command continued over lines, up to the placeholder.
        assert_eq!(
            before_placeholder("docker run -d \\\n  --name <nombre> \\\n  nginx"),
            "docker run -d \\\n  --name "
        );
        assert_eq!(
            before_placeholder("git remote set-url origin https://github.com/<tu-usuario>/x.git"),
            "git remote set-url origin https://github.com/"
        );
        assert_eq!(
            placeholder("docker ps\ndocker stop <id del contenedor>"),
            Some("<id del contenedor>")
        );
        assert_eq!(placeholder("cat <<EOF\nhola\nEOF"), None);
        // Redirections and comparisons are not placeholders.
        for whole in [
            "psql -U postgres < dump.sql",
            "cat <<EOF\nhola\nEOF",
            "diff <(ls a) <(ls b)",
            "test 1 -lt 2 && echo a<b",
            "docker build --tag python-docker .",
        ] {
            assert_eq!(before_placeholder(whole), whole);
        }
    }

    #[test]
    fn pastes_use_carriage_returns_or_brackets() {
        assert_eq!(pasted("a\nb", false), b"a\rb");
        assert_eq!(pasted("a\nb", true), b"\x1b[200~a\rb\x1b[201~".to_vec());
    }
}
