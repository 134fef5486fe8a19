//! Grading a class: every learner at once, at most `jobs` hosts in flight, each under its own
//! timeout, so a hung host costs its own timeout and nothing more. A progress bar on stderr only
//! when stderr is a terminal.

use std::io::IsTerminal;

use futures_util::stream::{self, StreamExt};

use super::{grade, Graded, Plan, Target};

/// Grades every target; results in roster order.
pub async fn grade_all(targets: &[Target], plan: &Plan, jobs: usize) -> Vec<Graded> {
    let bar = if std::io::stderr().is_terminal() {
        let b = indicatif::ProgressBar::new(targets.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
            b.set_style(style);
        }
        b
    } else {
        indicatif::ProgressBar::hidden()
    };
    let mut done: Vec<(usize, Graded)> = stream::iter(targets.iter().enumerate())
        .map(|(i, t)| {
            let bar = bar.clone();
            async move {
                let g = grade(t, plan).await;
                bar.inc(1);
                bar.set_message(g.name.clone());
                (i, g)
            }
        })
        .buffer_unordered(jobs.max(1))
        .collect()
        .await;
    bar.finish_and_clear();
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, g)| g).collect()
}
