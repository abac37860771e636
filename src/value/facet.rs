//! Facet checks used by generated simple types. Each returns the [`ValueError`] that names the
//! type, the facet and the value.

use super::lexical::{compare_decimal, decimal_digits};
use crate::error::{Rule, ValueError};
use regex::Regex;
use std::cmp::Ordering;

/// `xs:pattern`: `re` is the translated expression, anchored at both ends; `xsd` the original.
/// Several patterns of one derivation step are passed together and OR-ed.
pub fn pattern(
    type_name: &'static str,
    value: &str,
    re: &Regex,
    xsd: &'static str,
) -> Result<(), ValueError> {
    if re.is_match(value) {
        Ok(())
    } else {
        Err(ValueError::new(type_name, Rule::Pattern(xsd), value))
    }
}

/// Length in characters, as XSD counts string lengths.
pub fn char_len(value: &str) -> u64 {
    value.chars().count() as u64
}

/// `xs:length`, `xs:minLength` and `xs:maxLength` on a measured length.
pub fn length(
    type_name: &'static str,
    value: &str,
    len: u64,
    exact: Option<u64>,
    min: Option<u64>,
    max: Option<u64>,
) -> Result<(), ValueError> {
    if let Some(n) = exact.filter(|&n| len != n) {
        return Err(ValueError::new(type_name, Rule::Length(n), value));
    }
    if let Some(n) = min.filter(|&n| len < n) {
        return Err(ValueError::new(type_name, Rule::MinLength(n), value));
    }
    if let Some(n) = max.filter(|&n| len > n) {
        return Err(ValueError::new(type_name, Rule::MaxLength(n), value));
    }
    Ok(())
}

/// The four range facets on a numeric lexical value (compared exactly as decimals).
pub fn range(type_name: &'static str, value: &str, bounds: &RangeFacets) -> Result<(), ValueError> {
    let cmp = |bound: &str| {
        if value.contains(['e', 'E', 'I', 'N']) || bound.contains(['e', 'E', 'I', 'N']) {
            let (a, b) = (value.parse::<f64>(), bound.parse::<f64>());
            match (a, b) {
                (Ok(a), Ok(b)) => a.partial_cmp(&b),
                _ => None,
            }
        } else {
            Some(compare_decimal(value, bound))
        }
    };
    let fail = |rule| Err(ValueError::new(type_name, rule, value));
    if let Some(b) = bounds.min_inclusive {
        if !matches!(cmp(b), Some(Ordering::Greater | Ordering::Equal)) {
            return fail(Rule::MinInclusive(b));
        }
    }
    if let Some(b) = bounds.max_inclusive {
        if !matches!(cmp(b), Some(Ordering::Less | Ordering::Equal)) {
            return fail(Rule::MaxInclusive(b));
        }
    }
    if let Some(b) = bounds.min_exclusive {
        if !matches!(cmp(b), Some(Ordering::Greater)) {
            return fail(Rule::MinExclusive(b));
        }
    }
    if let Some(b) = bounds.max_exclusive {
        if !matches!(cmp(b), Some(Ordering::Less)) {
            return fail(Rule::MaxExclusive(b));
        }
    }
    Ok(())
}

/// Range facets of one type (the schema's literal bounds).
#[derive(Debug, Clone, Copy, Default)]
pub struct RangeFacets {
    /// `xs:minInclusive`.
    pub min_inclusive: Option<&'static str>,
    /// `xs:maxInclusive`.
    pub max_inclusive: Option<&'static str>,
    /// `xs:minExclusive`.
    pub min_exclusive: Option<&'static str>,
    /// `xs:maxExclusive`.
    pub max_exclusive: Option<&'static str>,
}

/// `xs:totalDigits` and `xs:fractionDigits`.
pub fn digits(
    type_name: &'static str,
    value: &str,
    total: Option<u32>,
    fraction: Option<u32>,
) -> Result<(), ValueError> {
    let (t, f) = decimal_digits(value);
    if let Some(n) = total.filter(|&n| t > n) {
        return Err(ValueError::new(type_name, Rule::TotalDigits(n), value));
    }
    if let Some(n) = fraction.filter(|&n| f > n) {
        return Err(ValueError::new(type_name, Rule::FractionDigits(n), value));
    }
    Ok(())
}

/// A pattern facet of a generated type: the translated expression, compiled on first use.
///
/// The generator translates and compiles every pattern when it generates code, so compiling
/// here cannot fail for generated types.
#[derive(Debug)]
pub struct Pattern {
    rust: &'static str,
    xsd: &'static str,
    re: std::sync::OnceLock<Regex>,
}

impl Pattern {
    /// A pattern: `rust` is the anchored `regex` expression, `xsd` the schema's.
    pub const fn new(rust: &'static str, xsd: &'static str) -> Pattern {
        Pattern {
            rust,
            xsd,
            re: std::sync::OnceLock::new(),
        }
    }

    /// Whether `value` matches.
    pub fn is_match(&self, value: &str) -> bool {
        self.re
            .get_or_init(|| {
                // Checked by the generator, which compiles the same expression.
                Regex::new(self.rust).expect("pattern verified at generation time")
            })
            .is_match(value)
    }

    /// The expression as written in the schema.
    pub fn xsd(&self) -> &'static str {
        self.xsd
    }
}

/// The patterns of one derivation step, OR-ed: `value` must match one of them.
pub fn patterns(
    type_name: &'static str,
    value: &str,
    patterns: &[&Pattern],
) -> Result<(), ValueError> {
    if patterns.iter().any(|p| p.is_match(value)) {
        return Ok(());
    }
    let xsd = patterns.first().map_or("", |p| p.xsd());
    Err(ValueError::new(type_name, Rule::Pattern(xsd), value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_exact() {
        let port = RangeFacets {
            min_exclusive: Some("1"),
            max_inclusive: Some("65535"),
            ..RangeFacets::default()
        };
        assert!(range("etsi:TCPPort", "2", &port).is_ok());
        assert!(range("etsi:TCPPort", "65535", &port).is_ok());
        assert_eq!(
            range("etsi:TCPPort", "1", &port).map_err(|e| e.rule),
            Err(Rule::MinExclusive("1"))
        );
        assert_eq!(
            range("etsi:TCPPort", "65536", &port).map_err(|e| e.rule),
            Err(Rule::MaxInclusive("65535"))
        );
    }

    #[test]
    fn lengths_count_characters() {
        assert!(length("t", "ééé", char_len("ééé"), None, None, Some(3)).is_ok());
        assert!(length("t", "éééé", char_len("éééé"), None, None, Some(3)).is_err());
        assert!(digits("t", "123.45", Some(5), Some(2)).is_ok());
        assert!(digits("t", "123.456", Some(6), Some(2)).is_err());
    }
}
