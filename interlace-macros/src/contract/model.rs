//! `#[interlace_model("Name")]`: a type against the contract's schema
//! component of that name. On a struct: the rules below, each field's JSON
//! kind, and, when the struct derives `Serialize` (it is sent), every
//! required property present and not an `Option`. On an enum: its variants'
//! wire names against the schema's `enum` values.
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
use crate::model::Case;
use crate::model::KindCheck;

pub fn expand(args: TokenStream, item: TokenStream) -> TokenStream {
    let item: syn::Item = match syn::parse2(item) {
        Ok(item) => item,
        Err(e) => return e.to_compile_error(),
    };
    let (name, contract) = match parse_args(args) {
        Ok(parsed) => parsed,
        Err(e) => {
            let error = e.to_compile_error();
            return quote!(#item #error);
        }
    };
    match item {
        syn::Item::Struct(item) => expand_struct(&name, contract.as_ref(), item),
        syn::Item::Enum(item) => expand_enum(&name, contract.as_ref(), item),
        other => {
            let error = syn::Error::new(
                other.span(),
                "`interlace_model` goes on a struct (an object schema) or an enum (an `enum` schema)",
            )
            .to_compile_error();
            quote!(#other #error)
        }
    }
}

fn expand_struct(name: &LitStr, contract: Option<&LitStr>, mut item: ItemStruct) -> TokenStream {
    let mut errors = Errors::default();
    let track = with_schema(name, contract, &mut errors, |schema, document, errors| {
        let confidence = schema.confidence();
        let component = Component::of(schema, document);
        let kinds = check(&item, &name.value(), &component, confidence, errors);
        if derives(&item.attrs, "Serialize") {
            check_sent(&item, &name.value(), &component, confidence, errors);
        }
        // A generic model's field types name its parameters, which a free
        // function can't see.
        if item.generics.params.is_empty() {
            kind_checks(&item.ident, &kinds)
        } else {
            TokenStream::new()
        }
    });
    let doc = format!(
        "\n\nDecodes the API contract's schema `{}`: every field the contract does not \
         promise is optional.",
        name.value()
    );
    item.attrs.push(syn::parse_quote!(#[doc = #doc]));
    let (warnings, errors) = errors.split(&item.attrs);
    let errors = errors.err().map(|e| e.to_compile_error());
    // A model nested in another model (or sent in a request) is an object.
    let ident = &item.ident;
    let (generics, types, bounds) = item.generics.split_for_impl();
    let object = if item.generics.params.is_empty() {
        let schema = name.value();
        quote!(
            impl<Op> ::interlace::contract::SendsObject<Op> for #ident #types #bounds {}
            impl<Op> ::interlace::contract::Models<Op> for #ident #types #bounds {
                const SCHEMA: &'static str = #schema;
            }
        )
    } else {
        let _ = generics;
        TokenStream::new()
    };
    quote!(#item #object #track #warnings #errors)
}

/// Finds the schema `name` in the named contract and hands it to `check`;
/// returns what `check` generates, with the contract file's inclusion when
/// it is a file of the user's. A missing schema is an error with the
/// nearest names.
fn with_schema(
    name: &LitStr,
    contract: Option<&LitStr>,
    errors: &mut Errors,
    check: impl FnOnce(
        interlace_contract::Schema<'_>,
        &interlace_contract::Document,
        &mut Errors,
    ) -> TokenStream,
) -> TokenStream {
    let (contract, file) = match super::named(contract) {
        Ok(named) => named,
        Err(e) => {
            errors.add(e);
            return TokenStream::new();
        }
    };
    let mut out = file
        .map(|path| {
            quote!(
                const _: &[u8] = ::core::include_bytes!(#path);
            )
        })
        .unwrap_or_default();
    match contract.component(&name.value()) {
        Some(schema) => out.extend(check(schema, &contract, errors)),
        None => {
            let hint = did_you_mean(&nearest(&name.value(), contract.component_names()), "`");
            errors.push(
                name.span(),
                format!("the API contract has no schema `{}`{hint}", name.value()),
            );
        }
    }
    out
}

/// Whether `#[derive(..)]` names `wanted` (as `Serialize` or `serde::Serialize`).
fn derives(attrs: &[syn::Attribute], wanted: &str) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .any(|a| {
            a.parse_args_with(Punctuated::<syn::Path, Token![,]>::parse_terminated)
                .is_ok_and(|paths| {
                    paths
                        .iter()
                        .any(|p| p.segments.last().is_some_and(|s| s.ident == wanted))
                })
        })
}

/// A model that is sent (it derives `Serialize`): every property the
/// contract requires must be a field, and not an `Option`, or a request
/// could go without it.
fn check_sent(
    item: &ItemStruct,
    name: &str,
    component: &Component,
    confidence: Option<interlace_contract::Confidence>,
    errors: &mut Errors,
) {
    let container = serde_struct(&item.attrs);
    let syn::Fields::Named(fields) = &item.fields else {
        return;
    };
    let mut missing = Vec::new();
    for required in &component.required {
        let field = fields.named.iter().find(|f| {
            let Some(ident) = &f.ident else { return false };
            let serde = serde_field(&f.attrs);
            let wire = serde.rename.as_ref().map_or_else(
                || renamed(&ident.to_string(), container.rename_all.as_deref()),
                LitStr::value,
            );
            !serde.skip && wire == *required
        });
        match field {
            None => missing.push(format!("`{required}`")),
            Some(field) if is_option(&field.ty) => errors.contradicts(
                field.ty.span(),
                format!(
                    "the API contract requires `{required}` in `{name}`, and this type is sent: \
                     an `Option` lets it go without it; declare the field without `Option`"
                ),
                confidence,
            ),
            Some(_) => {}
        }
    }
    if !missing.is_empty() {
        errors.contradicts(
            item.ident.span(),
            format!(
                "the API contract requires {} in `{name}`, which this type lacks, and it is sent",
                missing.join(", ")
            ),
            confidence,
        );
    }
}

/// One assertion per field that its type is the JSON kind the contract
/// gives the property, spanned at the type (as for endpoint fields).
fn kind_checks(model: &syn::Ident, kinds: &[(syn::Type, KindCheck)]) -> TokenStream {
    let mut checks = TokenStream::new();
    for (ty, check) in kinds {
        crate::expand::kinds::assert(
            &mut checks,
            &["", "interlace", "__private"],
            ty,
            model,
            check,
        );
    }
    // Every field's type evidently of its kind: nothing to assert.
    if checks.is_empty() {
        return checks;
    }
    quote! {
        const _: () = {
            #[allow(dead_code)]
            fn __contract() { #checks }
        };
    }
}

fn expand_enum(name: &LitStr, contract: Option<&LitStr>, item: syn::ItemEnum) -> TokenStream {
    let mut errors = Errors::default();
    let track = with_schema(name, contract, &mut errors, |schema, _, errors| {
        check_enum(&item, name, &schema, errors);
        TokenStream::new()
    });
    let (warnings, errors) = errors.split(&item.attrs);
    let errors = errors.err().map(|e| e.to_compile_error());
    quote!(#item #track #warnings #errors)
}

/// Every variant's wire name (after serde's renames) must be one of the
/// schema's `enum` values, and every value must have a variant unless one
/// variant is `#[serde(other)]`.
fn check_enum(
    item: &syn::ItemEnum,
    name: &LitStr,
    schema: &interlace_contract::Schema<'_>,
    errors: &mut Errors,
) {
    let Some(values) = schema.enum_values() else {
        errors.push(
            name.span(),
            format!(
                "the API contract's schema `{}` lists no `enum` values",
                name.value()
            ),
        );
        return;
    };
    let values: Vec<&str> = values.iter().filter_map(|v| v.as_str()).collect();
    if values.is_empty() {
        // Integer-coded enums are read by number, not by name.
        return;
    }
    let container = serde_struct(&item.attrs);
    let mut covered = Vec::new();
    let mut catch_all = false;
    for variant in &item.variants {
        let serde = serde_field(&variant.attrs);
        if serde.skip {
            continue;
        }
        if serde_metas(&variant.attrs)
            .iter()
            .any(|m| m.path().is_ident("other"))
        {
            catch_all = true;
            continue;
        }
        let wire = serde.rename.as_ref().map_or_else(
            || {
                let case = container.rename_all.as_deref().and_then(Case::parse);
                case.unwrap_or(Case::Pascal)
                    .variant(&variant.ident.to_string())
            },
            LitStr::value,
        );
        let names: Vec<String> = std::iter::once(wire.clone()).chain(serde.aliases).collect();
        let known: Vec<&String> = names
            .iter()
            .filter(|n| values.contains(&n.as_str()))
            .collect();
        if known.is_empty() {
            let close = nearest(&wire, values.iter().copied());
            let hint = if close.is_empty() {
                format!("; it has: {}", quoted(&values))
            } else {
                did_you_mean(&close, "`")
            };
            let span = serde
                .rename
                .as_ref()
                .map_or_else(|| variant.ident.span(), LitStr::span);
            errors.contradicts(
                span,
                format!(
                    "`{wire}` is not a value of the API contract's enum `{}`{hint}",
                    name.value()
                ),
                schema.confidence(),
            );
        }
        covered.extend(known.into_iter().cloned());
    }
    let missing: Vec<&str> = values
        .iter()
        .copied()
        .filter(|v| !covered.iter().any(|c| c == v))
        .collect();
    if !missing.is_empty() && !catch_all {
        errors.contradicts(
            item.ident.span(),
            format!(
                "the API contract's enum `{}` also has {}, which this enum cannot decode; add \
                 variants for them, or a `#[serde(other)]` variant",
                name.value(),
                quoted(&missing)
            ),
            schema.confidence(),
        );
    }
}

fn quoted(values: &[&str]) -> String {
    values
        .iter()
        .map(|v| format!("`{v}`"))
        .collect::<Vec<_>>()
        .join(", ")
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
    /// Each property's kinds, when the contract is sure of them.
    kinds: Vec<Vec<interlace_contract::Kind>>,
    /// Whether each property may be `null`.
    nullable: Vec<bool>,
    /// The schema each property's object must model, when it has one of its
    /// own and the contract is sure of it.
    models: Vec<Option<String>>,
    /// Each property's own confidence, when it has one.
    confidences: Vec<Option<interlace_contract::Confidence>>,
    required: Vec<String>,
    open: bool,
}

impl Component {
    fn of(schema: interlace_contract::Schema<'_>, document: &interlace_contract::Document) -> Self {
        let properties = schema.properties();
        Self {
            models: properties
                .iter()
                .map(|(name, p)| {
                    if p.confidence().is_some_and(|c| c.is_guess()) {
                        return None;
                    }
                    let written = schema.raw_property(name)?;
                    document.model_name(written).map(str::to_owned)
                })
                .collect(),
            kinds: properties
                .iter()
                .map(|(_, p)| {
                    if p.confidence().is_some_and(|c| c.is_guess()) {
                        Vec::new()
                    } else {
                        p.kinds()
                    }
                })
                .collect(),
            nullable: properties.iter().map(|(_, p)| p.is_nullable()).collect(),
            confidences: properties.iter().map(|(_, p)| p.confidence()).collect(),
            properties: properties.iter().map(|(n, _)| n.to_string()).collect(),
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

/// The wire name serde gives the field `ident` under `rename_all = rule`
/// (an unknown or absent rule leaves it as it is).
fn renamed(ident: &str, rule: Option<&str>) -> String {
    rule.and_then(Case::parse)
        .unwrap_or(Case::Snake)
        .field(ident)
}

fn is_option(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(p) if p.qself.is_none()
        && p.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

/// Checks the fields' names and optionality; returns the fields whose kind
/// the generated code asserts.
fn check(
    item: &ItemStruct,
    name: &str,
    component: &Component,
    confidence: Option<interlace_contract::Confidence>,
    errors: &mut Errors,
) -> Vec<(syn::Type, KindCheck)> {
    let mut kinds = Vec::new();
    let container = serde_struct(&item.attrs);
    let syn::Fields::Named(fields) = &item.fields else {
        errors.push(
            item.ident.span(),
            "a response model is a struct with named fields",
        );
        return kinds;
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
                let properties: Vec<&str> =
                    component.properties.iter().map(String::as_str).collect();
                let camel = renamed(&ident.to_string(), Some("camelCase"));
                let hint = if container.rename_all.is_none()
                    && serde.rename.is_none()
                    && properties.contains(&camel.as_str())
                {
                    format!(
                        "; the contract's name is `{camel}`: add \
                         `#[serde(rename_all = \"camelCase\")]` to the struct"
                    )
                } else {
                    let close = nearest(&wire, properties.iter().copied());
                    if close.is_empty() {
                        format!("; it has: {}", quoted(&properties))
                    } else {
                        let fixes: Vec<String> = close
                            .iter()
                            .map(|c| {
                                let snake = crate::model::snake_case(c);
                                if renamed(&snake, container.rename_all.as_deref()) == *c {
                                    format!("`{c}` (a field named `{snake}`)")
                                } else {
                                    format!("`{c}` (`#[serde(rename = \"{c}\")]`)")
                                }
                            })
                            .collect();
                        let fixes: Vec<&str> = fixes.iter().map(String::as_str).collect();
                        did_you_mean(&fixes, "")
                    }
                };
                errors.push(
                    span,
                    format!("`{wire}` is not a field of the API contract's schema `{name}`{hint}"),
                );
            }
            continue;
        }
        if let Some(kind) = known.iter().find_map(|n| {
            let index = component.properties.iter().position(|p| p == n)?;
            let kinds = &component.kinds[index];
            match kinds.as_slice() {
                [] => None,
                [one] => Some(KindCheck::One(super::endpoint::check_fn(*one))),
                _ => super::endpoint::any_of(kinds.clone()),
            }
        }) {
            kinds.push((field.ty.clone(), kind));
        }
        // A property that is an object of its own: a model of it.
        if let Some(schema) = known.iter().find_map(|n| {
            let index = component.properties.iter().position(|p| p == n)?;
            component.models[index].clone()
        }) {
            kinds.push((field.ty.clone(), KindCheck::Model(schema)));
        }
        // `null` decodes into an `Option` only, whatever `serde(default)` says.
        if !is_option(&field.ty)
            && let Some(index) = known.iter().find_map(|n| {
                let index = component.properties.iter().position(|p| p == n)?;
                component.nullable[index].then_some(index)
            })
        {
            errors.contradicts(
                field.ty.span(),
                format!(
                    "the API contract allows `null` for `{wire}` in `{name}`, which this type \
                     can't decode; make the field an `Option`"
                ),
                component.confidences[index].or(confidence),
            );
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
    kinds
}

#[cfg(test)]
mod tests {
    use super::{Case, renamed};

    #[test]
    fn rename_rules() {
        assert_eq!(renamed("card_last_four", Some("camelCase")), "cardLastFour");
        assert_eq!(renamed("card_id", Some("PascalCase")), "CardId");
        assert_eq!(renamed("card_id", Some("SCREAMING_SNAKE_CASE")), "CARD_ID");
        assert_eq!(renamed("card_id", None), "card_id");
        assert_eq!(renamed("r#type", Some("camelCase")), "type");
        assert_eq!(renamed("card_id", Some("lowercase")), "card_id");
        assert_eq!(renamed("card_id", Some("SCREAMING-KEBAB-CASE")), "CARD-ID");
        assert_eq!(Case::ScreamingSnake.variant("NotActive"), "NOT_ACTIVE");
        assert_eq!(Case::Camel.variant("NotActive"), "notActive");
        assert_eq!(Case::Kebab.variant("NotActive"), "not-active");
    }
}
