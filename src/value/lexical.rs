//! Values kept exactly as written: integers and decimals of unbounded size, dates, times and
//! durations. Each is checked against its lexical space when parsed or built.

use super::{SimpleValue, WhiteSpace};
use crate::error::{Rule, ValueError};
use regex::Regex;
use std::borrow::Cow;
use std::fmt;
use std::sync::LazyLock;

macro_rules! lexical_type {
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $check:path) => {
        lexical_type!($(#[$doc])* #[derive(PartialEq, Eq, Hash)] $name, $xsd, $check, numeric: false);
    };
    ($(#[$doc:meta])* $name:ident, $xsd:literal, $check:path, numeric: $numeric:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        pub struct $name(String);

        impl $name {
            /// Checks the lexical form (after collapsing white space) and keeps it as written.
            pub fn new(text: &str) -> Result<Self, ValueError> {
                let v = WhiteSpace::Collapse.apply(text);
                if $check(&v) {
                    Ok($name(v.into_owned()))
                } else {
                    Err(ValueError::new($xsd, Rule::Lexical($xsd), text))
                }
            }

            /// The value as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Checks a lexical value (white space already collapsed) without building one.
            pub fn check_lexical(text: &str) -> Result<(), ValueError> {
                if $check(text) {
                    Ok(())
                } else {
                    Err(ValueError::new($xsd, Rule::Lexical($xsd), text))
                }
            }
        }

        impl SimpleValue for $name {
            fn from_lexical(text: &str) -> Result<Self, ValueError> {
                $name::new(text)
            }
            fn to_lexical(&self) -> Cow<'_, str> {
                Cow::Borrowed(&self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = ValueError;
            fn from_str(s: &str) -> Result<Self, ValueError> {
                $name::new(s)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }
    };
}

fn is_integer(v: &str) -> bool {
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

fn is_decimal(v: &str) -> bool {
    let body = v.strip_prefix(['+', '-']).unwrap_or(v);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    (!int.is_empty() || !frac.is_empty())
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}

lexical_type!(
    /// `xs:integer` and its unbounded derivations, exact and of any size. Kept as written;
    /// compared and hashed as numbers (`+01` equals `1`).
    Integer,
    "xs:integer",
    is_integer,
    numeric: true
);
lexical_type!(
    /// `xs:decimal`, exact (never a float). Kept as written; compared and hashed as numbers
    /// (`1.50` equals `1.5`).
    Decimal,
    "xs:decimal",
    is_decimal,
    numeric: true
);

macro_rules! numeric_eq {
    ($($t:ty),*) => {$(
        impl PartialEq for $t {
            fn eq(&self, other: &Self) -> bool {
                compare_decimal(&self.0, &other.0) == std::cmp::Ordering::Equal
            }
        }
        impl Eq for $t {}
        impl std::hash::Hash for $t {
            fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
                canonical_decimal(&self.0).hash(state);
            }
        }
        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }
        impl Ord for $t {
            fn cmp(&self, other: &Self) -> std::cmp::Ordering {
                compare_decimal(&self.0, &other.0)
            }
        }
    )*};
}
numeric_eq!(Integer, Decimal);

/// The canonical form of a decimal lexical value (for hashing): no `+`, no leading zeros, no
/// trailing fraction zeros, `0` unsigned.
fn canonical_decimal(v: &str) -> String {
    let neg = v.starts_with('-');
    let body = v.trim_start_matches(['+', '-']);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let int = if int.is_empty() { "0" } else { int };
    let mut out = String::new();
    if neg && !(int == "0" && frac.is_empty()) {
        out.push('-');
    }
    out.push_str(int);
    if !frac.is_empty() {
        out.push('.');
        out.push_str(frac);
    }
    out
}

impl Integer {
    /// The value as `i64`, when it fits.
    pub fn to_i64(&self) -> Option<i64> {
        self.0.strip_prefix('+').unwrap_or(&self.0).parse().ok()
    }
    /// The value as `u64`, when it fits.
    pub fn to_u64(&self) -> Option<u64> {
        self.0.strip_prefix('+').unwrap_or(&self.0).parse().ok()
    }
    /// Whether the value is below zero.
    pub fn is_negative(&self) -> bool {
        self.0.starts_with('-') && self.0[1..].bytes().any(|b| b != b'0')
    }
    /// Whether the value is zero.
    pub fn is_zero(&self) -> bool {
        self.0
            .trim_start_matches(['+', '-'])
            .bytes()
            .all(|b| b == b'0')
    }
}

macro_rules! integer_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Integer {
            fn from(v: $t) -> Integer {
                Integer(v.to_string())
            }
        }
    )*};
}
integer_from!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

