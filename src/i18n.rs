//! Fluent bundles for Spanish and English, embedded in the binary. Turns message ids and
//! language-neutral data (reasons, lint problems, diagnoses) into sentences.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

use crate::check::Unverifiable;
use crate::lang::Lang;

/// The Fluent source of each language, as shipped.
pub fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::Es => include_str!("../locales/es/main.ftl"),
        Lang::En => include_str!("../locales/en/main.ftl"),
    }
}

/// A translator for one language.
pub struct Tr {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
}

impl Tr {
    /// Builds the bundle; the embedded files are checked by tests, so errors here are bugs.
    pub fn new(lang: Lang) -> Tr {
        let langid: LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new(vec![langid]);
        // Isolation marks would show up as stray characters in terminal cells.
        bundle.set_use_isolating(false);
        let res = match FluentResource::try_new(source(lang).to_string()) {
            Ok(r) => r,
            Err((r, _)) => r,
        };
        // Duplicate ids are caught by the locale tests; keep what was added.
        let _ = bundle.add_resource(res);
        Tr { lang, bundle }
    }

    /// The language of this translator.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// True when the message exists.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }

    /// A message without arguments.
    pub fn t(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// A message with arguments. A whole number written plainly (`1`, `300`; not `01`) goes to
    /// Fluent as a number, so a message can choose `[one]` or `[other]` by it; only below 2^53,
    /// which Fluent's numbers (f64) hold exactly (a nanosecond time stays text).
    pub fn ta(&self, id: &str, args: &[(&str, &str)]) -> String {
        let mut fa = FluentArgs::new();
        for (k, v) in args {
            match v.parse::<i64>() {
                Ok(n) if n.to_string() == *v && n.abs() < 1 << 53 => {
                    fa.set(*k, FluentValue::from(n))
                }
                _ => fa.set(*k, FluentValue::from(v.to_string())),
            }
        }
        self.format(id, Some(&fa))
    }

    /// A message for data serialized as `{"id": ..., fields...}`: message `<prefix>-<id>`,
    /// the other fields as arguments.
    pub fn data<T: Serialize>(&self, prefix: &str, data: &T) -> String {
        let (id, args) = data_message(prefix, data);
        self.format(&id, Some(&args))
    }

    fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            return id.to_string();
        };
        let mut errors = Vec::new();
        self.bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

/// Both languages' translators, built once: front ends switch language on a key.
pub struct Translators {
    es: Tr,
    en: Tr,
}

impl Translators {
    /// Builds both bundles.
    pub fn new() -> Translators {
        Translators {
            es: Tr::new(Lang::Es),
            en: Tr::new(Lang::En),
        }
    }

    /// The translator for `lang`.
    pub fn get(&self, lang: Lang) -> &Tr {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }
}

impl Default for Translators {
    fn default() -> Translators {
        Translators::new()
    }
}

/// The localized diagnosis of a problem, followed by how to fix it when there is a known fix.
pub fn diagnosis(u: &Unverifiable, tr: &Tr) -> String {
    let (fix_id, _) = crate::i18n::data_message("fix", u);
    let mut text = tr.data("unverifiable", u);
    if tr.has(&fix_id) {
        text.push('\n');
        text.push_str(&tr.data("fix", u));
    }
    text
}

/// The message id and arguments for serialized data (see [`Tr::data`]).
pub fn data_message<T: Serialize>(prefix: &str, data: &T) -> (String, FluentArgs<'static>) {
    let mut args = FluentArgs::new();
    let value = serde_json::to_value(data).unwrap_or_default();
    let (tag, fields) = match &value {
        serde_json::Value::Object(map) => (
            map.get("id")
                .and_then(|v| v.as_str())
                .unwrap_or("unknown")
                .to_string(),
            Some(map),
        ),
        serde_json::Value::String(s) => (s.clone(), None),
        _ => ("unknown".into(), None),
    };
    for (k, v) in fields.into_iter().flatten() {
        if k == "id" {
            continue;
        }
        let fv = match v {
            serde_json::Value::String(s) => FluentValue::from(s.clone()),
            serde_json::Value::Number(n) => FluentValue::from(n.to_string()),
            other => FluentValue::from(other.to_string()),
        };
        args.set(k.clone(), fv);
    }
    (format!("{prefix}-{tag}"), args)
}

/// The sentence for one check's outcome: what passed, why it failed, or why it could not be
/// verified.
pub fn check_message(r: &crate::check::CheckResult, tr: &Tr) -> String {
    use crate::check::Outcome;
    match &r.outcome {
        Outcome::Passed if r.check.target().is_empty() => {
            tr.ta("check-passed-untargeted", &[("kind", r.check.kind())])
        }
        Outcome::Passed => tr.ta(
            "check-passed",
            &[("kind", r.check.kind()), ("target", &r.check.target())],
        ),
        Outcome::Failed(reason) => tr.data("reason", reason),
        Outcome::Unknown(u) => tr.data("unverifiable", u),
    }
}

#[cfg(test)]
mod tests {
    use super::Tr;
    use crate::lang::Lang;

    #[test]
    fn counts_choose_their_plural_and_other_digits_stay_as_written() {
        for (lang, one, many) in [
            (Lang::En, "1 step passed,", "3 steps passed,"),
            (Lang::Es, "1 paso correcto,", "3 pasos correctos,"),
        ] {
            let tr = Tr::new(lang);
            let summary = |passed: &str| {
                let args = [("passed", passed), ("failed", "0"), ("unknown", "0")];
                tr.ta(
                    "check-summary",
                    &[args[0], args[1], args[2], ("locked", "2")],
                )
            };
            assert!(summary("1").starts_with(one), "{}", summary("1"));
            assert!(summary("3").starts_with(many), "{}", summary("3"));
            for written in ["1765170000123456789", "007"] {
                let said = tr.ta("error-not-optional", &[("target", written)]);
                assert!(said.contains(written), "kept as written: {said}");
            }
        }
    }
}
