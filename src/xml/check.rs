//! Validation mode: the `check_*` helpers behind generated `check_content` functions.
//!
//! They walk the same content models as the readers without building values. A recoverable
//! error goes through [`Reader::record`]: returned when reading, recorded when validating. After a
//! content-model error in an element, the rest of that element is skipped and its remaining
//! checks are quiet, so one mistake gives one error (as libxml2 reports it), and validation
//! goes on with the next element.

use super::name::{Name, Process, Wildcard};
use super::raw::GlobalElements;
use super::read::{ReadFn, Reader, Start};
use crate::error::{Error, ErrorKind, ValueError};

impl<'a> Reader<'a> {
    /// Skips the content of the element whose start tag was taken, through its end tag,
    /// checking it as thoroughly as reading it would (well-formedness, names, attributes,
    /// entities, limits) but building nothing that outlives the call.
    pub fn skip_content(&mut self, start: Start<'a>) -> Result<(), Error> {
        self.raw_attributes(&start)?;
        self.raw_children()?;
        Ok(())
    }

    /// A content-model error in the current element: returned when reading; when validating,
    /// recorded once, then the rest of the element is skipped.
    #[cold]
    #[inline(never)]
    pub fn content_error(&mut self, error: Error) -> Result<(), Error> {
        if self.content_abandoned() {
            return Ok(());
        }
        self.record(error)?;
        self.abandon_content()?;
        Ok(())
    }

    /// Skips the remaining children of the current element and quiets its checks.
    fn abandon_content(&mut self) -> Result<(), Error> {
        while let Some(start) = self.take_next_start()? {
            self.element(start, |r, s| r.skip_content(s))?;
        }
        self.mark_abandoned();
        Ok(())
    }

    fn take_next_start(&mut self) -> Result<Option<Start<'a>>, Error> {
        if self.peek()?.is_some() {
            Ok(self.take_start())
        } else {
            Ok(None)
        }
    }

    /// A required element.
    pub fn check_required(&mut self, name: &Name, f: ReadFn<'a, ()>) -> Result<(), Error> {
        if self.next_is(name)? {
            self.child(f)
        } else {
            let e = self.expected(&[*name]);
            self.content_error(e)
        }
    }

    /// An optional element.
    pub fn check_optional(&mut self, name: &Name, f: ReadFn<'a, ()>) -> Result<(), Error> {
        if self.next_is(name)? {
            self.child(f)
        } else {
            Ok(())
        }
    }

    /// A repeated element with bounds.
    pub fn check_repeated(
        &mut self,
        name: &Name,
        min: u32,
        max: Option<u32>,
        f: ReadFn<'a, ()>,
    ) -> Result<(), Error> {
        let mut n = 0usize;
        while max.is_none_or(|m| n < m as usize) && self.next_is(name)? {
            self.child(f)?;
            n += 1;
        }
        if n < min as usize {
            let e = if n == 0 {
                self.expected(&[*name])
            } else {
                self.occurrence_error(self.expanded(name.ns, name.local), min, max, n)
            };
            self.content_error(e)?;
        }
        Ok(())
    }

    /// A repeated group (`check` returns whether the group started).
    pub fn check_repeat_group(
        &mut self,
        what: &'static str,
        min: u32,
        max: Option<u32>,
        check: fn(&mut Reader<'a>) -> Result<bool, Error>,
    ) -> Result<(), Error> {
        let mut n = 0usize;
        while max.is_none_or(|m| n < m as usize) && check(self)? {
            n += 1;
        }
        if n < min as usize {
            let e = self.occurrence_error(what.to_owned(), min, max, n);
            self.content_error(e)?;
        }
        Ok(())
    }

    /// Elements matched by a wildcard, between `min` and `max` of them.
    pub fn check_any_repeated<D: GlobalElements>(
        &mut self,
        wildcard: &Wildcard,
        min: u32,
        max: Option<u32>,
    ) -> Result<(), Error> {
        let mut n = 0usize;
        while max.is_none_or(|m| n < m as usize) && self.next_matches(wildcard)? {
            let Some(start) = self.take_start() else {
                break;
            };
            let known = D::has_global(start.ns(), start.local());
            match wildcard.process {
                Process::Skip => self.element(start, |r, s| r.skip_content(s))?,
                _ if known => self.element(start, D::check_global)?,
                Process::Lax => self.element(start, |r, s| r.skip_content(s))?,
                Process::Strict => {
                    let e = self.undeclared(&start);
                    self.record(e)?;
                    self.element(start, |r, s| r.skip_content(s))?;
                }
            }
            n += 1;
        }
        if n < min as usize {
            let e = self.expected(&[]);
            self.content_error(e)?;
        }
        Ok(())
    }

    /// Ends the current element: further children are errors (recorded, then skipped).
    pub fn check_end(&mut self) -> Result<(), Error> {
        if self.peek()?.is_some() {
            let e = self.expected(&[]);
            self.content_error(e)?;
        }
        self.end()
    }

    /// An element of simple type: attributes, then the text parsed by `parse`.
    pub fn check_simple(
        &mut self,
        start: Start<'a>,
        declared: Option<&Name>,
        check: fn(&str) -> Result<(), ValueError>,
    ) -> Result<(), Error> {
        let offset = start.offset();
        let text = self.simple_text(&start, declared)?;
        if let Err(e) = check(&text) {
            let e = self.error_at(ErrorKind::Value(e), offset);
            self.record(e)?;
        }
        Ok(())
    }

    /// An element of simple type with a fixed value.
    pub fn check_simple_fixed<T: PartialEq>(
        &mut self,
        start: Start<'a>,
        declared: Option<&Name>,
        parse: impl Fn(&str) -> Result<T, ValueError>,
        fixed: &'static str,
    ) -> Result<(), Error> {
        let offset = start.offset();
        let text = self.simple_text(&start, declared)?;
        let result = match parse(&text) {
            Ok(v) => super::read::check_fixed(&v, &text, fixed, &parse),
            Err(e) => Err(Error::new(ErrorKind::Value(e))),
        };
        if let Err(e) = result {
            let e = e.or_position(self.position_of(offset));
            self.record(e)?;
        }
        Ok(())
    }

    /// Simple content (after the attributes) parsed by `parse`, through the end tag.
    pub fn check_text<T>(
        &mut self,
        offset: usize,
        parse: impl FnOnce(&str) -> Result<T, ValueError>,
    ) -> Result<(), Error> {
        let text = self.text()?;
        if let Err(e) = parse(&text) {
            let e = self.error_at(ErrorKind::Value(e), offset);
            self.record(e)?;
        }
        Ok(())
    }

    /// The content of an element of type `xs:anyType`: anything well-formed.
    pub fn check_any_content(&mut self, start: Start<'a>) -> Result<(), Error> {
        self.skip_content(start)
    }

    /// Records an `xsi:type` error for `start` and skips its content.
    pub fn reject_element(&mut self, start: Start<'a>, error: Error) -> Result<(), Error> {
        self.record(error)?;
        self.skip_content(start)
    }

    #[cold]
    #[inline(never)]
    fn occurrence_error(
        &mut self,
        element: String,
        min: u32,
        max: Option<u32>,
        found: usize,
    ) -> Error {
        let offset = self.next_offset();
        self.error_at(
            ErrorKind::Occurrence {
                element,
                min,
                max,
                found,
            },
            offset,
        )
    }
}
