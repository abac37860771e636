//! Interpretation: from the element trees of [`crate::parse`] to the [`Model`].

use super::pattern;
use super::*;
use crate::error::{Error, Result};
use crate::parse::{Node, SchemaDoc, XS_NS};
use std::collections::{HashMap, HashSet};

type Global<'d> = (usize, &'d Node);

/// Attribute uses (with whether each is `prohibited`) and the attribute wildcard.
type AttributeUses = (Vec<(AttributeUse, bool)>, Option<WildcardDef>);

struct Builder<'d> {
    docs: &'d [SchemaDoc],
    types: HashMap<QName, Global<'d>>,
    elements: HashMap<QName, Global<'d>>,
    groups: HashMap<QName, Global<'d>>,
    attribute_groups: HashMap<QName, Global<'d>>,
    attributes: HashMap<QName, Global<'d>>,
    out: Vec<Option<TypeDef>>,
    ids: HashMap<QName, TypeId>,
    in_progress: HashSet<TypeId>,
    element_types: HashMap<QName, TypeRef>,
    wildcard_namespaces: Vec<String>,
}

/// Builds the model of a loaded schema set.
pub fn build(docs: &[SchemaDoc]) -> Result<Model> {
    let mut b = Builder {
        docs,
        types: HashMap::new(),
        elements: HashMap::new(),
        groups: HashMap::new(),
        attribute_groups: HashMap::new(),
        attributes: HashMap::new(),
        out: Vec::new(),
        ids: HashMap::new(),
        in_progress: HashSet::new(),
        element_types: HashMap::new(),
        wildcard_namespaces: Vec::new(),
    };
    b.register()?;
    let named: Vec<(QName, TypeId)> = {
        let mut v: Vec<_> = b.ids.iter().map(|(q, i)| (q.clone(), *i)).collect();
        v.sort_by_key(|(_, i)| *i);
        v
    };
    for (_, id) in &named {
        b.ensure(*id)?;
    }
    let mut elements = Vec::new();
    for (di, doc) in docs.iter().enumerate() {
        for node in doc.root.children.iter().filter(|c| c.is_xs("element")) {
            let name = QName::new(&doc.target_ns, node.attr("name").unwrap_or(""));
            let ty = b.global_element_type(&name, di, node)?;
            elements.push(GlobalElement {
                name,
                ty,
                doc: node.documentation(),
                is_abstract: node.attr("abstract") == Some("true"),
            });
        }
    }
    let mut namespaces: Vec<NsInfo> = Vec::new();
    let add_ns = |uri: &str, namespaces: &mut Vec<NsInfo>| {
        if !uri.is_empty() && !namespaces.iter().any(|n| n.uri == uri) {
            namespaces.push(NsInfo {
                uri: uri.to_owned(),
                declared_prefix: None,
            });
        }
    };
    for doc in docs {
        add_ns(&doc.target_ns, &mut namespaces);
    }
    for uri in &b.wildcard_namespaces {
        add_ns(uri, &mut namespaces);
    }
    for doc in docs {
        for (prefix, uri) in doc.root.scope.iter() {
            if prefix.is_empty() || prefix == "xml" || prefix == "xsi" {
                continue;
            }
            let taken = namespaces
                .iter()
                .any(|n| n.declared_prefix.as_deref() == Some(prefix));
            if let Some(ns) = namespaces.iter_mut().find(|n| &n.uri == uri) {
                if ns.declared_prefix.is_none() && !taken {
                    ns.declared_prefix = Some(prefix.clone());
                }
            }
        }
    }
    let types = b
        .out
        .into_iter()
        .enumerate()
        .map(|(i, t)| t.ok_or_else(|| Error::msg(format!("internal: type {i} was not built"))))
        .collect::<Result<Vec<_>>>()?;
    Ok(Model {
        namespaces,
        types,
        elements,
        files: docs.iter().map(|d| d.path.clone()).collect(),
    })
}

