//! [`Declaration`] → [`Endpoint`]: every rule, every error collected and
//! spanned at the token at fault.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::{LitStr, Type, parse_quote};

use crate::errors::Errors;
use crate::model::{
    Case, Declaration, Endpoint, Field, FieldDecl, Location, Method, Segment, snake_case,
};

/// Checks `decl`; `Err` carries every problem found.
pub fn endpoint(decl: Declaration, mut errors: Errors) -> Result<Endpoint, syn::Error> {
    let args = decl.args;
    let method = args.method.as_ref().map(|m| m.value);
    let segments = match &args.path {
        Some(lit) => path_template(lit, &mut errors),
        None => Vec::new(),
    };
    let placeholders: Vec<&str> = segments
        .iter()
        .filter_map(|s| match s {
            Segment::Placeholder(name) => Some(name.as_str()),
            Segment::Literal(_) => None,
        })
        .collect();

    if let (Some(lit), false) = (&args.path, placeholders.is_empty()) {
        for name in &placeholders {
            if !decl.fields.iter().any(|f| f.ident == name) {
                errors.push(
                    lit.span(),
                    format!("placeholder `{{{name}}}` has no field named `{name}`"),
                );
            }
        }
    }

    if let (Some(m), Some(span)) = (method, args.idempotent)
        && m == Method::Get
    {
        errors.push(
            span,
            "`idempotent` is for POST, PUT and DELETE; a GET is always safe to repeat",
        );
    }
    if let Some(span) = args.paginated {
        if !matches!(method, Some(Method::Get) | None) {
            errors.push(span, "`paginated` is for GET list endpoints");
        }
        if args.response.is_none() && !args.misspelt.iter().any(|k| k == "response") {
            errors.push(span, "`paginated` needs `response = Page<Item>`");
        }
    }

    let case = args
        .rename_all
        .as_ref()
        .and_then(|lit| Case::parse(&lit.value()))
        .unwrap_or(Case::Camel);
    let mut fields: Vec<Field> = decl
        .fields
        .into_iter()
        .map(|f| field(f, method, case, &placeholders, &mut errors))
        .collect();

    if args.paginated.is_some() {
        for name in ["page", "limit"] {
            if !fields.iter().any(|f| f.ident == name) {
                fields.push(paging_field(name));
            }
        }
    }

    duplicate_wire_names(&fields, &mut errors);

    errors.into_result()?;
    let (Some(method), Some(path)) = (method, args.path) else {
        unreachable!("a missing method or path was reported above");
    };
    Ok(Endpoint {
        attrs: decl.attrs,
        vis: decl.vis,
        ident: decl.ident,
        method,
        path,
        segments,
        response: args.response.map(|r| r.value),
        idempotent: args.idempotent.is_some(),
        auth: args.no_auth.is_none(),
        paginated: args.paginated.is_some(),
        client_method: args.client_method.is_some(),
        docs: args.docs,
        krate: args.krate.unwrap_or_else(|| parse_quote!(::interlace)),
        fields,
        contract: Default::default(),
    })
}

/// Splits a path template into literals and placeholders.
pub fn path_template(lit: &LitStr, errors: &mut Errors) -> Vec<Segment> {
    let text = lit.value();
    let span = lit.span();
    if !text.starts_with('/') {
        errors.push(span, "path must start with `/`");
    }
    if text.contains(['?', '#']) {
        errors.push(
            span,
            "path must not hold a query or fragment; declare query fields instead",
        );
    }
    let mut segments = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let open = rest.find('{');
        let close = rest.find('}');
        match (open, close) {
            (_, Some(c)) if open.is_none_or(|o| c < o) => {
                errors.push(span, "unmatched `}` in path");
                segments.push(Segment::Literal(rest[..=c].to_string()));
                rest = &rest[c + 1..];
            }
            (Some(o), _) => {
                if o > 0 {
                    segments.push(Segment::Literal(rest[..o].to_string()));
                }
                let after = &rest[o + 1..];
                let end = after.find('}');
                let next_open = after.find('{');
                match end {
                    Some(e) if next_open.is_none_or(|n| e < n) => {
                        let written = &after[..e];
                        // `{transactionId}`, as the contract and the docs
                        // write it, binds the field `transaction_id`.
                        let converted = is_camel_name(written).then(|| snake_case(written));
                        let name = converted.as_deref().unwrap_or(written);
                        if name.is_empty() {
                            errors.push(span, "placeholder `{}` is empty; name the field it takes, like `{card_id}`");
                        } else if !is_field_name(name) {
                            errors.push(
                                span,
                                format!("placeholder `{{{name}}}` is not a valid field name"),
                            );
                        } else if seen.iter().any(|s| s == name) {
                            errors.push(span, format!("placeholder `{{{name}}}` appears twice"));
                        } else {
                            seen.push(name.to_string());
                            segments.push(Segment::Placeholder(name.to_string()));
                        }
                        rest = &after[e + 1..];
                    }
                    _ => {
                        let name: String = after
                            .chars()
                            .take_while(|c| *c != '{' && *c != '/')
                            .collect();
                        errors.push(
                            span,
                            format!("placeholder `{{{name}` is not closed with `}}`"),
                        );
                        rest = &after[name.len()..];
                    }
                }
            }
            (None, None) => {
                segments.push(Segment::Literal(rest.to_string()));
                rest = "";
            }
            (None, Some(_)) => unreachable!("handled by the first arm"),
        }
    }
    segments
}

