//! Idiomatic Rust names from XSD names: `HI1Message` → `Hi1Message`, `applicationLevelID` →
//! `application_level_id`, `DELIVERRequest` → `DeliverRequest`, keywords escaped.

use std::collections::HashSet;

/// Splits an XSD name into words: at separators, at lower→upper and digit→upper transitions,
/// and before the last capital of an acronym that is followed by a lowercase letter.
pub fn words(name: &str) -> Vec<String> {
    let chars: Vec<char> = name.chars().collect();
    let mut words = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let boundary = c.is_uppercase()
            && match prev {
                Some(p) if p.is_lowercase() || p.is_ascii_digit() => true,
                Some(p) if p.is_uppercase() => next.is_some_and(|n| n.is_lowercase()),
                _ => false,
            };
        if boundary && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        cur.push(c);
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];

fn escape(ident: String) -> String {
    let ident = if ident.is_empty() {
        "value".to_owned()
    } else if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{ident}")
    } else {
        ident
    };
    if KEYWORDS.contains(&ident.as_str()) {
        format!("{ident}_")
    } else {
        ident
    }
}

fn ascii(word: &str) -> String {
    word.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

/// `UpperCamelCase`.
pub fn pascal(name: &str) -> String {
    let s: String = words(name)
        .iter()
        .map(|w| {
            let w = ascii(w);
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + &cs.as_str().to_ascii_lowercase(),
                None => String::new(),
            }
        })
        .collect();
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) {
        format!("V{s}")
    } else {
        s
    };
    escape(s)
}

/// `snake_case`.
pub fn snake(name: &str) -> String {
    let s = words(name)
        .iter()
        .map(|w| ascii(w).to_ascii_lowercase())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    escape(s)
}

/// Hands out names unique within one scope (a module, a struct, an enum).
#[derive(Debug, Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    /// A scope with names already taken.
    pub fn with(reserved: &[&str]) -> Scope {
        Scope {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// `base`, or `base2`, `base3`, … when taken.
    pub fn unique(&mut self, base: &str) -> String {
        if self.taken.insert(base.to_owned()) {
            return base.to_owned();
        }
        let sep = if base.ends_with(|c: char| c.is_ascii_digit()) || base.ends_with('_') {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{base}{sep}{n}"))
            .find(|c| self.taken.insert(c.clone()))
            .unwrap_or_default()
    }

    /// Whether `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.taken.contains(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn idiomatic_names() {
        assert_eq!(pascal("HI1Message"), "Hi1Message");
        assert_eq!(pascal("LIID"), "Liid");
        assert_eq!(pascal("DELIVERRequest"), "DeliverRequest");
        assert_eq!(pascal("ETSIVersion"), "EtsiVersion");
        assert_eq!(pascal("handoverItem"), "HandoverItem");
        assert_eq!(pascal("DeliveryObject"), "DeliveryObject");
        assert_eq!(snake("applicationLevelID"), "application_level_id");
        assert_eq!(snake("DeliveryID"), "delivery_id");
        assert_eq!(snake("HI1Object"), "hi1_object");
        assert_eq!(snake("isTargetedParty"), "is_targeted_party");
        assert_eq!(snake("schemaURL"), "schema_url");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("Self"), "self_");
        assert_eq!(pascal("Self"), "Self_");
        assert_eq!(snake("TS_103_280"), "ts_103_280");
        assert_eq!(pascal("5G"), "V5G");
    }

    #[test]
    fn scopes_number_collisions() {
        let mut s = Scope::default();
        assert_eq!(s.unique("Foo"), "Foo");
        assert_eq!(s.unique("Foo"), "Foo2");
        assert_eq!(s.unique("Foo"), "Foo3");
        assert_eq!(s.unique("v1"), "v1");
        assert_eq!(s.unique("v1"), "v1_2");
    }
}