fn parse_occurs(doc: &SchemaDoc, node: &Node) -> Result<(u32, Option<u32>)> {
    let num = |v: &str| {
        v.trim().parse::<u32>().map_err(|_| {
            Error::at(
                &doc.path,
                node.line,
                format!("invalid occurrence value `{v}`"),
            )
        })
    };
    let min = node.attr("minOccurs").map(num).transpose()?.unwrap_or(1);
    let max = match node.attr("maxOccurs").map(str::trim) {
        Some("unbounded") => None,
        Some(v) => Some(num(v)?),
        None => Some(1),
    };
    if max.is_some_and(|m| m < min) {
        return Err(Error::at(
            &doc.path,
            node.line,
            "maxOccurs is less than minOccurs",
        ));
    }
    Ok((min, max))
}

impl<'d> Builder<'d> {
    fn err(&self, di: usize, node: &Node, msg: impl Into<String>) -> Error {
        Error::at(&self.docs[di].path, node.line, msg)
    }

    fn register(&mut self) -> Result<()> {
        for (di, doc) in self.docs.iter().enumerate() {
            for node in doc.root.children.iter().filter(|c| c.ns == XS_NS) {
                let kind = node.local.as_str();
                let map = match kind {
                    "simpleType" | "complexType" => &mut self.types,
                    "element" => &mut self.elements,
                    "group" => &mut self.groups,
                    "attributeGroup" => &mut self.attribute_groups,
                    "attribute" => &mut self.attributes,
                    "notation" => continue,
                    _ => continue,
                };
                let Some(name) = node.attr("name") else {
                    return Err(Error::at(
                        &doc.path,
                        node.line,
                        format!("global xs:{kind} without a name"),
                    ));
                };
                let q = QName::new(&doc.target_ns, name);
                if let Some((odi, onode)) = map.get(&q) {
                    return Err(Error::at(
                        &doc.path,
                        node.line,
                        format!(
                            "{q} is defined twice (also at {}:{})",
                            self.docs[*odi].path.display(),
                            onode.line
                        ),
                    ));
                }
                map.insert(q.clone(), (di, node));
                if kind == "simpleType" || kind == "complexType" {
                    let id = self.out.len();
                    self.out.push(None);
                    self.ids.insert(q, id);
                }
            }
        }
        Ok(())
    }

    fn resolve(&self, di: usize, node: &Node, value: &str) -> Result<QName> {
        node.resolve_qname(value)
            .map(|(ns, local)| QName { ns, local })
            .ok_or_else(|| self.err(di, node, format!("prefix of `{value}` is not bound")))
    }

    fn type_ref(&self, di: usize, node: &Node, value: &str) -> Result<TypeRef> {
        let q = self.resolve(di, node, value)?;
        if q.ns == XS_NS {
            return Builtin::from_local(&q.local)
                .map(TypeRef::Builtin)
                .ok_or_else(|| {
                    self.err(di, node, format!("unknown built-in type xs:{}", q.local))
                });
        }
        self.ids.get(&q).map(|&i| TypeRef::Def(i)).ok_or_else(|| {
            self.err(
                di,
                node,
                format!("unknown type {q} (is its schema loaded?)"),
            )
        })
    }

    /// Builds the named type `id` if not built yet.
    fn ensure(&mut self, id: TypeId) -> Result<()> {
        if self.out[id].is_some() {
            return Ok(());
        }
        let (q, (di, node)) = self
            .ids
            .iter()
            .find(|(_, &i)| i == id)
            .and_then(|(q, _)| self.types.get(q).map(|g| (q.clone(), *g)))
            .ok_or_else(|| Error::msg(format!("internal: type {id} has no definition")))?;
        if !self.in_progress.insert(id) {
            return Err(self.err(di, node, format!("type {q} derives from itself")));
        }
        let def = self.type_def(di, node, Some(q), String::new(), id)?;
        self.in_progress.remove(&id);
        self.out[id] = Some(def);
        Ok(())
    }

    /// Builds an anonymous type and returns its id.
    fn anonymous(&mut self, di: usize, node: &'d Node, hint: &str) -> Result<TypeId> {
        let id = self.out.len();
        self.out.push(None);
        let def = self.type_def(di, node, None, hint.to_owned(), id)?;
        self.out[id] = Some(def);
        Ok(id)
    }

