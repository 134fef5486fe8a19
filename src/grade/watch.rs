//! placeholder
use super::{Plan, Target};
/// placeholder
pub async fn run(_t: Vec<Target>, _p: Plan, _tr: &crate::i18n::Tr) -> i32 {
    0
}
