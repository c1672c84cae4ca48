//! The batch commands `vigie sla` and `vigie classify`: JSON Lines in, JSON Lines out.
//!
//! One output line per input line, in order. A line that cannot be read gives
//! `{"id": …, "error": "what is wrong"}` and the run goes on; the caller learns from the exit
//! status (1) that some line failed.

use std::io::{BufRead, Write};

use serde::Serialize;
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
                    Command::Sla => sla_line(&fields, &default_calendar),
                    Command::Classify => classify_line(&fields),
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

type Fields = Map<String, Value>;

/// A field that must be a string, if present and not null.
fn string_field<'a>(fields: &'a Fields, name: &str) -> Result<Option<&'a str>, String> {
    match fields.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(format!("{name}: expected a string, got {other}")),
    }
}

fn required<'a>(fields: &'a Fields, name: &str) -> Result<&'a str, String> {
    string_field(fields, name)?.ok_or_else(|| format!("{name}: missing"))
}

fn instant_field(fields: &Fields, name: &str) -> Result<Option<chrono::DateTime<chrono::Utc>>, String> {
    string_field(fields, name)?.map(|s| parse_instant(s).map_err(|e| format!("{name}: {e}"))).transpose()
}

fn reject_unknown(fields: &Fields, known: &[&str]) -> Result<(), String> {
    match fields.keys().find(|k| !known.contains(&k.as_str())) {
        Some(k) => Err(format!("unknown field {k:?} (expected {})", known.join(", "))),
        None => Ok(()),
    }
}

#[derive(Serialize)]
struct SlaAnswer<'a> {
    id: &'a Value,
    #[serde(flatten)]
    deadlines: Deadlines,
}

fn sla_line(fields: &Fields, default_calendar: &Calendar) -> Result<Value, String> {
    reject_unknown(
        fields,
        &[
            "id",
            "priority",
            "contract",
            "reported_at",
            "on_site_required",
            "acknowledged_at",
            "resolved_at",
            "calendar",
        ],
    )?;
    let priority: Priority = required(fields, "priority")?.parse().map_err(|e| format!("priority: {e}"))?;
    let contract: Contract = match string_field(fields, "contract")? {
        Some(c) => c.parse().map_err(|e| format!("contract: {e}"))?,
        None => Contract::default(),
    };
    let reported_at = instant_field(fields, "reported_at")?.ok_or("reported_at: missing")?;
    let on_site_required = match fields.get("on_site_required") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => return Err(format!("on_site_required: expected true or false, got {other}")),
    };
    let acknowledged_at = instant_field(fields, "acknowledged_at")?;
    let resolved_at = instant_field(fields, "resolved_at")?;
    for (name, t) in [("acknowledged_at", acknowledged_at), ("resolved_at", resolved_at)] {
        if t.is_some_and(|t| t < reported_at) {
            return Err(format!("{name}: is before reported_at"));
        }
    }
    let calendar = match fields.get("calendar") {
        None | Some(Value::Null) => None,
        Some(value) => {
            let spec: CalendarSpec = serde_json::from_value(value.clone()).map_err(|e| format!("calendar: {e}"))?;
            Some(Calendar::try_from(spec).map_err(|e| format!("calendar: {e}"))?)
        }
    };
    let incident = IncidentTimes {
        on_site_required,
        acknowledged_at,
        resolved_at,
        ..IncidentTimes::reported(priority, reported_at)
    };
    let policy = Policy::for_contract(contract);
    let calendar = calendar.as_ref().unwrap_or(default_calendar);
    let d = deadlines(&incident, &policy, calendar).map_err(|e| e.to_string())?;
    serde_json::to_value(SlaAnswer { id: fields.get("id").unwrap_or(&Value::Null), deadlines: d })
        .map_err(|e| e.to_string())
}

#[derive(Serialize)]
struct ClassifyAnswer<'a> {
    id: &'a Value,
    priority: Priority,
    rule: String,
    reasons: Vec<Reason>,
    matched: Vec<String>,
}

fn classify_line(fields: &Fields) -> Result<Value, String> {
    reject_unknown(fields, &["id", "text", "answers"])?;
    let text = string_field(fields, "text")?;
    let answers: Option<Answers> = match fields.get("answers") {
        None | Some(Value::Null) => None,
        Some(value) => Some(serde_json::from_value(value.clone()).map_err(|e| format!("answers: {e}"))?),
    };
    if text.is_none() && answers.is_none() {
        return Err("give a text, answers, or both".to_string());
    }
    let c = classify(text, answers.as_ref());
    serde_json::to_value(ClassifyAnswer {
        id: fields.get("id").unwrap_or(&Value::Null),
        priority: c.priority,
        rule: c.rule,
        reasons: c.reasons,
        matched: c.matched,
    })
    .map_err(|e| e.to_string())
}
