//! The request struct and how to build it.

use proc_macro2::TokenStream;
use quote::quote;

use crate::model::{Endpoint, Location};

pub fn structure(e: &Endpoint) -> TokenStream {
    let Endpoint {
        attrs, vis, ident, ..
    } = e;
    let reference = reference_doc(e);
    let fields = e.fields.iter().map(|f| {
        let (fattrs, fvis, fident, ty) = (&f.attrs, &f.vis, &f.ident, &f.ty);
        let wire_doc = wire_doc(f);
        quote! {
            #(#fattrs)*
            #wire_doc
            #fvis #fident: #ty
        }
    });
    quote! {
        #(#attrs)*
        #reference
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        #vis struct #ident {
            #(#fields,)*
        }
    }
}

/// One `#[doc]` attribute holding `paragraphs`, after a blank line when the
/// item already has docs: one attribute rather than one per line keeps the
/// expansion small.
pub fn doc_attr(follows_docs: bool, paragraphs: &[&str]) -> TokenStream {
    let mut text = paragraphs.join("\n\n");
    if follows_docs {
        text.insert(0, '\n');
    }
    quote!(#[doc = #text])
}

fn has_docs(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| a.path().is_ident("doc"))
}

fn reference_doc(e: &Endpoint) -> TokenStream {
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
    doc_attr(has_docs(&e.attrs), &paragraphs)
}

fn wire_doc(f: &crate::model::Field) -> TokenStream {
    let text = match &f.location {
        Location::Path => return TokenStream::new(),
        Location::Query => format!("Query parameter `{}`.", f.wire_name),
        Location::Body if f.flatten => "Entries spread into the body.".to_string(),
        Location::Body => format!("Body field `{}`.", f.wire_name),
        Location::Header(h) => format!("Header `{h}`."),
    };
    doc_attr(has_docs(&f.attrs), &[&text])
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

/// The parameter's type and how its value becomes the field's.
fn parameter(ty: &syn::Type) -> (TokenStream, TokenStream) {
    if takes_into(ty) {
        (quote!(impl __p::Into<#ty>), quote!(.into()))
    } else {
        (quote!(#ty), TokenStream::new())
    }
}

pub fn constructor(e: &Endpoint) -> TokenStream {
    let ident = &e.ident;
    let vis = &e.vis;
    let required: Vec<_> = e.fields.iter().filter(|f| f.optional.is_none()).collect();
    let optional: Vec<_> = e.fields.iter().filter(|f| f.optional.is_some()).collect();
    let params = required.iter().map(|f| {
        let name = &f.ident;
        let (ty, _) = parameter(&f.ty);
        quote!(#name: #ty)
    });
    let inits = required.iter().map(|f| {
        let name = &f.ident;
        let (_, convert) = parameter(&f.ty);
        quote!(#name: #name #convert)
    });
    let nones = optional.iter().map(|f| {
        let name = &f.ident;
        quote!(#name: __p::None)
    });
    let setters = optional.iter().map(|f| {
        let name = &f.ident;
        let inner = f
            .optional
            .as_ref()
            .expect("optional fields have an inner type");
        let doc = doc_attr(false, &[&format!("Sets `{name}`.")]);
        let (ty, convert) = parameter(inner);
        quote! {
            #doc
            #[must_use]
            pub fn #name(mut self, value: #ty) -> Self {
                self.#name = __p::Some(value #convert);
                self
            }
        }
    });
    let new_doc = if required.is_empty() {
        "A request with every optional field unset.".to_string()
    } else {
        let names: Vec<String> = required.iter().map(|f| format!("`{}`", f.ident)).collect();
        format!("A request from its required fields: {}.", names.join(", "))
    };
    let new_doc = doc_attr(false, &[&new_doc]);
    let by_name = (required.len() > NAMED_ABOVE).then(|| {
        let named = required_ident(e);
        let names: Vec<_> = required.iter().map(|f| &f.ident).collect();
        let nones = optional.iter().map(|f| {
            let name = &f.ident;
            quote!(#name: __p::None)
        });
        let doc = format!(
            "A request from its required fields, each named: swapping two of them is an error, \
             not a wrong request. See [`{named}`]."
        );
        let doc = doc_attr(false, &[&doc]);
        quote! {
            #doc
            #vis fn from_required(required: #named) -> Self {
                let #named { #(#names),* } = required;
                Self { #(#names,)* #(#nones,)* }
            }
        }
    });
    quote! {
        impl #ident {
            #new_doc
            #[allow(clippy::too_many_arguments)]
            #vis fn new(#(#params),*) -> Self {
                Self { #(#inits,)* #(#nones,)* }
            }
            #by_name
            #(#setters)*
        }
    }
}

/// Above this many required fields, a request also gets a struct of them,
/// so that callers name each one.
const NAMED_ABOVE: usize = 4;

fn required_ident(e: &Endpoint) -> syn::Ident {
    quote::format_ident!("{}Required", e.ident)
}

/// The struct of a large request's required fields, next to the request.
pub fn required_fields(e: &Endpoint) -> TokenStream {
    let required: Vec<_> = e.fields.iter().filter(|f| f.optional.is_none()).collect();
    if required.len() <= NAMED_ABOVE {
        return TokenStream::new();
    }
    let vis = &e.vis;
    let ident = &e.ident;
    let named = required_ident(e);
    let fields = required.iter().map(|f| {
        let name = &f.ident;
        let ty = &f.ty;
        let doc = format!("Required by [`{ident}`].");
        quote!(#[doc = #doc] pub #name: #ty)
    });
    let doc =
        format!("The required fields of [`{ident}`], by name, for [`{ident}::from_required`].");
    quote! {
        #[doc = #doc]
        #[derive(::core::fmt::Debug, ::core::clone::Clone)]
        #vis struct #named {
            #(#fields,)*
        }
    }
}
