//! An endpoint declaration against its operation in the contract: the path
//! and method, each field's wire name and place, what the contract requires,
//! and the JSON kind of each field (asserted by the generated code).

use std::collections::HashSet;

use syn::spanned::Spanned;

use super::suggest::{did_you_mean, nearest};
use crate::errors::Errors;
use crate::model::{Args, Endpoint, Location};
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
    Some(op)
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
    let close = nearest(&declared, shapes);
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
                errors.push(
                    f.ty.span(),
                    format!(
                        "the API contract requires `{name}` in {} of {}, but an `Option` lets the \
                         request go without it; declare the field without `Option`",
                        here.describe(),
                        op.label(),
                    ),
                );
            }
            continue;
        }
        let elsewhere = [Place::Query, Place::Body, Place::Header, Place::Path]
            .into_iter()
            .filter(|p| *p != here)
            .find_map(|p| op.field(name, p));
        if let Some(slot) = elsewhere {
            errors.push(
                span,
                format!(
                    "the API contract puts `{name}` of {} in {}, not in {}; mark the field `{}`",
                    op.label(),
                    slot.location.describe(),
                    here.describe(),
                    marker(slot.location),
                ),
            );
            continue;
        }
        if here == Place::Body && op.open_body {
            continue;
        }
        let names: Vec<&str> = op
            .fields
            .iter()
            .filter(|s| s.location != Place::Path)
            .map(|s| s.name.as_str())
            .collect();
        let close = nearest(name, names.iter().copied());
        let hint = did_you_mean(&close, "`");
        suggested.extend(close);
        errors.push(
            span,
            format!(
                "`{name}` is not a parameter or body field of {}{}",
                op.label(),
                if hint.is_empty() {
                    format!("; it takes: {}", list(&names))
                } else {
                    hint
                },
            ),
        );
    }
    suggested
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
    for slot in op
        .fields
        .iter()
        .filter(|s| s.required && !suggested.contains(&s.name.as_str()))
    {
        match slot.location {
            Place::Path => {}
            Place::Header if slot.name.eq_ignore_ascii_case(IDEMPOTENCY_KEY) => {
                if args.idempotent.is_none() {
                    errors.push(
                        e.path.span(),
                        format!(
                            "the API contract requires an `{IDEMPOTENCY_KEY}` header on {}; add `idempotent`",
                            op.label()
                        ),
                    );
                }
            }
            Place::Header => {
                if !present.contains(&(Place::Header, slot.name.to_ascii_lowercase())) {
                    missing.push(format!("header `{}`", slot.name));
                }
            }
            Place::Body if flattened => {}
            place => {
                if !present.contains(&(place, slot.name.clone())) {
                    let what = if place == Place::Body {
                        "body field"
                    } else {
                        "query parameter"
                    };
                    missing.push(format!("{what} `{}`", slot.name));
                }
            }
        }
    }
    if !missing.is_empty() {
        errors.push(
            e.ident.span(),
            format!(
                "{} requires {}, which this struct lacks",
                op.label(),
                missing.join(", ")
            ),
        );
    }
}

fn flags(args: &Args, op: &Operation, errors: &mut Errors) {
    if let Some(span) = args.idempotent
        && op.field(IDEMPOTENCY_KEY, Place::Header).is_none()
    {
        errors.push(
            span,
            format!(
                "{} takes no `{IDEMPOTENCY_KEY}` header in the API contract",
                op.label()
            ),
        );
    }
}

/// The fields whose JSON kind the generated code asserts.
pub fn kinds(e: &Endpoint, op: &Operation) -> Vec<(syn::Type, &'static str)> {
    e.fields
        .iter()
        .filter(|f| !f.flatten && matches!(f.location, Location::Query | Location::Body))
        .filter_map(|f| {
            let slot = op.field(&f.wire_name, place(&f.location))?;
            Some((f.ty.clone(), check_fn(slot.kind?)))
        })
        .collect()
}

/// The runtime's check function for a kind (`interlace::contract::<fn>`).
fn check_fn(kind: Kind) -> &'static str {
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
