//! pracdocker: a Docker trainer that confirms each step against the real daemon.

pub mod check;
pub mod facts;
