//! `#[interlace_model("Name")]`: a response type against the contract's
//! schema component of that name.
//!
//! Every field's wire name (after serde's `rename_all`, `rename` and
//! `alias`) must be a property of the component, and every field the
//! contract does not promise (not in its `required` list) must decode when
//! absent: an `Option`, or `#[serde(default)]` on the field or the struct.
//! The struct is emitted unchanged, with one more doc paragraph.

use proc_macro2::{Span, TokenStream};
use quote::quote;
use syn::parse::Parser;
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::{Expr, ItemStruct, Lit, LitStr, Meta, Token};

use super::suggest::{did_you_mean, nearest};
use crate::errors::Errors;

pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let mut item: ItemStruct = match syn::parse2(item) {
        Ok(item) => item,
        Err(e) => return e.to_compile_error(),
    };
    let mut errors = Errors::default();
    let (name, contract) = match parse_args(args) {
        Ok(parsed) => parsed,
        Err(e) => {
            let error = e.to_compile_error();
            return quote!(#item #error);
        }
    };
    let mut track = TokenStream::new();
    match super::named(contract.as_ref()) {
        Ok((contract, file)) => {
            if let Some(path) = file {
                track = quote!(
                    const _: &[u8] = ::core::include_bytes!(#path);
                );
            }
            match contract.component(&name.value()) {
                Some(schema) => {
                    let component = Component::of(schema);
                    check(&item, &name.value(), &component, &mut errors);
                }
                None => {
                    let names = contract.component_names();
                    let hint = did_you_mean(&nearest(&name.value(), names), "`");
                    errors.push(
                        name.span(),
                        format!("the API contract has no schema `{}`{hint}", name.value()),
                    );
                }
            }
        }
        Err(e) => errors.add(e),
    }
    let doc = format!(
        "\n\nDecodes the API contract's schema `{}`: every field the contract does not \
         promise is optional.",
        name.value()
    );
    item.attrs.push(syn::parse_quote!(#[doc = #doc]));
    let errors = errors.into_result().err().map(|e| e.to_compile_error());
    quote!(#item #track #errors)
}

fn parse_args(args: TokenStream) -> syn::Result<(LitStr, Option<LitStr>)> {
    let parser = |input: syn::parse::ParseStream<'_>| {
        let name: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the schema's name, like `#[interlace_model(\"Card\")]`",
            )
        })?;
        let mut contract = None;
        if input.parse::<Option<Token![,]>>()?.is_some() && !input.is_empty() {
            let key: syn::Ident = input.parse()?;
            if key != "contract" {
                return Err(syn::Error::new(
                    key.span(),
                    "unknown key; expected `contract = \"path\"`",
                ));
            }
            input.parse::<Token![=]>()?;
            contract = Some(input.parse::<LitStr>()?);
            input.parse::<Option<Token![,]>>()?;
        }
        Ok((name, contract))
    };
    parser.parse2(args)
}

/// A schema component, as a response model sees it.
struct Component {
    properties: Vec<String>,
    required: Vec<String>,
    open: bool,
}

impl Component {
    fn of(schema: interlace_contract::Schema<'_>) -> Self {
        Self {
            properties: schema
                .properties()
                .into_iter()
                .map(|(n, _)| n.to_string())
                .collect(),
            required: schema.required().into_iter().map(str::to_string).collect(),
            open: schema.is_open(),
        }
    }
}

/// What serde does with one field, as far as decoding goes.
#[derive(Default)]
struct SerdeField {
    rename: Option<LitStr>,
    aliases: Vec<String>,
    default: bool,
    flatten: bool,
    skip: bool,
}

#[derive(Default)]
struct SerdeStruct {
    rename_all: Option<String>,
    default: bool,
}

fn serde_metas(attrs: &[syn::Attribute]) -> Vec<Meta> {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("serde"))
        .filter_map(|a| {
            a.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
                .ok()
        })
        .flatten()
        .collect()
}

