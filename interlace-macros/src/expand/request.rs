//! The request struct and how to build it.

use proc_macro2::{Delimiter, TokenStream};
use quote::{ToTokens, quote};

use super::tokens::{At, Doc, doc, group, join};
use crate::model::{Endpoint, Field, Location};

/// The struct as declared, with its reference docs and derives.
pub struct Structure<'a>(pub &'a Endpoint);

impl ToTokens for Structure<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let e = self.0;
        let Endpoint {
            attrs, vis, ident, ..
        } = e;
        let reference = reference_doc(e);
        let fields = e.fields.iter().map(FieldDef);
        join(
            out,
            quote! {
                #(#attrs)*
                #reference
                #[derive(::core::fmt::Debug, ::core::clone::Clone)]
                #vis struct #ident {
                    #(#fields,)*
                }
            },
        );
    }
}

struct FieldDef<'a>(&'a Field);

impl ToTokens for FieldDef<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let f = self.0;
        for attr in &f.attrs {
            attr.to_tokens(out);
        }
        wire_doc(f).to_tokens(out);
        f.vis.to_tokens(out);
        f.ident.to_tokens(out);
        At(proc_macro2::Span::call_site()).punct(out, ':');
        f.ty.to_tokens(out);
    }
}

fn has_docs(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("doc"))
}

fn reference_doc(e: &Endpoint) -> Doc {
    let line = format!("**`{} {}`**", e.method.as_str(), e.path.value());
    let link = e
        .docs
        .as_ref()
        .map(|d| format!("[API reference]({})", d.value()));
    let mut paragraphs = vec![line.as_str()];
    paragraphs.extend(link.as_deref());
    paragraphs.extend(e.contract.doc.as_deref());
    paragraphs.extend(
        [
            (
                e.idempotent,
                "Sent with a fresh `Idempotency-Key` per call, reused on its retries.",
            ),
            (!e.auth, "Sent without an access token."),
            (
                e.paginated,
                "Paginated: the client also offers a stream of the items across pages.",
            ),
        ]
        .into_iter()
        .filter_map(|(on, text)| on.then_some(text)),
    );
    doc(has_docs(&e.attrs), &paragraphs)
}

fn wire_doc(f: &Field) -> Option<Doc> {
    let text = match &f.location {
        Location::Path => return None,
        Location::Query => format!("Query parameter `{}`.", f.wire_name),
        Location::Body if f.flatten => "Entries spread into the body.".to_string(),
        Location::Body => format!("Body field `{}`.", f.wire_name),
        Location::Header(h) => format!("Header `{h}`."),
    };
    Some(doc(has_docs(&f.attrs), &[&text]))
}

/// Whether a parameter of type `ty` takes `impl Into<ty>`: only `String`
/// and id newtypes (a type named `…Id`), which are passed string literals
/// and ids. Anything else takes its own type, because an `impl Into<T>`
/// parameter leaves the compiler nothing to infer from: `.limit(50)` would
/// make `50` an `i32` (and `u32: From<i32>` does not hold), and
/// `.amount(s.parse()?)` could not pick the type to parse into.
fn takes_into(ty: &syn::Type) -> bool {
    let syn::Type::Path(p) = ty else {
        return false;
    };
    if p.qself.is_some() {
        return false;
    }
    p.path.segments.last().is_some_and(|last| {
        let name = last.ident.to_string();
        last.arguments.is_none() && (name == "String" || (name.len() > 2 && name.ends_with("Id")))
    })
}

/// A parameter's type: `impl __p::Into<T>` or `T`.
struct ParamType<'a>(&'a syn::Type);

impl ToTokens for ParamType<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        if takes_into(self.0) {
            let at = At(proc_macro2::Span::call_site());
            at.ident(out, "impl");
            at.path(out, &["__p", "Into"]);
            at.punct(out, '<');
            self.0.to_tokens(out);
            at.punct(out, '>');
        } else {
            self.0.to_tokens(out);
        }
    }
}

/// How a parameter's value becomes the field's: `.into()` or nothing.
struct Convert<'a>(&'a syn::Type);

impl ToTokens for Convert<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        if takes_into(self.0) {
            let at = At(proc_macro2::Span::call_site());
            at.punct(out, '.');
            at.ident(out, "into");
            group(out, Delimiter::Parenthesis, |_| {});
        }
    }
}

/// The fields' kind assertions (see `kinds`), in `new` rather than a
/// function of their own, which the compiler would check as one more item
/// per endpoint.
struct KindChecks<'a>(&'a Endpoint);

impl ToTokens for KindChecks<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let e = self.0;
        for (ty, check) in &e.contract.kinds {
            super::kinds::assert(out, &["__p"], ty, &e.ident, check);
        }
    }
}

/// `new`, `from_required` for a large request, and a setter per optional
/// field, in one `impl`; the kind assertions go in `new` when `checked`.
pub struct Constructor<'a> {
    pub endpoint: &'a Endpoint,
    pub checked: bool,
}

