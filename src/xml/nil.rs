//! Nillable elements (`nillable="true"`): an element with `xsi:nil="true"` has no content.

use super::name::{Name, XSI_NS};
use super::read::{Reader, Start};
use super::write::Writer;
use crate::error::{Error, ErrorKind};
use quick_xml::events::Event;

/// The value of a nillable element: `xsi:nil="true"`, or a value.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Nillable<T> {
    /// `xsi:nil="true"`: the element is present and empty.
    Nil,
    /// The element's value.
    Value(T),
}

impl<T> Nillable<T> {
    /// The value, `None` when nil.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nillable::Nil => None,
            Nillable::Value(v) => Some(v),
        }
    }
}

impl<'a> Reader<'a> {
    /// The `xsi:nil` of `start`: `Some(true)`, `Some(false)` or `None` when absent.
    fn xsi_nil(&mut self, start: &Start<'a>) -> Result<Option<bool>, Error> {
        let mut nil = None;
        self.each_attribute(start, |uri, local, value| {
            if uri == XSI_NS && local == "nil" {
                nil = Some(matches!(value.trim(), "true" | "1"));
            }
        })?;
        Ok(nil)
    }

    /// Reads a nillable element: nil when `xsi:nil="true"` (the element must then be empty),
    /// else its value with `f`.
    pub fn nillable<T>(
        &mut self,
        start: Start<'a>,
        f: impl FnOnce(&mut Self, Start<'a>) -> Result<T, Error>,
    ) -> Result<Nillable<T>, Error> {
        match self.xsi_nil(&start)? {
            Some(true) => {
                self.nil_content(&start)?;
                Ok(Nillable::Nil)
            }
            _ => {
                self.allow_nil(start.offset());
                let result = f(self, start);
                self.allow_nil(usize::MAX);
                result.map(Nillable::Value)
            }
        }
    }

    /// Validates a nillable element.
    pub fn check_nillable(
        &mut self,
        start: Start<'a>,
        f: impl FnOnce(&mut Self, Start<'a>) -> Result<(), Error>,
    ) -> Result<(), Error> {
        self.nillable(start, f).map(|_| ())
    }

    /// The content of a nil element: nothing but white space, comments and processing
    /// instructions; attributes only in the `xsi` namespace.
    fn nil_content(&mut self, start: &Start<'a>) -> Result<(), Error> {
        let offset = start.offset();
        let mut foreign = false;
        self.each_attribute(start, |uri, _, _| foreign |= uri != XSI_NS)?;
        if foreign {
            let e = self.error_at(
                ErrorKind::Nil("attributes on a nil element are not supported".into()),
                offset,
            );
            self.record(e)?;
        }
        let mut nested = 0u32;
        let mut reported = false;
        loop {
            let (ev, _, at) = self.raw_event()?;
            let content = match ev {
                Event::End(_) if nested == 0 => return Ok(()),
                Event::End(_) => {
                    nested -= 1;
                    false
                }
                Event::Start(_) => {
                    nested += 1;
                    true
                }
                Event::Text(t) => !t.trim_ascii().is_empty(),
                Event::CData(_) | Event::GeneralRef(_) => true,
                Event::Eof => {
                    return Err(
                        self.error_at(ErrorKind::Syntax("unexpected end of input".into()), at)
                    )
                }
                _ => false,
            };
            if content && !reported {
                reported = true;
                let e = self.error_at(
                    ErrorKind::Nil("an element with xsi:nil=\"true\" must be empty".into()),
                    at,
                );
                self.record(e)?;
            }
        }
    }
}

impl Writer {
    /// Writes element `name` empty, with `xsi:nil="true"`.
    pub fn nil_element(&mut self, name: &Name) {
        self.start(name);
        self.xsi_nil();
        self.end(name);
    }
}
