//! Query parameters written straight into one buffer: a scalar's text is
//! appended with no intermediate value, a list repeats the name, `None`
//! adds nothing, and an object is refused. The URL encodes them once, when
//! the request is built.

use std::fmt::{self, Display, Write as _};
use std::ops::Range;

use serde::Serialize;
use serde::ser::{self, Impossible};

/// The query's values as one text, and each pair's name and place in it.
#[derive(Debug, Default)]
pub(crate) struct Query {
    text: String,
    pairs: Vec<(&'static str, Range<usize>)>,
}

impl Query {
    pub(crate) fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The pairs, in the order they were written.
    pub(crate) fn pairs(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.pairs
            .iter()
            .map(|(name, range)| (*name, &self.text[range.clone()]))
    }
}

/// Appends `name=value` to `out`.
pub(super) fn append<T: Serialize + ?Sized>(
    out: &mut Query,
    name: &'static str,
    value: &T,
) -> Result<(), Unfit> {
    value.serialize(&mut Scalar { name, out })
}

/// Why a value can't be a query parameter.
#[derive(Debug)]
pub(crate) struct Unfit(String);

impl Display for Unfit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Unfit {}

impl ser::Error for Unfit {
    fn custom<T: Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

fn object() -> Unfit {
    Unfit("an object; only scalars and lists fit in a query".into())
}

/// Appends `name=<value>` pairs to `out`.
struct Scalar<'a> {
    name: &'static str,
    out: &'a mut Query,
}

impl Scalar<'_> {
    fn pair(&mut self, value: &str) -> Result<(), Unfit> {
        let start = self.out.text.len();
        self.out.text.push_str(value);
        let end = self.out.text.len();
        self.out.pairs.push((self.name, start..end));
        Ok(())
    }

    /// A number or other `Display` value, formatted without allocating.
    fn display(&mut self, value: impl Display) -> Result<(), Unfit> {
        let mut text = Inline::default();
        write!(text, "{value}").map_err(|_| Unfit("a value too long for a query".into()))?;
        self.pair(text.as_str())
    }
}

/// A small stack buffer for numbers.
struct Inline {
    bytes: [u8; 64],
    len: usize,
}

impl Default for Inline {
    fn default() -> Self {
        Self {
            bytes: [0; 64],
            len: 0,
        }
    }
}

impl Inline {
    fn as_str(&self) -> &str {
        // Only `write_str` fills it, with whole `str`s.
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or_default()
    }
}

impl fmt::Write for Inline {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let end = self.len + s.len();
        if end > self.bytes.len() {
            return Err(fmt::Error);
        }
        self.bytes[self.len..end].copy_from_slice(s.as_bytes());
        self.len = end;
        Ok(())
    }
}

impl<'a, 'b> ser::Serializer for &'a mut Scalar<'b> {
    type Ok = ();
    type Error = Unfit;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Impossible<(), Unfit>;
    type SerializeTupleVariant = Impossible<(), Unfit>;
    type SerializeMap = Impossible<(), Unfit>;
    type SerializeStruct = Impossible<(), Unfit>;
    type SerializeStructVariant = Impossible<(), Unfit>;

    fn serialize_bool(self, v: bool) -> Result<(), Unfit> {
        self.pair(if v { "true" } else { "false" })
    }
    fn serialize_i8(self, v: i8) -> Result<(), Unfit> {
        self.display(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), Unfit> {
        self.display(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), Unfit> {
        self.display(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), Unfit> {
        self.display(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), Unfit> {
        self.display(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Unfit> {
        self.display(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Unfit> {
        self.display(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Unfit> {
        self.display(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Unfit> {
        self.display(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Unfit> {
        self.display(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), Unfit> {
        self.display(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), Unfit> {
        self.display(v)
    }
    fn serialize_char(self, v: char) -> Result<(), Unfit> {
        self.pair(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Unfit> {
        self.pair(v)
    }
    fn serialize_bytes(self, _: &[u8]) -> Result<(), Unfit> {
        Err(Unfit("bytes; send them as text".into()))
    }
    fn serialize_none(self) -> Result<(), Unfit> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Unfit> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unfit> {
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Unfit> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Unfit> {
        self.pair(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Unfit> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Unfit> {
        Err(object())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self, Unfit> {
        Ok(self)
    }
    fn serialize_tuple(self, _: usize) -> Result<Self, Unfit> {
        Ok(self)
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Unfit> {
        Err(object())
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unfit> {
        Err(object())
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Unfit> {
        Err(object())
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Unfit> {
        Err(object())
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unfit> {
        Err(object())
    }
}

impl<'a, 'b> ser::SerializeSeq for &'a mut Scalar<'b> {
    type Ok = ();
    type Error = Unfit;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unfit> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Unfit> {
        Ok(())
    }
}

impl<'a, 'b> ser::SerializeTuple for &'a mut Scalar<'b> {
    type Ok = ();
    type Error = Unfit;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Unfit> {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result<(), Unfit> {
        Ok(())
    }
}
