//! Structure-aware inputs for `read_delivery` and `roundtrip`: random bytes rarely make a
//! schema-valid delivery, so each input is also used as an edit of one of li707's own valid
//! samples: the first two bytes choose a text or attribute value of the samples (in document
//! order over all of them), the rest replaces it. `<` and `>` (and quotes in attributes) are
//! escaped so the document stays well-formed; `&` is kept, so character and entity references
//! can be tried.

use std::sync::OnceLock;

const SAMPLES: &[&[u8]] = &[
    include_bytes!("../../tests/data/sample_delivery.xml"),
    include_bytes!("../../examples/single_item.xml"),
    include_bytes!("../../examples/collection_3_items_2_binary.xml"),
    include_bytes!("../../examples/collection_10_items.xml"),
];

/// A replaceable value: `SAMPLES[sample][start..end]`.
struct Slot {
    sample: usize,
    start: usize,
    end: usize,
    attribute: bool,
}

fn find(haystack: &[u8], from: usize, needle: &[u8]) -> usize {
    haystack[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map_or(haystack.len(), |p| from + p + needle.len())
}

fn scan(sample: usize, doc: &[u8], slots: &mut Vec<Slot>) {
    let mut i = 0;
    while i < doc.len() {
        if doc[i] != b'<' {
            // Text up to the next tag, without its surrounding whitespace.
            let end = doc[i..]
                .iter()
                .position(|&b| b == b'<')
                .map_or(doc.len(), |p| i + p);
            let text = &doc[i..end];
            if let Some(first) = text.iter().position(|b| !b.is_ascii_whitespace()) {
                let last = text
                    .iter()
                    .rposition(|b| !b.is_ascii_whitespace())
                    .unwrap_or(first);
                slots.push(Slot {
                    sample,
                    start: i + first,
                    end: i + last + 1,
                    attribute: false,
                });
            }
            i = end;
            continue;
        }
        let rest = &doc[i..];
        if rest.starts_with(b"<!--") {
            i = find(doc, i, b"-->");
        } else if rest.starts_with(b"<![CDATA[") {
            i = find(doc, i, b"]]>");
        } else if rest.starts_with(b"<?") || rest.starts_with(b"<!") {
            i = find(doc, i, b">");
        } else {
            // A tag: its attribute values, except namespace declarations.
            let end = find(doc, i, b">");
            let mut j = i;
            while j < end {
                let q = doc[j];
                if (q == b'"' || q == b'\'') && j > 0 && doc[j - 1] == b'=' {
                    let close = doc[j + 1..end]
                        .iter()
                        .position(|&b| b == q)
                        .map_or(end, |p| j + 1 + p);
                    let name_start = doc[..j - 1]
                        .iter()
                        .rposition(|b| b.is_ascii_whitespace())
                        .map_or(0, |p| p + 1);
                    if !doc[name_start..j - 1].starts_with(b"xmlns") {
                        slots.push(Slot {
                            sample,
                            start: j + 1,
                            end: close,
                            attribute: true,
                        });
                    }
                    j = close + 1;
                } else {
                    j += 1;
                }
            }
            i = end;
        }
    }
}

fn slots() -> &'static [Slot] {
    static SLOTS: OnceLock<Vec<Slot>> = OnceLock::new();
    SLOTS.get_or_init(|| {
        let mut slots = Vec::new();
        for (n, doc) in SAMPLES.iter().enumerate() {
            scan(n, doc, &mut slots);
        }
        assert!(!slots.is_empty(), "no values found in the samples");
        slots
    })
}

/// The sample edited by `data` (see the module documentation); `None` for inputs under 2 bytes.
pub fn splice(data: &[u8]) -> Option<Vec<u8>> {
    let (&[a, b], value) = data.split_first_chunk::<2>()?;
    let slots = slots();
    let slot = &slots[usize::from(u16::from_le_bytes([a, b])) % slots.len()];
    let doc = SAMPLES[slot.sample];
    let mut out = Vec::with_capacity(doc.len() + value.len() * 2);
    out.extend_from_slice(&doc[..slot.start]);
    for &byte in value {
        match byte {
            b'<' => out.extend_from_slice(b"&lt;"),
            b'>' => out.extend_from_slice(b"&gt;"),
            b'"' if slot.attribute => out.extend_from_slice(b"&quot;"),
            b'\'' if slot.attribute => out.extend_from_slice(b"&apos;"),
            _ => out.push(byte),
        }
    }
    out.extend_from_slice(&doc[slot.end..]);
    Some(out)
}
