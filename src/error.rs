//! Errors as values: what went wrong, where (line:column and an element path) and which rule.

use std::fmt;

/// A position in a parsed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Byte offset from the start of the input.
    pub offset: usize,
    /// 1-based line number.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

impl Position {
    /// Computes line and column of `offset` in `input` (only on the error path).
    #[cold]
    #[inline(never)]
    pub fn locate(input: &[u8], offset: usize) -> Position {
        let end = offset.min(input.len());
        let before = &input[..end];
        let line = before.iter().filter(|&&b| b == b'\n').count() as u32 + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count() as u32
            + 1;
        Position {
            offset,
            line,
            column,
        }
    }
}

/// The rule a simple value broke: an XSD facet, or the lexical space of a built-in type.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Rule {
    /// The lexical space of a built-in XSD type (for example `xs:integer`).
    Lexical(&'static str),
    /// `xs:pattern` (the XSD expression as written in the schema).
    Pattern(&'static str),
    /// `xs:length`.
    Length(u64),
    /// `xs:minLength`.
    MinLength(u64),
    /// `xs:maxLength`.
    MaxLength(u64),
    /// `xs:enumeration` (the allowed values).
    Enumeration(&'static [&'static str]),
    /// `xs:minInclusive`.
    MinInclusive(&'static str),
    /// `xs:maxInclusive`.
    MaxInclusive(&'static str),
    /// `xs:minExclusive`.
    MinExclusive(&'static str),
    /// `xs:maxExclusive`.
    MaxExclusive(&'static str),
    /// `xs:totalDigits`.
    TotalDigits(u32),
    /// `xs:fractionDigits`.
    FractionDigits(u32),
    /// A union type: no member type accepts the value.
    Union,
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Rule::Lexical(t) => write!(f, "lexical form of {t}"),
            Rule::Pattern(p) => write!(f, "pattern `{p}`"),
            Rule::Length(n) => write!(f, "length {n}"),
            Rule::MinLength(n) => write!(f, "minLength {n}"),
            Rule::MaxLength(n) => write!(f, "maxLength {n}"),
            Rule::Enumeration(v) => write!(f, "enumeration {v:?}"),
            Rule::MinInclusive(v) => write!(f, "minInclusive {v}"),
            Rule::MaxInclusive(v) => write!(f, "maxInclusive {v}"),
            Rule::MinExclusive(v) => write!(f, "minExclusive {v}"),
            Rule::MaxExclusive(v) => write!(f, "maxExclusive {v}"),
            Rule::TotalDigits(n) => write!(f, "totalDigits {n}"),
            Rule::FractionDigits(n) => write!(f, "fractionDigits {n}"),
            Rule::Union => write!(f, "member types of the union"),
        }
    }
}

/// A simple value that its type does not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueError {
    /// The schema type, as `prefix:Name` or `xs:name`.
    pub type_name: &'static str,
    /// The rule that failed.
    pub rule: Rule,
    /// The offending value, shortened to at most 64 characters.
    pub value: String,
}

impl ValueError {
    /// Builds the error, shortening the value.
    pub fn new(type_name: &'static str, rule: Rule, value: &str) -> ValueError {
        ValueError {
            type_name,
            rule,
            value: shorten(value),
        }
    }
}

impl fmt::Display for ValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: value {:?} violates {}",
            self.type_name, self.value, self.rule
        )
    }
}

impl std::error::Error for ValueError {}

