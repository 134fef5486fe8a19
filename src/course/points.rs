//! Points a step (or one of its checks) is worth: a non-negative number with at most two
//! decimals, kept in hundredths so sums are exact and "adds up" means equal, never "close".
//! Parsing the author's value lives here; the lint rules that use it live in `rules.rs`.

use serde::Serialize;

/// A number of points, in hundredths (`1.5` is 150).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Points(u64);

/// Why a `points` value was rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadPoints {
    /// Not an integer or a decimal number.
    NotANumber,
    /// Below zero.
    Negative,
    /// More than two decimals, or too large.
    TooPrecise,
}

impl Points {
    /// No points.
    pub const ZERO: Points = Points(0);

    /// Whole points.
    pub const fn whole(n: u64) -> Points {
        Points(n * 100)
    }

    /// The author's TOML value (`2`, `0.5`).
    pub fn from_toml(v: &toml::Value) -> Result<Points, BadPoints> {
        match v {
            toml::Value::Integer(i) if *i < 0 => Err(BadPoints::Negative),
            toml::Value::Integer(i) => u64::try_from(*i)
                .ok()
                .and_then(|n| n.checked_mul(100))
                .filter(|h| *h <= MAX)
                .map(Points)
                .ok_or(BadPoints::TooPrecise),
            toml::Value::Float(f) if f.is_nan() => Err(BadPoints::NotANumber),
            toml::Value::Float(f) if *f < 0.0 => Err(BadPoints::Negative),
            toml::Value::Float(f) => {
                let h = (f * 100.0).round();
                if !f.is_finite() || h > MAX as f64 || (h - f * 100.0).abs() > 1e-6 {
                    return Err(BadPoints::TooPrecise);
                }
                // In range and whole: the cast is exact.
                Ok(Points(h as u64))
            }
            _ => Err(BadPoints::NotANumber),
        }
    }

    /// Whether this is zero.
    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    /// As a float, for formats that want one (Gradescope).
    pub fn as_f64(self) -> f64 {
        self.0 as f64 / 100.0
    }
}

/// The largest value accepted (a million points): sums of a whole course never overflow.
const MAX: u64 = 100_000_000;

impl std::ops::Add for Points {
    type Output = Points;
    fn add(self, o: Points) -> Points {
        Points(self.0.saturating_add(o.0))
    }
}

impl std::ops::AddAssign for Points {
    fn add_assign(&mut self, o: Points) {
        *self = *self + o;
    }
}

impl std::ops::Sub for Points {
    type Output = Points;
    fn sub(self, o: Points) -> Points {
        Points(self.0.saturating_sub(o.0))
    }
}

impl std::iter::Sum for Points {
    fn sum<I: Iterator<Item = Points>>(it: I) -> Points {
        it.fold(Points::ZERO, |a, b| a + b)
    }
}

/// `3`, `2.5`, `0.25`: no trailing zeros, so whole points read as integers.
impl std::fmt::Display for Points {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (whole, cents) = (self.0 / 100, self.0 % 100);
        match cents {
            0 => write!(f, "{whole}"),
            c if c.is_multiple_of(10) => write!(f, "{whole}.{}", c / 10),
            c => write!(f, "{whole}.{c:02}"),
        }
    }
}

/// A JSON integer when whole, else a number with its decimals.
impl Serialize for Points {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.is_multiple_of(100) {
            s.serialize_u64(self.0 / 100)
        } else {
            s.serialize_f64(self.as_f64())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Points, BadPoints> {
        let v: toml::Table = toml::from_str(&format!("p = {s}")).expect("toml");
        Points::from_toml(&v["p"])
    }

    #[test]
    fn values_parse_exactly_and_print_short() {
        assert_eq!(parse("2"), Ok(Points::whole(2)));
        assert_eq!(parse("0.5").map(|p| p.to_string()), Ok("0.5".into()));
        assert_eq!(parse("1.25").map(|p| p.to_string()), Ok("1.25".into()));
        assert_eq!(parse("0.1").map(|p| p + Points(20)), parse("0.3"));
        assert_eq!(parse("-1"), Err(BadPoints::Negative));
        assert_eq!(parse("-0.5"), Err(BadPoints::Negative));
        assert_eq!(parse("\"3\""), Err(BadPoints::NotANumber));
        assert_eq!(parse("true"), Err(BadPoints::NotANumber));
        assert_eq!(parse("nan"), Err(BadPoints::NotANumber));
        assert_eq!(parse("0.125"), Err(BadPoints::TooPrecise));
        assert_eq!(parse("inf"), Err(BadPoints::TooPrecise));
        assert_eq!(
            serde_json::to_string(&[Points::whole(3), Points(250)]).ok(),
            Some("[3,2.5]".into())
        );
    }
}
