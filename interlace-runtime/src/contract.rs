//! The JSON kind a Rust type is sent as, so that `#[interlace_endpoint]` can
//! check a field's type against the kind the API contract gives the field.
//!
//! The attribute reads the contract (an OpenAPI document) at compile time
//! and, for every field whose contract schema has one JSON type, asserts
//! that the field's type implements the matching trait below. A mismatch
//! fails to compile at the field's type, with a message that names the
//! contract's kind and the endpoint. Each trait takes the endpoint as `Op`
//! only so the message can name it.
//!
//! Types of your own that you send as fields implement the trait of the
//! kind they serialize to:
//!
//! ```
//! use interlace_runtime::contract::SendsString;
//!
//! #[derive(serde::Serialize)]
//! struct Reference(String);
//!
//! impl<Op> SendsString<Op> for Reference {}
//! ```
//!
//! A field whose schema is an object of its own takes a model of it
//! ([`Models`], which `#[interlace_model]` implements).

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

macro_rules! kinds {
    ($($(#[$doc:meta])* $trait:ident, $message:literal, $label:literal, $hint:literal;)*) => {$(
        $(#[$doc])*
        #[diagnostic::on_unimplemented(
            message = $message,
            label = $label,
            note = $hint
        )]
        pub trait $trait<Op> {}

        impl<T: $trait<Op>, Op> $trait<Op> for Option<T> {}
        impl<T: ?Sized + $trait<Op>, Op> $trait<Op> for &T {}
        impl<T: ?Sized + $trait<Op>, Op> $trait<Op> for Box<T> {}
        impl<Op> $trait<Op> for serde_json::Value {}
    )*};
}

kinds! {
    /// Sent as a JSON string.
    SendsString,
    "`{Self}` is not a JSON string on the wire, which the API contract wants for this field of `{Op}`",
    "the contract types this field as a string",
    "strings, ids, string enums and `Amount` are sent as JSON strings; a type of your own implements `interlace::contract::SendsString<Op>`";
    /// Sent as a decimal string: money.
    SendsDecimal,
    "`{Self}` is not a decimal string on the wire, which the API contract wants for this field of `{Op}`",
    "the contract types this field as a decimal string (money)",
    "money is a decimal string on the wire: use `interlace::types::Amount` (`text.parse::<Amount>()?` for text); a type of your own implements `interlace::contract::SendsDecimal<Op>`";
    /// Sent as a JSON integer.
    SendsInteger,
    "`{Self}` is not a JSON integer on the wire, which the API contract wants for this field of `{Op}`",
    "the contract types this field as an integer",
    "integers are Rust integer types and integer-coded enums; a type of your own implements `interlace::contract::SendsInteger<Op>`";
    /// Sent as a JSON number.
    SendsNumber,
    "`{Self}` is not a JSON number on the wire, which the API contract wants for this field of `{Op}`",
    "the contract types this field as a number",
    "numbers are Rust integer and float types; a type of your own implements `interlace::contract::SendsNumber<Op>`";
    /// Sent as `true` or `false`.
    SendsBoolean,
    "`{Self}` is not a JSON boolean on the wire, which the API contract wants for this field of `{Op}`",
    "the contract types this field as a boolean",
    "booleans are `bool`; a type of your own implements `interlace::contract::SendsBoolean<Op>`";
    /// Sent as a JSON array.
    SendsArray,
    "`{Self}` is not a JSON array on the wire, which the API contract wants for this field of `{Op}`",
    "the contract types this field as an array",
    "arrays are `Vec`, slices, arrays and sets; a type of your own implements `interlace::contract::SendsArray<Op>`";
    /// Sent as a JSON object.
    SendsObject,
    "`{Self}` is not a JSON object on the wire, which the API contract wants for this field of `{Op}`",
    "the contract types this field as an object",
    "objects are structs that serialize to a map, and maps: put `#[interlace_model(\"Schema\")]` on a struct of your own, which checks it against the contract's schema and makes it an object";
}

// The checks the attribute emits, one call per field; written out rather
// than generated so that a failed bound points at a plain signature. Only
// generated code calls them, so they are hidden from the docs.

