//! The Markdown renderer as the trainer will draw it: snapshots through ratatui's TestBackend
//! (a sample with every construct at 80 and 40 columns, and a real lesson step), and a sweep of
//! every built-in lesson at widths 1..=120 that must never panic or overflow.

use pracdocker::course::{markdown, Course, Source};
use pracdocker::lang::Lang;
use pracdocker::ui::markdown::{render, Document, RenderOptions, Rendered};
use pracdocker::ui::plain;
use pracdocker::ui::theme::Theme;
use ratatui::backend::TestBackend;
use ratatui::widgets::Paragraph;
use ratatui::Terminal;

const SAMPLE: &str = r#"# Tu imagen Python

Las imágenes tienen **todo** lo que una aplicación necesita: el *código*, las dependencias y
~~nada más~~ otros archivos. Usa `docker build` y lee [la guía](https://docs.docker.com/build/)
o abre <http://localhost:8000>.

## Construir {#construir}

```bash
docker build --tag python-docker .
docker run -d -p 8000:8000 --name rest-server python-docker:v1.0.0 --una-opcion-muy-larga
```

    docker images

1. Entra en la carpeta del proyecto con `cd python-docker` antes de empezar.
2. Construye:
   - con la etiqueta `latest`, que Docker pone si no indicas otra;
   - con `v1.0.0`.
10. Comprueba.

> Nota: detén antes los contenedores que ocupen el puerto 8000; si no, Docker dará un error
> (`port is already allocated`).

> Un contenedor es un proceso aislado.

| Orden | Qué hace | Ejemplo |
|:------|:--------:|--------:|
| `docker ps` | lista los contenedores en marcha | `docker ps -a` |
| `docker rm` | borra | `docker rm -f web` |

---

Fin con salto  
de línea y 日本語.
"#;

fn draw(r: &Rendered, w: u16) -> Terminal<TestBackend> {
    let h = u16::try_from(r.lines.len()).expect("fits in a screen");
    let mut terminal = Terminal::new(TestBackend::new(w, h.max(1))).expect("test backend");
    let text = r.clone().into_text();
    terminal
        .draw(|f| f.render_widget(Paragraph::new(text), f.area()))
        .expect("draw");
    terminal
}

fn rendered(md: &str, w: u16, label: &str) -> Rendered {
    let opts = RenderOptions {
        width: w,
        note_label: label,
        selected_code: None,
    };
    render(&Document::parse(md), &Theme::new(true), &opts)
}

#[test]
fn sample_at_80_columns() {
    insta::assert_snapshot!(draw(&rendered(SAMPLE, 80, "Nota"), 80).backend());
}

#[test]
fn sample_at_40_columns() {
    insta::assert_snapshot!(draw(&rendered(SAMPLE, 40, "Nota"), 40).backend());
}

#[test]
fn sample_as_plain_text() {
    insta::assert_snapshot!(plain::to_string(&Document::parse(SAMPLE), Some(60), "Nota"));
}

fn step_body(lesson: &str, step: &str, lang: Lang) -> String {
    let course = Course::built_in().expect("built-in course loads");
    let s = course
        .lesson(lesson)
        .and_then(|l| l.steps.iter().find(|s| s.id == step))
        .expect("step exists");
    let text = s.text.get(lang);
    format!("## {}\n\n{}", text.title, text.body)
}

#[test]
fn real_step_construir_es_at_80_columns() {
    let md = step_body("01-imagen-python", "construir", Lang::Es);
    let r = rendered(&md, 80, "Nota");
    assert_eq!(
        r.code_blocks.len(),
        3,
        "the command, its output and the build warnings"
    );
    assert_eq!(
        r.code_blocks[0].text, "docker build --tag python-docker .",
        "the command to copy is the one written, whole"
    );
    insta::assert_snapshot!(draw(&r, 80).backend());
}

#[test]
fn real_step_construir_es_at_40_columns() {
    let md = step_body("01-imagen-python", "construir", Lang::Es);
    insta::assert_snapshot!(draw(&rendered(&md, 40, "Nota"), 40).backend());
}

/// Every Markdown text of the built-in course: lesson files whole, as the loader splits them.
fn all_lesson_markdown() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let course = Course::built_in().expect("built-in course loads");
    for lesson in &course.lessons {
        for lang in Lang::ALL {
            let rel = format!("{}/{}.md", lesson.id, lang.code());
            let text = Source::BuiltIn
                .read(&rel)
                .expect("readable")
                .expect("lesson file exists");
            let doc = markdown::parse(&text);
            out.push((format!("{rel} intro"), doc.intro.clone()));
            for s in &doc.sections {
                out.push((format!("{rel} #{:?}", s.id), s.body.clone()));
                for h in &s.hints {
                    out.push((format!("{rel} #{}", h.id), h.body.clone()));
                }
            }
        }
    }
    out
}

#[test]
fn every_built_in_text_renders_at_every_width_from_1_to_120() {
    let theme = Theme::new(false);
    let texts = all_lesson_markdown();
    assert!(texts.len() > 100, "the sweep covers the course");
    for (name, md) in &texts {
        let doc = Document::parse(md);
        let blocks = doc.code_blocks().len();
        for w in 1..=120u16 {
            let opts = RenderOptions {
                width: w,
                note_label: "Nota",
                selected_code: Some(0),
            };
            let r = render(&doc, &theme, &opts);
            assert_eq!(r.code_blocks.len(), blocks, "{name} at {w}");
            for b in &r.code_blocks {
                let top: String = r.lines[b.first_line]
                    .spans
                    .iter()
                    .map(|s| s.content.as_ref())
                    .collect();
                assert!(top.starts_with('─'), "{name} at {w}: {top:?}");
            }
            // The course nests at most a list in a list: from 12 columns on nothing overflows.
            if w >= 12 {
                for l in &r.lines {
                    assert!(l.width() <= usize::from(w), "{name} at {w}: {l:?}");
                }
            }
        }
        for w in [None, Some(1), Some(40)] {
            let lines = plain::render(&doc, w, "Nota");
            assert!(
                lines.iter().all(|l| !l.contains(char::is_control)),
                "{name}"
            );
        }
    }
}
