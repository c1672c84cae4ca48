//! Recurrence (procedure §04): the same type of incident on the same site within the 3
//! calendar months before calls for a technical review (*revue technique approfondie*).

use chrono::{DateTime, Months, Utc};
use serde::{Deserialize, Serialize};

/// What recurrence compares of an incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IncidentKey {
    /// The incident's identifier.
    pub id: String,
    /// The site.
    pub site: String,
    /// The incident's type ([`crate::Classification::incident_type`], such as `"video/down"`).
    pub incident_type: String,
    /// When it was reported.
    pub reported_at: DateTime<Utc>,
}

/// The months that make an incident recurrent.
pub const WINDOW_MONTHS: u32 = 3;

/// The earlier incidents that make `incident` recurrent: same site, same type, reported in
/// the 3 calendar months before it (inclusive of the start). Empty when it is not recurrent,
/// and when the system of the incident is unknown (`"unknown/…"`): two descriptions that say
/// nothing of the system are not "the same type".
///
/// ```
/// use chrono::{DateTime, Utc};
/// use vigie_engine::recurrence::{recurrent_with, IncidentKey};
/// let key = |id: &str, at: &str| IncidentKey {
///     id: id.into(), site: "paris".into(), incident_type: "video/down".into(),
///     reported_at: at.parse::<DateTime<Utc>>().unwrap(),
/// };
/// let now = key("INC-3", "2026-11-28T10:00:00Z");
/// let history = [key("INC-1", "2026-08-27T10:00:00Z"), key("INC-2", "2026-08-28T10:00:00Z")];
/// let related = recurrent_with(&now, &history);
/// assert_eq!(related.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(), ["INC-2"]);
/// ```
pub fn recurrent_with<'a>(incident: &IncidentKey, history: &'a [IncidentKey]) -> Vec<&'a IncidentKey> {
    let Some(since) = incident.reported_at.checked_sub_months(Months::new(WINDOW_MONTHS)) else {
        return Vec::new();
    };
    if incident.incident_type.starts_with("unknown/") {
        return Vec::new();
    }
    history
        .iter()
        .filter(|k| {
            k.id != incident.id
                && k.site == incident.site
                && k.incident_type == incident.incident_type
                && k.reported_at >= since
                && k.reported_at <= incident.reported_at
        })
        .collect()
}
