//! Output formatting: error lines, JSON records, diagnostics on stderr, and values made safe
//! for a terminal.

use std::io::Write;

use serde::Serialize;

/// One error as a text line: `file:line:col: path: rule: message`, or `file: path: rule: message`
/// for an error without a position (the error's own [`std::fmt::Display`] after the file name).
pub fn error_line(file: &str, error: &li707::Error) -> String {
    let text = printable(&error.to_string());
    match error.position() {
        Some(_) => format!("{file}:{text}"),
        None => format!("{file}: {text}"),
    }
}

/// The line printed after the errors of a report cut short by `--max-errors`.
pub fn truncated_line(file: &str) -> String {
    format!("{file}: (stopped at the error limit; more errors may exist)")
}

/// An error as a JSON object (`line` and `column` are `null` without a position).
#[derive(Debug, Serialize)]
pub struct JsonError {
    /// 1-based line.
    pub line: Option<u32>,
    /// 1-based column, in characters.
    pub column: Option<u32>,
    /// The element path, as `/HI1Message/Header/SenderIdentifier`.
    pub path: String,
    /// The rule kind, e.g. `content model`, `value`, `TS 103 707 clause 5.3.2`, `i/o`.
    pub rule: String,
    /// What is wrong.
    pub message: String,
}

impl JsonError {
    /// The JSON form of a library error.
    pub fn from_error(error: &li707::Error) -> JsonError {
        let (rule, message) = rule_and_message(error.kind());
        let position = error.position();
        JsonError {
            line: position.map(|p| p.line),
            column: position.map(|p| p.column),
            path: error.path(),
            rule,
            message,
        }
    }

    /// An I/O error reading the file (rule `i/o`, path `/`).
    pub fn io(error: &std::io::Error) -> JsonError {
        JsonError {
            line: None,
            column: None,
            path: "/".to_owned(),
            rule: "i/o".to_owned(),
            message: error.to_string(),
        }
    }
}

/// Splits an error kind into its rule (the text before the first `": "` of its Display, which
/// is `rule: message` for every kind) and its message.
fn rule_and_message(kind: &li707::ErrorKind) -> (String, String) {
    if let li707::ErrorKind::Rule { clause, message } = kind {
        return ((*clause).to_owned(), message.clone());
    }
    let text = kind.to_string();
    match text.split_once(": ") {
        Some((rule, message)) => (rule.to_owned(), message.to_owned()),
        None => (text, String::new()),
    }
}

/// One JSON Lines record of `li707 validate --json`: one per file, no summary record.
#[derive(Debug, Serialize)]
pub struct JsonRecord {
    /// The file as named in the output (`-` for stdin).
    pub file: String,
    /// Whether the document is a valid delivery (`false` also when the file cannot be read).
    pub valid: bool,
    /// Every error reported, in document order.
    pub errors: Vec<JsonError>,
    /// Whether the errors stop at the `--max-errors` limit.
    pub truncated: bool,
}

/// Writes one line of JSON and a newline.
pub fn write_json_line<W: Write, T: Serialize>(out: &mut W, value: &T) -> std::io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

/// Writes a diagnostic line to stderr (a failure to write it is ignored: there is nowhere
/// else to report it).
pub fn diag(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "li707: {message}");
}