    fn type_def(
        &mut self,
        di: usize,
        node: &'d Node,
        name: Option<QName>,
        hint: String,
        _id: TypeId,
    ) -> Result<TypeDef> {
        let body = if node.is_xs("simpleType") {
            let h = name.as_ref().map_or(hint.clone(), |q| q.local.clone());
            TypeBody::Simple(self.simple_def(di, node, &h)?)
        } else {
            let h = name.as_ref().map_or(hint.clone(), |q| q.local.clone());
            TypeBody::Complex(self.complex_def(di, node, &h)?)
        };
        Ok(TypeDef {
            name,
            hint,
            ns: self.docs[di].target_ns.clone(),
            doc: node.documentation(),
            body,
            file: self.docs[di].path.clone(),
            line: node.line,
        })
    }

    fn simple_def(&mut self, di: usize, node: &'d Node, hint: &str) -> Result<SimpleDef> {
        let Some(child) = node.xs_children().next() else {
            return Err(self.err(di, node, "xs:simpleType without restriction, list or union"));
        };
        match child.local.as_str() {
            "restriction" => {
                let base = match child.attr("base") {
                    Some(b) => self.type_ref(di, child, b)?,
                    None => {
                        let inner = child
                            .xs_children()
                            .find(|c| c.is_xs("simpleType"))
                            .ok_or_else(|| self.err(di, child, "xs:restriction without base"))?;
                        TypeRef::Def(self.anonymous(di, inner, hint)?)
                    }
                };
                let facets = self.facets(di, child)?;
                Ok(SimpleDef::Atomic {
                    base,
                    facets: Box::new(facets),
                })
            }
            "list" => {
                let item = match child.attr("itemType") {
                    Some(t) => self.type_ref(di, child, t)?,
                    None => {
                        let inner = child
                            .xs_children()
                            .find(|c| c.is_xs("simpleType"))
                            .ok_or_else(|| self.err(di, child, "xs:list without itemType"))?;
                        TypeRef::Def(self.anonymous(di, inner, &format!("{hint}Item"))?)
                    }
                };
                Ok(SimpleDef::List { item })
            }
            "union" => {
                let mut members = Vec::new();
                if let Some(list) = child.attr("memberTypes") {
                    for m in list.split_whitespace() {
                        members.push(self.type_ref(di, child, m)?);
                    }
                }
                for (i, inner) in child
                    .xs_children()
                    .filter(|c| c.is_xs("simpleType"))
                    .enumerate()
                {
                    members.push(TypeRef::Def(self.anonymous(
                        di,
                        inner,
                        &format!("{hint}Member{i}"),
                    )?));
                }
                if members.is_empty() {
                    return Err(self.err(di, child, "xs:union without member types"));
                }
                Ok(SimpleDef::Union { members })
            }
            other => Err(self.err(di, child, format!("unexpected xs:{other} in xs:simpleType"))),
        }
    }

    fn facets(&self, di: usize, restriction: &Node) -> Result<Facets> {
        let mut f = Facets::default();
        for c in restriction.xs_children() {
            let value = c.attr("value").unwrap_or("").to_owned();
            let num = |v: &str| {
                v.trim()
                    .parse::<u64>()
                    .map_err(|_| self.err(di, c, format!("invalid xs:{} value `{v}`", c.local)))
            };
            match c.local.as_str() {
                "pattern" => {
                    let rust = pattern::translate(&value).map_err(|e| {
                        self.err(
                            di,
                            c,
                            format!("pattern `{value}` cannot be translated: {e}"),
                        )
                    })?;
                    regex::Regex::new(&rust).map_err(|e| {
                        self.err(
                            di,
                            c,
                            format!("pattern `{value}` translates to an invalid expression: {e}"),
                        )
                    })?;
                    f.patterns.push(Pattern { xsd: value, rust });
                }
                "enumeration" => f.enumerations.push((value, c.documentation())),
                "length" => f.length = Some(num(&value)?),
                "minLength" => f.min_length = Some(num(&value)?),
                "maxLength" => f.max_length = Some(num(&value)?),
                "minInclusive" => f.min_inclusive = Some(value),
                "maxInclusive" => f.max_inclusive = Some(value),
                "minExclusive" => f.min_exclusive = Some(value),
                "maxExclusive" => f.max_exclusive = Some(value),
                "totalDigits" => f.total_digits = Some(num(&value)? as u32),
                "fractionDigits" => f.fraction_digits = Some(num(&value)? as u32),
                "whiteSpace" => {
                    f.white_space = Some(match value.as_str() {
                        "preserve" => WhiteSpace::Preserve,
                        "replace" => WhiteSpace::Replace,
                        "collapse" => WhiteSpace::Collapse,
                        v => return Err(self.err(di, c, format!("invalid whiteSpace `{v}`"))),
                    })
                }
                "simpleType" | "attribute" | "attributeGroup" | "anyAttribute" | "sequence"
                | "choice" | "all" | "group" => {}
                other => return Err(self.err(di, c, format!("facet xs:{other} is not supported"))),
            }
        }
        Ok(f)
    }

