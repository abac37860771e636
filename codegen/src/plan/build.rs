//! From the [`Model`] to the [`Plan`].

use super::builtin::rust_builtin;
use super::naming::{pascal, snake, Scope};
use super::*;
use crate::error::{Error, Result};
use crate::model::{
    self, Content, Model, NsConstraint, Particle, SimpleDef, Term, TypeBody, TypeId, TypeRef,
    WildcardDef,
};
use std::collections::{BTreeMap, HashMap, HashSet};

struct Planner<'m> {
    model: &'m Model,
    ns: Vec<NsPlan>,
    modules: Vec<ModulePlan>,
    scopes: Vec<Scope>,
    /// The struct/choice/simple item of each type (`None` for abstract complex types).
    type_item: Vec<Option<ItemRef>>,
    /// The family enum of each complex type that is abstract or has derived types.
    family_item: Vec<Option<ItemRef>>,
}

fn derive_prefix(uri: &str, taken: &HashSet<String>) -> String {
    let word = uri
        .trim_end_matches('/')
        .rsplit(['/', ':', '#'])
        .map(|seg| {
            seg.chars()
                .filter(|c| c.is_ascii_alphabetic())
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .find(|w| w.len() >= 2 && !w.starts_with("xml"))
        .unwrap_or_else(|| "ns".to_owned());
    let mut candidate = word.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{word}{n}");
        n += 1;
    }
    candidate
}

/// Plans the Rust items of `model`. `prefixes` overrides namespace prefixes (URI → prefix).
pub fn plan(model: &Model, prefixes: &BTreeMap<String, String>) -> Result<Plan> {
    let mut taken: HashSet<String> = ["xml", "xmlns", "xsi"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut ns = Vec::new();
    let mut module_scope = Scope::with(&["ns", "Document", "NAMESPACES", "Any"]);
    let mut modules = Vec::new();
    for n in &model.namespaces {
        let wanted = prefixes
            .get(&n.uri)
            .cloned()
            .or_else(|| n.declared_prefix.clone())
            .filter(|p| !taken.contains(p));
        let prefix = wanted.unwrap_or_else(|| derive_prefix(&n.uri, &taken));
        taken.insert(prefix.clone());
        let module = module_scope.unique(&snake(&prefix));
        ns.push(NsPlan {
            uri: n.uri.clone(),
            konst: module.trim_end_matches('_').to_ascii_uppercase(),
            prefix,
        });
        modules.push(ModulePlan {
            ident: module,
            uri: n.uri.clone(),
            items: Vec::new(),
        });
    }
    modules.push(ModulePlan {
        ident: module_scope.unique("no_namespace"),
        uri: String::new(),
        items: Vec::new(),
    });
    let count = modules.len();
    let mut p = Planner {
        model,
        ns,
        modules,
        scopes: (0..count)
            .map(|_| Scope::with(&["Error", "Reader", "Writer", "Start", "Name"]))
            .collect(),
        type_item: vec![None; model.types.len()],
        family_item: vec![None; model.types.len()],
    };
    p.name_types();
    for id in 0..model.types.len() {
        p.plan_type(id)?;
    }
    let globals = p.globals()?;
    p.box_recursive_fields();
    let mut modules = p.modules;
    // Drop the no-namespace module when empty.
    if modules.last().is_some_and(|m| m.items.is_empty()) {
        modules.pop();
    }
    Ok(Plan {
        namespaces: p.ns,
        modules,
        globals,
        sources: model
            .files
            .iter()
            .map(|f| {
                f.file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
            })
            .collect(),
    })
}

impl<'m> Planner<'m> {
    fn module_of(&self, uri: &str) -> usize {
        self.model
            .namespaces
            .iter()
            .position(|n| n.uri == uri)
            .unwrap_or(self.model.namespaces.len())
    }

    fn name_ref(&self, q: &model::QName) -> NameRef {
        NameRef {
            ns: self.model.ns_index(&q.ns),
            local: q.local.clone(),
        }
    }

    fn prefixed(&self, q: &model::QName) -> String {
        match self.model.namespaces.iter().position(|n| n.uri == q.ns) {
            Some(i) => format!("{}:{}", self.ns[i].prefix, q.local),
            None => q.local.clone(),
        }
    }

    fn xsd_name(&self, id: TypeId) -> String {
        let t = &self.model.types[id];
        match &t.name {
            Some(q) => self.prefixed(q),
            None => format!("anonymous type of element {}", t.hint),
        }
    }

    fn err(&self, id: TypeId, msg: impl Into<String>) -> Error {
        let t = &self.model.types[id];
        Error::at(&t.file, t.line, msg)
    }

    fn has_family(&self, id: TypeId) -> bool {
        match &self.model.types[id].body {
            TypeBody::Complex(c) => c.is_abstract || !self.model.derived_types(id).is_empty(),
            TypeBody::Simple(_) => false,
        }
    }

    /// Assigns identifiers: named types first, in schema order, then anonymous ones, then the
    /// family enums of concrete base types.
    fn name_types(&mut self) {
        let model = self.model;
        for pass in 0..3 {
            for (id, t) in model.types.iter().enumerate() {
                let module = self.module_of(&t.ns);
                let is_abstract = matches!(&t.body, TypeBody::Complex(c) if c.is_abstract);
                match pass {
                    0 | 1 if t.name.is_some() == (pass == 0) => {
                        let base = match &t.name {
                            Some(q) => pascal(&q.local),
                            None => pascal(&t.hint),
                        };
                        let ident = self.scopes[module].unique(&base);
                        let item = Some(ItemRef { module, ident });
                        if is_abstract {
                            self.family_item[id] = item;
                        } else {
                            self.type_item[id] = item;
                        }
                    }
                    2 if !is_abstract && self.has_family(id) => {
                        let base = self.type_item[id]
                            .as_ref()
                            .map_or(String::new(), |i| i.ident.clone());
                        let ident = self.scopes[module].unique(&format!("{base}Kind"));
                        self.family_item[id] = Some(ItemRef { module, ident });
                    }
                    _ => {}
                }
            }
        }
    }

    fn simple_ty(&self, id_for_errors: TypeId, t: TypeRef) -> Result<SimpleTy> {
        match t {
            TypeRef::Builtin(b) => {
                if rust_builtin(b).is_none() {
                    return Err(
                        self.err(id_for_errors, format!("{} is not supported", b.xsd_name()))
                    );
                }
                Ok(SimpleTy::Builtin(b))
            }
            TypeRef::Def(d) => match &self.model.types[d].body {
                TypeBody::Simple(_) => Ok(SimpleTy::Def(
                    self.type_item[d]
                        .clone()
                        .ok_or_else(|| self.err(d, "internal: unnamed simple type"))?,
                    self.model.types[d].name.as_ref().map(|q| self.name_ref(q)),
                )),
                TypeBody::Complex(_) => Err(self.err(
                    id_for_errors,
                    format!(
                        "{} is complex where a simple type is required",
                        self.xsd_name(d)
                    ),
                )),
            },
        }
    }

    fn element_value(&self, owner: TypeId, e: &model::ElementUse) -> Result<ElemValue> {
        let v = self.elem_value(owner, e.ty)?;
        Ok(if e.nillable {
            ElemValue::Nillable(Box::new(v))
        } else {
            v
        })
    }

    fn elem_value(&self, owner: TypeId, t: TypeRef) -> Result<ElemValue> {
        match t {
            TypeRef::Builtin(model::Builtin::AnyType) => Ok(ElemValue::AnyType),
            TypeRef::Builtin(_) => Ok(ElemValue::Simple(self.simple_ty(owner, t)?)),
            TypeRef::Def(d) => match &self.model.types[d].body {
                TypeBody::Simple(_) => Ok(ElemValue::Simple(self.simple_ty(owner, t)?)),
                TypeBody::Complex(_) => {
                    let item = self.family_item[d]
                        .clone()
                        .or_else(|| self.type_item[d].clone())
                        .ok_or_else(|| self.err(d, "internal: complex type without item"))?;
                    Ok(ElemValue::Complex(item))
                }
            },
        }
    }

    fn wildcard(&self, w: &WildcardDef) -> WildcardPlan {
        WildcardPlan {
            namespaces: match &w.namespaces {
                NsConstraint::Any => NsConstraintPlan::Any,
                NsConstraint::Other(t) => NsConstraintPlan::Other(self.model.ns_index(t)),
                NsConstraint::List(l) => {
                    NsConstraintPlan::List(l.iter().map(|u| self.model.ns_index(u)).collect())
                }
            },
            process: w.process,
        }
    }

    fn first_of(&self, p: &Particle) -> (Vec<First>, bool) {
        let (first, nullable) = match &p.term {
            Term::Element(e) => (vec![First::Element(self.name_ref(&e.name))], false),
            Term::Any(w) => (vec![First::Any(self.wildcard(w))], false),
            Term::Sequence(items) => {
                let mut first = Vec::new();
                let mut nullable = true;
                for item in items {
                    let (f, n) = self.first_of(item);
                    first.extend(f);
                    if !n {
                        nullable = false;
                        break;
                    }
                }
                (first, nullable)
            }
            Term::Choice(items) | Term::All(items) => {
                let mut first = Vec::new();
                let mut nullable = items.is_empty();
                for item in items {
                    let (f, n) = self.first_of(item);
                    first.extend(f);
                    nullable |= n;
                }
                if matches!(p.term, Term::All(_)) {
                    nullable = items.iter().all(|i| self.first_of(i).1);
                }
                (first, nullable)
            }
        };
        (first, nullable || p.min == 0)
    }

    fn doc_or(&self, doc: &Option<String>, fallback: String) -> String {
        doc.clone().unwrap_or(fallback)
    }

    fn plan_type(&mut self, id: TypeId) -> Result<()> {
        let t = &self.model.types[id];
        let module = self.module_of(&t.ns);
        let xsd_name = self.xsd_name(id);
        let type_name = t.name.as_ref().map(|q| self.name_ref(q));
        let doc = match &t.name {
            Some(_) => self.doc_or(&t.doc, format!("The `{xsd_name}` type.")),
            None => self.doc_or(
                &t.doc,
                format!(
                    "The type of element `{}` (anonymous in the schema).",
                    t.hint
                ),
            ),
        };
        match &t.body {
            TypeBody::Simple(s) => {
                let kind = self.simple_kind(id, s)?;
                let ident = self.type_item[id]
                    .clone()
                    .map(|i| i.ident)
                    .unwrap_or_default();
                self.modules[module].items.push(Item::Simple(SimplePlan {
                    ident,
                    doc,
                    xsd_name,
                    kind,
                }));
            }
            TypeBody::Complex(c) => {
                if let Some(item) = self.type_item[id].clone() {
                    let mut field_scope = Scope::default();
                    let mut attributes = Vec::new();
                    for a in &c.attributes {
                        let base = snake(&a.name.local);
                        let ident = if field_scope.contains(&base) {
                            field_scope.unique(&format!("{base}_attr"))
                        } else {
                            field_scope.unique(&base)
                        };
                        attributes.push(AttrPlan {
                            ident,
                            doc: self
                                .doc_or(&a.doc, format!("Attribute `{}`.", self.prefixed(&a.name))),
                            name: self.name_ref(&a.name),
                            value: self.simple_ty(id, a.ty)?,
                            required: a.required,
                            fixed: a.fixed.clone(),
                        });
                    }
                    let any_attribute = c.any_attribute.as_ref().map(|w| self.wildcard(w));
                    let whole_choice = match &c.content {
                        Content::Elements(p)
                            if attributes.is_empty()
                                && any_attribute.is_none()
                                && p.min == 1
                                && p.max == Some(1)
                                && matches!(p.term, Term::Choice(_)) =>
                        {
                            match &p.term {
                                Term::Choice(items) => Some(items.clone()),
                                _ => None,
                            }
                        }
                        _ => None,
                    };
                    if let Some(items) = whole_choice {
                        let plan = self.choice_plan(
                            id,
                            module,
                            &item.ident,
                            &items,
                            doc,
                            Some((type_name.clone(), xsd_name.clone())),
                        )?;
                        self.modules[module].items.push(Item::Choice(plan));
                    } else {
                        let content = match &c.content {
                            Content::Empty => StructContent::Empty,
                            Content::AnyType => StructContent::AnyType,
                            Content::Simple(v) => {
                                field_scope.unique("value");
                                StructContent::Simple(self.simple_ty(id, *v)?)
                            }
                            Content::Elements(p) => match &p.term {
                                Term::All(items) => {
                                    let mut fields = Vec::new();
                                    for i in items {
                                        if !matches!(i.term, Term::Element(_)) || i.max != Some(1) {
                                            return Err(self
                                                .err(id, "xs:all may only hold single elements"));
                                        }
                                        self.fields(
                                            id,
                                            module,
                                            &item.ident,
                                            i,
                                            &mut fields,
                                            &mut field_scope,
                                        )?;
                                    }
                                    StructContent::All(fields)
                                }
                                _ => {
                                    let mut fields = Vec::new();
                                    self.fields(
                                        id,
                                        module,
                                        &item.ident,
                                        p,
                                        &mut fields,
                                        &mut field_scope,
                                    )?;
                                    StructContent::Sequence(fields)
                                }
                            },
                        };
                        self.modules[module].items.push(Item::Struct(StructPlan {
                            ident: item.ident.clone(),
                            doc,
                            type_name: type_name.clone(),
                            xsd_name: xsd_name.clone(),
                            attributes,
                            any_attribute,
                            content,
                            group: None,
                        }));
                    }
                }
                if let Some(fam) = self.family_item[id].clone() {
                    let mut variants = Vec::new();
                    let mut vscope = Scope::default();
                    let mut members = Vec::new();
                    if !c.is_abstract {
                        members.push(id);
                    }
                    members.extend(self.model.derived_types(id));
                    for m in members {
                        let mt = &self.model.types[m];
                        let is_abstract = matches!(&mt.body, TypeBody::Complex(c) if c.is_abstract);
                        let (Some(q), false) = (&mt.name, is_abstract) else {
                            continue;
                        };
                        let Some(item) = self.type_item[m].clone() else {
                            continue;
                        };
                        variants.push(FamilyVariant {
                            ident: vscope.unique(&pascal(&q.local)),
                            type_name: self.name_ref(q),
                            item,
                        });
                    }
                    let type_name = type_name
                        .ok_or_else(|| self.err(id, "internal: family of an anonymous type"))?;
                    let doc = if c.is_abstract {
                        self.doc_or(&t.doc, format!("The abstract `{xsd_name}` type."))
                    } else {
                        format!("`{xsd_name}` or a type derived from it, told apart by `xsi:type`.")
                    };
                    self.modules[module].items.push(Item::Family(FamilyPlan {
                        ident: fam.ident,
                        doc: format!(
                            "{doc}\n\nThe closed set of concrete types of this schema set that an element declared with `{xsd_name}` may carry (selected by `xsi:type`)."
                        ),
                        xsd_name,
                        type_name,
                        is_abstract: c.is_abstract,
                        variants,
                    }));
                }
            }
        }
        Ok(())
    }

    fn simple_kind(&self, id: TypeId, s: &SimpleDef) -> Result<SimpleKind> {
        match s {
            SimpleDef::List { item } => Ok(SimpleKind::List {
                item: self.simple_ty(id, *item)?,
            }),
            SimpleDef::Union { members } => {
                let mut scope = Scope::default();
                let mut out = Vec::new();
                for m in members {
                    let name = match m {
                        TypeRef::Builtin(b) => b.xsd_name().trim_start_matches("xs:").to_owned(),
                        TypeRef::Def(d) => {
                            let t = &self.model.types[*d];
                            t.name
                                .as_ref()
                                .map_or_else(|| t.hint.clone(), |q| q.local.clone())
                        }
                    };
                    out.push((scope.unique(&pascal(&name)), self.simple_ty(id, *m)?));
                }
                Ok(SimpleKind::Union { members: out })
            }
            SimpleDef::Atomic { .. } => {
                let mut steps = Vec::new();
                let mut cur = id;
                let builtin = loop {
                    match &self.model.types[cur].body {
                        TypeBody::Simple(SimpleDef::Atomic { base, facets }) => {
                            steps.push(FacetStep {
                                xsd_name: self.xsd_name(cur),
                                facets: (**facets).clone(),
                            });
                            match base {
                                TypeRef::Builtin(b) => break *b,
                                TypeRef::Def(d) => cur = *d,
                            }
                        }
                        TypeBody::Simple(_) => {
                            return Err(self
                                .err(id, "restrictions of list and union types are not supported"))
                        }
                        TypeBody::Complex(_) => {
                            return Err(self.err(id, "a simple type cannot restrict a complex type"))
                        }
                    }
                };
                let rb = rust_builtin(builtin).ok_or_else(|| {
                    self.err(id, format!("{} is not supported", builtin.xsd_name()))
                })?;
                steps.reverse();
                let white_space = steps
                    .iter()
                    .rev()
                    .find_map(|s| s.facets.white_space)
                    .unwrap_or(rb.white_space);
                if let Some(step) = steps
                    .iter()
                    .rev()
                    .find(|s| !s.facets.enumerations.is_empty())
                {
                    let mut scope = Scope::default();
                    let values = step
                        .facets
                        .enumerations
                        .iter()
                        .map(|(v, doc)| (scope.unique(&pascal(v)), v.clone(), doc.clone()))
                        .collect();
                    return Ok(SimpleKind::Enumeration {
                        white_space,
                        values,
                    });
                }
                Ok(SimpleKind::Restricted {
                    builtin,
                    white_space,
                    steps,
                })
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn fields(
        &mut self,
        owner: TypeId,
        module: usize,
        owner_ident: &str,
        p: &Particle,
        out: &mut Vec<FieldPlan>,
        scope: &mut Scope,
    ) -> Result<()> {
        let occurs = Occurs::from_bounds(p.min, p.max);
        match &p.term {
            Term::Sequence(items) if occurs == Occurs::One => {
                for i in items {
                    self.fields(owner, module, owner_ident, i, out, scope)?;
                }
            }
            Term::Element(e) => {
                let name = self.name_ref(&e.name);
                out.push(FieldPlan {
                    ident: scope.unique(&snake(&e.name.local)),
                    doc: self.doc_or(&e.doc, format!("Element `{}`.", self.prefixed(&e.name))),
                    occurs,
                    kind: FieldKind::Element {
                        name,
                        value: self.element_value(owner, e)?,
                        fixed: e.fixed.clone(),
                    },
                    boxed: false,
                });
            }
            Term::Any(w) => out.push(FieldPlan {
                ident: scope.unique("any"),
                doc: "Wildcard content (`xs:any`): declared elements as their types, others as raw XML.".into(),
                occurs,
                kind: FieldKind::Any(self.wildcard(w)),
                boxed: false,
            }),
            Term::Choice(items) => {
                let ident = self.scopes[module].unique(&format!("{owner_ident}Choice"));
                let plan = self.choice_plan(owner, module, &ident, items, format!("A choice in `{owner_ident}`."), None)?;
                self.modules[module].items.push(Item::Choice(plan));
                out.push(FieldPlan {
                    ident: scope.unique("choice"),
                    doc: "One of the alternatives of an `xs:choice`.".into(),
                    occurs,
                    kind: FieldKind::Group {
                        item: ItemRef { module, ident },
                        is_choice: true,
                        first: self.first_of(p).0,
                    },
                    boxed: false,
                });
            }
            Term::Sequence(items) => {
                let ident = self.scopes[module].unique(&format!("{owner_ident}Group"));
                self.group_struct(owner, module, &ident, items)?;
                out.push(FieldPlan {
                    ident: scope.unique("group"),
                    doc: "A repeated or optional `xs:sequence`.".into(),
                    occurs,
                    kind: FieldKind::Group {
                        item: ItemRef { module, ident },
                        is_choice: false,
                        first: self.first_of(p).0,
                    },
                    boxed: false,
                });
            }
            Term::All(_) => return Err(self.err(owner, "xs:all is only supported as the whole content of a type")),
        }
        Ok(())
    }

    fn group_struct(
        &mut self,
        owner: TypeId,
        module: usize,
        ident: &str,
        items: &[Particle],
    ) -> Result<()> {
        let mut fields = Vec::new();
        let mut scope = Scope::default();
        for i in items {
            self.fields(owner, module, ident, i, &mut fields, &mut scope)?;
        }
        let seq = Particle {
            min: 1,
            max: Some(1),
            term: Term::Sequence(items.to_vec()),
        };
        let xsd_name = format!("sequence in {}", self.xsd_name(owner));
        let first = self.first_of(&seq).0;
        self.modules[module].items.push(Item::Struct(StructPlan {
            ident: ident.to_owned(),
            doc: "A group of elements that occurs together.".into(),
            type_name: None,
            xsd_name,
            attributes: Vec::new(),
            any_attribute: None,
            content: StructContent::Sequence(fields),
            group: Some(first),
        }));
        Ok(())
    }

    fn choice_plan(
        &mut self,
        owner: TypeId,
        module: usize,
        ident: &str,
        items: &[Particle],
        doc: String,
        whole_type: Option<(Option<NameRef>, String)>,
    ) -> Result<ChoicePlan> {
        let mut scope = Scope::default();
        let mut variants = Vec::new();
        for p in items {
            let occurs = Occurs::from_bounds(p.min, p.max);
            let first = self.first_of(p).0;
            let (vident, vdoc, kind) = match &p.term {
                Term::Element(e) => (
                    pascal(&e.name.local),
                    self.doc_or(&e.doc, format!("Element `{}`.", self.prefixed(&e.name))),
                    FieldKind::Element {
                        name: self.name_ref(&e.name),
                        value: self.element_value(owner, e)?,
                        fixed: e.fixed.clone(),
                    },
                ),
                Term::Any(w) => (
                    "Any".to_owned(),
                    "Wildcard content (`xs:any`).".to_owned(),
                    FieldKind::Any(self.wildcard(w)),
                ),
                Term::Sequence(inner) => {
                    let lead = first.iter().find_map(|f| match f {
                        First::Element(n) => Some(pascal(&n.local)),
                        First::Any(_) => None,
                    });
                    let vident = format!("{}Group", lead.unwrap_or_default());
                    let gident = self.scopes[module].unique(&format!("{ident}{vident}"));
                    self.group_struct(owner, module, &gident, inner)?;
                    (
                        vident,
                        "A sequence alternative.".to_owned(),
                        FieldKind::Group {
                            item: ItemRef {
                                module,
                                ident: gident,
                            },
                            is_choice: false,
                            first: first.clone(),
                        },
                    )
                }
                Term::Choice(inner) => {
                    let cident = self.scopes[module].unique(&format!("{ident}Choice"));
                    let plan = self.choice_plan(
                        owner,
                        module,
                        &cident,
                        inner,
                        "A nested choice.".into(),
                        None,
                    )?;
                    self.modules[module].items.push(Item::Choice(plan));
                    (
                        "Choice".to_owned(),
                        "A nested choice.".to_owned(),
                        FieldKind::Group {
                            item: ItemRef {
                                module,
                                ident: cident,
                            },
                            is_choice: true,
                            first: first.clone(),
                        },
                    )
                }
                Term::All(_) => {
                    return Err(self.err(owner, "xs:all inside xs:choice is not supported"))
                }
            };
            variants.push(VariantPlan {
                ident: scope.unique(&vident),
                doc: vdoc,
                occurs,
                kind,
                first,
                boxed: false,
            });
        }
        Ok(ChoicePlan {
            ident: ident.to_owned(),
            doc,
            variants,
            whole_type,
        })
    }

    fn globals(&mut self) -> Result<Vec<GlobalPlan>> {
        let mut scope = Scope::default();
        let mut out = Vec::new();
        for g in &self.model.elements {
            if g.is_abstract {
                continue;
            }
            let base = pascal(&g.name.local);
            let variant = if scope.contains(&base) {
                let m = self.module_of(&g.name.ns);
                scope.unique(&format!("{}{}", pascal(&self.modules[m].ident), base))
            } else {
                scope.unique(&base)
            };
            let value = match g.ty {
                TypeRef::Builtin(model::Builtin::AnyType) => ElemValue::AnyType,
                TypeRef::Builtin(b) => {
                    if rust_builtin(b).is_none() {
                        return Err(Error::msg(format!(
                            "element {}: {} is not supported",
                            g.name,
                            b.xsd_name()
                        )));
                    }
                    ElemValue::Simple(SimpleTy::Builtin(b))
                }
                TypeRef::Def(d) => self.elem_value(d, g.ty)?,
            };
            out.push(GlobalPlan {
                variant,
                name: self.name_ref(&g.name),
                value,
                doc: self.doc_or(&g.doc, format!("Element `{}`.", self.prefixed(&g.name))),
            });
        }
        Ok(out)
    }

    /// Boxes every single (not repeated) field and variant whose type can contain its owner.
    fn box_recursive_fields(&mut self) {
        let mut edges: HashMap<ItemRef, Vec<ItemRef>> = HashMap::new();
        let target = |k: &FieldKind| match k {
            FieldKind::Element {
                value: ElemValue::Complex(i),
                ..
            } => Some(i.clone()),
            FieldKind::Element {
                value: ElemValue::Nillable(v),
                ..
            } => match v.as_ref() {
                ElemValue::Complex(i) => Some(i.clone()),
                _ => None,
            },
            FieldKind::Group { item, .. } => Some(item.clone()),
            _ => None,
        };
        for (mi, m) in self.modules.iter().enumerate() {
            for item in &m.items {
                let (ident, targets): (&str, Vec<ItemRef>) = match item {
                    Item::Struct(s) => (
                        &s.ident,
                        match &s.content {
                            StructContent::Sequence(f) | StructContent::All(f) => f
                                .iter()
                                .filter(|f| {
                                    f.occurs != Occurs::Many { min: 0, max: None }
                                        && !matches!(f.occurs, Occurs::Many { .. })
                                })
                                .filter_map(|f| target(&f.kind))
                                .collect(),
                            _ => Vec::new(),
                        },
                    ),
                    Item::Choice(c) => (
                        &c.ident,
                        c.variants
                            .iter()
                            .filter(|v| !matches!(v.occurs, Occurs::Many { .. }))
                            .filter_map(|v| target(&v.kind))
                            .collect(),
                    ),
                    Item::Family(f) => (
                        &f.ident,
                        f.variants.iter().map(|v| v.item.clone()).collect(),
                    ),
                    Item::Simple(_) => continue,
                };
                edges.insert(
                    ItemRef {
                        module: mi,
                        ident: ident.to_owned(),
                    },
                    targets,
                );
            }
        }
        let reaches = |from: &ItemRef, to: &ItemRef| {
            let mut stack = vec![from.clone()];
            let mut seen = HashSet::new();
            while let Some(cur) = stack.pop() {
                if &cur == to {
                    return true;
                }
                if seen.insert(cur.clone()) {
                    stack.extend(edges.get(&cur).cloned().unwrap_or_default());
                }
            }
            false
        };
        for (mi, m) in self.modules.iter_mut().enumerate() {
            for item in &mut m.items {
                match item {
                    Item::Struct(s) => {
                        let owner = ItemRef {
                            module: mi,
                            ident: s.ident.clone(),
                        };
                        if let StructContent::Sequence(fields) | StructContent::All(fields) =
                            &mut s.content
                        {
                            for f in fields.iter_mut() {
                                if !matches!(f.occurs, Occurs::Many { .. }) {
                                    if let Some(t) = target(&f.kind) {
                                        f.boxed = reaches(&t, &owner);
                                    }
                                }
                            }
                        }
                    }
                    Item::Choice(c) => {
                        let owner = ItemRef {
                            module: mi,
                            ident: c.ident.clone(),
                        };
                        for v in c.variants.iter_mut() {
                            if !matches!(v.occurs, Occurs::Many { .. }) {
                                if let Some(t) = target(&v.kind) {
                                    v.boxed = reaches(&t, &owner);
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
    }
}
