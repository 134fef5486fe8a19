//! The two languages pracdocker speaks, and texts held in both.

use serde::Serialize;

/// A supported language. Spanish first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Español.
    Es,
    /// English.
    En,
}

impl Lang {
    /// Both, in the order files and messages are checked.
    pub const ALL: [Lang; 2] = [Lang::Es, Lang::En];

    /// The language code, also the lesson file stem (`es.md`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Es => "es",
            Lang::En => "en",
        }
    }

    /// The language of a locale string like `en-US` or `es_ES.UTF-8`; Spanish when neither.
    ///
    /// ```
    /// use pracdocker::lang::Lang;
    /// assert_eq!(Lang::from_locale(Some("en_GB.UTF-8")), Lang::En);
    /// assert_eq!(Lang::from_locale(Some("de-DE")), Lang::Es);
    /// ```
    pub fn from_locale(locale: Option<&str>) -> Lang {
        match locale.map(|l| l.to_ascii_lowercase()) {
            Some(l) if l.starts_with("en") => Lang::En,
            _ => Lang::Es,
        }
    }
}

/// One value per language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PerLang<T> {
    /// Spanish.
    pub es: T,
    /// English.
    pub en: T,
}

impl<T> PerLang<T> {
    /// The value for `lang`.
    pub fn get(&self, lang: Lang) -> &T {
        match lang {
            Lang::Es => &self.es,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_negotiation_defaults_to_spanish() {
        assert_eq!(Lang::from_locale(Some("en-GB")), Lang::En);
        assert_eq!(Lang::from_locale(Some("es_MX.UTF-8")), Lang::Es);
        assert_eq!(Lang::from_locale(Some("fr-FR")), Lang::Es);
        assert_eq!(Lang::from_locale(None), Lang::Es);
    }
}