/// Compiles only if `T` is sent as a JSON string.
#[doc(hidden)]
pub const fn string<T: ?Sized + SendsString<Op>, Op>() {}
/// Compiles only if `T` is sent as a decimal string.
#[doc(hidden)]
pub const fn decimal<T: ?Sized + SendsDecimal<Op>, Op>() {}
/// Compiles only if `T` is sent as a JSON integer.
#[doc(hidden)]
pub const fn integer<T: ?Sized + SendsInteger<Op>, Op>() {}
/// Compiles only if `T` is sent as a JSON number.
#[doc(hidden)]
pub const fn number<T: ?Sized + SendsNumber<Op>, Op>() {}
/// Compiles only if `T` is sent as a JSON boolean.
#[doc(hidden)]
pub const fn boolean<T: ?Sized + SendsBoolean<Op>, Op>() {}
/// Compiles only if `T` is sent as a JSON array.
#[doc(hidden)]
pub const fn array<T: ?Sized + SendsArray<Op>, Op>() {}
/// Compiles only if `T` is sent as a JSON object.
#[doc(hidden)]
pub const fn object<T: ?Sized + SendsObject<Op>, Op>() {}

/// A type that models one schema of the contract: what
/// `#[interlace_model("Name")]` implements, with `SCHEMA = "Name"`.
///
/// A field whose contract schema is an object of its own (`Address`) must
/// have a type that models it, so that its fields are checked against the
/// schema too, all the way down; implementing [`SendsObject`] by hand is no
/// way around that. A type that must stay unchecked says so explicitly:
///
/// ```
/// use interlace_runtime::contract::{Models, SendsObject, UNCHECKED};
///
/// #[derive(serde::Serialize)]
/// struct Shipping { city: String }
///
/// impl<Op> SendsObject<Op> for Shipping {}
/// // Its fields are not checked against the contract's schema.
/// impl<Op> Models<Op> for Shipping { const SCHEMA: &'static str = UNCHECKED; }
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a model of the API contract's schema that this field of `{Op}` has",
    label = "the contract gives this field a schema of its own, whose fields this type's are not checked against",
    note = "put `#[interlace_model(\"SchemaName\")]` on the type, which checks its fields against the schema; a type that must stay unchecked implements `interlace::contract::Models<Op>` with `const SCHEMA: &'static str = interlace::contract::UNCHECKED;`"
)]
pub trait Models<Op> {
    /// The name of the schema in the contract's `components/schemas`, or
    /// [`UNCHECKED`].
    const SCHEMA: &'static str;
}

/// What a type that models no schema on purpose gives as its
/// [`Models::SCHEMA`].
pub const UNCHECKED: &str = "";

impl<T: Models<Op>, Op> Models<Op> for Option<T> {
    const SCHEMA: &'static str = T::SCHEMA;
}
impl<T: ?Sized + Models<Op>, Op> Models<Op> for &T {
    const SCHEMA: &'static str = T::SCHEMA;
}
impl<T: ?Sized + Models<Op>, Op> Models<Op> for Box<T> {
    const SCHEMA: &'static str = T::SCHEMA;
}
// Untyped JSON: an explicit choice of no model.
impl<Op> Models<Op> for serde_json::Value {
    const SCHEMA: &'static str = UNCHECKED;
}
impl<Op> Models<Op> for serde_json::Map<String, serde_json::Value> {
    const SCHEMA: &'static str = UNCHECKED;
}
impl<K, V, S, Op> Models<Op> for HashMap<K, V, S> {
    const SCHEMA: &'static str = UNCHECKED;
}
impl<K, V, Op> Models<Op> for BTreeMap<K, V> {
    const SCHEMA: &'static str = UNCHECKED;
}

