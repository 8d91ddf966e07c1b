//! The typed model of one endpoint declaration, shared by parse, check and expand.
//!
//! `parse` produces a [`Declaration`] that may break the rules; `check` turns
//! it into an [`Endpoint`], which expansion can trust.

use proc_macro2::Span;
use syn::{Attribute, Ident, LitStr, Path, Type, Visibility};

/// HTTP methods the attribute accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub const ALL: &'static str = "GET, POST, PUT, DELETE";

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "GET" => Some(Self::Get),
            "POST" => Some(Self::Post),
            "PUT" => Some(Self::Put),
            "DELETE" => Some(Self::Delete),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Delete => "DELETE",
        }
    }

    pub fn variant(self) -> &'static str {
        match self {
            Self::Get => "Get",
            Self::Post => "Post",
            Self::Put => "Put",
            Self::Delete => "Delete",
        }
    }

    /// Whether fields go in the body unless marked otherwise.
    pub fn has_body(self) -> bool {
        matches!(self, Self::Post | Self::Put)
    }
}

/// One piece of a path template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment {
    Literal(String),
    Placeholder(String),
}

/// Where a field goes on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    Body,
    Header(String),
}

impl Location {
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Path => "path",
            Self::Query => "query",
            Self::Body => "body",
            Self::Header(_) => "header",
        }
    }
}

/// A keyword given at most once in the attribute, with where it was given.
#[derive(Debug, Clone)]
pub struct Keyed<T> {
    pub value: T,
    pub span: Span,
}

/// The attribute's arguments as written.
#[derive(Debug, Clone, Default)]
pub struct Args {
    pub method: Option<Keyed<Method>>,
    pub path: Option<LitStr>,
    pub response: Option<Keyed<Type>>,
    pub idempotent: Option<Span>,
    pub no_auth: Option<Span>,
    pub paginated: Option<Span>,
    pub docs: Option<LitStr>,
    pub krate: Option<Path>,
    /// `unlisted = "why"`: not checked against any contract.
    pub unlisted: Option<LitStr>,
    /// `contract = "path"`: checked against this OpenAPI document instead
    /// of the bundled Interlace contract.
    pub contract: Option<LitStr>,
    /// `strict`: contradicting a fact the contract only guesses is an error,
    /// not a warning.
    pub strict: Option<Span>,
    /// `client_method`: a `<Name>Ext` trait adds `client.<name>(request)`.
    /// Without it the request is sent with `client.send(request)`: the trait
    /// and its impl are most of what a declaration costs the compiler on
    /// every re-check (BENCHMARKS.md), so they are opt-in.
    pub client_method: Option<Span>,
    /// `rename_all = "snake_case"`: how field names become wire names
    /// (camelCase by default), with serde's names for the cases.
    pub rename_all: Option<LitStr>,
    /// Keys that an unknown key was suggested for (`respone` → `response`):
    /// their absence is that one mistake, not a second one.
    pub misspelt: Vec<String>,
}

/// The cases of `rename_all`, spelt as serde spells them, applied by
/// serde's rules: one place for the endpoint attribute's `rename_all` and
/// for reading serde's on models.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    Lower,
    Upper,
    Pascal,
    Camel,
    Snake,
    ScreamingSnake,
    Kebab,
    ScreamingKebab,
}

impl Case {
    pub const ALL: &'static str = "\"camelCase\", \"snake_case\", \"kebab-case\", \"PascalCase\", \"SCREAMING_SNAKE_CASE\", \"SCREAMING-KEBAB-CASE\", \"lowercase\", \"UPPERCASE\"";

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "lowercase" => Self::Lower,
            "UPPERCASE" => Self::Upper,
            "PascalCase" => Self::Pascal,
            "camelCase" => Self::Camel,
            "snake_case" => Self::Snake,
            "SCREAMING_SNAKE_CASE" => Self::ScreamingSnake,
            "kebab-case" => Self::Kebab,
            "SCREAMING-KEBAB-CASE" => Self::ScreamingKebab,
            _ => return None,
        })
    }

    /// The wire name of a field named `name` (snake_case, maybe `r#`).
    pub fn field(self, name: &str) -> String {
        let name = name.strip_prefix("r#").unwrap_or(name);
        match self {
            Self::Lower | Self::Snake => name.to_string(),
            Self::Upper | Self::ScreamingSnake => name.to_ascii_uppercase(),
            Self::Camel => camel_case(name),
            Self::Pascal => {
                let camel = camel_case(name);
                let mut chars = camel.chars();
                chars
                    .next()
                    .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
            }
            Self::Kebab => name.replace('_', "-"),
            Self::ScreamingKebab => name.to_ascii_uppercase().replace('_', "-"),
        }
    }

    /// The wire name of an enum variant named `name` (PascalCase).
    pub fn variant(self, name: &str) -> String {
        match self {
            Self::Pascal => name.to_string(),
            Self::Lower => name.to_ascii_lowercase(),
            Self::Upper => name.to_ascii_uppercase(),
            Self::Camel => {
                let mut chars = name.chars();
                chars
                    .next()
                    .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
            }
            Self::Snake => {
                let mut out = String::with_capacity(name.len() + 4);
                for (i, c) in name.char_indices() {
                    if c.is_uppercase() && i > 0 {
                        out.push('_');
                    }
                    out.push(c.to_ascii_lowercase());
                }
                out
            }
            Self::ScreamingSnake => Self::Snake.variant(name).to_ascii_uppercase(),
            Self::Kebab => Self::Snake.variant(name).replace('_', "-"),
            Self::ScreamingKebab => Self::ScreamingSnake.variant(name).replace('_', "-"),
        }
    }
}

