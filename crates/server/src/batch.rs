//! The batch commands `vigie sla` and `vigie classify`: JSON Lines in, JSON Lines out.
//!
//! One output line per input line, in order. A line that cannot be read gives
//! `{"id": …, "error": "what is wrong"}` and the run goes on; the caller learns from the exit
//! status (1) that some line failed.
//!
//! Each line is read into a derived type (`SlaLine`, `ClassifyLine`) that refuses unknown
//! fields; [`read`] words the refusals as the batch always has (`priority: expected a
//! string, got 1`), which callers read.

use std::fmt::Display;
use std::io::{BufRead, Write};
use std::str::FromStr;

use chrono::{DateTime, Utc};
use serde::de::{self, DeserializeOwned, IgnoredAny, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use serde_json::{Map, Value};
use vigie_engine::classify::{Answers, Reason};
use vigie_engine::sla::{deadlines, parse_instant, Deadlines, IncidentTimes};
use vigie_engine::{classify, Calendar, CalendarSpec, Contract, Policy, Priority};

use crate::error::Error;

/// Which batch command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    /// Deadlines of incidents.
    Sla,
    /// Priorities of incidents.
    Classify,
}

/// Reads every line of `input` and writes one answer line for each to `output`.
/// Returns how many lines failed.
///
/// # Errors
/// Only I/O errors on `input` or `output`; bad lines are answered, not raised.
pub fn run(command: Command, input: impl BufRead, mut output: impl Write) -> Result<usize, Error> {
    let default_calendar = Calendar::default();
    let mut failures = 0;
    for line in input.lines() {
        let line = line.map_err(Error::Io)?;
        let answer = match serde_json::from_str::<Value>(&line) {
            Err(e) => error_line(Value::Null, &format!("not valid JSON: {e}")),
            Ok(Value::Object(fields)) => {
                let id = fields.get("id").cloned().unwrap_or(Value::Null);
                let result = match command {
                    Command::Sla => sla_line(&id, fields, &default_calendar),
                    Command::Classify => classify_line(&id, fields),
                };
                result.unwrap_or_else(|message| error_line(id, &message))
            }
            Ok(_) => error_line(Value::Null, "expected a JSON object"),
        };
        if answer.get("error").is_some() {
            failures += 1;
        }
        serde_json::to_writer(&mut output, &answer).map_err(|e| Error::Io(e.into()))?;
        output.write_all(b"\n").map_err(Error::Io)?;
    }
    output.flush().map_err(Error::Io)?;
    Ok(failures)
}

fn error_line(id: Value, message: &str) -> Value {
    serde_json::json!({ "id": id, "error": message })
}

/// Reads a line's object as `T`, derived with `deny_unknown_fields`, in the batch's own
/// words: `field: what is wrong` for a field's value, `unknown field "x" (expected …)` for
/// a field `T` does not read. Nested documents (a calendar, answers) keep serde's wording
/// after the field's name, as the API answers them.
fn read<T: DeserializeOwned>(fields: Map<String, Value>) -> Result<T, String> {
    serde_path_to_error::deserialize(Line(fields)).map_err(|e| {
        let field = e.path().iter().next().map(ToString::to_string);
        match field {
            Some(field) => format!("{field}: {}", e.inner()),
            None => e.inner().to_string(),
        }
    })
}

/// A line's object as a deserializer that refuses, in the batch's words, the fields the
/// derived type does not name; everything else is `serde_json::Value`'s.
struct Line(Map<String, Value>);

impl<'de> Deserializer<'de> for Line {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        Value::Object(self.0).deserialize_any(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        if let Some(unknown) = self.0.keys().find(|k| !fields.contains(&k.as_str())) {
            let expected = fields.join(", ");
            return Err(de::Error::custom(format!("unknown field {unknown:?} (expected {expected})")));
        }
        Value::Object(self.0).deserialize_struct(name, fields, visitor)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// A text field parsed as `T` (`"P1"`, `"premium"`, an instant); absent or `null` is `None`.
fn parsed<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr,
    T::Err: Display,
{
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(None),
        Value::String(s) => s.parse().map(Some).map_err(de::Error::custom),
        other => Err(de::Error::custom(format!("expected a string, got {other}"))),
    }
}

/// A yes/no field; absent or `null` is no.
fn flag<'de, D: Deserializer<'de>>(deserializer: D) -> Result<bool, D::Error> {
    match Value::deserialize(deserializer)? {
        Value::Null => Ok(false),
        Value::Bool(b) => Ok(b),
        other => Err(de::Error::custom(format!("expected true or false, got {other}"))),
    }
}

/// An instant written in RFC 3339, with its offset.
struct Instant(DateTime<Utc>);

impl FromStr for Instant {
    type Err = vigie_engine::Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_instant(s).map(Instant)
    }
}

/// One line of `vigie sla`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlaLine {
    /// Echoed in the answer; read before the line, so that a line that fails has it too.
    #[serde(default, rename = "id")]
    _id: IgnoredAny,
    #[serde(default, deserialize_with = "parsed")]
    priority: Option<Priority>,
    #[serde(default, deserialize_with = "parsed")]
    contract: Option<Contract>,
    #[serde(default, deserialize_with = "parsed")]
    reported_at: Option<Instant>,
    #[serde(default, deserialize_with = "flag")]
    on_site_required: bool,
    #[serde(default, deserialize_with = "parsed")]
    acknowledged_at: Option<Instant>,
    #[serde(default, deserialize_with = "parsed")]
    resolved_at: Option<Instant>,
    #[serde(default)]
    calendar: Option<CalendarSpec>,
}

