//! Tokens → [`Declaration`]. Syntax problems are collected, not returned at
//! the first one, so a declaration with several mistakes shows them all.

use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt as _;
use syn::parse::{ParseStream, Parser};
use syn::spanned::Spanned;
use syn::{Fields, Ident, ItemStruct, LitStr, Token};

use crate::errors::Errors;
use crate::model::{Args, Declaration, FieldDecl, Keyed, Location, Method};

pub const VALID_KEYS: &str = "response, idempotent, no_auth, paginated, strict, client_method, docs, crate, unlisted, contract, rename_all";
pub const VALID_FIELD_OPTIONS: &str =
    "path, query, body, header = \"Name\", rename = \"wireName\", flatten";

/// Parses the struct the attribute sits on. Fails only when it is not a
/// struct at all; field-level problems go into `errors`.
pub fn declaration(
    args: TokenStream,
    item: TokenStream,
    errors: &mut Errors,
) -> syn::Result<Declaration> {
    let item: ItemStruct = syn::parse2(item)?;
    let args = parse_args(args, errors);
    if !item.generics.params.is_empty() {
        errors.push(item.generics.span(), "endpoint structs can't be generic");
    }
    let fields = match item.fields {
        Fields::Named(named) => named.named.into_iter().collect(),
        Fields::Unit => Vec::new(),
        Fields::Unnamed(unnamed) => {
            errors.push(
                unnamed.span(),
                "use a struct with named fields: the names become wire names",
            );
            Vec::new()
        }
    };
    let fields = fields
        .into_iter()
        .filter_map(|f| field(f, errors))
        .collect();
    Ok(Declaration {
        attrs: item.attrs,
        vis: item.vis,
        ident: item.ident,
        args,
        fields,
    })
}

fn parse_args(tokens: TokenStream, errors: &mut Errors) -> Args {
    let mut args = Args::default();
    let parser = |input: ParseStream<'_>| {
        parse_head(input, &mut args, errors);
        while !input.is_empty() {
            if let Err(e) = input.parse::<Token![,]>() {
                errors.add(e);
                skip_to_comma(input);
                continue;
            }
            if input.is_empty() {
                break;
            }
            parse_key(input, &mut args, errors);
        }
        Ok(())
    };
    if let Err(e) = parser.parse2(tokens) {
        errors.add(e);
    }
    args
}

/// `METHOD "path"`.
fn parse_head(input: ParseStream<'_>, args: &mut Args, errors: &mut Errors) {
    if input.peek(LitStr) {
        let lit: LitStr = input.parse().expect("peeked");
        errors.push(
            lit.span(),
            format!(
                "missing HTTP method before the path; expected one of {}",
                Method::ALL
            ),
        );
        args.path = Some(lit);
        return;
    }
    if input.peek(Ident) && input.peek2(LitStr) {
        let ident: Ident = input.parse().expect("peeked");
        match Method::parse(&ident.to_string()) {
            Some(method) => {
                args.method = Some(Keyed {
                    value: method,
                    span: ident.span(),
                })
            }
            None => errors.push(
                ident.span(),
                format!(
                    "unknown HTTP method `{ident}`; expected one of {}",
                    Method::ALL
                ),
            ),
        }
        args.path = Some(input.parse().expect("peeked"));
        return;
    }
    errors.push(
        input.span(),
        format!(
            "expected an HTTP method and a path, like `GET \"/open-api/v3/...\"`; methods: {}",
            Method::ALL
        ),
    );
    skip_to_comma(input);
}

