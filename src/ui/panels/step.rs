//! The step on screen: its title and place, its Markdown, what the learner can do here (answer,
//! confirm, skip) and the hints shown so far, scrolled as the learner asks.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use ratatui::Frame;

use crate::app::App;
use crate::app::TextRows;
use crate::check::Check;
use crate::i18n::Tr;
use crate::session::StepState;
use crate::ui::markdown::{render, RenderOptions};
use crate::ui::theme::Theme;

/// Draws the step in `area`.
pub fn draw(frame: &mut Frame, area: Rect, app: &App, tr: &Tr, theme: &Theme) {
    let Some((block, lines)) = content(app, tr, theme, area) else {
        return;
    };
    let inner = block.inner(area);
    let rows = rows(&lines, inner.height);
    let (height, max_scroll) = (rows.page_height, rows.max_scroll);
    let overflow = height < inner.height;
    let scroll = app.reading.scroll.min(max_scroll);
    frame.render_widget(block, area);
    let text_area = Rect { height, ..inner };
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), text_area);
    if overflow {
        let id = if scroll < max_scroll {
            "tui-more-below"
        } else {
            "tui-more-above"
        };
        let sign = Rect {
            y: inner.y + height,
            height: 1,
            ..inner
        };
        frame.render_widget(
            Paragraph::new(Line::from(Span::styled(tr.t(id), theme.emphasis)))
                .alignment(ratatui::layout::Alignment::Right),
            sign,
        );
    }
}

/// How the step text sits in a panel of `area`: what scrolling is clamped to.
pub fn measure(app: &App, tr: &Tr, theme: &Theme, area: Rect) -> TextRows {
    content(app, tr, theme, area)
        .map(|(block, lines)| rows(&lines, block.inner(area).height))
        .unwrap_or_default()
}

/// Text longer than the panel keeps its last row for a sign that it scrolls (a quiz's options can
/// be below the fold, with the shell pane open at 80×24).
fn rows(lines: &[Line], panel: u16) -> TextRows {
    let total = u16::try_from(lines.len()).unwrap_or(u16::MAX);
    let overflow = total > panel && panel > 1;
    let page_height = panel - u16::from(overflow);
    TextRows {
        max_scroll: total.saturating_sub(page_height),
        page_height,
    }
}

/// The panel's frame and every line of the step text (lesson introduction, step, what to do,
/// the hints shown), for a panel of `area`.
fn content(
    app: &App,
    tr: &Tr,
    theme: &Theme,
    area: Rect,
) -> Option<(Block<'static>, Vec<Line<'static>>)> {
    let (lesson, step) = app.course.step(&app.reading.viewing)?;
    let text = step.text.get(app.lang);
    let n = lesson
        .steps
        .iter()
        .position(|s| s.id == step.id)
        .map_or(0, |i| i + 1);
    let state = app.state(&app.reading.viewing);
    let mut title = format!(
        " {} · {} ",
        tr.ta(
            "tui-step-of",
            &[
                ("n", &n.to_string()),
                ("total", &lesson.steps.len().to_string())
            ]
        ),
        text.title
    );
    if step.optional {
        title.push_str(&format!("({}) ", tr.t("step-optional")));
    }
    let block = Block::default()
        .borders(Borders::TOP)
        .title(Span::styled(title, theme.heading1));
    let inner = block.inner(area);
    let width = inner.width.saturating_sub(1).max(1);
    let note = tr.t("ui-note-label");
    let rendered = render(
        &text.doc,
        theme,
        &RenderOptions {
            width,
            note_label: &note,
            selected_code: app.reading.code_selected,
        },
    );
    let mut lines: Vec<Line<'static>> = Vec::new();
    // A lesson's introduction opens its first step (code block numbers count the step's own).
    let intro = lesson.intro.get(app.lang);
    if n == 1 && !intro.is_empty() {
        lines.push(Line::from(Span::styled(
            lesson.title.get(app.lang).clone(),
            theme.heading1,
        )));
        let opts = RenderOptions {
            width,
            note_label: &note,
            selected_code: None,
        };
        lines.extend(render(lesson.intro_doc.get(app.lang), theme, &opts).lines);
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(text.title.clone(), theme.heading2)));
    }
    lines.extend(rendered.lines);
    lines.push(Line::default());
    lines.extend(what_to_do(app, step, state, tr, theme));
    let hints = text.hints.iter().zip(&text.hint_docs);
    for (i, ((hint_title, _), body)) in hints.take(app.reading.hints_shown).enumerate() {
        lines.push(Line::default());
        lines.push(Line::from(Span::styled(
            tr.ta(
                "tui-hint",
                &[
                    ("n", &(i + 1).to_string()),
                    ("total", &text.hints.len().to_string()),
                    ("title", hint_title),
                ],
            ),
            theme.heading3,
        )));
        let hint = render(
            body,
            theme,
            &RenderOptions {
                width,
                note_label: &note,
                selected_code: None,
            },
        );
        lines.extend(hint.lines);
    }
    Some((block, lines))
}

/// The line saying what moves the learner on from here.
fn what_to_do(
    app: &App,
    step: &crate::course::Step,
    state: StepState,
    tr: &Tr,
    theme: &Theme,
) -> Vec<Line<'static>> {
    let quiz = step.checks.iter().find_map(|c| match c {
        Check::Quiz(q) => Some(q.choices),
        _ => None,
    });
    let mut out = Vec::new();
    let say =
        |id: &str, args: &[(&str, &str)]| Line::from(Span::styled(tr.ta(id, args), theme.emphasis));
    match state {
        StepState::Locked => out.push(say("tui-locked", &[])),
        _ if step.checks.is_empty() && state == StepState::Current => {
            out.push(say("tui-reading", &[]))
        }
        _ => {
            if let Some(max) = quiz {
                let chosen = app
                    .session
                    .progress()
                    .answers
                    .get(&app.reading.viewing)
                    .map(|n| n.to_string())
                    .unwrap_or_else(|| "-".into());
                out.push(say(
                    "tui-quiz",
                    &[("max", &max.to_string()), ("chosen", &chosen)],
                ));
            }
        }
    }
    if step.optional && state == StepState::Current {
        out.push(say("tui-optional", &[]));
    }
    let total = step.text.get(app.lang).hints.len();
    if total > 0 {
        out.push(Line::from(Span::styled(
            tr.ta(
                "tui-hints-left",
                &[
                    ("shown", &app.reading.hints_shown.to_string()),
                    ("total", &total.to_string()),
                ],
            ),
            theme.muted,
        )));
    }
    out
}