/// Shortens a value for an error message (64 characters at most).
pub(crate) fn shorten(value: &str) -> String {
    const MAX: usize = 64;
    match value.char_indices().nth(MAX) {
        None => value.to_owned(),
        Some((cut, _)) => format!("{}…", &value[..cut]),
    }
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The input is not well-formed XML.
    Syntax(String),
    /// The input is not UTF-8, or declares another encoding.
    Encoding(String),
    /// A document type declaration: DTDs and entity declarations are never processed.
    Doctype,
    /// An entity reference other than the five predefined ones and character references.
    UnknownEntity(String),
    /// A namespace prefix without a binding in scope.
    UnboundPrefix(String),
    /// An element the schema does not allow at this place.
    UnexpectedElement {
        /// The element found, as `{namespace}local`.
        found: String,
        /// What the schema allows here, as `{namespace}local`, or the end of the parent.
        expected: Vec<String>,
    },
    /// The parent ended before a required element.
    MissingElement {
        /// What the schema requires here, as `{namespace}local`.
        expected: Vec<String>,
    },
    /// Too few or too many occurrences of an element (`minOccurs`/`maxOccurs`).
    Occurrence {
        /// The element, as `{namespace}local`.
        element: String,
        /// `minOccurs`.
        min: u32,
        /// `maxOccurs` (`None` for unbounded).
        max: Option<u32>,
        /// How many were found.
        found: usize,
    },
    /// Character data where the content model allows only elements.
    UnexpectedText(String),
    /// An attribute the schema does not declare for this element.
    UnexpectedAttribute(String),
    /// A required attribute is absent.
    MissingAttribute(String),
    /// `xsi:type` names no type derived from the declared type in this schema set.
    UnknownXsiType {
        /// The `xsi:type` value, resolved as `{namespace}local`.
        value: String,
        /// The declared type of the element.
        declared: &'static str,
    },
    /// An element whose type is abstract, without an `xsi:type` naming a concrete type.
    AbstractType(&'static str),
    /// `xsi:nil` on an element that is not nillable, or with content.
    Nil(String),
    /// A fixed value (`fixed="…"`) differs.
    Fixed {
        /// The fixed value of the schema.
        expected: &'static str,
        /// The value found (shortened).
        found: String,
    },
    /// A simple value breaks a facet or the lexical space of its type.
    Value(ValueError),
    /// A strict wildcard met an element that the schema set does not declare.
    Undeclared(String),
    /// The root element is not a global element of the schema set.
    UnknownRoot(String),
    /// Content after the root element.
    TrailingContent,
    /// A configured limit was exceeded.
    Limit {
        /// Which limit.
        what: &'static str,
        /// Its value.
        limit: u64,
    },
    /// An I/O error while writing.
    Io(String),
    /// A TS 103 707 rule that XSD cannot express (see `li707::rules`).
    Rule {
        /// The clause that states the rule, e.g. `TS 103 707 clause 5.3.2`.
        clause: &'static str,
        /// What is wrong.
        message: String,
    },
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorKind::Syntax(m) => write!(f, "well-formedness: {m}"),
            ErrorKind::Encoding(m) => write!(f, "encoding: {m}"),
            ErrorKind::Doctype => write!(f, "doctype: DTDs are not accepted"),
            ErrorKind::UnknownEntity(e) => write!(f, "entity: unknown entity `&{e};`"),
            ErrorKind::UnboundPrefix(p) => write!(f, "namespace: prefix `{p}` is not bound"),
            ErrorKind::UnexpectedElement { found, expected } => {
                write!(f, "content model: unexpected element {found}")?;
                if !expected.is_empty() {
                    write!(f, ", expected {}", expected.join(" | "))?;
                }
                Ok(())
            }
            ErrorKind::MissingElement { expected } => {
                write!(f, "content model: missing {}", expected.join(" | "))
            }
            ErrorKind::Occurrence {
                element,
                min,
                max,
                found,
            } => {
                let max = max.map_or_else(|| "unbounded".to_owned(), |m| m.to_string());
                write!(
                    f,
                    "occurrence: {element} occurs {found} times, allowed {min}..{max}"
                )
            }
            ErrorKind::UnexpectedText(t) => {
                write!(f, "content model: unexpected text {t:?} in element-only content")
            }
            ErrorKind::UnexpectedAttribute(a) => {
                write!(f, "attributes: attribute {a} is not declared")
            }
            ErrorKind::MissingAttribute(a) => {
                write!(f, "attributes: required attribute {a} is missing")
            }
            ErrorKind::UnknownXsiType { value, declared } => write!(
                f,
                "xsi:type: {value} is not a type derived from {declared} in this schema set"
            ),
            ErrorKind::AbstractType(t) => write!(
                f,
                "xsi:type: type {t} is abstract; an xsi:type naming a concrete derived type is required"
            ),
            ErrorKind::Nil(m) => write!(f, "xsi:nil: {m}"),
            ErrorKind::Fixed { expected, found } => {
                write!(f, "fixed: value {found:?} differs from fixed value {expected:?}")
            }
            ErrorKind::Value(v) => write!(f, "value: {v}"),
            ErrorKind::Undeclared(n) => write!(
                f,
                "wildcard (processContents=strict): element {n} is not declared in the schema set"
            ),
            ErrorKind::UnknownRoot(n) => {
                write!(f, "root: {n} is not a global element of the schema set")
            }
            ErrorKind::TrailingContent => write!(f, "well-formedness: content after the root element"),
            ErrorKind::Limit { what, limit } => write!(f, "limit: {what} exceeds {limit}"),
            ErrorKind::Io(m) => write!(f, "i/o: {m}"),
            ErrorKind::Rule { clause, message } => write!(f, "{clause}: {message}"),
        }
    }
}

