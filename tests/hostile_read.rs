//! Hostile input to `li707::read`: each case returns an error, within the limits, without
//! panicking (issue 4, acceptance 5). The fuller hostile suite of the robustness work builds on
//! the same pattern.

use li707::{read, ErrorKind, Limits};

const CORE: &str = "http://uri.etsi.org/03120/common/2019/10/Core";

fn first_error(input: &[u8], limits: &Limits) -> ErrorKind {
    let reading = read(input, limits);
    assert!(reading.delivery.is_none(), "must not be accepted");
    reading
        .report
        .errors
        .first()
        .unwrap_or_else(|| panic!("an error for {} bytes", input.len()))
        .kind()
        .clone()
}

#[test]
fn billion_laughs_is_refused_without_expansion() {
    let mut doc =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for i in 1..10 {
        let prev = if i == 1 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        doc.push_str(&format!(
            "<!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    doc.push_str(&format!(
        "]>\n<HI1Message xmlns=\"{CORE}\">&lol9;</HI1Message>"
    ));
    assert_eq!(
        first_error(doc.as_bytes(), &Limits::default()),
        ErrorKind::Doctype
    );
}

#[test]
fn external_entities_are_refused() {
    let xxe = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE m [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><HI1Message xmlns=\"{CORE}\">&x;</HI1Message>"
    );
    assert_eq!(
        first_error(xxe.as_bytes(), &Limits::default()),
        ErrorKind::Doctype
    );
    // An entity reference without any declaration is an error too, never a lookup.
    let undeclared = format!("<HI1Message xmlns=\"{CORE}\"><Header>&x;</Header></HI1Message>");
    let kind = first_error(undeclared.as_bytes(), &Limits::default());
    assert!(matches!(kind, ErrorKind::UnknownEntity(_)), "{kind:?}");
}

#[test]
fn a_hundred_thousand_nested_elements_stop_at_the_depth_limit() {
    let n = 100_000;
    // Signature is xs:anyType: any content is allowed there, so only the depth limit stops it.
    let sample = include_str!("data/sample_delivery.xml");
    let end = sample
        .rfind("</HI1Message>")
        .expect("root end tag (default namespace)");
    let doc = format!(
        "{}<Signature>{}{}</Signature>{}",
        &sample[..end],
        "<x>".repeat(n),
        "</x>".repeat(n),
        &sample[end..]
    );
    let kind = first_error(doc.as_bytes(), &Limits::default());
    assert!(
        matches!(
            kind,
            ErrorKind::Limit {
                what: "element depth",
                ..
            }
        ),
        "{kind:?}"
    );
    // Also where content is skipped (an unknown root) and where the content model fails first.
    for deep in [
        format!("{}{}", "<y>".repeat(n), "</y>".repeat(n)),
        format!(
            "<HI1Message xmlns=\"{CORE}\"><Header>{}{}</Header></HI1Message>",
            "<x>".repeat(n),
            "</x>".repeat(n)
        ),
    ] {
        let reading = read(deep.as_bytes(), &Limits::default());
        assert!(reading.delivery.is_none());
        assert!(
            reading.report.errors.iter().any(|e| matches!(
                e.kind(),
                ErrorKind::Limit {
                    what: "element depth",
                    ..
                }
            )),
            "{}",
            reading.report
        );
    }
}

#[test]
fn a_200_mb_text_node_stops_at_the_size_or_text_limit() {
    let mut doc = format!(
        "<HI1Message xmlns=\"{CORE}\"><Header><SenderIdentifier><CountryCode>XX</CountryCode><UniqueIdentifier>"
    )
    .into_bytes();
    doc.resize(doc.len() + 200 * 1024 * 1024, b'a');
    doc.extend_from_slice(b"</UniqueIdentifier></SenderIdentifier></Header></HI1Message>");
    // The size limit refuses it before reading anything.
    let sized = Limits {
        max_size: 64 * 1024 * 1024,
        ..Limits::default()
    };
    assert!(matches!(
        first_error(&doc, &sized),
        ErrorKind::Limit {
            what: "document size (bytes)",
            ..
        }
    ));
    // Within the size limit, the text limit stops it.
    let texts = Limits {
        max_text_len: 1024 * 1024,
        ..Limits::default()
    };
    let kind = first_error(&doc, &texts);
    assert!(
        matches!(
            kind,
            ErrorKind::Limit {
                what: "text length",
                ..
            }
        ),
        "{kind:?}"
    );
}

#[test]
fn invalid_utf8_is_an_encoding_error() {
    let mut doc = format!("<HI1Message xmlns=\"{CORE}\"><Header>").into_bytes();
    let column = doc.len() as u32 + 1;
    doc.extend_from_slice(&[0xff, 0xfe, 0x80]);
    doc.extend_from_slice(b"</Header></HI1Message>");
    let reading = read(&doc, &Limits::default());
    let e = reading.report.errors.first().expect("an error");
    assert!(matches!(e.kind(), ErrorKind::Encoding(_)), "{e}");
    assert_eq!(
        e.position().map(|p| (p.line, p.column)),
        Some((1, column)),
        "{e}"
    );
    // A declared encoding other than UTF-8 is refused rather than misread.
    let latin =
        format!("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><HI1Message xmlns=\"{CORE}\"/>");
    assert!(matches!(
        first_error(latin.as_bytes(), &Limits::default()),
        ErrorKind::Encoding(_)
    ));
}
