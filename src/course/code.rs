//! The code blocks of a step's Markdown, in reading order: what the trainer copies (or types into
//! its shell pane) when the learner asks for "this command".

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};

/// One fenced or indented code block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeBlock {
    /// The fence's language (`bash`, `text`...), if any.
    pub lang: Option<String>,
    /// The code, without the final newline.
    pub text: String,
}

/// Every code block of `markdown`, in order.
pub fn code_blocks(markdown: &str) -> Vec<CodeBlock> {
    let mut out = Vec::new();
    let mut cur: Option<CodeBlock> = None;
    for ev in Parser::new(markdown) {
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => l
                        .split_whitespace()
                        .next()
                        .map(str::to_string)
                        .filter(|l| !l.is_empty()),
                    CodeBlockKind::Indented => None,
                };
                cur = Some(CodeBlock {
                    lang,
                    text: String::new(),
                });
            }
            Event::Text(t) => {
                if let Some(c) = cur.as_mut() {
                    c.text.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(mut c) = cur.take() {
                    while c.text.ends_with('\n') {
                        c.text.pop();
                    }
                    out.push(c);
                }
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_in_order_with_their_language() {
        let md = "Texto\n\n```bash\ndocker tag a b\n```\n\n    indented\n\n```text\nout\n```\n";
        let b = code_blocks(md);
        assert_eq!(b.len(), 3);
        assert_eq!(b[0].lang.as_deref(), Some("bash"));
        assert_eq!(b[0].text, "docker tag a b");
        assert_eq!(b[1].lang, None);
        assert_eq!(b[2].text, "out");
    }
}
