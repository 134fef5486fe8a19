//! A step's Markdown as plain text lines, for `pracdocker --plain`, screen readers and pipes:
//! no escape codes, no box drawing; code indented four spaces under its language, `-` and `1.`
//! lists, notes opened by the caller's label. Same model and layout as the styled renderer.

use crate::ui::markdown::{lay_out, Document, Look};

/// Renders `doc` as lines without trailing spaces. `width`: wrap prose to this many cells
/// (`None`: one line per paragraph, best for screen readers). Code lines are never wrapped, so
/// they can be copied as they are.
pub fn render(doc: &Document, width: Option<u16>, note_label: &str) -> Vec<String> {
    let max = width.map(|w| usize::from(w.max(1)));
    lay_out(doc, max, Look::Plain, note_label)
        .rows
        .into_iter()
        .map(|row| {
            let line: String = row.into_iter().map(|s| s.text).collect();
            line.trim_end().to_string()
        })
        .collect()
}

/// [`render`] joined with newlines, ending with one.
pub fn to_string(doc: &Document, width: Option<u16>, note_label: &str) -> String {
    let mut out = render(doc, width, note_label).join("\n");
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "## Construir {#construir}

Usa **docker build** con `--tag` y lee [la guía](https://docs.docker.com/build/).

```bash
docker build --tag python-docker .
\tdocker images
```

- uno
- dos
  1. anidado
  2. otro

> Etiqueta una imagen
> sin copiarla.

| Orden | Efecto |
|-------|--------|
| ps    | lista  |
";

    #[test]
    fn plain_text_has_no_escapes_frames_or_styles() {
        let doc = Document::parse(SAMPLE);
        let lines = render(&doc, None, "Nota");
        assert_eq!(
            lines,
            [
                "Construir",
                "",
                "Usa docker build con --tag y lee la guía (https://docs.docker.com/build/).",
                "",
                "bash",
                "    docker build --tag python-docker .",
                "        docker images",
                "",
                "- uno",
                "- dos",
                "  1. anidado",
                "  2. otro",
                "",
                "Nota: Etiqueta una imagen sin copiarla.",
                "",
                "Orden | Efecto",
                "------+-------",
                "ps    | lista",
            ]
        );
        for l in &lines {
            assert!(!l.contains('\u{1b}') && !l.contains('│') && !l.contains('─'));
        }
    }

    #[test]
    fn prose_wraps_with_hanging_indent_but_code_does_not() {
        let doc = Document::parse(
            "1. una frase bastante larga que no cabe\n\n```\ndocker run --name una-linea-muy-larga\n```\n",
        );
        let lines = render(&doc, Some(16), "Note");
        assert_eq!(
            lines,
            [
                "1. una frase",
                "   bastante",
                "   larga que no",
                "   cabe",
                "",
                "    docker run --name una-linea-muy-larga",
            ]
        );
    }

    #[test]
    fn a_note_that_names_itself_is_not_labelled_twice() {
        let doc = Document::parse("> Nota: detén antes los contenedores.\n");
        assert_eq!(
            render(&doc, None, "Nota"),
            ["Nota: detén antes los contenedores."]
        );
        let doc = Document::parse("> Detén antes los contenedores.\n");
        assert_eq!(
            render(&doc, None, "Note"),
            ["Note: Detén antes los contenedores."]
        );
        assert_eq!(to_string(&doc, None, ""), "Detén antes los contenedores.\n");
    }
}
