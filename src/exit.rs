//! Exit codes, the same for every command, the trainer and the board.

/// Everything passed.
pub const OK: i32 = 0;
/// Something failed (a check, a lint rule, a wrong answer).
pub const FAILED: i32 = 1;
/// Something could not be verified (daemon unreachable, unreadable course).
pub const UNKNOWN: i32 = 2;
