//! Styled rendering: styles per construct, code block rows, widths, and robustness.

use super::*;
use ratatui::style::Modifier;

fn theme() -> Theme {
    Theme::new(true)
}

fn opts(width: u16) -> RenderOptions<'static> {
    RenderOptions {
        width,
        note_label: "Nota",
        selected_code: None,
    }
}

fn text_of(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

fn texts(r: &Rendered) -> Vec<String> {
    r.lines.iter().map(text_of).collect()
}

/// The style of the span containing `needle` on the first line that has it.
fn style_at(r: &Rendered, needle: &str) -> Style {
    r.lines
        .iter()
        .flat_map(|l| l.spans.iter())
        .find(|s| s.content.contains(needle))
        .map(|s| s.style)
        .unwrap_or_else(|| panic!("{needle:?} not rendered"))
}

#[test]
fn headings_show_their_level_by_style() {
    let t = theme();
    let doc = Document::parse("# Uno\n\n## Dos {#dos}\n\n### Tres\n\n#### Cuatro\n");
    let r = render(&doc, &t, &opts(40));
    assert_eq!(texts(&r), ["Uno", "", "Dos", "", "Tres", "", "Cuatro"]);
    assert_eq!(style_at(&r, "Uno"), t.heading1);
    assert_eq!(style_at(&r, "Dos"), t.heading2);
    assert_eq!(style_at(&r, "Tres"), t.heading3);
    assert_eq!(style_at(&r, "Cuatro"), t.heading3);
    assert!(t.heading1.add_modifier.contains(Modifier::BOLD));
}

#[test]
fn inline_marks_get_their_styles() {
    let t = theme();
    let doc = Document::parse("a **fuerte** *suave* ~~no~~ `code` **`ambos`**");
    let r = render(&doc, &t, &opts(80));
    assert_eq!(texts(&r), ["a fuerte suave no code ambos"]);
    assert_eq!(style_at(&r, "fuerte"), t.text.patch(t.strong));
    assert_eq!(style_at(&r, "suave"), t.text.patch(t.emphasis));
    assert_eq!(style_at(&r, "no"), t.text.patch(t.strikethrough));
    assert_eq!(style_at(&r, "code"), t.text.patch(t.code_inline));
    assert_eq!(
        style_at(&r, "ambos"),
        t.text.patch(t.strong).patch(t.code_inline)
    );
}

#[test]
fn links_show_their_target_unless_it_is_the_text() {
    let t = theme();
    let doc = Document::parse(
        "[la guía](https://docs.docker.com) y <http://localhost:8000> y [aquí](#arriba)",
    );
    let r = render(&doc, &t, &opts(200));
    assert_eq!(
        texts(&r),
        ["la guía (https://docs.docker.com) y http://localhost:8000 y aquí"]
    );
    assert_eq!(style_at(&r, "la guía"), t.text.patch(t.link));
    assert_eq!(
        style_at(&r, "(https://docs.docker.com)"),
        t.text.patch(t.link_target)
    );
}

#[test]
fn fenced_code_is_framed_with_its_language_and_not_rewrapped() {
    let t = theme();
    let doc = Document::parse("Antes.\n\n```bash\ndocker build --tag x .\ndocker images\n```\n");
    let r = render(&doc, &t, &opts(30));
    assert_eq!(
        texts(&r),
        [
            "Antes.",
            "",
            "── bash ──────────────────────",
            "  docker build --tag x .",
            "  docker images",
            "──────────────────────────────",
        ]
    );
    assert_eq!(style_at(&r, "bash"), t.code_lang);
    assert_eq!(style_at(&r, "docker images"), t.code_block);
    assert_eq!(
        r.code_blocks,
        [CodeBlockLines {
            lang: Some("bash".into()),
            text: "docker build --tag x .\ndocker images".into(),
            first_line: 2,
            last_line: 5,
        }]
    );
}

#[test]
fn long_code_lines_soft_wrap_with_a_marker() {
    let doc = Document::parse("```\ndocker run -p 8000:8000 python-docker\n```\n");
    let r = render(&doc, &theme(), &opts(16));
    assert_eq!(
        texts(&r),
        [
            "────────────────",
            "  docker run -p ",
            "↪ 8000:8000 pyth",
            "↪ on-docker",
            "────────────────",
        ]
    );
}

#[test]
fn code_text_can_be_read_back_from_the_lines_at_every_width() {
    let code = "docker run -d -p 8000:8000 --name rest-server python-docker\n\n  indentado\tcon tab, 日本語 y e\u{301}";
    let doc = Document::parse(&format!("```sh\n{code}\n```\n"));
    // From 4 cells on, the room beside the gutter holds the widest character.
    for width in 4..100u16 {
        let r = render(&doc, &theme(), &opts(width));
        let block = &r.code_blocks[0];
        let mut back = String::new();
        for (i, line) in r.lines[block.first_line + 1..block.last_line]
            .iter()
            .enumerate()
        {
            let text = text_of(line);
            if let Some(rest) = text.strip_prefix(CODE_WRAP_GUTTER) {
                back.push_str(rest);
            } else {
                if i > 0 {
                    back.push('\n');
                }
                back.push_str(text.strip_prefix(CODE_GUTTER).unwrap_or(&text));
            }
        }
        assert_eq!(back, code.replace('\t', "    "), "width {width}");
        assert_eq!(block.text, code);
        assert!(r.lines.iter().all(|l| width_of(l) <= usize::from(width)));
    }
}

fn width_of(line: &Line<'_>) -> usize {
    width(&text_of(line))
}

#[test]
fn the_selected_code_block_is_highlighted() {
    let t = theme();
    let doc = Document::parse("```\nuno\n```\n\n```\ndos\n```\n");
    let r = render(
        &doc,
        &t,
        &RenderOptions {
            selected_code: Some(1),
            ..opts(10)
        },
    );
    let (a, b) = (&r.code_blocks[0], &r.code_blocks[1]);
    assert_eq!(
        (a.first_line, a.last_line, b.first_line, b.last_line),
        (0, 2, 4, 6)
    );
    assert_eq!(r.lines[0].spans[0].style, t.code_frame);
    for i in b.first_line..=b.last_line {
        assert_eq!(r.lines[i].spans[0].style, t.code_frame.patch(t.selection));
    }
    // Out of range: nothing selected, nothing fails.
    let r = render(
        &doc,
        &t,
        &RenderOptions {
            selected_code: Some(7),
            ..opts(10)
        },
    );
    let highlighted = t.code_frame.patch(t.selection);
    assert!(r
        .lines
        .iter()
        .flat_map(|l| &l.spans)
        .all(|s| s.style != highlighted));
}

#[test]
fn nested_lists_hang_their_continuation_lines() {
    let doc = Document::parse(
        "- primero un elemento largo\n- segundo\n  - dentro y también largo\n\n9. nueve\n10. diez con texto\n",
    );
    let r = render(&doc, &theme(), &opts(16));
    assert_eq!(
        texts(&r),
        [
            "• primero un",
            "  elemento largo",
            "• segundo",
            "  ◦ dentro y",
            "    también",
            "    largo",
            "",
            " 9. nueve",
            "10. diez con",
            "    texto",
        ]
    );
}

#[test]
fn notes_have_a_gutter_and_the_callers_label() {
    let t = theme();
    let doc = Document::parse("> Un contenedor es un proceso aislado.\n>\n> Segundo párrafo.\n");
    let r = render(&doc, &t, &opts(24));
    assert_eq!(
        texts(&r),
        [
            "│ Nota: Un contenedor es",
            "│ un proceso aislado.",
            "│",
            "│ Segundo párrafo.",
        ]
    );
    assert_eq!(style_at(&r, "Nota:"), t.note_label);
    assert_eq!(r.lines[0].spans[0].style, t.note_gutter);
    let english = RenderOptions {
        note_label: "Note",
        ..opts(40)
    };
    assert_eq!(
        text_of(&render(&doc, &t, &english).lines[0]),
        "│ Note: Un contenedor es un proceso"
    );
}

#[test]
fn a_note_that_names_itself_gets_the_label_style_once() {
    let t = theme();
    let r = render(
        &Document::parse("> NOTA: detén antes los contenedores.\n"),
        &t,
        &opts(80),
    );
    assert_eq!(texts(&r), ["│ NOTA: detén antes los contenedores."]);
    assert_eq!(style_at(&r, "NOTA:"), t.note_label);
    assert_eq!(style_at(&r, "detén"), t.text);
    let r = render(&Document::parse("> **Nota**: detén.\n"), &t, &opts(80));
    assert_eq!(texts(&r), ["│ Nota: detén."]);
    // A word that merely begins like the label is not the label.
    let r = render(&Document::parse("> Notable: esto.\n"), &t, &opts(80));
    assert_eq!(texts(&r), ["│ Nota: Notable: esto."]);
}

#[test]
fn tables_fit_the_width_with_a_bold_header() {
    let t = theme();
    let doc = Document::parse(
        "| Orden | Qué hace |\n|:--|--:|\n| `docker ps` | lista los contenedores en marcha |\n",
    );
    let r = render(&doc, &t, &opts(30));
    assert_eq!(
        texts(&r),
        [
            "Orden     │           Qué hace",
            "──────────┼───────────────────",
            "docker ps │          lista los",
            "          │    contenedores en",
            "          │             marcha",
        ]
    );
    assert_eq!(style_at(&r, "Orden"), t.table_header);
    assert_eq!(style_at(&r, "docker ps"), t.text.patch(t.code_inline));
    assert_eq!(style_at(&r, "┼"), t.table_border);
}

#[test]
fn never_panics_and_stays_in_width_on_odd_input() {
    let odd = [
        "",
        "#",
        "```",
        "> ",
        "- \n  - \n    - \n      - x",
        "|a|\n|-|\n||",
        "\u{1b}[31mrojo\u{1b}[0m y \u{7}",
        "👩‍👩‍👧 ⚠️ 日本語 e\u{301}\u{301} \u{200b}\u{feff} ﾊﾞ",
        "1. a\n\n   ```\n   code\n   ```\n\n   > nota\n",
        "[](http://x) ![alt](img.png) <a@b.c> [x][nope]\n\n[x]: http://y",
        "***\n\n<div>html</div>\n\n<!-- comentario -->",
        "18446744073709551615. max",
        "text  \nhard break\\\nagain",
    ];
    for md in odd {
        let doc = Document::parse(md);
        for w in [0u16, 1, 2, 3, 5, 8, 13, 40, 200, u16::MAX] {
            let r = render(&doc, &theme(), &opts(w));
            for l in &r.lines {
                assert!(!text_of(l).contains(char::is_control), "{md:?} at {w}");
                if w >= 12 {
                    assert!(width_of(l) <= usize::from(w), "{md:?} at {w}: {l:?}");
                }
            }
            assert_eq!(r.code_blocks.len(), doc.code_blocks().len());
        }
    }
}

#[test]
fn never_panics_on_generated_documents() {
    const PARTS: [&str; 24] = [
        "# ",
        "## t {#id}\n",
        "- ",
        "1. ",
        "  ",
        "> ",
        "```bash\n",
        "```\n",
        "\n",
        "\n\n",
        "**",
        "*",
        "`",
        "~~",
        "[l](u)",
        "<http://h>",
        "| a | b |\n|---|:-:|\n",
        "| c |",
        "palabra ",
        "日本語",
        "e\u{301}",
        "\t",
        "---\n",
        "\\\n",
    ];
    // A small deterministic generator (xorshift) so failures reproduce.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..300 {
        let len = next() % 40;
        let md: String = (0..len)
            .map(|_| PARTS[usize::try_from(next() % 24).unwrap_or(0)])
            .collect();
        let doc = Document::parse(&md);
        for w in [1u16, 7, 33, 80] {
            let r = render(&doc, &theme(), &opts(w));
            assert_eq!(r.code_blocks.len(), doc.code_blocks().len(), "{md:?}");
            for b in &r.code_blocks {
                assert!(
                    b.first_line <= b.last_line && b.last_line < r.lines.len(),
                    "{md:?}"
                );
            }
        }
        let _ = crate::ui::plain::render(&doc, Some(20), "Nota");
    }
}
