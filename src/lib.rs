//! pracdocker: a Docker trainer that confirms each step against the real daemon.

pub mod check;
pub mod facts;
pub mod course;
pub mod lang;
pub mod docker;
pub mod i18n;
pub mod checker;
pub mod progress;
pub mod cli;
pub mod commands;