    fn complex_def(&mut self, di: usize, node: &'d Node, hint: &str) -> Result<ComplexDef> {
        let is_abstract = node.attr("abstract") == Some("true");
        let mixed = node.attr("mixed") == Some("true");
        let first = node.xs_children().next();
        let def = match first.map(|c| c.local.as_str()) {
            Some("simpleContent") => self.simple_content(di, first.unwrap_or(node), hint)?,
            Some("complexContent") => {
                let cc = first.unwrap_or(node);
                if mixed || cc.attr("mixed") == Some("true") {
                    return Err(self.err(di, cc, "mixed content is not supported"));
                }
                self.complex_content(di, cc)?
            }
            _ => {
                let particle = self.content_particle(di, node)?;
                if mixed {
                    return Err(self.err(di, node, "mixed content is not supported"));
                }
                let (own_attrs, any_attribute) = self.attribute_uses(di, node)?;
                let attributes = declared(own_attrs).collect();
                ComplexDef {
                    is_abstract: false,
                    base: None,
                    content: particle.map_or(Content::Empty, Content::Elements),
                    attributes,
                    any_attribute,
                }
            }
        };
        Ok(ComplexDef { is_abstract, ..def })
    }

    /// The particle of a complex type or derivation step (its sequence/choice/all/group).
    fn content_particle(&mut self, di: usize, node: &'d Node) -> Result<Option<Particle>> {
        for c in node.xs_children() {
            if matches!(c.local.as_str(), "sequence" | "choice" | "all" | "group") {
                return self.particle(di, c);
            }
        }
        Ok(None)
    }

    fn base_def(&mut self, di: usize, node: &Node, base: TypeRef) -> Result<Option<ComplexDef>> {
        match base {
            TypeRef::Def(id) => {
                self.ensure_any(id, di, node)?;
                match self.out[id].as_ref().map(|t| &t.body) {
                    Some(TypeBody::Complex(c)) => Ok(Some(c.clone())),
                    _ => Ok(None),
                }
            }
            TypeRef::Builtin(_) => Ok(None),
        }
    }

    fn ensure_any(&mut self, id: TypeId, di: usize, node: &Node) -> Result<()> {
        if self.out[id].is_some() {
            return Ok(());
        }
        if self.in_progress.contains(&id) {
            return Err(self.err(di, node, "circular type derivation"));
        }
        self.ensure(id)
    }

    fn complex_content(&mut self, di: usize, cc: &'d Node) -> Result<ComplexDef> {
        let step = cc.xs_children().next().ok_or_else(|| {
            self.err(di, cc, "xs:complexContent without extension or restriction")
        })?;
        let base_name = step
            .attr("base")
            .ok_or_else(|| self.err(di, step, "derivation without base"))?;
        let base = self.type_ref(di, step, base_name)?;
        let base_def = self.base_def(di, step, base)?;
        let own = self.content_particle(di, step)?;
        let (own_attrs, own_any) = self.attribute_uses(di, step)?;
        match step.local.as_str() {
            "extension" => {
                let base_content = base_def
                    .as_ref()
                    .map_or(Content::Empty, |b| b.content.clone());
                let content = match (base_content, own) {
                    (Content::Empty, None) => Content::Empty,
                    (Content::Empty, Some(p)) => Content::Elements(p),
                    (Content::Elements(b), None) => Content::Elements(b),
                    (Content::Elements(b), Some(p)) => Content::Elements(Particle {
                        min: 1,
                        max: Some(1),
                        term: Term::Sequence(vec![b, p]),
                    }),
                    (Content::AnyType, _) => Content::AnyType,
                    (Content::Simple(_), _) => {
                        return Err(self.err(
                            di,
                            step,
                            "complexContent extension of a simple-content type",
                        ))
                    }
                };
                let mut attributes = base_def
                    .as_ref()
                    .map_or(Vec::new(), |b| b.attributes.clone());
                attributes.extend(declared(own_attrs));
                let any_attribute = own_any.or(base_def.and_then(|b| b.any_attribute));
                Ok(ComplexDef {
                    is_abstract: false,
                    base: Some(base),
                    content,
                    attributes,
                    any_attribute,
                })
            }
            "restriction" => {
                let mut attributes = base_def
                    .as_ref()
                    .map_or(Vec::new(), |b| b.attributes.clone());
                merge_restricted_attributes(&mut attributes, own_attrs);
                Ok(ComplexDef {
                    is_abstract: false,
                    base: Some(base),
                    content: own.map_or(Content::Empty, Content::Elements),
                    attributes,
                    any_attribute: own_any,
                })
            }
            other => Err(self.err(
                di,
                step,
                format!("unexpected xs:{other} in xs:complexContent"),
            )),
        }
    }