fn string_value(meta: &Meta) -> Option<LitStr> {
    match meta {
        Meta::NameValue(nv) => match &nv.value {
            Expr::Lit(l) => match &l.lit {
                Lit::Str(s) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        },
        // `rename(deserialize = "...")`: the name read is the one that counts.
        Meta::List(list) => list
            .parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            .ok()?
            .into_iter()
            .find(|m| m.path().is_ident("deserialize"))
            .and_then(|m| string_value(&m)),
        Meta::Path(_) => None,
    }
}

fn serde_struct(attrs: &[syn::Attribute]) -> SerdeStruct {
    let mut s = SerdeStruct::default();
    for meta in serde_metas(attrs) {
        if meta.path().is_ident("rename_all") {
            s.rename_all = string_value(&meta).map(|l| l.value());
        } else if meta.path().is_ident("default") {
            s.default = true;
        }
    }
    s
}

fn serde_field(attrs: &[syn::Attribute]) -> SerdeField {
    let mut f = SerdeField::default();
    for meta in serde_metas(attrs) {
        let p = meta.path();
        if p.is_ident("rename") {
            f.rename = string_value(&meta);
        } else if p.is_ident("alias") {
            f.aliases.extend(string_value(&meta).map(|l| l.value()));
        } else if p.is_ident("default") {
            f.default = true;
        } else if p.is_ident("flatten") {
            f.flatten = true;
        } else if p.is_ident("skip") || p.is_ident("skip_deserializing") {
            f.skip = true;
        }
    }
    f
}

/// serde's `rename_all` rules, for the ones response types use.
fn renamed(ident: &str, rule: Option<&str>) -> String {
    let ident = ident.strip_prefix("r#").unwrap_or(ident);
    let camel = crate::model::camel_case(ident);
    match rule {
        Some("camelCase") => camel,
        Some("PascalCase") => {
            let mut c = camel.chars();
            c.next()
                .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
        }
        Some("lowercase") => ident.replace('_', "").to_lowercase(),
        Some("UPPERCASE") => ident.replace('_', "").to_uppercase(),
        Some("SCREAMING_SNAKE_CASE") => ident.to_uppercase(),
        Some("kebab-case") => ident.replace('_', "-"),
        Some("SCREAMING-KEBAB-CASE") => ident.replace('_', "-").to_uppercase(),
        _ => ident.to_string(),
    }
}

fn is_option(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

fn check(item: &ItemStruct, name: &str, component: &Component, errors: &mut Errors) {
    let container = serde_struct(&item.attrs);
    let syn::Fields::Named(fields) = &item.fields else {
        errors.push(
            item.ident.span(),
            "a response model is a struct with named fields",
        );
        return;
    };
    for field in &fields.named {
        let Some(ident) = &field.ident else { continue };
        let serde = serde_field(&field.attrs);
        if serde.flatten || serde.skip {
            continue;
        }
        let wire = serde.rename.as_ref().map_or_else(
            || renamed(&ident.to_string(), container.rename_all.as_deref()),
            LitStr::value,
        );
        let span: Span = serde
            .rename
            .as_ref()
            .map_or_else(|| ident.span(), LitStr::span);
        let known: Vec<&str> = std::iter::once(wire.as_str())
            .chain(serde.aliases.iter().map(String::as_str))
            .filter(|n| component.properties.iter().any(|p| p == n))
            .collect();
        if known.is_empty() {
            if !component.open {
                let hint = did_you_mean(
                    &nearest(&wire, component.properties.iter().map(String::as_str)),
                    "`",
                );
                errors.push(
                    span,
                    format!("`{wire}` is not a field of the API contract's schema `{name}`{hint}"),
                );
            }
            continue;
        }
        let promised = known
            .iter()
            .any(|n| component.required.iter().any(|r| r == n));
        if !promised && !serde.default && !container.default && !is_option(&field.ty) {
            errors.push(
                field.ty.span(),
                format!(
                    "the API contract does not promise `{wire}` in `{name}`, so an answer without \
                     it would fail to decode; make the field an `Option` or add `#[serde(default)]`"
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::renamed;

    #[test]
    fn rename_rules() {
        assert_eq!(renamed("card_last_four", Some("camelCase")), "cardLastFour");
        assert_eq!(renamed("card_id", Some("PascalCase")), "CardId");
        assert_eq!(renamed("card_id", Some("SCREAMING_SNAKE_CASE")), "CARD_ID");
        assert_eq!(renamed("card_id", None), "card_id");
        assert_eq!(renamed("r#type", Some("camelCase")), "type");
    }
}
