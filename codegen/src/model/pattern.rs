//! XSD regular expressions (XML Schema 1.0, appendix F) translated to `regex` crate syntax at
//! generation time.
//!
//! XSD expressions are implicitly anchored, treat `^` and `$` as ordinary characters, have the
//! multi-character escapes `\i` and `\c`, and allow character-class subtraction
//! (`[a-z-[aeiou]]`). Every literal is written as `\x{…}` unless alphanumeric, so nothing in the
//! output is a metacharacter by accident. An unsupported construct is an error naming it.

/// Translates an XSD pattern to an anchored `regex` expression.
pub fn translate(xsd: &str) -> Result<String, String> {
    let mut p = Parser {
        chars: xsd.chars().collect(),
        i: 0,
    };
    let body = p.reg_exp()?;
    if p.i < p.chars.len() {
        return Err(format!(
            "unbalanced `{}` at character {}",
            p.chars[p.i],
            p.i + 1
        ));
    }
    Ok(format!("^(?:{body})$"))
}

struct Parser {
    chars: Vec<char>,
    i: usize,
}

fn lit(c: char) -> String {
    if c.is_ascii_alphanumeric() {
        c.to_string()
    } else {
        format!("\\x{{{:X}}}", c as u32)
    }
}

const NAME_START: &str = r"\p{L}_:";
const NAME_CHAR: &str = r"\p{L}\p{Nd}\p{Mn}\p{Mc}\p{Lm}\p{Nl}._:\x{2D}\x{B7}";

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.i).copied()
    }

    fn next(&mut self) -> Result<char, String> {
        let c = self
            .peek()
            .ok_or_else(|| "unexpected end of pattern".to_owned())?;
        self.i += 1;
        Ok(c)
    }

    fn reg_exp(&mut self) -> Result<String, String> {
        let mut out = self.branch()?;
        while self.peek() == Some('|') {
            self.i += 1;
            out.push('|');
            out.push_str(&self.branch()?);
        }
        Ok(out)
    }

    fn branch(&mut self) -> Result<String, String> {
        let mut out = String::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            out.push_str(&self.piece()?);
        }
        Ok(out)
    }

    fn piece(&mut self) -> Result<String, String> {
        let atom = self.atom()?;
        let quant = match self.peek() {
            Some(q @ ('?' | '*' | '+')) => {
                self.i += 1;
                q.to_string()
            }
            Some('{') => self.quantity()?,
            _ => String::new(),
        };
        Ok(format!("{atom}{quant}"))
    }

    fn number(&mut self) -> Option<u32> {
        let start = self.i;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
        self.chars[start..self.i]
            .iter()
            .collect::<String>()
            .parse()
            .ok()
    }

    fn quantity(&mut self) -> Result<String, String> {
        self.i += 1;
        let min = self.number().ok_or("quantifier `{` without a number")?;
        let out = match self.next()? {
            '}' => format!("{{{min}}}"),
            ',' => match self.number() {
                Some(max) => {
                    if max < min {
                        return Err(format!("quantifier {{{min},{max}}} has max below min"));
                    }
                    if self.next()? != '}' {
                        return Err("unclosed quantifier".into());
                    }
                    format!("{{{min},{max}}}")
                }
                None => {
                    if self.next()? != '}' {
                        return Err("unclosed quantifier".into());
                    }
                    format!("{{{min},}}")
                }
            },
            c => return Err(format!("unexpected `{c}` in quantifier")),
        };
        Ok(out)
    }

    fn atom(&mut self) -> Result<String, String> {
        let c = self.next()?;
        Ok(match c {
            '(' => {
                let inner = self.reg_exp()?;
                if self.next()? != ')' {
                    return Err("unclosed group".into());
                }
                format!("(?:{inner})")
            }
            '[' => self.class()?,
            '\\' => self.escape(false)?,
            '.' => r"[^\n\r]".to_owned(),
            '?' | '*' | '+' | '{' | '}' | ']' => {
                return Err(format!(
                    "`{c}` at character {} has nothing to apply to",
                    self.i
                ))
            }
            c => lit(c),
        })
    }

    /// An escape after `\`. Inside a class, multi-character escapes become class items.
    fn escape(&mut self, in_class: bool) -> Result<String, String> {
        let c = self.next()?;
        let wrap = |items: &str, negate: bool| {
            let neg = if negate { "^" } else { "" };
            format!("[{neg}{items}]")
        };
        Ok(match c {
            'n' => r"\n".into(),
            'r' => r"\r".into(),
            't' => r"\t".into(),
            '\\' | '|' | '.' | '-' | '^' | '?' | '*' | '+' | '{' | '}' | '(' | ')' | '[' | ']' => {
                lit(c)
            }
            'd' => r"\p{Nd}".into(),
            'D' => r"\P{Nd}".into(),
            's' => wrap(r"\x{20}\t\n\r", false),
            'S' => wrap(r"\x{20}\t\n\r", true),
            'w' => wrap(r"\p{P}\p{Z}\p{C}", true),
            'W' => wrap(r"\p{P}\p{Z}\p{C}", false),
            'i' => wrap(NAME_START, false),
            'I' => wrap(NAME_START, true),
            'c' => wrap(NAME_CHAR, false),
            'C' => wrap(NAME_CHAR, true),
            'p' | 'P' => {
                if self.next()? != '{' {
                    return Err(format!("`\\{c}` without `{{`"));
                }
                let start = self.i;
                while self.peek().is_some_and(|c| c != '}') {
                    self.i += 1;
                }
                let name: String = self.chars[start..self.i].iter().collect();
                self.next()?;
                let items = category(&name)?;
                if in_class && c == 'p' {
                    items
                } else {
                    wrap(&items, c == 'P')
                }
            }
            other => return Err(format!("unknown escape `\\{other}`")),
        })
    }

    /// A character class after `[`, with XSD subtraction `[base-[excluded]]`.
    fn class(&mut self) -> Result<String, String> {
        let negated = if self.peek() == Some('^') {
            self.i += 1;
            true
        } else {
            false
        };
        let mut items = String::new();
        let mut first = true;
        loop {
            let c = self.next()?;
            match c {
                ']' if !first => break,
                '-' if self.peek() == Some('[') => {
                    if items.is_empty() {
                        // XSD 1.0 charClassSub: a non-empty group must come before `-[`.
                        return Err(
                            "character class subtraction `-[` without a group before it".into()
                        );
                    }
                    self.i += 1;
                    let excluded = self.class()?;
                    if self.next()? != ']' {
                        return Err("character class subtraction must end the class".into());
                    }
                    let base = if negated {
                        format!("[^{items}]")
                    } else {
                        format!("[{items}]")
                    };
                    return Ok(format!("[{base}--{excluded}]"));
                }
                '[' => return Err("`[` must be escaped inside a character class".into()),
                '\\' => {
                    let at = self.i;
                    let esc = self.escape(true)?;
                    let single = self.chars[at] != 'p'
                        && !matches!(
                            self.chars[at],
                            'd' | 'D' | 's' | 'S' | 'w' | 'W' | 'i' | 'I' | 'c' | 'C' | 'P'
                        );
                    if single {
                        let ch = single_escape_char(self.chars[at]);
                        items.push_str(&self.range_from(ch)?);
                    } else {
                        items.push_str(&esc);
                    }
                }
                c => items.push_str(&self.range_from(c)?),
            }
            first = false;
        }
        Ok(if negated {
            format!("[^{items}]")
        } else {
            format!("[{items}]")
        })
    }

    /// A class item starting with `from`: a single character or a range `from-to`.
    fn range_from(&mut self, from: char) -> Result<String, String> {
        let is_range = self.peek() == Some('-')
            && !matches!(self.chars.get(self.i + 1), Some(']') | Some('[') | None);
        if !is_range {
            return Ok(lit(from));
        }
        self.i += 1;
        let to = match self.next()? {
            '\\' => {
                let e = self.next()?;
                if !matches!(
                    e,
                    'n' | 'r'
                        | 't'
                        | '\\'
                        | '|'
                        | '.'
                        | '-'
                        | '^'
                        | '?'
                        | '*'
                        | '+'
                        | '{'
                        | '}'
                        | '('
                        | ')'
                        | '['
                        | ']'
                ) {
                    return Err(format!("`\\{e}` cannot end a range"));
                }
                single_escape_char(e)
            }
            c => c,
        };
        if to < from {
            return Err(format!("range {from}-{to} is reversed"));
        }
        Ok(format!("{}-{}", lit(from), lit(to)))
    }
}

