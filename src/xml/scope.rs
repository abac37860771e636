//! The namespace bindings in scope while reading (Namespaces in XML 1.0, sections 3 and 6).
//!
//! The reader keeps its own scope instead of quick-xml's `NsReader`: bindings map a prefix
//! straight to an interned [`NsId`], so resolving an element name compares a short prefix and
//! never a namespace URI, and an element without attributes declares nothing and costs nothing.

use super::name::NsId;

/// One `xmlns`/`xmlns:p` declaration: the prefix is `prefixes[start..start + len]`, and an empty
/// prefix is the default namespace.
#[derive(Debug, Clone, Copy)]
struct Binding {
    start: u32,
    len: u32,
    ns: NsId,
}

/// The bindings of the open elements, innermost last.
#[derive(Debug)]
pub(crate) struct Scope {
    /// The prefixes of `bindings`, one after the other.
    prefixes: String,
    bindings: Vec<Binding>,
    /// `bindings.len()` when each open element started.
    marks: Vec<u32>,
}

impl Default for Scope {
    /// An empty scope, with room for typical documents (a few declarations, 32 levels) so
    /// that reading them does not grow the vectors.
    fn default() -> Scope {
        Scope {
            prefixes: String::with_capacity(64),
            bindings: Vec::with_capacity(8),
            marks: Vec::with_capacity(32),
        }
    }
}

impl Scope {
    /// Opens the scope of an element; its declarations follow.
    #[inline]
    pub(crate) fn open(&mut self) {
        self.marks.push(self.bindings.len() as u32);
    }

    /// Closes the innermost element's scope, dropping its declarations.
    #[inline]
    pub(crate) fn close(&mut self) {
        if let Some(mark) = self.marks.pop() {
            let mark = mark as usize;
            if mark < self.bindings.len() {
                self.prefixes.truncate(self.bindings[mark].start as usize);
                self.bindings.truncate(mark);
            }
        }
    }

    /// The number of declarations in scope.
    pub(crate) fn len(&self) -> usize {
        self.bindings.len()
    }

    /// Declares `prefix` (`""` for the default namespace) as `ns` in the innermost scope.
    /// `NsId::NONE` undeclares the default namespace (`xmlns=""`).
    pub(crate) fn declare(&mut self, prefix: &str, ns: NsId) {
        let start = self.prefixes.len() as u32;
        self.prefixes.push_str(prefix);
        self.bindings.push(Binding {
            start,
            len: prefix.len() as u32,
            ns,
        });
    }

    fn prefix(&self, b: &Binding) -> &str {
        &self.prefixes[b.start as usize..(b.start + b.len) as usize]
    }

    /// The namespace `prefix` is bound to (`""`: the default namespace, `NsId::NONE` when
    /// there is none); `None` for a prefix that is not declared.
    #[inline]
    pub(crate) fn lookup(&self, prefix: &str) -> Option<NsId> {
        match self
            .bindings
            .iter()
            .rev()
            .find(|b| b.len as usize == prefix.len() && self.prefix(b) == prefix)
        {
            Some(b) => Some(b.ns),
            None if prefix.is_empty() => Some(NsId::NONE),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bindings_follow_element_scopes() {
        let mut s = Scope::default();
        assert_eq!(s.lookup(""), Some(NsId::NONE));
        assert_eq!(s.lookup("p"), None);
        s.open();
        s.declare("", NsId(1));
        s.declare("p", NsId(2));
        s.open();
        s.open();
        s.declare("p", NsId(3));
        s.declare("", NsId::NONE);
        assert_eq!(s.lookup("p"), Some(NsId(3)));
        assert_eq!(s.lookup(""), Some(NsId::NONE));
        assert_eq!(s.lookup("pp"), None);
        s.close();
        assert_eq!(s.lookup("p"), Some(NsId(2)));
        assert_eq!(s.lookup(""), Some(NsId(1)));
        assert_eq!(s.len(), 2);
        s.close();
        s.close();
        assert_eq!(s.len(), 0);
        assert_eq!(s.lookup("p"), None);
        // More closes than opens do nothing.
        s.close();
        assert_eq!(s.len(), 0);
    }
}