impl From<Integer> for Decimal {
    fn from(v: Integer) -> Decimal {
        Decimal(v.0)
    }
}

/// Compares two values from the lexical spaces of `xs:decimal` (including integers) exactly.
pub fn compare_decimal(a: &str, b: &str) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    fn split(v: &str) -> (bool, &str, &str) {
        let neg = v.starts_with('-');
        let body = v.trim_start_matches(['+', '-']);
        let (int, frac) = body.split_once('.').unwrap_or((body, ""));
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let zero = int.is_empty() && frac.is_empty();
        (neg && !zero, int, frac)
    }
    let (an, ai, af) = split(a);
    let (bn, bi, bf) = split(b);
    let magnitude = || {
        ai.len()
            .cmp(&bi.len())
            .then_with(|| ai.cmp(bi))
            .then_with(|| af.cmp(bf))
    };
    match (an, bn) {
        (false, true) => Ordering::Greater,
        (true, false) => Ordering::Less,
        (false, false) => magnitude(),
        (true, true) => magnitude().reverse(),
    }
}

/// Counts total and fraction digits of a decimal lexical value (XSD `totalDigits`/`fractionDigits`).
pub fn decimal_digits(v: &str) -> (u32, u32) {
    let body = v.trim_start_matches(['+', '-']);
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let total = (int.len() + frac.len()).max(1) as u32;
    (total, frac.len() as u32)
}

const TZ: &str = r"(Z|[+-]((0[0-9]|1[0-3]):[0-5][0-9]|14:00))?";
const YEAR: &str = r"-?([1-9][0-9]{3,}|0[0-9]{3})";
const TIME: &str = r"(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]+)?|24:00:00(\.0+)?)";

fn regex(body: String) -> Regex {
    // The expressions are fixed in this file and covered by its tests.
    Regex::new(&format!("^(?:{body})$")).expect("built-in lexical expression")
}

static DATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    regex(format!(
        r"{YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T{TIME}{TZ}"
    ))
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    regex(format!(
        r"{YEAR}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]){TZ}"
    ))
});
static TIME_RE: LazyLock<Regex> = LazyLock::new(|| regex(format!("{TIME}{TZ}")));
static G_YEAR: LazyLock<Regex> = LazyLock::new(|| regex(format!("{YEAR}{TZ}")));
static G_YEAR_MONTH: LazyLock<Regex> =
    LazyLock::new(|| regex(format!("{YEAR}-(0[1-9]|1[0-2]){TZ}")));
static G_MONTH: LazyLock<Regex> = LazyLock::new(|| regex(format!("--(0[1-9]|1[0-2]){TZ}")));
static G_MONTH_DAY: LazyLock<Regex> =
    LazyLock::new(|| regex(format!("--(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01]){TZ}")));
static G_DAY: LazyLock<Regex> = LazyLock::new(|| regex(format!("---(0[1-9]|[12][0-9]|3[01]){TZ}")));
static DURATION: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"-?P([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?".into())
});

/// Whether the day of a `YYYY-MM-DD` prefix exists in that month.
fn day_exists(v: &str) -> bool {
    let body = v.strip_prefix('-').unwrap_or(v);
    let mut parts = body.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let (Ok(y), Ok(m), Ok(d)) = (
        y.parse::<i64>(),
        m.parse::<u32>(),
        d.get(..2).unwrap_or("").parse::<u32>(),
    ) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let max = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    d <= max
}

/// XSD 1.0 (Datatypes 3.2.7) has no year 0000.
fn year_not_zero(v: &str) -> bool {
    let digits = v.strip_prefix('-').unwrap_or(v);
    let year: &str = digits.split('-').next().unwrap_or("");
    year.bytes().any(|b| b != b'0')
}

