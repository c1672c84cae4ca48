//! Reading a view from a JSON document already parsed, without a derived parser.
//!
//! The back office shows lists the server writes (accounts, the audit log, organisations,
//! contracts' values). A derived `Deserialize` compiles a parser of its own for each view
//! into the browser's bundle: about 1 KB gzipped a view once the first few have paid for
//! the shared parts, 35 KB for the back office's views when it was tried
//! (`docs/design.md`). These views only need their fields read from a
//! `serde_json::Value`, whose parser every bundle has anyway: [`FromJson`] does that, and
//! [`from_json!`](crate::from_json!) writes the impl of a struct from its field names. The
//! compiler holds the names to the struct (a field renamed, added or removed breaks the
//! build); each view's round-trip test holds them to what serde writes.

use serde::de::DeserializeOwned;
use serde_json::Value;

/// A value read from a parsed JSON document.
pub trait FromJson: Sized {
    /// Reads `value`.
    ///
    /// # Errors
    /// What is wrong and where, as `[2].role: expected a string, got 3` (the path from the
    /// document read, then the fault).
    fn from_json(value: &Value) -> Result<Self, String>;
}

/// `{path}: {fault}` for a fault found under `step` (`.name` or `[i]`).
#[doc(hidden)]
pub fn under(step: &str, fault: String) -> String {
    if fault.starts_with(['.', '[']) {
        format!("{step}{fault}")
    } else {
        format!("{step}: {fault}")
    }
}

fn expected(what: &str, value: &Value) -> String {
    format!("expected {what}, got {value}")
}

impl FromJson for String {
    fn from_json(value: &Value) -> Result<Self, String> {
        value.as_str().map(str::to_string).ok_or_else(|| expected("a string", value))
    }
}

impl FromJson for i64 {
    fn from_json(value: &Value) -> Result<Self, String> {
        value.as_i64().ok_or_else(|| expected("an integer", value))
    }
}

impl FromJson for u32 {
    fn from_json(value: &Value) -> Result<Self, String> {
        value.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| expected("a count", value))
    }
}

impl FromJson for u8 {
    fn from_json(value: &Value) -> Result<Self, String> {
        value.as_u64().and_then(|n| u8::try_from(n).ok()).ok_or_else(|| expected("a small count", value))
    }
}

impl FromJson for f64 {
    fn from_json(value: &Value) -> Result<Self, String> {
        value.as_f64().ok_or_else(|| expected("a number", value))
    }
}

impl FromJson for bool {
    fn from_json(value: &Value) -> Result<Self, String> {
        value.as_bool().ok_or_else(|| expected("true or false", value))
    }
}

/// An answer with no body (204), read as `null`.
impl FromJson for () {
    fn from_json(value: &Value) -> Result<Self, String> {
        if value.is_null() {
            Ok(())
        } else {
            Err(expected("no answer", value))
        }
    }
}

/// A document kept as it is (the audit log's before and after).
impl FromJson for Value {
    fn from_json(value: &Value) -> Result<Self, String> {
        Ok(value.clone())
    }
}

/// `null` or absent is `None`.
impl<T: FromJson> FromJson for Option<T> {
    fn from_json(value: &Value) -> Result<Self, String> {
        if value.is_null() {
            Ok(None)
        } else {
            T::from_json(value).map(Some)
        }
    }
}

impl<T: FromJson> FromJson for Vec<T> {
    fn from_json(value: &Value) -> Result<Self, String> {
        let items = value.as_array().ok_or_else(|| expected("a list", value))?;
        let mut read = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            read.push(T::from_json(item).map_err(|e| under(&format!("[{i}]"), e))?);
        }
        Ok(read)
    }
}

/// An object's members by name (counts by priority, by source).
impl<T: FromJson> FromJson for std::collections::BTreeMap<String, T> {
    fn from_json(value: &Value) -> Result<Self, String> {
        let members = value.as_object().ok_or_else(|| expected("an object", value))?;
        let mut read = std::collections::BTreeMap::new();
        for (name, member) in members {
            read.insert(name.clone(), T::from_json(member).map_err(|e| under(&format!(".{name}"), e))?);
        }
        Ok(read)
    }
}

/// The member `name` of an object, read as `T`; a fault is named `.name`.
#[doc(hidden)]
pub fn field<T: FromJson>(object: &Value, name: &'static str) -> Result<T, String> {
    T::from_json(&object[name]).map_err(|e| under_field(name, e))
}

fn under_field(name: &str, fault: String) -> String {
    under(&format!(".{name}"), fault)
}

/// The object a view is read from.
#[doc(hidden)]
pub fn object(value: &Value) -> Result<&Value, String> {
    if value.is_object() {
        Ok(value)
    } else {
        Err(expected("an object", value))
    }
}

/// An instant as serde writes it (RFC 3339).
impl FromJson for chrono::DateTime<chrono::Utc> {
    fn from_json(value: &Value) -> Result<Self, String> {
        let text = value.as_str().ok_or_else(|| expected("an instant", value))?;
        chrono::DateTime::parse_from_rfc3339(text).map(|t| t.to_utc()).map_err(|e| format!("{text:?}: {e}"))
    }
}

/// Implements [`FromJson`] for types written as their code (`"premium"`), through their
/// `FromStr`.
#[macro_export]
macro_rules! from_json_by_str {
    ($($ty:ty),* $(,)?) => {
        $(impl $crate::FromJson for $ty {
            fn from_json(value: &::serde_json::Value) -> Result<Self, String> {
                let code = value.as_str().ok_or_else(|| format!("expected a string, got {value}"))?;
                code.parse().map_err(|e| format!("{e}"))
            }
        })*
    };
}

/// Reads a type that has its own `Deserialize` (an engine's policy, a contact)
/// through it: the bundles that show these types parse them already, so this adds no
/// parser.
///
/// # Errors
/// Serde's message.
pub fn by_serde<T: DeserializeOwned>(value: &Value) -> Result<T, String> {
    serde_json::from_str(&value.to_string()).map_err(|e| e.to_string())
}

/// Implements [`FromJson`] for types read [`by_serde`].
#[macro_export]
macro_rules! from_json_by_serde {
    ($($ty:ty),* $(,)?) => {
        $(impl $crate::FromJson for $ty {
            fn from_json(value: &::serde_json::Value) -> Result<Self, String> {
                $crate::from_json::by_serde(value)
            }
        })*
    };
}

/// Implements [`FromJson`] for a struct from the names of all its fields, each read from
/// the member of that name.
#[macro_export]
macro_rules! from_json {
    ($ty:ident { $($field:ident),* $(,)? }) => {
        impl $crate::FromJson for $ty {
            // Once in a bundle, however many lists and answers read it.
            #[inline(never)]
            fn from_json(value: &::serde_json::Value) -> Result<Self, String> {
                let object = $crate::from_json::object(value)?;
                Ok($ty { $($field: $crate::from_json::field(object, stringify!($field))?,)* })
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn faults_name_their_place() {
        let read = Vec::<Option<i64>>::from_json(&json!([1, null, "x"]));
        assert_eq!(read, Err(r#"[2]: expected an integer, got "x""#.to_string()));
        assert_eq!(Vec::<bool>::from_json(&json!({})), Err("expected a list, got {}".to_string()));
        assert_eq!(under(".role", "expected a string, got 3".into()), ".role: expected a string, got 3");
        assert_eq!(under("[2]", ".role: expected a string, got 3".into()), "[2].role: expected a string, got 3");
    }
}
