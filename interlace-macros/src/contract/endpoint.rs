//! An endpoint declaration against its operation in the contract: the path
//! and method, each field's wire name and place, what the contract requires,
//! and the JSON kind of each field (asserted by the generated code).

use std::collections::HashSet;

use syn::spanned::Spanned;

use super::suggest::{did_you_mean, nearest, nearest_path};
use crate::errors::Errors;
use crate::model::{Args, Endpoint, KindCheck, Location};
use interlace_contract::{Document as Contract, Kind, Location as Place, Operation};

const IDEMPOTENCY_KEY: &str = "Idempotency-Key";

/// Finds the operation and reports every contradiction into `errors`.
/// Returns the operation when one matched.
pub fn check<'c>(
    args: &Args,
    e: &Endpoint,
    contract: &'c Contract,
    errors: &mut Errors,
) -> Option<&'c Operation> {
    let op = find(args, e, contract, errors)?;
    let suggested = fields(args, e, op, errors);
    required(args, e, op, &suggested, errors);
    flags(args, op, errors);
    id_types(e, op, contract, errors);
    response_model(args, op, contract, errors);
    Some(op)
}

/// The contract's slot for field `f`: its path parameter by position, or
/// its parameter or body field by wire name.
fn slot<'o>(
    e: &Endpoint,
    op: &'o Operation,
    f: &crate::model::Field,
) -> Option<&'o interlace_contract::Field> {
    if f.location == Location::Path {
        let index = e
            .segments
            .iter()
            .filter_map(|s| match s {
                crate::model::Segment::Placeholder(name) => Some(name),
                crate::model::Segment::Literal(_) => None,
            })
            .position(|name| f.ident == name)?;
        let name = op.path.placeholders().nth(index)?;
        return op.field(name, Place::Path);
    }
    op.field(&f.wire_name, place(&f.location))
}

/// The last identifier of a type, through `Option<..>`, `Vec<..>` and
/// `Page<..>`: `AccountId` for `Option<interlace::types::AccountId>`.
fn type_ident(ty: &syn::Type) -> Option<&syn::Ident> {
    let syn::Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if matches!(last.ident.to_string().as_str(), "Option" | "Vec" | "Page")
        && let syn::PathArguments::AngleBracketed(args) = &last.arguments
        && let Some(syn::GenericArgument::Type(inner)) = args.args.first()
    {
        return type_ident(inner);
    }
    Some(&last.ident)
}

/// The component a schema names with `$ref`, if it is one.
fn ref_name(schema: &serde_json::Value) -> Option<&str> {
    schema
        .get("$ref")?
        .as_str()?
        .strip_prefix("#/components/schemas/")
}

/// A field typed with one of the contract's id types where the contract
/// gives another (`card_id: AccountId` where the parameter is a `CardId`).
fn id_types(e: &Endpoint, op: &Operation, contract: &Contract, errors: &mut Errors) {
    for f in e.fields.iter().filter(|f| !f.flatten && !f.added) {
        let Some(slot) = slot(e, op, f) else { continue };
        let Some(expected) = ref_name(&slot.schema) else {
            continue;
        };
        let Some(declared) = type_ident(&f.ty).map(ToString::to_string) else {
            continue;
        };
        if declared != expected
            && declared.ends_with("Id")
            && contract.component(&declared).is_some()
        {
            errors.contradicts(
                f.ty.span(),
                format!(
                    "`{}` is a `{expected}` in {} of {}, not an `{declared}`; declare it `{expected}`",
                    f.ident,
                    slot.location.describe(),
                    op.label(),
                ),
                confidence(op, slot),
            );
        }
    }
}

/// `response = T` where `T` is named after one of the contract's schemas
/// but the operation answers another.
fn response_model(args: &Args, op: &Operation, contract: &Contract, errors: &mut Errors) {
    let Some(response) = &args.response else {
        return;
    };
    let Some(ident) = type_ident(&response.value) else {
        return;
    };
    let declared = ident.to_string();
    if contract.component(&declared).is_none() {
        return;
    }
    let Some(data) = contract.data(op) else {
        return;
    };
    // Schema views resolve `$ref`s: a component is recognised by being the
    // very value the view stands on.
    let named = |schema: &interlace_contract::Schema<'_>| {
        contract
            .component_names()
            .find(|name| {
                contract
                    .component(name)
                    .is_some_and(|c| std::ptr::eq(c.raw(), schema.raw()))
            })
            .map(str::to_owned)
    };
    let mut answers: Vec<String> = named(&data).into_iter().collect();
    // A page's items, and an array's.
    for items in [data.property("list").and_then(|l| l.items()), data.items()]
        .into_iter()
        .flatten()
    {
        answers.extend(named(&items));
    }
    if answers.is_empty() || answers.contains(&declared) {
        return;
    }
    errors.contradicts(
        ident.span(),
        format!(
            "{} answers `{}` in the API contract, not `{declared}`",
            op.label(),
            answers.join("` or `"),
        ),
        op.confidence,
    );
}