/// `text` with control characters (other than tab) escaped as `\u{..}`, so that values from a
/// document cannot move the cursor or recolour a terminal.
pub fn printable(text: &str) -> String {
    if !text.chars().any(|c| c.is_control() && c != '\t') {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if c.is_control() && c != '\t' {
                c.escape_unicode().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `xml` indented for reading: two spaces per level, one element per line. Whitespace is only
/// added to (and dropped from) the content of elements in a namespace that `indent_inside`
/// accepts and that have child elements and no other text, so no text value changes.
/// `None` when `xml` cannot be parsed.
pub fn indent(xml: &[u8], indent_inside: impl Fn(&str) -> bool) -> Option<Vec<u8>> {
    use quick_xml::events::Event;
    use quick_xml::name::ResolveResult;

    let mut reader = quick_xml::NsReader::from_reader(xml);
    let mut events = Vec::new();
    // Per event: for a start tag, whether its namespace may be indented.
    let mut allowed = Vec::new();
    let mut buf = Vec::new();
    loop {
        let (ns, event) = reader.read_resolved_event_into(&mut buf).ok()?;
        if let Event::Eof = event {
            break;
        }
        allowed.push(match ns {
            ResolveResult::Bound(ns) => indent_inside(ns.into_inner()),
            ResolveResult::Unbound => indent_inside(""),
            ResolveResult::Unknown(_) => false,
        });
        events.push(event.into_owned());
        buf.clear();
    }
    // For each element (by the index of its start event): whether its content may be indented,
    // that is, it has a child element and only whitespace text.
    let mut indentable = vec![false; events.len()];
    let mut open: Vec<(usize, bool, bool)> = Vec::new(); // (start index, has child, has text)
    for (i, event) in events.iter().enumerate() {
        let is_text = match event {
            Event::Text(t) => !t.bytes().all(|b| b.is_ascii_whitespace()),
            Event::CData(_) | Event::GeneralRef(_) => true,
            _ => false,
        };
        if let Some(top) = open.last_mut() {
            top.1 |= matches!(event, Event::Start(_) | Event::Empty(_));
            top.2 |= is_text;
        }
        match event {
            Event::Start(_) => open.push((i, false, false)),
            Event::End(_) => {
                let (start, child, text) = open.pop()?;
                if let Some(slot) = indentable.get_mut(start) {
                    *slot = child && !text && allowed.get(start) == Some(&true);
                }
            }
            _ => {}
        }
    }
    if !open.is_empty() {
        return None;
    }
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(xml.len() + xml.len() / 4));
    // Whether each open element's content is indented; the document level always is.
    let mut levels: Vec<bool> = Vec::new();
    let mut written = false;
    let newline = |w: &mut quick_xml::Writer<Vec<u8>>, depth: usize| {
        let out = w.get_mut();
        out.push(b'\n');
        out.extend(std::iter::repeat_n(b' ', 2 * depth));
    };
    for (i, event) in events.into_iter().enumerate() {
        let parent_indents = levels.last().copied().unwrap_or(true);
        match &event {
            Event::Text(t) if parent_indents && t.bytes().all(|b| b.is_ascii_whitespace()) => {
                continue
            }
            Event::End(_) => {
                let own = levels.pop()?;
                if own {
                    newline(&mut writer, levels.len());
                }
            }
            Event::Text(_) | Event::CData(_) | Event::GeneralRef(_) => {}
            _ => {
                if parent_indents && written {
                    newline(&mut writer, levels.len());
                }
            }
        }
        if let Event::Start(_) = &event {
            levels.push(indentable.get(i).copied().unwrap_or(false));
        }
        writer.write_event(event).ok()?;
        written = true;
    }
    let mut out = writer.into_inner();
    out.push(b'\n');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indent_changes_only_whitespace_between_elements() {
        let xml =
            b"<?xml version=\"1.0\"?>\n<a x=\"1\"><b>t &amp; u</b><c/><d>x<e/>y</d><f> </f></a>";
        let pretty = String::from_utf8(indent(xml, |_| true).expect("well-formed")).expect("UTF-8");
        assert_eq!(
            pretty,
            "<?xml version=\"1.0\"?>\n<a x=\"1\">\n  <b>t &amp; u</b>\n  <c/>\n  <d>x<e/>y</d>\n  <f> </f>\n</a>\n"
        );
        assert_eq!(indent(b"<a><b></a>", |_| true), None);
        let kept = b"<a xmlns:o=\"urn:o\"><b><c/></b><o:d><c/></o:d></a>";
        let pretty = indent(kept, |ns| ns != "urn:o").expect("well-formed");
        assert_eq!(
            String::from_utf8(pretty).expect("UTF-8"),
            "<a xmlns:o=\"urn:o\">\n  <b>\n    <c/>\n  </b>\n  <o:d><c/></o:d>\n</a>\n"
        );
    }

    #[test]
    fn printable_escapes_control_characters() {
        assert_eq!(printable("plain\ttext"), "plain\ttext");
        assert_eq!(printable("a\u{1b}[31mb\n"), "a\\u{1b}[31mb\\u{a}");
    }

    #[test]
    fn rule_and_message_split_at_the_first_colon() {
        let kind = li707::ErrorKind::Syntax("bad: thing".into());
        assert_eq!(
            rule_and_message(&kind),
            ("well-formedness".to_owned(), "bad: thing".to_owned())
        );
        let kind = li707::ErrorKind::Rule {
            clause: "TS 103 707 clause 5.3.2",
            message: "x: y".into(),
        };
        assert_eq!(
            rule_and_message(&kind),
            ("TS 103 707 clause 5.3.2".to_owned(), "x: y".to_owned())
        );
    }
}