#[derive(Serialize)]
struct SlaAnswer<'a> {
    id: &'a Value,
    #[serde(flatten)]
    deadlines: Deadlines,
}

fn sla_line(id: &Value, fields: Map<String, Value>, default_calendar: &Calendar) -> Result<Value, String> {
    let line: SlaLine = read(fields)?;
    let priority = line.priority.ok_or("priority: missing")?;
    let reported_at = line.reported_at.ok_or("reported_at: missing")?.0;
    let acknowledged_at = line.acknowledged_at.map(|t| t.0);
    let resolved_at = line.resolved_at.map(|t| t.0);
    for (name, t) in [("acknowledged_at", acknowledged_at), ("resolved_at", resolved_at)] {
        if t.is_some_and(|t| t < reported_at) {
            return Err(format!("{name}: is before reported_at"));
        }
    }
    let calendar = match line.calendar {
        None => None,
        Some(spec) => Some(Calendar::try_from(spec).map_err(|e| format!("calendar: {e}"))?),
    };
    let incident = IncidentTimes {
        on_site_required: line.on_site_required,
        acknowledged_at,
        resolved_at,
        ..IncidentTimes::reported(priority, reported_at)
    };
    let policy = Policy::for_contract(line.contract.unwrap_or_default());
    let calendar = calendar.as_ref().unwrap_or(default_calendar);
    let d = deadlines(&incident, &policy, calendar).map_err(|e| e.to_string())?;
    serde_json::to_value(SlaAnswer { id, deadlines: d }).map_err(|e| e.to_string())
}

/// One line of `vigie classify`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClassifyLine {
    /// Echoed in the answer, as for [`SlaLine`].
    #[serde(default, rename = "id")]
    _id: IgnoredAny,
    #[serde(default, deserialize_with = "parsed")]
    text: Option<String>,
    #[serde(default)]
    answers: Option<Answers>,
}

#[derive(Serialize)]
struct ClassifyAnswer<'a> {
    id: &'a Value,
    priority: Priority,
    rule: String,
    reasons: Vec<Reason>,
    matched: Vec<String>,
}

fn classify_line(id: &Value, fields: Map<String, Value>) -> Result<Value, String> {
    let line: ClassifyLine = read(fields)?;
    if line.text.is_none() && line.answers.is_none() {
        return Err("give a text, answers, or both".to_string());
    }
    let c = classify(line.text.as_deref(), line.answers.as_ref());
    serde_json::to_value(ClassifyAnswer {
        id,
        priority: c.priority,
        rule: c.rule,
        reasons: c.reasons,
        matched: c.matched,
    })
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The error each line gets, in order.
    fn errors(command: Command, input: &str) -> Vec<String> {
        let mut out = Vec::new();
        run(command, input.as_bytes(), &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<Value>(l).unwrap()["error"].as_str().unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn refusals_are_worded_as_the_batch_documents_them() {
        let sla = errors(
            Command::Sla,
            r#"{"id": 1, "priority": 1, "reported_at": "2026-11-27T17:59:00+01:00"}
{"id": 2, "priority": "P1", "reported_at": "2026-11-27T17:59:00+01:00", "on_site_required": "yes"}
{"id": 3, "priority": "P1", "reported_at": "2026-11-27T17:59:00+01:00", "last_update_at": "x"}
{"id": 4, "priority": "P1", "reported_at": "2026-11-27T17:59:00+01:00", "calendar": {"colour": "red"}}
{"id": 5, "priority": "P1", "reported_at": "27/11/2026"}
{"id": 6, "reported_at": "2026-11-27T17:59:00+01:00"}
{"id": 7, "priority": "P1", "reported_at": "2026-11-27T17:59:00+01:00", "on_site_required": null, "contract": null}"#,
        );
        assert_eq!(sla[0], "priority: expected a string, got 1");
        assert_eq!(sla[1], r#"on_site_required: expected true or false, got "yes""#);
        assert_eq!(
            sla[2],
            r#"unknown field "last_update_at" (expected id, priority, contract, reported_at, on_site_required, acknowledged_at, resolved_at, calendar)"#
        );
        assert!(sla[3].starts_with("calendar: unknown field `colour`, expected one of `time_zone`"), "{}", sla[3]);
        assert!(sla[4].starts_with("reported_at: ") && sla[4].contains("27/11/2026"), "{}", sla[4]);
        assert_eq!(sla[5], "priority: missing");
        assert_eq!(sla[6], "", "null is the same as absent");

        let classify = errors(
            Command::Classify,
            r#"{"id": 1, "text": "caméra noire", "foo": 1}
{"id": 2, "text": ["caméra"]}
{"id": 3, "answers": {"colour": "red"}}"#,
        );
        assert_eq!(classify[0], r#"unknown field "foo" (expected id, text, answers)"#);
        assert_eq!(classify[1], r#"text: expected a string, got ["caméra"]"#);
        assert!(
            classify[2].starts_with("answers: unknown field `colour`, expected one of `system`"),
            "{}",
            classify[2]
        );
    }
}
