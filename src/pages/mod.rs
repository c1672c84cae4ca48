//! The app's pages, one module each.

pub mod admin;
pub mod calendar_editor;
pub mod contacts;
pub mod incident;
pub mod incidents;
pub mod lessons;
pub mod login;
pub mod oncall;
pub mod policy_form;
pub mod postmortem;
pub mod questionnaire;
pub mod report_form;
pub mod sla_report;
pub mod wall;

use serde_json::Value;

/// A field of a JSON document as text: strings as they are, numbers and booleans written
/// out, nothing for `null` or a missing field. The administration and report pages show
/// the server's documents without a Rust type for each, which keeps the app small.
pub fn text(value: &Value, key: &str) -> String {
    match &value[key] {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}