impl ToTokens for Constructor<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let e = self.endpoint;
        let ident = &e.ident;
        let vis = &e.vis;
        let required: Vec<&Field> = e.fields.iter().filter(|f| f.optional.is_none()).collect();
        let optional: Vec<&Field> = e.fields.iter().filter(|f| f.optional.is_some()).collect();
        let names = required.iter().map(|f| &f.ident);
        let types = required.iter().map(|f| ParamType(&f.ty));
        let inits = required.iter().map(|f| Init(f));
        let nones = optional.iter().map(|f| &f.ident);
        fn inner<'f>(f: &&'f Field) -> &'f syn::Type {
            f.optional
                .as_ref()
                .expect("optional fields have an inner type")
        }
        let setter_docs = optional.iter().map(|f| Doc(format!("Sets `{}`.", f.ident)));
        let setters = optional.iter().map(|f| &f.ident);
        let setter_types = optional.iter().map(|f| ParamType(inner(f)));
        let setter_converts = optional.iter().map(|f| Convert(inner(f)));
        let new_doc = if required.is_empty() {
            "A request with every optional field unset.".to_string()
        } else {
            let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.ident)).collect();
            format!("A request from its required fields: {}.", names.join(", "))
        };
        let new_doc = Doc(new_doc);
        let checks = self.checked.then_some(KindChecks(e));
        // Only where clippy would object: an attribute is tokens to expand.
        let allow = (required.len() > CLIPPY_MAX_ARGUMENTS)
            .then(|| quote!(#[allow(clippy::too_many_arguments)]));
        let by_name = (required.len() > NAMED_ABOVE).then_some(FromRequired(e));
        join(
            out,
            quote! {
                impl #ident {
                    #new_doc
                    #allow
                    #vis fn new(#(#names: #types),*) -> Self {
                        #checks
                        Self { #(#inits,)* #(#nones: __p::None,)* }
                    }
                    #by_name
                    #(
                        #setter_docs
                        #[must_use]
                        pub fn #setters(mut self, value: #setter_types) -> Self {
                            self.#setters = __p::Some(value #setter_converts);
                            self
                        }
                    )*
                }
            },
        );
    }
}

/// `name: name.into()` (or `name: name`) in `new`.
struct Init<'a>(&'a Field);

impl ToTokens for Init<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let f = self.0;
        f.ident.to_tokens(out);
        At(proc_macro2::Span::call_site()).punct(out, ':');
        f.ident.to_tokens(out);
        Convert(&f.ty).to_tokens(out);
    }
}

struct FromRequired<'a>(&'a Endpoint);

impl ToTokens for FromRequired<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let e = self.0;
        let vis = &e.vis;
        let named = required_ident(e);
        let names: Vec<_> = e
            .fields
            .iter()
            .filter(|f| f.optional.is_none())
            .map(|f| &f.ident)
            .collect();
        let nones = e
            .fields
            .iter()
            .filter(|f| f.optional.is_some())
            .map(|f| &f.ident);
        let doc = Doc(format!(
            "A request from its required fields, each named: swapping two of them is an error, \
             not a wrong request. See [`{named}`]."
        ));
        join(
            out,
            quote! {
                #doc
                #vis fn from_required(required: #named) -> Self {
                    let #named { #(#names),* } = required;
                    Self { #(#names,)* #(#nones: __p::None,)* }
                }
            },
        );
    }
}

/// clippy's default `too-many-arguments-threshold`.
const CLIPPY_MAX_ARGUMENTS: usize = 7;

/// Above this many required fields, a request also gets a struct of them,
/// so that callers name each one.
const NAMED_ABOVE: usize = 4;

fn required_ident(e: &Endpoint) -> syn::Ident {
    quote::format_ident!("{}Required", e.ident)
}

/// The struct of a large request's required fields, next to the request.
pub struct RequiredFields<'a>(pub &'a Endpoint);

impl ToTokens for RequiredFields<'_> {
    fn to_tokens(&self, out: &mut TokenStream) {
        let e = self.0;
        let required: Vec<&Field> = e.fields.iter().filter(|f| f.optional.is_none()).collect();
        if required.len() <= NAMED_ABOVE {
            return;
        }
        let vis = &e.vis;
        let ident = &e.ident;
        let named = required_ident(e);
        let field_doc = format!("Required by [`{ident}`].");
        let docs = required.iter().map(|_| &field_doc);
        let names = required.iter().map(|f| &f.ident);
        let types = required.iter().map(|f| &f.ty);
        let doc =
            format!("The required fields of [`{ident}`], by name, for [`{ident}::from_required`].");
        join(
            out,
            quote! {
                #[doc = #doc]
                #[derive(::core::fmt::Debug, ::core::clone::Clone)]
                #vis struct #named {
                    #(#[doc = #docs] pub #names: #types,)*
                }
            },
        );
    }
}