    fn simple_content(&mut self, di: usize, sc: &'d Node, hint: &str) -> Result<ComplexDef> {
        let step = sc
            .xs_children()
            .next()
            .ok_or_else(|| self.err(di, sc, "xs:simpleContent without extension or restriction"))?;
        let base_name = step
            .attr("base")
            .ok_or_else(|| self.err(di, step, "derivation without base"))?;
        let base = self.type_ref(di, step, base_name)?;
        let base_def = self.base_def(di, step, base)?;
        let value = match &base_def {
            Some(ComplexDef {
                content: Content::Simple(t),
                ..
            }) => *t,
            Some(_) => {
                return Err(self.err(
                    di,
                    step,
                    "simpleContent derived from a type without simple content",
                ))
            }
            None => base,
        };
        let (own_attrs, own_any) = self.attribute_uses(di, step)?;
        let mut attributes = base_def
            .as_ref()
            .map_or(Vec::new(), |b| b.attributes.clone());
        let value = if step.is_xs("restriction") {
            merge_restricted_attributes(&mut attributes, own_attrs);
            let facets = self.facets(di, step)?;
            let has_facets = !facets.patterns.is_empty()
                || !facets.enumerations.is_empty()
                || facets.length.is_some()
                || facets.min_length.is_some()
                || facets.max_length.is_some()
                || facets.min_inclusive.is_some()
                || facets.max_inclusive.is_some()
                || facets.min_exclusive.is_some()
                || facets.max_exclusive.is_some()
                || facets.total_digits.is_some()
                || facets.fraction_digits.is_some();
            if has_facets {
                let id = self.out.len();
                self.out.push(Some(TypeDef {
                    name: None,
                    hint: format!("{hint}Value"),
                    ns: self.docs[di].target_ns.clone(),
                    doc: None,
                    body: TypeBody::Simple(SimpleDef::Atomic {
                        base: value,
                        facets: Box::new(facets),
                    }),
                    file: self.docs[di].path.clone(),
                    line: step.line,
                }));
                TypeRef::Def(id)
            } else {
                value
            }
        } else {
            attributes.extend(declared(own_attrs));
            value
        };
        Ok(ComplexDef {
            is_abstract: false,
            base: Some(base),
            content: Content::Simple(value),
            attributes,
            any_attribute: own_any.or(base_def.and_then(|b| b.any_attribute)),
        })
    }