fn find<'c>(
    args: &Args,
    e: &Endpoint,
    contract: &'c Contract,
    errors: &mut Errors,
) -> Option<&'c Operation> {
    let declared = interlace_contract::shape(&e.path.value());
    let method = e.method.as_str();
    let same_path: Vec<&Operation> = contract.operations_at(&declared).collect();
    if let Some(op) = same_path.iter().find(|o| o.method == method) {
        return Some(op);
    }
    let fix = "; if the API has it and the contract does not, say why with `unlisted = \"...\"`";
    if !same_path.is_empty() {
        let methods: Vec<&str> = same_path.iter().map(|o| o.method.as_str()).collect();
        let span = args
            .method
            .as_ref()
            .map_or_else(|| e.path.span(), |m| m.span);
        errors.push(
            span,
            format!(
                "the API contract has no {method} for \"{}\"; it takes {} ({})",
                e.path.value(),
                methods.join(", "),
                same_path
                    .iter()
                    .map(|o| format!("`{}`", o.id))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        );
        return None;
    }
    let shapes = contract.operations().iter().map(|o| o.path.shape());
    let close = nearest_path(&declared, shapes);
    let paths: Vec<&str> = close
        .iter()
        .filter_map(|s| contract.operations_at(s).next())
        .map(|o| o.path.as_str())
        .collect();
    let hint = did_you_mean(&paths, "\"");
    errors.push(
        e.path.span(),
        format!(
            "no operation in the API contract has the path \"{}\"{}",
            e.path.value(),
            if hint.is_empty() {
                fix.to_string()
            } else {
                hint
            },
        ),
    );
    None
}

fn place(location: &Location) -> Place {
    match location {
        Location::Path => Place::Path,
        Location::Query => Place::Query,
        Location::Body => Place::Body,
        Location::Header(_) => Place::Header,
    }
}

fn marker(place: Place) -> &'static str {
    match place {
        Place::Path => "#[interlace(path)]",
        Place::Query => "#[interlace(query)]",
        Place::Header => "#[interlace(header = \"...\")]",
        Place::Body => "#[interlace(body)]",
    }
}

/// Returns the names suggested for misspelt fields, which `required` then
/// does not report again as missing.
fn fields<'o>(args: &Args, e: &Endpoint, op: &'o Operation, errors: &mut Errors) -> Vec<&'o str> {
    let mut suggested = Vec::new();
    for f in &e.fields {
        if f.flatten || f.location == Location::Path {
            continue;
        }
        // `page` and `limit` added by `paginated` have no tokens of their own.
        let span = match (f.added, args.paginated) {
            (true, Some(span)) => span,
            _ => f.ident.span(),
        };
        let here = place(&f.location);
        let name = match &f.location {
            Location::Header(h) => h.as_str(),
            _ => f.wire_name.as_str(),
        };
        if let Some(slot) = op.field(name, here) {
            if slot.required && f.optional.is_some() {
                errors.contradicts(
                    f.ty.span(),
                    format!(
                        "the API contract requires `{name}` in {} of {}, but an `Option` lets the \
                         request go without it; declare the field without `Option`",
                        here.describe(),
                        op.label(),
                    ),
                    confidence(op, slot),
                );
            }
            continue;
        }
        let elsewhere = [Place::Query, Place::Body, Place::Header, Place::Path]
            .into_iter()
            .filter(|p| *p != here)
            .find_map(|p| op.field(name, p));
        if let Some(slot) = elsewhere {
            errors.contradicts(
                span,
                format!(
                    "the API contract puts `{name}` of {} in {}, not in {}; mark the field `{}`",
                    op.label(),
                    slot.location.describe(),
                    here.describe(),
                    marker(slot.location),
                ),
                confidence(op, slot),
            );
            continue;
        }
        if here == Place::Body && op.open_body {
            continue;
        }
        if here == Place::Header {
            // Gateways and tenants add headers no contract lists: say so,
            // never refuse.
            errors.warn(
                span,
                format!(
                    "the API contract lists no header `{name}` on {}; it is sent as declared",
                    op.label()
                ),
            );
            continue;
        }
        let names: Vec<&str> = op
            .fields
            .iter()
            .filter(|s| s.location != Place::Path)
            .map(|s| s.name.as_str())
            .collect();
        let close = nearest(name, names.iter().copied());
        let rust_name = f.ident.to_string();
        let hint = if rust_name != name && names.contains(&rust_name.as_str()) {
            // The field already has the wire name; only the case is off.
            format!(
                "; the field `{rust_name}` goes on the wire as `{name}`, and the contract's name \
                 is `{rust_name}`: add `rename_all = \"snake_case\"` to the attribute, or \
                 `#[interlace(rename = \"{rust_name}\")]` to the field"
            )
        } else if close.is_empty() {
            format!("; it takes: {}", list(&names))
        } else {
            let fixes: Vec<String> = close.iter().map(|c| fix_for(f, c)).collect();
            let fixes: Vec<&str> = fixes.iter().map(String::as_str).collect();
            did_you_mean(&fixes, "")
        };
        suggested.extend(close);
        errors.contradicts(
            span,
            format!(
                "`{name}` is not a parameter or body field of {}{hint}",
                op.label(),
            ),
            op.confidence,
        );
    }
    suggested
}

