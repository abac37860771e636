//! Structs, choice enums and `xsi:type` family enums, with their readers and writers.

use super::names::*;
use crate::plan::*;
use proc_macro2::TokenStream;
use quote::quote;

fn occurs_bounds(min: u32, max: Option<u32>) -> (TokenStream, TokenStream) {
    let lit = proc_macro2::Literal::u32_unsuffixed;
    let max = match max {
        Some(m) => {
            let m = lit(m);
            quote!(Some(#m))
        }
        None => quote!(None),
    };
    let min = lit(min);
    (quote!(#min), max)
}

/// The Rust type of a field or variant payload.
fn kind_type(
    plan: &Plan,
    cur: usize,
    kind: &FieldKind,
    occurs: Occurs,
    boxed: bool,
) -> TokenStream {
    let base = match kind {
        FieldKind::Element { value, .. } => value_type(plan, Some(cur), value),
        FieldKind::Group { item, .. } => item_path(plan, Some(cur), item),
        FieldKind::Any(_) => quote!(super::Any),
    };
    let base = if boxed { quote!(Box<#base>) } else { base };
    match occurs {
        Occurs::One => base,
        Occurs::Optional => quote!(Option<#base>),
        Occurs::Many { .. } => quote!(Vec<#base>),
    }
}

/// An expression reading a field or variant payload (`?` inside).
fn kind_read(
    plan: &Plan,
    cur: usize,
    kind: &FieldKind,
    occurs: Occurs,
    boxed: bool,
) -> TokenStream {
    let wrap_one = |e: TokenStream| if boxed { quote!(Box::new(#e)) } else { e };
    let wrap_opt = |e: TokenStream| if boxed { quote!(#e.map(Box::new)) } else { e };
    match kind {
        FieldKind::Element {
            name: n,
            value,
            fixed,
        } => {
            let n = name(plan, n, false);
            let f = value_reader(plan, Some(cur), value, fixed.as_deref());
            match occurs {
                Occurs::One => wrap_one(quote!(r.required(&#n, #f)?)),
                Occurs::Optional => wrap_opt(quote!(r.optional(&#n, #f)?)),
                Occurs::Many { min, max } => {
                    let (min, max) = occurs_bounds(min, max);
                    quote!(r.repeated(&#n, #min, #max, #f)?)
                }
            }
        }
        FieldKind::Group {
            item,
            is_choice,
            first,
        } => {
            let p = item_path(plan, Some(cur), item);
            let method = if *is_choice {
                quote!(read_choice)
            } else {
                quote!(read_group)
            };
            let names = first_names(plan, first);
            match occurs {
                Occurs::One => wrap_one(quote!(match #p::#method(r)? {
                    Some(v) => v,
                    None => return Err(r.expected(#names)),
                })),
                Occurs::Optional => wrap_opt(quote!(#p::#method(r)?)),
                Occurs::Many { min, max } => {
                    let (min, max) = occurs_bounds(min, max);
                    let what = if *is_choice {
                        "xs:choice"
                    } else {
                        "xs:sequence"
                    };
                    quote!(r.repeat_group(#what, #min, #max, #p::#method)?)
                }
            }
        }
        FieldKind::Any(w) => {
            let w = wildcard(plan, w);
            match occurs {
                Occurs::One => quote!(if r.next_matches(&#w)? {
                    r.any::<super::Document>(&#w)?
                } else {
                    return Err(r.expected(&[]));
                }),
                Occurs::Optional => quote!(if r.next_matches(&#w)? {
                    Some(r.any::<super::Document>(&#w)?)
                } else {
                    None
                }),
                Occurs::Many { min, max } => {
                    let (min, max) = occurs_bounds(min, max);
                    quote!(r.any_repeated::<super::Document>(&#w, #min, #max)?)
                }
            }
        }
    }
}

/// Statements writing one value of a field kind; `r` is a reference to the value and `recv` a
/// receiver expression for method calls (a place such as `self.f`, or the same reference).
fn kind_write_one(
    plan: &Plan,
    kind: &FieldKind,
    r: &TokenStream,
    recv: &TokenStream,
) -> TokenStream {
    match kind {
        FieldKind::Element { name: n, value, .. } => value_writer(plan, value, n, r, recv, false),
        FieldKind::Group { is_choice, .. } => {
            if *is_choice {
                quote!(#recv.write_choice(w)?;)
            } else {
                quote!(#recv.write_group(w)?;)
            }
        }
        FieldKind::Any(wc) => {
            let wc = wildcard(plan, wc);
            quote!(#recv.write_in(&#wc, w)?;)
        }
    }
}

/// Statements writing a field or variant payload: `place` is a place expression of the field
/// (`self.f`) or, with `bound`, a variable already holding a reference to it.
fn kind_write(
    plan: &Plan,
    kind: &FieldKind,
    occurs: Occurs,
    place: TokenStream,
    bound: bool,
) -> TokenStream {
    let as_ref = if bound {
        place.clone()
    } else {
        quote!(&#place)
    };
    let v = quote!(v);
    match occurs {
        Occurs::One => kind_write_one(plan, kind, &as_ref, &place),
        Occurs::Optional => {
            let one = kind_write_one(plan, kind, &v, &v);
            quote!(if let Some(v) = #as_ref { #one })
        }
        Occurs::Many { min, max } => {
            let one = kind_write_one(plan, kind, &v, &v);
            let (min_raw, max_raw) = (min, max);
            let (min, max) = occurs_bounds(min, max);
            let n = match kind {
                FieldKind::Element { name: n, .. } => name(plan, n, false),
                FieldKind::Group { .. } => quote!(li707::xml::Name::new(0, "(group)")),
                FieldKind::Any(_) => quote!(li707::xml::Name::new(0, "(wildcard)")),
            };
            let check = (min_raw > 0 || max_raw.is_some())
                .then(|| quote!(w.check_occurs(&#n, #place.len(), #min, #max)?;));
            quote! {
                #check
                for v in #as_ref { #one }
            }
        }
    }
}

fn field_defs(plan: &Plan, cur: usize, fields: &[FieldPlan]) -> Vec<TokenStream> {
    fields
        .iter()
        .map(|f| {
            let id = ident(&f.ident);
            let ty = kind_type(plan, cur, &f.kind, f.occurs, f.boxed);
            let d = doc(&f.doc);
            quote!(#d pub #id: #ty)
        })
        .collect()
}

fn attr_type(plan: &Plan, cur: usize, a: &AttrPlan) -> TokenStream {
    let t = simple_type(plan, Some(cur), &a.value);
    if a.required {
        t
    } else {
        quote!(Option<#t>)
    }
}

/// Reads the attributes of `start` into locals named after the fields.
fn attr_reads(plan: &Plan, cur: usize, s: &StructPlan) -> TokenStream {
    let declared = match &s.type_name {
        Some(n) => {
            let n = name(plan, n, false);
            quote!(Some(&#n))
        }
        None => quote!(None),
    };
    let locals = s.attributes.iter().map(|a| {
        let id = ident(&a.ident);
        let t = simple_type(plan, Some(cur), &a.value);
        quote!(let mut #id: Option<#t> = None;)
    });
    let arms = s.attributes.iter().map(|a| {
        let id = ident(&a.ident);
        let ns = ns_const(plan, a.name.ns, false);
        let local = &a.name.local;
        let parse = simple_parse(plan, Some(cur), &a.value);
        let fixed = a
            .fixed
            .as_ref()
            .map(|f| quote!(li707::xml::check_fixed(&v, &value, #f, #parse)?;));
        quote!((#ns, #local) => {
            let v = #parse(&value)?;
            #fixed
            #id = Some(v);
            Ok(true)
        })
    });
    let required = s.attributes.iter().filter(|a| a.required).map(|a| {
        let id = ident(&a.ident);
        let local = &a.name.local;
        quote!(let #id = match #id {
            Some(v) => v,
            None => return Err(r.missing_attribute(&start, #local)),
        };)
    });
    let body = if s.attributes.is_empty() {
        quote!(|_, _, _| Ok(false))
    } else {
        quote!(|ns, local, value| match (ns.0, local) {
            #(#arms)*
            _ => Ok(false),
        })
    };
    let call = match &s.any_attribute {
        Some(w) => {
            let c = ns_constraint(plan, w);
            quote! {
                let mut other_attributes = Vec::new();
                r.attributes_with_any(&start, #declared, &#c, &mut other_attributes, #body)?;
            }
        }
        None => quote!(r.attributes(&start, #declared, #body)?;),
    };
    quote! {
        #(#locals)*
        #call
        #(#required)*
    }
}

fn attr_writes(plan: &Plan, s: &StructPlan) -> TokenStream {
    let writes = s.attributes.iter().map(|a| {
        let id = ident(&a.ident);
        let n = name(plan, &a.name, false);
        if a.required {
            let text = simple_write(&a.value, quote!(&self.#id));
            quote!(w.attribute(&#n, &#text);)
        } else {
            let text = simple_write(&a.value, quote!(v));
            quote!(if let Some(v) = &self.#id { w.attribute(&#n, &#text); })
        }
    });
    let other = s.any_attribute.as_ref().map(|_| {
        quote!(for a in &self.other_attributes {
            w.raw_attribute(
                a.prefix.as_deref(),
                a.namespace.as_deref(),
                &a.name,
                &a.value,
            );
        })
    });
    quote!(#(#writes)* #other)
}

/// Reads sequence fields into locals.
fn sequence_reads(plan: &Plan, cur: usize, fields: &[FieldPlan]) -> TokenStream {
    let reads = fields.iter().map(|f| {
        let id = ident(&f.ident);
        let e = kind_read(plan, cur, &f.kind, f.occurs, f.boxed);
        quote!(let #id = #e;)
    });
    quote!(#(#reads)*)
}

/// Reads `xs:all` fields in any order.
fn all_reads(plan: &Plan, cur: usize, fields: &[FieldPlan]) -> TokenStream {
    let locals = fields.iter().map(|f| {
        let id = ident(&f.ident);
        quote!(let mut #id = None;)
    });
    let arms = fields.iter().filter_map(|f| {
        let FieldKind::Element {
            name: n,
            value,
            fixed,
        } = &f.kind
        else {
            return None;
        };
        let id = ident(&f.ident);
        let n = name(plan, n, false);
        let reader = value_reader(plan, Some(cur), value, fixed.as_deref());
        let read = if f.boxed {
            quote!(Box::new(r.child(#reader)?))
        } else {
            quote!(r.child(#reader)?)
        };
        Some(quote!(if #id.is_none() && r.next_is(&#n)? {
            #id = Some(#read);
            continue;
        }))
    });
    let finals = fields.iter().filter_map(|f| {
        let FieldKind::Element { name: n, .. } = &f.kind else {
            return None;
        };
        let id = ident(&f.ident);
        let n = name(plan, n, false);
        Some(match f.occurs {
            Occurs::One => quote!(let #id = match #id {
                Some(v) => v,
                None => return Err(r.expected(&[#n])),
            };),
            _ => quote!(),
        })
    });
    quote! {
        #(#locals)*
        loop {
            #(#arms)*
            break;
        }
        #(#finals)*
    }
}

fn field_writes(plan: &Plan, fields: &[FieldPlan]) -> TokenStream {
    let writes = fields.iter().map(|f| {
        let id = ident(&f.ident);
        kind_write(plan, &f.kind, f.occurs, quote!(self.#id), false)
    });
    quote!(#(#writes)*)
}

fn derives(eq: bool) -> TokenStream {
    if eq {
        quote!(#[derive(Debug, Clone, PartialEq, Eq, Hash)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq)])
    }
}

/// A struct and its impl.
pub fn struct_item(plan: &Plan, cur: usize, s: &StructPlan) -> TokenStream {
    let id = ident(&s.ident);
    let d = doc(&s.doc);
    let mut defs: Vec<TokenStream> = s
        .attributes
        .iter()
        .map(|a| {
            let fid = ident(&a.ident);
            let t = attr_type(plan, cur, a);
            let d = doc(&a.doc);
            quote!(#d pub #fid: #t)
        })
        .collect();
    if s.any_attribute.is_some() {
        defs.push(quote!(
            /// Attributes allowed by the `xs:anyAttribute` wildcard.
            pub other_attributes: Vec<li707::xml::RawAttribute>
        ));
    }
    let mut names: Vec<TokenStream> = s
        .attributes
        .iter()
        .map(|a| {
            let i = ident(&a.ident);
            quote!(#i)
        })
        .collect();
    if s.any_attribute.is_some() {
        names.push(quote!(other_attributes));
    }
    let (content_reads, content_writes) = match &s.content {
        StructContent::Empty => (quote!(), quote!()),
        StructContent::AnyType => {
            defs.push(quote!(
                /// The content (`xs:anyType`).
                pub content: li707::xml::AnyContent
            ));
            names.push(quote!(content));
            (
                quote!(let content = li707::xml::AnyContent::default();),
                quote!(self.content.write(w)?;),
            )
        }
        StructContent::Simple(st) => {
            let t = simple_type(plan, Some(cur), st);
            defs.push(quote!(
                /// The simple content.
                pub value: #t
            ));
            names.push(quote!(value));
            let parse = simple_parse(plan, Some(cur), st);
            let text = simple_write(st, quote!(&self.value));
            (
                quote!(let value = #parse(&r.text()?)?;),
                quote!(w.text(&#text);),
            )
        }
        StructContent::Sequence(fields) => {
            defs.extend(field_defs(plan, cur, fields));
            names.extend(fields.iter().map(|f| {
                let i = ident(&f.ident);
                quote!(#i)
            }));
            (
                sequence_reads(plan, cur, fields),
                field_writes(plan, fields),
            )
        }
        StructContent::All(fields) => {
            defs.extend(field_defs(plan, cur, fields));
            names.extend(fields.iter().map(|f| {
                let i = ident(&f.ident);
                quote!(#i)
            }));
            (all_reads(plan, cur, fields), field_writes(plan, fields))
        }
    };
    let simple_content = matches!(s.content, StructContent::Simple(_));
    let any_content = matches!(s.content, StructContent::AnyType);
    let end = if simple_content {
        quote!()
    } else {
        quote!(r.end()?;)
    };
    let xsd = &s.xsd_name;
    let type_const = match &s.type_name {
        Some(n) => {
            let n = name(plan, n, false);
            quote!(
                /// The XSD name of this type (the `xsi:type` value that selects it).
                pub const TYPE_NAME: li707::xml::Name = #n;
            )
        }
        None => quote!(),
    };
    let reader = match &s.group {
        Some(first) => {
            let check = first_check(plan, first);
            quote! {
                /// Reads the group when the next element starts it; `None` otherwise.
                pub fn read_group<'a>(r: &mut li707::xml::Reader<'a>) -> Result<Option<Self>, li707::Error> {
                    if !(#check) {
                        return Ok(None);
                    }
                    #content_reads
                    Ok(Some(Self { #(#names),* }))
                }

                /// Writes the group's elements.
                pub fn write_group(&self, w: &mut li707::xml::Writer) -> Result<(), li707::Error> {
                    #content_writes
                    Ok(())
                }
            }
        }
        None if any_content => {
            let attr_names: Vec<_> = names.iter().take(names.len() - 1).cloned().collect();
            let _ = attr_names;
            quote! {
                #type_const
                /// Reads an element of this type whose start tag was taken.
                pub fn read_content<'a>(r: &mut li707::xml::Reader<'a>, start: li707::xml::Start<'a>) -> Result<Self, li707::Error> {
                    Ok(Self { content: r.any_content(start)? })
                }

                /// Writes the attributes and content of an element of this type.
                pub fn write_content(&self, w: &mut li707::xml::Writer) -> Result<(), li707::Error> {
                    self.content.write(w)
                }
            }
        }
        None => {
            let attrs = attr_reads(plan, cur, s);
            let attr_w = attr_writes(plan, s);
            quote! {
                #type_const
                /// Reads the attributes and content of an element of this type whose start tag
                /// was taken, through its end tag.
                pub fn read_content<'a>(r: &mut li707::xml::Reader<'a>, start: li707::xml::Start<'a>) -> Result<Self, li707::Error> {
                    #attrs
                    #content_reads
                    #end
                    Ok(Self { #(#names),* })
                }

                /// Writes the attributes and content of an element of this type (its start tag
                /// is open).
                pub fn write_content(&self, w: &mut li707::xml::Writer) -> Result<(), li707::Error> {
                    #attr_w
                    #content_writes
                    Ok(())
                }
            }
        }
    };
    let _ = xsd;
    let derive = derives(false);
    let check = super::check::struct_check(plan, cur, s);
    quote! {
        #d
        #derive
        pub struct #id {
            #(#defs,)*
        }

        impl #id {
            #reader
            #check
        }
    }
}

/// A choice enum and its impl.
pub fn choice_item(plan: &Plan, cur: usize, c: &ChoicePlan) -> TokenStream {
    let id = ident(&c.ident);
    let d = doc(&c.doc);
    let variants = c.variants.iter().map(|v| {
        let vid = ident(&v.ident);
        let t = kind_type(plan, cur, &v.kind, v.occurs, v.boxed);
        let d = doc(&v.doc);
        quote!(#d #vid(#t))
    });
    let reads = c.variants.iter().map(|v| {
        let vid = ident(&v.ident);
        let check = first_check(plan, &v.first);
        let e = kind_read(plan, cur, &v.kind, v.occurs, v.boxed);
        quote!(if #check {
            return Ok(Some(Self::#vid(#e)));
        })
    });
    let writes = c.variants.iter().map(|v| {
        let vid = ident(&v.ident);
        let wr = kind_write(plan, &v.kind, v.occurs, quote!(v), true);
        quote!(Self::#vid(v) => { #wr })
    });
    let all_first: Vec<First> = c.variants.iter().flat_map(|v| v.first.clone()).collect();
    let names = first_names(plan, &all_first);
    let check = super::check::choice_check(plan, cur, c);
    let whole = c.whole_type.as_ref().map(|(type_name, _)| {
        let declared = match type_name {
            Some(n) => {
                let n = name(plan, n, false);
                quote!(Some(&#n))
            }
            None => quote!(None),
        };
        let type_const = type_name.as_ref().map(|n| {
            let n = name(plan, n, false);
            quote!(
                /// The XSD name of this type (the `xsi:type` value that selects it).
                pub const TYPE_NAME: li707::xml::Name = #n;
            )
        });
        quote! {
            #type_const
            /// Reads an element of this type whose start tag was taken, through its end tag.
            pub fn read_content<'a>(r: &mut li707::xml::Reader<'a>, start: li707::xml::Start<'a>) -> Result<Self, li707::Error> {
                r.attributes(&start, #declared, |_, _, _| Ok(false))?;
                let v = match Self::read_choice(r)? {
                    Some(v) => v,
                    None => return Err(r.expected(#names)),
                };
                r.end()?;
                Ok(v)
            }

            /// Writes the content of an element of this type.
            pub fn write_content(&self, w: &mut li707::xml::Writer) -> Result<(), li707::Error> {
                self.write_choice(w)
            }
        }
    });
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #id {
            #(#variants,)*
        }

        impl #id {
            /// Reads the alternative that the next element starts; `None` when none does.
            pub fn read_choice<'a>(r: &mut li707::xml::Reader<'a>) -> Result<Option<Self>, li707::Error> {
                #(#reads)*
                Ok(None)
            }

            /// Writes the chosen alternative.
            pub fn write_choice(&self, w: &mut li707::xml::Writer) -> Result<(), li707::Error> {
                match self {
                    #(#writes)*
                }
                Ok(())
            }

            #whole
            #check
        }
    }
}

/// An `xsi:type` family enum and its impl.
pub fn family_item(plan: &Plan, cur: usize, f: &FamilyPlan) -> TokenStream {
    let id = ident(&f.ident);
    let d = doc(&f.doc);
    let xsd = &f.xsd_name;
    let variants = f.variants.iter().map(|v| {
        let vid = ident(&v.ident);
        let p = item_path(plan, Some(cur), &v.item);
        let text = format!(" `xsi:type` `{}`.", v.type_name.local);
        quote!(#[doc = #text] #vid(#p))
    });
    let absent = if f.is_abstract {
        quote!(Err(r.abstract_type(&start, #xsd)))
    } else {
        match f.variants.first() {
            Some(v) => {
                let vid = ident(&v.ident);
                let p = item_path(plan, Some(cur), &v.item);
                quote!(Ok(Self::#vid(#p::read_content(r, start)?)))
            }
            None => quote!(Err(r.abstract_type(&start, #xsd))),
        }
    };
    let arms = f.variants.iter().map(|v| {
        let vid = ident(&v.ident);
        let p = item_path(plan, Some(cur), &v.item);
        let ns = ns_const(plan, v.type_name.ns, false);
        let local = &v.type_name.local;
        quote!((#ns, #local) => Ok(Self::#vid(#p::read_content(r, start)?)),)
    });
    let writes = f.variants.iter().enumerate().map(|(i, v)| {
        let vid = ident(&v.ident);
        let own = !f.is_abstract && i == 0;
        let xsi = if own {
            quote!()
        } else {
            let n = name(plan, &v.type_name, false);
            quote!(w.xsi_type(&#n);)
        };
        quote!(Self::#vid(v) => {
            #xsi
            v.write_content(w)
        })
    });
    let empty = f.variants.is_empty();
    let check = super::check::family_check(plan, cur, f);
    let abstract_arm = f.is_abstract.then(|| {
        let ns = ns_const(plan, f.type_name.ns, false);
        let local = &f.type_name.local;
        quote!((#ns, #local) => Err(r.abstract_type(&start, #xsd)),)
    });
    let read_body = if empty {
        quote!(match r.xsi_type(&start)? {
            None => #absent,
            Some(ty) => Err(r.unknown_xsi_type(&start, &ty, #xsd)),
        })
    } else {
        quote!(match r.xsi_type(&start)? {
            None => #absent,
            Some(ty) => match (ty.0 .0, ty.1.as_str()) {
                #(#arms)*
                #abstract_arm
                _ => Err(r.unknown_xsi_type(&start, &ty, #xsd)),
            },
        })
    };
    let write_body = if empty {
        quote!(let _ = w; match *self {})
    } else {
        quote!(match self { #(#writes)* })
    };
    quote! {
        #d
        #[derive(Debug, Clone, PartialEq)]
        #[allow(clippy::large_enum_variant)]
        pub enum #id {
            #(#variants,)*
        }

        impl #id {
            /// Reads an element declared with this type: `xsi:type` selects the variant.
            pub fn read_content<'a>(r: &mut li707::xml::Reader<'a>, start: li707::xml::Start<'a>) -> Result<Self, li707::Error> {
                #read_body
            }

            /// Writes the variant's attributes (with `xsi:type` naming its type) and content.
            pub fn write_content(&self, w: &mut li707::xml::Writer) -> Result<(), li707::Error> {
                #write_body
            }

            #check
        }
    }
}
