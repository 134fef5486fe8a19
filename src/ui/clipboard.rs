//! Copying to the learner's clipboard with OSC 52, which works over SSH and in most terminals.
//! Pure: builds the bytes and judges from tmux's options whether they can reach the clipboard; the
//! caller asks tmux and writes the bytes to the terminal.

use std::ffi::OsStr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::app::Reach;

/// [`Reach`] inside tmux, from the values of its `set-clipboard` and `allow-passthrough` options
/// (`None`: not readable; an old tmux has no `allow-passthrough`). tmux takes an application's
/// OSC 52 only with `set-clipboard on` (the default `external` is for tmux's own copies), and
/// hands a wrapped one to the outer terminal with `allow-passthrough on` or `all`.
pub fn tmux_reach(set_clipboard: Option<&str>, passthrough: Option<&str>) -> Reach {
    let set_clipboard = set_clipboard.map(str::trim);
    let passthrough = passthrough.map(str::trim);
    if set_clipboard == Some("on") || matches!(passthrough, Some("on" | "all")) {
        Reach::TmuxPasses
    } else if set_clipboard.is_some() {
        Reach::TmuxBlocks
    } else {
        Reach::TmuxUnknown
    }
}

/// The message id for a copy that reached (or may not reach) the clipboard.
pub fn copied_message(reach: Reach) -> &'static str {
    match reach {
        Reach::Terminal => "flash-copied",
        Reach::TmuxPasses => "flash-copied-tmux",
        Reach::TmuxBlocks => "flash-copied-tmux-blocked",
        Reach::TmuxUnknown => "flash-copied-tmux-unknown",
    }
}

/// The OSC 52 sequence that puts `text` on the system clipboard (`c`), ended with BEL. Inside
/// tmux it is sent twice: as is, for tmux's own `set-clipboard on`, and wrapped in a DCS
/// passthrough (`ESC P tmux; … ESC \`, every inner ESC doubled) for `allow-passthrough on`
/// (tmux ≥ 3.3), so either option lets it through (both set the same text).
pub fn osc52(text: &str, tmux: bool) -> Vec<u8> {
    let inner = format!("\x1b]52;c;{}\x07", STANDARD.encode(text));
    if !tmux {
        return inner.into_bytes();
    }
    let mut out = inner.clone().into_bytes();
    out.extend_from_slice(b"\x1bPtmux;");
    for b in inner.bytes() {
        if b == 0x1b {
            out.push(0x1b);
        }
        out.push(b);
    }
    out.extend_from_slice(b"\x1b\\");
    out
}

/// [`osc52`] for the value of `$TMUX`: set and non-empty means we run inside tmux.
pub fn osc52_for(text: &str, tmux_var: Option<&OsStr>) -> Vec<u8> {
    osc52(text, tmux_var.is_some_and(|v| !v.is_empty()))
}

/// [`osc52`] for this process's environment.
pub fn osc52_from_env(text: &str) -> Vec<u8> {
    osc52_for(text, std::env::var_os("TMUX").as_deref())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_form() {
        assert_eq!(
            osc52("docker ps", false),
            b"\x1b]52;c;ZG9ja2VyIHBz\x07".to_vec()
        );
        // UTF-8 text is encoded byte for byte.
        assert_eq!(osc52("ñ", false), b"\x1b]52;c;w7E=\x07".to_vec());
        assert_eq!(osc52("", false), b"\x1b]52;c;\x07".to_vec());
    }

    #[test]
    fn tmux_passthrough_doubles_inner_escapes() {
        assert_eq!(
            osc52("docker ps", true),
            b"\x1b]52;c;ZG9ja2VyIHBz\x07\x1bPtmux;\x1b\x1b]52;c;ZG9ja2VyIHBz\x07\x1b\\".to_vec()
        );
    }

    #[test]
    fn tmux_passes_a_copy_only_with_one_of_its_options_on() {
        assert_eq!(tmux_reach(Some("on\n"), Some("off\n")), Reach::TmuxPasses);
        assert_eq!(tmux_reach(Some("external"), Some("on")), Reach::TmuxPasses);
        assert_eq!(tmux_reach(Some("external"), Some("all")), Reach::TmuxPasses);
        // tmux's default: its own copies reach the terminal, an application's do not.
        assert_eq!(
            tmux_reach(Some("external\n"), Some("off\n")),
            Reach::TmuxBlocks
        );
        assert_eq!(tmux_reach(Some("off"), None), Reach::TmuxBlocks);
        assert_eq!(tmux_reach(None, None), Reach::TmuxUnknown);
    }

    #[test]
    fn tmux_is_detected_from_a_non_empty_variable() {
        let tmux = OsStr::new("/tmp/tmux-1000/default,1234,0");
        assert_eq!(osc52_for("x", Some(tmux)), osc52("x", true));
        assert_eq!(osc52_for("x", Some(OsStr::new(""))), osc52("x", false));
        assert_eq!(osc52_for("x", None), osc52("x", false));
    }

    #[test]
    fn payload_decodes_back_to_the_text() {
        let text = "docker run -d -p 8000:8000 --name rest-server python-docker\n";
        let bytes = osc52(text, false);
        let payload = &bytes[b"\x1b]52;c;".len()..bytes.len() - 1];
        assert_eq!(
            STANDARD.decode(payload).ok(),
            Some(text.as_bytes().to_vec())
        );
    }
}