fn single_escape_char(c: char) -> char {
    match c {
        'n' => '\n',
        'r' => '\r',
        't' => '\t',
        c => c,
    }
}

/// A Unicode category or block name as a class item.
fn category(name: &str) -> Result<String, String> {
    const CATEGORIES: &[&str] = &[
        "L", "Lu", "Ll", "Lt", "Lm", "Lo", "M", "Mn", "Mc", "Me", "N", "Nd", "Nl", "No", "P", "Pc",
        "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Z", "Zs", "Zl", "Zp", "S", "Sm", "Sc", "Sk", "So",
        "C", "Cc", "Cf", "Co", "Cn",
    ];
    if CATEGORIES.contains(&name) {
        return Ok(format!(r"\p{{{name}}}"));
    }
    let block = match name {
        "IsBasicLatin" => (0x0, 0x7F),
        "IsLatin-1Supplement" => (0x80, 0xFF),
        "IsLatinExtended-A" => (0x100, 0x17F),
        "IsLatinExtended-B" => (0x180, 0x24F),
        "IsGreek" | "IsGreekandCoptic" => (0x370, 0x3FF),
        "IsCyrillic" => (0x400, 0x4FF),
        "IsArabic" => (0x600, 0x6FF),
        "IsCJKUnifiedIdeographs" => (0x4E00, 0x9FFF),
        _ => {
            return Err(format!(
                "Unicode category or block `{name}` is not supported"
            ))
        }
    };
    Ok(format!(r"\x{{{:X}}}-\x{{{:X}}}", block.0, block.1))
}