    fn particle(&mut self, di: usize, node: &'d Node) -> Result<Option<Particle>> {
        let doc = &self.docs[di];
        let (min, max) = parse_occurs(doc, node)?;
        let term = match node.local.as_str() {
            "element" => Term::Element(self.element_use(di, node)?),
            "sequence" | "choice" | "all" => {
                let mut items = Vec::new();
                for c in node.xs_children() {
                    if let Some(p) = self.particle(di, c)? {
                        items.push(p);
                    }
                }
                match node.local.as_str() {
                    "sequence" => Term::Sequence(items),
                    "choice" => Term::Choice(items),
                    _ => Term::All(items),
                }
            }
            "group" => {
                let r = node
                    .attr("ref")
                    .ok_or_else(|| self.err(di, node, "local xs:group without ref"))?;
                let q = self.resolve(di, node, r)?;
                let (gdi, gnode) = *self
                    .groups
                    .get(&q)
                    .ok_or_else(|| self.err(di, node, format!("unknown group {q}")))?;
                let inner = gnode
                    .xs_children()
                    .next()
                    .ok_or_else(|| self.err(gdi, gnode, "empty xs:group"))?;
                let Some(p) = self.particle(gdi, inner)? else {
                    return Ok(None);
                };
                return Ok(Some(Particle {
                    min: min * p.min,
                    max: match (max, p.max) {
                        (Some(a), Some(b)) => Some(a * b),
                        _ => None,
                    },
                    term: p.term,
                }));
            }
            "any" => Term::Any(self.wildcard(di, node)?),
            "attribute" | "attributeGroup" | "anyAttribute" => return Ok(None),
            other => {
                return Err(self.err(
                    di,
                    node,
                    format!("xs:{other} is not supported in a content model"),
                ))
            }
        };
        if max == Some(0) {
            return Ok(None);
        }
        Ok(Some(Particle { min, max, term }))
    }

    fn wildcard(&mut self, di: usize, node: &Node) -> Result<WildcardDef> {
        let target = self.docs[di].target_ns.clone();
        let namespaces = match node.attr("namespace").map(str::trim) {
            None | Some("##any") => NsConstraint::Any,
            Some("##other") => NsConstraint::Other(target),
            Some(list) => {
                let mut v = Vec::new();
                for t in list.split_whitespace() {
                    let uri = match t {
                        "##targetNamespace" => target.clone(),
                        "##local" => String::new(),
                        t if t.starts_with("##") => {
                            return Err(self.err(di, node, format!("invalid namespace token {t}")))
                        }
                        t => t.to_owned(),
                    };
                    if !uri.is_empty() && !self.wildcard_namespaces.contains(&uri) {
                        self.wildcard_namespaces.push(uri.clone());
                    }
                    v.push(uri);
                }
                NsConstraint::List(v)
            }
        };
        let process = match node.attr("processContents").map(str::trim) {
            None | Some("strict") => Process::Strict,
            Some("lax") => Process::Lax,
            Some("skip") => Process::Skip,
            Some(v) => return Err(self.err(di, node, format!("invalid processContents `{v}`"))),
        };
        Ok(WildcardDef {
            namespaces,
            process,
        })
    }

    fn element_use(&mut self, di: usize, node: &'d Node) -> Result<ElementUse> {
        if let Some(r) = node.attr("ref") {
            let q = self.resolve(di, node, r)?;
            let (gdi, gnode) = *self
                .elements
                .get(&q)
                .ok_or_else(|| self.err(di, node, format!("unknown element {q}")))?;
            if gnode.attr("abstract") == Some("true") || gnode.attr("substitutionGroup").is_some() {
                return Err(self.err(di, node, "substitution groups are not supported"));
            }
            let ty = self.global_element_type(&q, gdi, gnode)?;
            return Ok(ElementUse {
                name: q,
                ty,
                doc: node.documentation().or_else(|| gnode.documentation()),
                fixed: gnode.attr("fixed").map(str::to_owned),
                nillable: gnode.attr("nillable") == Some("true"),
            });
        }
        let doc = &self.docs[di];
        let local = node
            .attr("name")
            .ok_or_else(|| self.err(di, node, "local xs:element without name or ref"))?;
        let qualified = match node.attr("form") {
            Some("qualified") => true,
            Some("unqualified") => false,
            _ => doc.elements_qualified,
        };
        let ns = if qualified {
            doc.target_ns.clone()
        } else {
            String::new()
        };
        let ty = self.element_type(di, node, local)?;
        Ok(ElementUse {
            name: QName::new(&ns, local),
            ty,
            doc: node.documentation(),
            fixed: node.attr("fixed").map(str::to_owned),
            nillable: node.attr("nillable") == Some("true"),
        })
    }

    fn element_type(&mut self, di: usize, node: &'d Node, local: &str) -> Result<TypeRef> {
        if let Some(t) = node.attr("type") {
            return self.type_ref(di, node, t);
        }
        if let Some(inner) = node
            .xs_children()
            .find(|c| c.is_xs("complexType") || c.is_xs("simpleType"))
        {
            return Ok(TypeRef::Def(self.anonymous(di, inner, local)?));
        }
        Ok(TypeRef::Builtin(Builtin::AnyType))
    }