/// Whether a type that models `schema` may be sent where the contract
/// wants `wanted`: the same name, or [`UNCHECKED`]. A `const` check, so the
/// attribute's assertion fails the build.
#[doc(hidden)]
pub const fn models(schema: &str, wanted: &str) -> bool {
    let (a, b) = (schema.as_bytes(), wanted.as_bytes());
    if a.is_empty() {
        return true;
    }
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

macro_rules! impls {
    ($trait:ident: $($ty:ty),*) => {$(impl<Op> $trait<Op> for $ty {})*};
}

impls!(SendsString: String, str, char, Cow<'_, str>);
// Not `String`: a string field takes any text, and money that is not a
// decimal is refused by the API at run time. `Amount` parses it first.
impls!(SendsInteger: i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize);
impls!(SendsNumber: i8, i16, i32, i64, i128, isize, u8, u16, u32, u64, u128, usize, f32, f64);
impls!(SendsBoolean: bool);
impls!(SendsObject: serde_json::Map<String, serde_json::Value>);

impl<T, Op> SendsArray<Op> for Vec<T> {}
impl<T, Op> SendsArray<Op> for [T] {}
impl<T, Op, const N: usize> SendsArray<Op> for [T; N] {}
impl<T, S, Op> SendsArray<Op> for HashSet<T, S> {}
impl<T, Op> SendsArray<Op> for BTreeSet<T> {}
impl<K, V, S, Op> SendsObject<Op> for HashMap<K, V, S> {}
impl<K, V, Op> SendsObject<Op> for BTreeMap<K, V> {}

/// The check of a field the contract gives several JSON kinds (`type:
/// [string, integer]`, or a `oneOf` of a string and an integer): its type
/// must be sent as one of them, and anything else is an error.
///
/// A type can be of several kinds (`u32` is an integer and a number), and
/// the `Sends…` traits are open to types of yours, so "one of" cannot be a
/// trait with a blanket impl per kind: those impls would overlap. The
/// attribute asks instead, in order, whether the type is of each allowed
/// kind, through method resolution: `(&&&Probe::<T, Op>::NEW).kind()` finds
/// the method of the deepest reference first, and each depth holds the
/// trait of one allowed kind (`String3`, `Integer2`, …) whose impl applies
/// only to a type of that kind. Depth 0 is the fallback: no kind fits, and
/// the `Mismatch` it returns fails [`allows`] with the message.
#[doc(hidden)]
pub mod one_of {
    use std::marker::PhantomData;

    use super::{
        SendsArray, SendsBoolean, SendsDecimal, SendsInteger, SendsNumber, SendsObject, SendsString,
    };

    /// The field's type `T`, asked about.
    pub struct Probe<T: ?Sized, Op>(PhantomData<fn(&T) -> Op>);

    impl<T: ?Sized, Op> Probe<T, Op> {
        pub const NEW: Self = Probe(PhantomData);
    }

    /// The type is of an allowed kind.
    pub struct Matched;

    /// The type is of none of the allowed kinds.
    pub struct Mismatch;

    /// Depth 0: nothing else applied.
    pub trait Fallback {
        fn kind(&self) -> Mismatch {
            Mismatch
        }
    }

    impl<T: ?Sized, Op> Fallback for Probe<T, Op> {}

    macro_rules! depths {
        ($($sends:ident: $($name:ident [$($r:tt)*]),*;)*) => {$($(
            pub trait $name {
                fn kind(&self) -> Matched {
                    Matched
                }
            }

            impl<T: ?Sized + $sends<Op>, Op> $name for $($r)* Probe<T, Op> {}
        )*)*};
    }

    depths! {
        SendsString:
            String1 [&], String2 [&&], String3 [&&&], String4 [&&&&],
            String5 [&&&&&], String6 [&&&&&&], String7 [&&&&&&&];
        SendsDecimal:
            Decimal1 [&], Decimal2 [&&], Decimal3 [&&&], Decimal4 [&&&&],
            Decimal5 [&&&&&], Decimal6 [&&&&&&], Decimal7 [&&&&&&&];
        SendsInteger:
            Integer1 [&], Integer2 [&&], Integer3 [&&&], Integer4 [&&&&],
            Integer5 [&&&&&], Integer6 [&&&&&&], Integer7 [&&&&&&&];
        SendsNumber:
            Number1 [&], Number2 [&&], Number3 [&&&], Number4 [&&&&],
            Number5 [&&&&&], Number6 [&&&&&&], Number7 [&&&&&&&];
        SendsBoolean:
            Boolean1 [&], Boolean2 [&&], Boolean3 [&&&], Boolean4 [&&&&],
            Boolean5 [&&&&&], Boolean6 [&&&&&&], Boolean7 [&&&&&&&];
        SendsArray:
            Array1 [&], Array2 [&&], Array3 [&&&], Array4 [&&&&],
            Array5 [&&&&&], Array6 [&&&&&&], Array7 [&&&&&&&];
        SendsObject:
            Object1 [&], Object2 [&&], Object3 [&&&], Object4 [&&&&],
            Object5 [&&&&&], Object6 [&&&&&&], Object7 [&&&&&&&];
    }

    /// The answer of the probe, judged; `K` names the allowed kinds for the
    /// message (a tuple of [`kinds`] markers).
    #[diagnostic::on_unimplemented(
        message = "`{T}` is none of the JSON kinds the API contract allows for this field of `{Op}`",
        label = "the contract allows {K} here",
        note = "a type of your own implements the `interlace::contract::Sends…<Op>` trait of the kind it serializes to"
    )]
    pub trait Allows<T: ?Sized, Op, K> {}

    impl<T: ?Sized, Op, K> Allows<T, Op, K> for Matched {}

    /// Compiles only if `answer` is [`Matched`].
    pub const fn allows<T: ?Sized, Op, K, A: Allows<T, Op, K>>(answer: A) {
        std::mem::forget(answer);
    }

    /// The kinds, by the names the message shows.
    #[allow(non_camel_case_types)]
    pub mod kinds {
        pub struct string;
        pub struct decimal;
        pub struct integer;
        pub struct number;
        pub struct boolean;
        pub struct array;
        pub struct object;
    }
}
