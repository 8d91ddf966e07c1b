//! What a declaration with errors expands to: the `compile_error!`s, plus the
//! struct, its constructor and stub impls, so that code using the endpoint
//! elsewhere in the crate does not drown the real errors in follow-on ones.

use proc_macro2::{Span, TokenStream};
use syn::{LitStr, parse_quote};

use crate::check::{option_inner, paging_field};
use crate::expand::{self, Mode};
use crate::model::{Declaration, Endpoint, Field, Location, Method, Segment, camel_case};

pub fn expand(decl: &Declaration, errors: syn::Error) -> TokenStream {
    let mut out = errors.to_compile_error();
    out.extend(expand::endpoint(&lenient(decl), Mode::Stub));
    out
}

/// A model that is close to what was declared and safe to expand as stubs:
/// every field is a query field, the location that asks least of its type.
/// `paginated` is kept (with its `page` and `limit`) when the declaration
/// leaves those names free, so that `.limit(..)` and `client.stream(..)`
/// elsewhere don't add follow-on errors.
fn lenient(decl: &Declaration) -> Endpoint {
    let paginated = decl.args.paginated.is_some()
        && !decl
            .fields
            .iter()
            .any(|f| f.ident == "page" || f.ident == "limit");
    let mut fields: Vec<Field> = decl
        .fields
        .iter()
        .map(|f| Field {
            attrs: f.attrs.clone(),
            vis: f.vis.clone(),
            ident: f.ident.clone(),
            ty: f.ty.clone(),
            location: Location::Query,
            wire_name: camel_case(&f.ident.to_string()),
            optional: option_inner(&f.ty).cloned(),
            flatten: false,
            added: false,
        })
        .collect();
    if paginated {
        fields.extend(["page", "limit"].map(paging_field));
    }
    let path = decl
        .args
        .path
        .clone()
        .unwrap_or_else(|| LitStr::new("/", Span::call_site()));
    Endpoint {
        attrs: decl.attrs.clone(),
        vis: decl.vis.clone(),
        ident: decl.ident.clone(),
        method: decl.args.method.as_ref().map_or(Method::Get, |m| m.value),
        segments: vec![Segment::Literal(path.value())],
        path,
        response: decl.args.response.as_ref().map(|r| r.value.clone()),
        idempotent: false,
        auth: true,
        paginated,
        client_method: decl.args.client_method.is_some(),
        docs: decl.args.docs.clone(),
        krate: decl
            .args
            .krate
            .clone()
            .unwrap_or_else(|| parse_quote!(::interlace)),
        fields,
        contract: Default::default(),
    }
}