/// `transactionId`: a lowercase start, letters and digits, some capital.
fn is_camel_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_lowercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
        && name.chars().any(|c| c.is_ascii_uppercase())
}

fn is_field_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn field(
    f: FieldDecl,
    method: Option<Method>,
    case: Case,
    placeholders: &[&str],
    errors: &mut Errors,
) -> Field {
    let name = f.ident.to_string();
    let in_template = placeholders.contains(&name.as_str());
    let mut explicit = f.locations.iter();
    let first = explicit.next();
    if let Some(second) = explicit.next() {
        let first = first.expect("a second location implies a first");
        errors.push(
            second.span,
            format!(
                "field `{name}` is given two locations (`{}` and `{}`); keep one",
                first.value.describe(),
                second.value.describe()
            ),
        );
    }
    let location = match first {
        Some(loc) => {
            if loc.value == Location::Path && !in_template {
                errors.push(
                    loc.span,
                    format!("field `{name}` is marked `path` but the path has no `{{{name}}}`"),
                );
            } else if loc.value != Location::Path && in_template {
                errors.push(
                    loc.span,
                    format!(
                        "field `{name}` fills the placeholder `{{{name}}}`, so it can't also be a {} field",
                        loc.value.describe()
                    ),
                );
            }
            if loc.value == Location::Body
                && let Some(m @ (Method::Get | Method::Delete)) = method
            {
                errors.push(
                    loc.span,
                    format!(
                        "a {} request has no body; send `{name}` as `query` instead",
                        m.as_str()
                    ),
                );
            }
            loc.value.clone()
        }
        None if in_template => Location::Path,
        None if method.is_some_and(Method::has_body) => Location::Body,
        None => Location::Query,
    };
    if let (Some(rename), Location::Path | Location::Header(_)) = (&f.rename, &location) {
        errors.push(
            rename.span(),
            format!("`rename` has no effect on a {} field", location.describe()),
        );
    }
    if let Some(span) = f.flatten {
        if location != Location::Body {
            errors.push(
                span,
                format!(
                    "`flatten` is for body fields; `{name}` is a {} field",
                    location.describe()
                ),
            );
        }
        if f.rename.is_some() {
            errors.push(
                span,
                "a flattened field has no wire name of its own; drop `rename`",
            );
        }
    }
    let wire_name = match (&location, &f.rename) {
        (Location::Header(h), _) => h.clone(),
        (_, Some(r)) => r.value(),
        _ => case.field(&name),
    };
    Field {
        optional: option_inner(&f.ty).cloned(),
        flatten: f.flatten.is_some(),
        added: false,
        attrs: f.attrs,
        vis: f.vis,
        ident: f.ident,
        ty: f.ty,
        location,
        wire_name,
    }
}

fn duplicate_wire_names(fields: &[Field], errors: &mut Errors) {
    let mut seen: HashMap<(&'static str, String), &syn::Ident> = HashMap::new();
    for f in fields
        .iter()
        .filter(|f| f.location != Location::Path && !f.flatten)
    {
        let wire = if matches!(f.location, Location::Header(_)) {
            f.wire_name.to_ascii_lowercase()
        } else {
            f.wire_name.clone()
        };
        if let Some(first) = seen.insert((f.location.describe(), wire), &f.ident) {
            errors.push(
                f.ident.span(),
                format!(
                    "fields `{first}` and `{}` both go on the wire as `{}`; rename one",
                    f.ident, f.wire_name
                ),
            );
        }
    }
}

pub fn paging_field(name: &str) -> Field {
    let ident = syn::Ident::new(name, Span::call_site());
    let doc = if name == "page" {
        "Page number, 1-based; the stream sets it."
    } else {
        "Page size, 1–100."
    };
    Field {
        attrs: vec![parse_quote!(#[doc = #doc])],
        vis: parse_quote!(pub),
        ident,
        ty: parse_quote!(::core::option::Option<u32>),
        location: Location::Query,
        wire_name: name.to_string(),
        optional: Some(parse_quote!(u32)),
        flatten: false,
        added: true,
    }
}

/// `T` of a field typed `Option<T>`, recognised by its last path segment.
pub fn option_inner(ty: &Type) -> Option<&Type> {
    let Type::Path(p) = ty else { return None };
    let last = p.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(t) if args.args.len() == 1 => Some(t),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segments(path: &str) -> (Vec<Segment>, bool) {
        let mut errors = Errors::default();
        let lit = LitStr::new(path, Span::call_site());
        let s = path_template(&lit, &mut errors);
        (s, errors.is_empty())
    }

    #[test]
    fn templates_split_into_literals_and_placeholders() {
        let (s, ok) = segments("/open-api/v3/cards/{card_id}/card-summary");
        assert!(ok);
        assert_eq!(
            s,
            vec![
                Segment::Literal("/open-api/v3/cards/".into()),
                Segment::Placeholder("card_id".into()),
                Segment::Literal("/card-summary".into()),
            ]
        );
    }

    #[test]
    fn malformed_templates_are_errors() {
        for bad in [
            "/a/{}",
            "/a/{b",
            "/a/{1x}",
            "/a/{b}/{b}",
            "a/b",
            "/a}",
            "/a?b=1",
            "/a/{b/c}",
        ] {
            assert!(!segments(bad).1, "{bad}");
        }
    }
}