fn parse_key(input: ParseStream<'_>, args: &mut Args, errors: &mut Errors) {
    let key: Ident = if input.peek(Token![crate]) {
        let kw: Token![crate] = input.parse().expect("peeked");
        Ident::new("crate", kw.span)
    } else {
        match input.call(Ident::parse_any) {
            Ok(k) => k,
            Err(e) => {
                errors.add(e);
                skip_to_comma(input);
                return;
            }
        }
    };
    let name = key.to_string();
    let span = key.span();
    let twice = |errors: &mut Errors| errors.push(span, format!("`{name}` is given twice"));
    let result: syn::Result<()> = (|| {
        match name.as_str() {
            "response" => {
                input.parse::<Token![=]>()?;
                let ty: syn::Type = input.parse()?;
                if args.response.is_some() {
                    twice(errors);
                } else {
                    args.response = Some(Keyed { value: ty, span });
                }
            }
            "docs" | "unlisted" | "contract" | "rename_all" => {
                input.parse::<Token![=]>()?;
                let lit: LitStr = input.parse()?;
                let slot = match name.as_str() {
                    "docs" => &mut args.docs,
                    "unlisted" => &mut args.unlisted,
                    "rename_all" => &mut args.rename_all,
                    _ => &mut args.contract,
                };
                if slot.is_some() {
                    twice(errors);
                } else if name == "rename_all" {
                    if crate::model::Case::parse(&lit.value()).is_none() {
                        errors.push(
                            lit.span(),
                            format!(
                                "unknown case `{}`; expected one of: {}",
                                lit.value(),
                                crate::model::Case::ALL
                            ),
                        );
                    } else {
                        *slot = Some(lit);
                    }
                } else if name != "docs" && lit.value().trim().is_empty() {
                    errors.push(
                        lit.span(),
                        if name == "unlisted" {
                            "say why the endpoint is not in the contract"
                        } else {
                            "name the OpenAPI document, relative to the crate's Cargo.toml"
                        },
                    );
                } else {
                    *slot = Some(lit);
                }
            }
            "crate" => {
                input.parse::<Token![=]>()?;
                let path: syn::Path = if input.peek(LitStr) {
                    input.parse::<LitStr>()?.parse()?
                } else {
                    input.call(syn::Path::parse_mod_style)?
                };
                if args.krate.is_some() {
                    twice(errors);
                } else {
                    args.krate = Some(path);
                }
            }
            "idempotent" | "no_auth" | "paginated" | "strict" | "client_method" => {
                let slot = match name.as_str() {
                    "idempotent" => &mut args.idempotent,
                    "no_auth" => &mut args.no_auth,
                    "strict" => &mut args.strict,
                    "client_method" => &mut args.client_method,
                    _ => &mut args.paginated,
                };
                if input.peek(Token![=]) {
                    errors.push(span, format!("`{name}` is a flag and takes no value"));
                    skip_to_comma(input);
                } else if slot.is_some() {
                    twice(errors);
                } else {
                    *slot = Some(span);
                }
            }
            "no_client_method" => {
                // The key of earlier versions, when the method was the default:
                // "did you mean `client_method`" would suggest the opposite.
                errors.push(
                    span,
                    "`no_client_method` is the default now: no `<Name>Ext` trait is generated \
                     unless the declaration says `client_method`; remove the key",
                );
                skip_to_comma(input);
            }
            _ => {
                let keys = VALID_KEYS.split(", ");
                let close = crate::contract::suggest::nearest(&name, keys);
                let hint = crate::contract::suggest::did_you_mean(&close, "`");
                errors.push(
                    span,
                    if hint.is_empty() {
                        format!("unknown key `{name}`; expected one of: {VALID_KEYS}")
                    } else {
                        format!("unknown key `{name}`{hint}")
                    },
                );
                args.misspelt.extend(close.into_iter().map(str::to_owned));
                skip_to_comma(input);
            }
        }
        Ok(())
    })();
    if let Err(e) = result {
        errors.add(e);
        skip_to_comma(input);
    }
}

fn skip_to_comma(input: ParseStream<'_>) {
    let _ = input.step(|cursor| {
        let mut rest = *cursor;
        while let Some((tt, next)) = rest.token_tree() {
            if matches!(&tt, TokenTree::Punct(p) if p.as_char() == ',') {
                return Ok(((), rest));
            }
            rest = next;
        }
        Ok(((), rest))
    });
}

fn field(mut f: syn::Field, errors: &mut Errors) -> Option<FieldDecl> {
    let ident = f.ident.take()?;
    let mut locations = Vec::new();
    let mut rename: Option<LitStr> = None;
    let mut flatten = None;
    let mut kept = Vec::with_capacity(f.attrs.len());
    for attr in std::mem::take(&mut f.attrs) {
        if attr.path().is_ident("serde") {
            // The wire form is written by the generated code, not by a serde
            // derive, so a serde attribute would be silently ignored.
            errors.push(
                attr.path().span(),
                "request fields take no `#[serde(...)]`: name the wire field with \
                 `#[interlace(rename = \"...\")]` and shape the value through the field's type",
            );
            continue;
        }
        if !attr.path().is_ident("interlace") {
            kept.push(attr);
            continue;
        }
        let result = attr.parse_nested_meta(|meta| {
            let span = meta.path.span();
            let name = meta
                .path
                .get_ident()
                .map(ToString::to_string)
                .unwrap_or_default();
            let location = match name.as_str() {
                "path" => Location::Path,
                "query" => Location::Query,
                "body" => Location::Body,
                "header" => {
                    let value: LitStr = meta.value()?.parse()?;
                    if !is_header_name(&value.value()) {
                        errors.push(
                            value.span(),
                            format!("`{}` is not a valid header name", value.value()),
                        );
                    }
                    Location::Header(value.value())
                }
                "flatten" => {
                    if flatten.is_some() {
                        errors.push(span, "`flatten` is given twice");
                    }
                    flatten = Some(span);
                    return Ok(());
                }
                "rename" => {
                    let value: LitStr = meta.value()?.parse()?;
                    if rename.is_some() {
                        errors.push(span, "`rename` is given twice");
                    } else if value.value().is_empty() {
                        errors.push(value.span(), "a wire name can't be empty");
                    } else {
                        rename = Some(value);
                    }
                    return Ok(());
                }
                _ => {
                    errors.push(
                        span,
                        format!(
                            "unknown field option `{name}`; expected one of: {VALID_FIELD_OPTIONS}"
                        ),
                    );
                    if meta.input.peek(Token![=]) {
                        let _ = meta.value()?.parse::<syn::Expr>()?;
                    }
                    return Ok(());
                }
            };
            locations.push(Keyed {
                value: location,
                span,
            });
            Ok(())
        });
        if let Err(e) = result {
            errors.add(e);
        }
    }
    Some(FieldDecl {
        attrs: kept,
        vis: f.vis,
        ident,
        ty: f.ty,
        locations,
        rename,
        flatten,
    })
}

fn is_header_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}