/// A field as written, with its `#[interlace(...)]` options.
#[derive(Debug, Clone)]
pub struct FieldDecl {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub ident: Ident,
    pub ty: Type,
    /// Locations given explicitly, in order, with the span of each marker.
    pub locations: Vec<Keyed<Location>>,
    pub rename: Option<LitStr>,
    /// `#[interlace(flatten)]`: a map or struct whose entries become body fields.
    pub flatten: Option<Span>,
}

/// The struct and attribute as parsed, before the rules are checked.
#[derive(Debug, Clone)]
pub struct Declaration {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub ident: Ident,
    pub args: Args,
    pub fields: Vec<FieldDecl>,
}

/// A field with its final location and wire name.
#[derive(Debug, Clone)]
pub struct Field {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub ident: Ident,
    pub ty: Type,
    pub location: Location,
    pub wire_name: String,
    /// `Option<T>`: left out when `None`, set through a chained setter.
    pub optional: Option<Type>,
    /// The field's entries are spread into the body.
    pub flatten: bool,
    /// Added by `paginated` (`page`, `limit`), not written by the user.
    pub added: bool,
}

/// A declaration that obeys every rule.
#[derive(Debug, Clone)]
pub struct Endpoint {
    pub attrs: Vec<Attribute>,
    pub vis: Visibility,
    pub ident: Ident,
    pub method: Method,
    pub path: LitStr,
    pub segments: Vec<Segment>,
    pub response: Option<Type>,
    pub idempotent: bool,
    pub auth: bool,
    pub paginated: bool,
    /// A `<Name>Ext` trait gives the client a method for the endpoint.
    pub client_method: bool,
    pub docs: Option<LitStr>,
    pub krate: Path,
    pub fields: Vec<Field>,
    /// What the contract says about the endpoint, once checked against it.
    pub contract: ContractFacts,
}

/// How a field's type is held to the JSON kind the contract gives it, by the
/// names of the runtime's check functions (`string`, `integer`, …).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KindCheck {
    /// The one kind the contract allows.
    One(&'static str),
    /// Any of several (`type: [string, integer]`, a `oneOf`), in the
    /// contract's order.
    AnyOf(Vec<&'static str>),
    /// A model of the contract's schema of this name: an object whose own
    /// fields are checked, all the way down.
    Model(String),
}

/// The contract's facts that reach the generated code.
#[derive(Debug, Clone, Default)]
pub struct ContractFacts {
    /// A doc paragraph naming the operation, its summary and confidence.
    pub doc: Option<String>,
    /// Field types to assert the JSON kind of, with the runtime check to use.
    pub kinds: Vec<(Type, KindCheck)>,
    /// A contract file the crate must be rebuilt after, as an absolute path.
    pub track: Option<String>,
}

impl Endpoint {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.ident == name)
    }
}

/// `CreatePrepaidCard` → `create_prepaid_card`; `transactionId` →
/// `transaction_id`.
pub fn snake_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_uppercase() {
            let prev_lower =
                i > 0 && (chars[i - 1].is_lowercase() || chars[i - 1].is_ascii_digit());
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if i > 0 && (prev_lower || (next_lower && chars[i - 1].is_uppercase())) {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// `account_id` → `accountId`.
pub fn camel_case(name: &str) -> String {
    let name = name.strip_prefix("r#").unwrap_or(name);
    let mut out = String::with_capacity(name.len());
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = !out.is_empty();
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_conversions() {
        assert_eq!(snake_case("CreatePrepaidCard"), "create_prepaid_card");
        assert_eq!(snake_case("GetKYCResult"), "get_kyc_result");
        assert_eq!(snake_case("ListCardBins3ds"), "list_card_bins3ds");
        assert_eq!(camel_case("account_id"), "accountId");
        assert_eq!(camel_case("three_ds_v2"), "threeDsV2");
        assert_eq!(camel_case("r#type"), "type");
    }
}
