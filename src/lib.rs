//! pracdocker: a Docker trainer that confirms each step against the real daemon.

pub mod app;
pub mod board;
pub mod cascade;
pub mod check;
pub mod checker;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod course;
pub mod doc;
pub mod docker;
pub mod exit;
pub mod facts;
pub mod grade;
pub mod i18n;
pub mod key;
pub mod lang;
pub mod ledger;
pub mod platform;
pub mod progress;
pub mod report;
pub mod session;
pub mod shell;
pub mod term;
pub mod trainer;
pub mod ui;
