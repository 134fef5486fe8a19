//! Building blocks of the trainer's screens: Markdown rendering (styled and plain), the theme,
//! and the clipboard escape. No application state and no screen layout live here.

pub mod clipboard;
pub mod markdown;
pub mod panels;
pub mod plain;
pub mod theme;
pub mod view;