/// The confidence of a fact about `slot` of `op`: the field's own, or the
/// operation's when the field has none.
fn confidence(
    op: &Operation,
    slot: &interlace_contract::Field,
) -> Option<interlace_contract::Confidence> {
    slot.confidence.or(op.confidence)
}

/// A suggestion in a form the attribute accepts: the Rust field name when
/// the default camelCase makes it the wire name, else a `rename`.
fn fix_for(f: &crate::model::Field, wire: &str) -> String {
    let snake = crate::model::snake_case(wire);
    let camel_names = f.wire_name == crate::model::camel_case(&f.ident.to_string());
    if camel_names && crate::model::camel_case(&snake) == wire {
        format!("`{wire}` (a field named `{snake}`)")
    } else {
        format!("`{wire}` (`#[interlace(rename = \"{wire}\")]`)")
    }
}

fn list(names: &[&str]) -> String {
    if names.is_empty() {
        "nothing".into()
    } else {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

fn required(args: &Args, e: &Endpoint, op: &Operation, suggested: &[&str], errors: &mut Errors) {
    let flattened = e.fields.iter().any(|f| f.flatten);
    let present: HashSet<(Place, String)> = e
        .fields
        .iter()
        .map(|f| match &f.location {
            Location::Header(h) => (Place::Header, h.to_ascii_lowercase()),
            other => (place(other), f.wire_name.clone()),
        })
        .collect();
    let mut missing = Vec::new();
    let mut guessed = Vec::new();
    for slot in op
        .fields
        .iter()
        .filter(|s| s.required && !suggested.contains(&s.name.as_str()))
    {
        match slot.location {
            Place::Path => {}
            Place::Header if slot.name.eq_ignore_ascii_case(IDEMPOTENCY_KEY) => {
                if args.idempotent.is_none() {
                    errors.contradicts(
                        e.path.span(),
                        format!(
                            "the API contract requires an `{IDEMPOTENCY_KEY}` header on {}; add `idempotent`",
                            op.label()
                        ),
                        confidence(op, slot),
                    );
                }
            }
            Place::Header => {
                if !present.contains(&(Place::Header, slot.name.to_ascii_lowercase())) {
                    let list = if is_guess(op, slot) {
                        &mut guessed
                    } else {
                        &mut missing
                    };
                    list.push((format!("header `{}`", slot.name), confidence(op, slot)));
                }
            }
            Place::Body if flattened => {}
            place => {
                // A field declared in the wrong place has its own error.
                let declared_elsewhere = e.fields.iter().any(|f| f.wire_name == slot.name);
                if !declared_elsewhere && !present.contains(&(place, slot.name.clone())) {
                    let what = if place == Place::Body {
                        "body field"
                    } else {
                        "query parameter"
                    };
                    let list = if is_guess(op, slot) {
                        &mut guessed
                    } else {
                        &mut missing
                    };
                    list.push((format!("{what} `{}`", slot.name), confidence(op, slot)));
                }
            }
        }
    }
    for (list, documented) in [(missing, true), (guessed, false)] {
        if list.is_empty() {
            continue;
        }
        let what: Vec<&str> = list.iter().map(|(what, _)| what.as_str()).collect();
        let message = format!(
            "{} requires {}, which this struct lacks",
            op.label(),
            what.join(", ")
        );
        let confidence = if documented { None } else { list[0].1 };
        errors.contradicts(e.ident.span(), message, confidence);
    }
}

fn is_guess(op: &Operation, slot: &interlace_contract::Field) -> bool {
    confidence(op, slot).is_some_and(|c| c.is_guess())
}

fn flags(args: &Args, op: &Operation, errors: &mut Errors) {
    if let Some(span) = args.idempotent
        && op.field(IDEMPOTENCY_KEY, Place::Header).is_none()
    {
        errors.contradicts(
            span,
            format!(
                "{} takes no `{IDEMPOTENCY_KEY}` header in the API contract",
                op.label()
            ),
            op.confidence,
        );
    }
}

/// The fields whose JSON kind the generated code asserts: every field the
/// contract has, path parameters included, but not those whose kind the
/// contract only guesses (a guess must not fail a build, and a kind is
/// checked by the type system, which cannot warn).
pub fn kinds(
    e: &Endpoint,
    op: &Operation,
    contract: &Contract,
    strict: bool,
) -> Vec<(syn::Type, KindCheck)> {
    e.fields
        .iter()
        .filter(|f| !f.flatten && !matches!(f.location, Location::Header(_)))
        .filter_map(|f| {
            let slot = slot(e, op, f)?;
            if is_guess(op, slot) && !strict {
                return None;
            }
            // A path parameter's type already has to render into a path; a
            // string check on top would only repeat that error for a type
            // that can't. Other kinds (an integer id) are checked.
            if f.location == Location::Path && slot.kind == Some(Kind::String) {
                return None;
            }
            let check = match slot.kind {
                Some(kind) => KindCheck::One(check_fn(kind)),
                None => any_of(contract.schema(&slot.schema).kinds())?,
            };
            let mut checks = vec![(f.ty.clone(), check)];
            // An object of a schema of its own: its type must model it, so
            // that its fields are checked too.
            // A body field's schema as the document writes it names its
            // component; the slot's is the component itself.
            let written = contract
                .body(op)
                .filter(|_| slot.location == Place::Body)
                .and_then(|body| body.raw_property(&slot.name))
                .unwrap_or(&slot.schema);
            if slot.kind == Some(Kind::Object)
                && let Some(name) = contract.model_name(written)
            {
                checks.push((f.ty.clone(), KindCheck::Model(name.to_owned())));
            }
            // An array's items too: `Vec<String>` where the contract wants
            // objects is as wrong as a string for an array.
            if slot.kind == Some(Kind::Array)
                && let Some(item) = element(&f.ty)
            {
                let items = contract.schema(written);
                if let Some(kind) = items.items().and_then(|i| i.kind()) {
                    checks.push((item.clone(), KindCheck::One(check_fn(kind))));
                }
                if let Some(name) = items
                    .raw()
                    .get("items")
                    .and_then(|i| contract.model_name(i))
                {
                    checks.push((item.clone(), KindCheck::Model(name.to_owned())));
                }
            }
            Some(checks)
        })
        .flatten()
        .collect()
}

/// `T` of `Vec<T>`, `Option<Vec<T>>`, a set of `T` or `[T]`.
fn element(ty: &syn::Type) -> Option<&syn::Type> {
    match ty {
        syn::Type::Slice(slice) => Some(&slice.elem),
        syn::Type::Array(array) => Some(&array.elem),
        syn::Type::Reference(r) => element(&r.elem),
        syn::Type::Path(p) => {
            let last = p.path.segments.last()?;
            let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
                return None;
            };
            let Some(syn::GenericArgument::Type(inner)) = args.args.first() else {
                return None;
            };
            match last.ident.to_string().as_str() {
                "Option" | "Box" => element(inner),
                "Vec" | "VecDeque" | "BTreeSet" | "HashSet" | "IndexSet" => Some(inner),
                _ => None,
            }
        }
        _ => None,
    }
}

/// The check of a field the contract allows several kinds for; `None` when
/// it allows one or does not say.
pub fn any_of(kinds: Vec<Kind>) -> Option<KindCheck> {
    (kinds.len() > 1).then(|| KindCheck::AnyOf(kinds.into_iter().map(check_fn).collect()))
}

/// The runtime's check function for a kind (`interlace::contract::<fn>`).
pub fn check_fn(kind: Kind) -> &'static str {
    match kind {
        Kind::String => "string",
        Kind::Decimal => "decimal",
        Kind::Integer => "integer",
        Kind::Number => "number",
        Kind::Boolean => "boolean",
        Kind::Array => "array",
        Kind::Object => "object",
    }
}

/// The paragraph the generated docs carry.
pub fn doc(op: &Operation, has_docs_link: bool) -> String {
    let mut text = format!("**API contract:** operation `{}`", op.id);
    if let Some(summary) = &op.summary {
        text.push_str(&format!(", “{summary}”"));
    }
    if let Some(confidence) = &op.confidence {
        text.push_str(&format!(" (confidence: {confidence})"));
    }
    text.push('.');
    if let (Some(url), false) = (&op.docs, has_docs_link) {
        text.push_str(&format!(" [API reference]({url})"));
    }
    text
}