fn is_date_time(v: &str) -> bool {
    DATE_TIME.is_match(v) && day_exists(v) && year_not_zero(v)
}
fn is_date(v: &str) -> bool {
    DATE.is_match(v) && day_exists(v) && year_not_zero(v)
}
fn is_time(v: &str) -> bool {
    TIME_RE.is_match(v)
}
fn is_g_year(v: &str) -> bool {
    G_YEAR.is_match(v) && year_not_zero(v)
}
fn is_g_year_month(v: &str) -> bool {
    G_YEAR_MONTH.is_match(v) && year_not_zero(v)
}
fn is_g_month(v: &str) -> bool {
    G_MONTH.is_match(v)
}
fn is_g_month_day(v: &str) -> bool {
    G_MONTH_DAY.is_match(v)
}
fn is_g_day(v: &str) -> bool {
    G_DAY.is_match(v)
}
fn is_duration(v: &str) -> bool {
    DURATION.is_match(v) && !v.ends_with('P') && !v.ends_with('T')
}

lexical_type!(
    /// `xs:dateTime`, kept exactly as written.
    DateTime,
    "xs:dateTime",
    is_date_time
);
lexical_type!(
    /// `xs:date`, kept exactly as written.
    Date,
    "xs:date",
    is_date
);
lexical_type!(
    /// `xs:time`, kept exactly as written.
    Time,
    "xs:time",
    is_time
);
lexical_type!(
    /// `xs:duration`, kept exactly as written.
    Duration,
    "xs:duration",
    is_duration
);
lexical_type!(
    /// `xs:gYear`.
    GYear,
    "xs:gYear",
    is_g_year
);
lexical_type!(
    /// `xs:gYearMonth`.
    GYearMonth,
    "xs:gYearMonth",
    is_g_year_month
);
lexical_type!(
    /// `xs:gMonth`.
    GMonth,
    "xs:gMonth",
    is_g_month
);
lexical_type!(
    /// `xs:gMonthDay`.
    GMonthDay,
    "xs:gMonthDay",
    is_g_month_day
);
lexical_type!(
    /// `xs:gDay`.
    GDay,
    "xs:gDay",
    is_g_day
);

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    #[test]
    fn date_time_lexical_space() {
        assert!(DateTime::new("2019-09-30T13:37:37.000000Z").is_ok());
        assert!(DateTime::new("2019-09-30T13:37:37+01:00").is_ok());
        assert!(DateTime::new("2019-02-29T13:37:37Z").is_err());
        assert!(DateTime::new("2019-13-01T00:00:00Z").is_err());
        assert!(DateTime::new("2019-09-30 13:37:37Z").is_err());
        assert!(DateTime::new("0000-01-01T00:00:00Z").is_err());
        assert!(DateTime::new("-0001-01-01T00:00:00Z").is_ok());
        assert_eq!(
            DateTime::new("2019-09-30T13:37:37.000000Z").map(|d| d.as_str().to_owned()),
            Ok("2019-09-30T13:37:37.000000Z".to_owned())
        );
    }

    #[test]
    fn integers_and_decimals() {
        assert!(Integer::new(" 42 ").is_ok());
        assert!(Integer::new("4.2").is_err());
        assert!(Decimal::new("-.5").is_ok());
        assert!(Decimal::new(".").is_err());
        assert_eq!(compare_decimal("10", "9.99"), Ordering::Greater);
        assert_eq!(compare_decimal("-1", "0"), Ordering::Less);
        assert_eq!(compare_decimal("-0.0", "+0"), Ordering::Equal);
        assert_eq!(compare_decimal("-2", "-10"), Ordering::Greater);
        assert_eq!(decimal_digits("0012.3400"), (4, 2));
    }

    #[test]
    fn numbers_compare_as_values() {
        use std::collections::HashSet;
        let a = Integer::new("+01").map_err(|e| e.to_string());
        assert_eq!(a, Integer::new("1").map_err(|e| e.to_string()));
        assert_eq!(Decimal::new("1.50").ok(), Decimal::new("01.5").ok());
        assert_ne!(Decimal::new("1.5").ok(), Decimal::new("1.05").ok());
        let set: HashSet<Decimal> = ["-0", "0.00", "+0"]
            .iter()
            .filter_map(|v| Decimal::new(v).ok())
            .collect();
        assert_eq!(set.len(), 1);
        assert_eq!(canonical_decimal("-00012.3400"), "-12.34");
        assert!(Integer::from(2u8) > Integer::from(-3i32));
    }

    #[test]
    fn durations() {
        assert!(Duration::new("P1Y2M3DT4H5M6.7S").is_ok());
        assert!(Duration::new("P").is_err());
        assert!(Duration::new("P1YT").is_err());
    }
}