#[cfg(test)]
mod tests {
    use super::translate;
    use regex::Regex;

    fn re(xsd: &str) -> Regex {
        let t = translate(xsd).unwrap_or_else(|e| panic!("{xsd}: {e}"));
        Regex::new(&t).unwrap_or_else(|e| panic!("{xsd} -> {t}: {e}"))
    }

    #[test]
    fn anchored_and_dollar_is_literal() {
        let r = re("[0-9]{2}");
        assert!(r.is_match("12"));
        assert!(!r.is_match("123"));
        let r = re("a$b^");
        assert!(r.is_match("a$b^"));
    }

    #[test]
    fn sip_uri_ranges_with_escapes() {
        let r = re("sips?:[a-zA-Z0-9!#$&-;=?-\\[\\]_~%]+");
        assert!(r.is_match("sip:alice@example.com"));
        assert!(r.is_match("sips:bob;transport=tls"));
        assert!(!r.is_match("sip:has space"));
        assert!(!r.is_match("sip:caret^"));
        assert!(!r.is_match("http:x"));
    }

    #[test]
    fn email_pattern_of_ts_103_280() {
        let r = re(
            r"[a-zA-Z0-9\.!#$%&'\*\+\\/=\?\^_`\{\|\}~\-]+@[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*",
        );
        assert!(r.is_match("user.name+tag@example.co.uk"));
        assert!(!r.is_match("no-at-sign"));
        assert!(!r.is_match("a@-bad.com"));
    }

    #[test]
    fn subtraction_and_multichar_escapes() {
        let r = re("[a-z-[aeiou]]+");
        assert!(r.is_match("bcd"));
        assert!(!r.is_match("bad"));
        let r = re(r"\i\c*");
        assert!(r.is_match("_name-1.x"));
        assert!(!r.is_match("1abc"));
        let r = re(r"\s\S");
        assert!(r.is_match(" x"));
        let r = re("V\\d+\\.\\d+\\.\\d+");
        assert!(r.is_match("V1.12.1"));
        assert!(!r.is_match("V1.12"));
        let r = re(".+@.+");
        assert!(!r.is_match("a\n@b"));
    }

    #[test]
    fn errors_name_the_construct() {
        assert!(translate("(ab").is_err());
        assert!(translate("a{2,1}").is_err());
        assert!(translate(r"\p{IsKlingon}")
            .unwrap_err()
            .contains("IsKlingon"));
        assert!(translate("*a").is_err());
        assert!(translate("[z-a]").is_err());
        // Found by fuzzing: a subtraction with nothing to subtract from.
        assert!(translate("[-[\\-\\^\\\\?niau$P]]<\\]+").is_err());
        assert!(translate("[^-[a]]").is_err());
        assert!(translate("[-a]").is_ok());
    }
}