    fn global_element_type(&mut self, q: &QName, di: usize, node: &'d Node) -> Result<TypeRef> {
        if let Some(t) = self.element_types.get(q) {
            return Ok(*t);
        }
        if node.attr("substitutionGroup").is_some() {
            return Err(self.err(di, node, "substitution groups are not supported"));
        }
        let ty = self.element_type(di, node, &q.local)?;
        self.element_types.insert(q.clone(), ty);
        Ok(ty)
    }

    fn attribute_uses(&mut self, di: usize, node: &'d Node) -> Result<AttributeUses> {
        let mut uses = Vec::new();
        let mut any = None;
        for c in node.xs_children() {
            match c.local.as_str() {
                "attribute" => {
                    let prohibited = c.attr("use") == Some("prohibited");
                    uses.push((self.attribute_use(di, c)?, prohibited));
                }
                "attributeGroup" => {
                    let r = c
                        .attr("ref")
                        .ok_or_else(|| self.err(di, c, "local xs:attributeGroup without ref"))?;
                    let q = self.resolve(di, c, r)?;
                    let (gdi, gnode) = *self
                        .attribute_groups
                        .get(&q)
                        .ok_or_else(|| self.err(di, c, format!("unknown attribute group {q}")))?;
                    let (more, more_any) = self.attribute_uses(gdi, gnode)?;
                    uses.extend(more);
                    any = any.or(more_any);
                }
                "anyAttribute" => any = Some(self.wildcard(di, c)?),
                _ => {}
            }
        }
        Ok((uses, any))
    }

    fn attribute_use(&mut self, di: usize, node: &'d Node) -> Result<AttributeUse> {
        let required = node.attr("use") == Some("required");
        if let Some(r) = node.attr("ref") {
            let q = self.resolve(di, node, r)?;
            let (gdi, gnode) = *self
                .attributes
                .get(&q)
                .ok_or_else(|| self.err(di, node, format!("unknown attribute {q}")))?;
            let ty = self.attribute_type(gdi, gnode, &q.local)?;
            return Ok(AttributeUse {
                name: q,
                ty,
                required,
                fixed: node
                    .attr("fixed")
                    .or(gnode.attr("fixed"))
                    .map(str::to_owned),
                doc: node.documentation().or_else(|| gnode.documentation()),
            });
        }
        let doc = &self.docs[di];
        let local = node
            .attr("name")
            .ok_or_else(|| self.err(di, node, "xs:attribute without name or ref"))?;
        let qualified = match node.attr("form") {
            Some("qualified") => true,
            Some("unqualified") => false,
            _ => doc.attributes_qualified,
        };
        let ns = if qualified {
            doc.target_ns.clone()
        } else {
            String::new()
        };
        let ty = self.attribute_type(di, node, local)?;
        Ok(AttributeUse {
            name: QName::new(&ns, local),
            ty,
            required,
            fixed: node.attr("fixed").map(str::to_owned),
            doc: node.documentation(),
        })
    }

    fn attribute_type(&mut self, di: usize, node: &'d Node, local: &str) -> Result<TypeRef> {
        if let Some(t) = node.attr("type") {
            return self.type_ref(di, node, t);
        }
        if let Some(inner) = node.xs_children().find(|c| c.is_xs("simpleType")) {
            return Ok(TypeRef::Def(self.anonymous(di, inner, local)?));
        }
        Ok(TypeRef::Builtin(Builtin::AnySimpleType))
    }
}

/// A restriction's attribute uses replace the base's uses of the same name; `prohibited`
/// removes them.
fn merge_restricted_attributes(base: &mut Vec<AttributeUse>, own: Vec<(AttributeUse, bool)>) {
    for (a, prohibited) in own {
        base.retain(|b| b.name != a.name);
        if !prohibited {
            base.push(a);
        }
    }
}

/// Attribute uses of an extension or a type without derivation (prohibited ones dropped).
fn declared(own: Vec<(AttributeUse, bool)>) -> impl Iterator<Item = AttributeUse> {
    own.into_iter().filter(|(_, p)| !p).map(|(a, _)| a)
}
