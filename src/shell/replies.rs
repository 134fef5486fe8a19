//! Answers to the questions a program asks its terminal and waits for: where the cursor is
//! (`CSI 6 n`; ConPTY asks it when the pane's shell starts on Windows and draws nothing until it
//! is answered) and whether the terminal is well (`CSI 5 n`). The parser collects the answers;
//! the reader writes them back to the shell.

/// The parser's callbacks: replies waiting to be written to the shell.
#[derive(Debug, Default)]
pub struct Replies {
    pending: Vec<u8>,
}

impl Replies {
    /// The replies collected since the last call.
    pub fn take(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.pending)
    }
}

impl vt100::Callbacks for Replies {
    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        if c != 'n' || i1.is_some() {
            return;
        }
        match params.first().and_then(|p| p.first()) {
            Some(6) => {
                let (row, col) = screen.cursor_position();
                let reply = format!("\x1b[{};{}R", row + 1, col + 1);
                self.pending.extend_from_slice(reply.as_bytes());
            }
            Some(5) => self.pending.extend_from_slice(b"\x1b[0n"),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cursor_position_and_the_status_are_answered() {
        let mut p = vt100::Parser::new_with_callbacks(5, 20, 0, Replies::default());
        p.process(b"ab\r\ncde\x1b[6n");
        assert_eq!(p.callbacks_mut().take(), b"\x1b[2;4R");
        p.process(b"\x1b[5n\x1b[?6n\x1b[3n");
        assert_eq!(p.callbacks_mut().take(), b"\x1b[0n");
        assert!(p.callbacks_mut().take().is_empty());
    }
}