/// An error from reading, writing or checking a document.
///
/// Carries the [`ErrorKind`], the position in the input when the document was parsed from text,
/// and an XPath-like path of the element where it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    inner: Box<Inner>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Inner {
    kind: ErrorKind,
    position: Option<Position>,
    /// Path segments, innermost first (they are added while the error propagates outwards).
    path: Vec<String>,
}

impl Error {
    /// An error without a position.
    #[cold]
    #[inline(never)]
    pub fn new(kind: ErrorKind) -> Error {
        Error {
            inner: Box::new(Inner {
                kind,
                position: None,
                path: Vec::new(),
            }),
        }
    }

    /// An error at `position`.
    #[cold]
    #[inline(never)]
    pub fn at(kind: ErrorKind, position: Position) -> Error {
        let mut e = Error::new(kind);
        e.inner.position = Some(position);
        e
    }

    /// Adds an enclosing element to the path (called while the error propagates outwards).
    #[must_use]
    pub fn within(mut self, segment: &str) -> Error {
        self.inner.path.push(segment.to_owned());
        self
    }

    /// Adds enclosing elements to the path, given outermost first (used where an error is
    /// recorded without propagating).
    #[must_use]
    pub fn within_all<'s>(
        mut self,
        outer_first: impl DoubleEndedIterator<Item = &'s str>,
    ) -> Error {
        self.inner.path.extend(outer_first.rev().map(str::to_owned));
        self
    }

    /// Sets the position when the error has none yet.
    #[must_use]
    pub fn or_position(mut self, position: Position) -> Error {
        if self.inner.position.is_none() {
            self.inner.position = Some(position);
        }
        self
    }

    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.inner.kind
    }

    /// Where, when the document was parsed from text.
    pub fn position(&self) -> Option<Position> {
        self.inner.position
    }

    /// The element path, as `/HI1Message/Header/SenderIdentifier` (`/` when at the root).
    pub fn path(&self) -> String {
        if self.inner.path.is_empty() {
            return "/".to_owned();
        }
        let mut s = String::new();
        for seg in self.inner.path.iter().rev() {
            s.push('/');
            s.push_str(seg);
        }
        s
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(p) = self.inner.position {
            write!(f, "{}:{}: ", p.line, p.column)?;
        }
        write!(f, "{}: {}", self.path(), self.inner.kind)
    }
}

impl std::error::Error for Error {}

impl From<ValueError> for Error {
    fn from(v: ValueError) -> Error {
        Error::new(ErrorKind::Value(v))
    }
}

/// The result of validating: every error found (up to a limit), in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// The errors, in the order they were found.
    pub errors: Vec<Error>,
    /// Whether validation stopped at the error limit (more errors may exist).
    pub truncated: bool,
}

impl Report {
    /// Whether no error was found.
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.errors {
            writeln!(f, "{e}")?;
        }
        if self.truncated {
            writeln!(f, "(stopped at the error limit)")?;
        }
        Ok(())
    }
}

/// How many errors a validation collects before it stops.
pub const DEFAULT_ERROR_LIMIT: usize = 100;
