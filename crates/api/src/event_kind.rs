//! What an event of the timeline says happened.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Declares [`EventKind`] with its serialised names, so that each name is written once.
macro_rules! event_kinds {
    ($($(#[doc = $doc:literal])+ $variant:ident = $name:literal,)+) => {
        /// What an event of an incident's timeline (or of the event stream) says happened,
        /// serialised as its `snake_case` name (`"reported"`, `"on_site"`…).
        ///
        /// A name this build does not know, written by a newer server, is kept as
        /// [`EventKind::Other`] rather than refused, so that a page never loses a timeline
        /// to a new kind of event.
        #[derive(Clone, PartialEq, Eq)]
        pub enum EventKind {
            $($(#[doc = $doc])+ $variant,)+
            /// A kind newer than this build, as the server named it.
            Other(String),
        }

        impl EventKind {
            /// Every kind this build knows, in the order of an incident's life.
            pub const ALL: &[EventKind] = &[$(EventKind::$variant,)+];

            /// Its serialised name, as stored in the `events` table.
            pub fn as_str(&self) -> &str {
                match self {
                    $(EventKind::$variant => $name,)+
                    EventKind::Other(name) => name,
                }
            }
        }

        impl From<&str> for EventKind {
            /// The kind of a serialised name; an unknown name is [`EventKind::Other`].
            fn from(name: &str) -> EventKind {
                match name {
                    $($name => EventKind::$variant,)+
                    other => EventKind::Other(other.to_string()),
                }
            }
        }
    };
}

event_kinds! {
    /// The incident was reported.
    Reported = "reported",
    /// A technician called the client back: the take-charge promise is kept.
    Acknowledged = "acknowledged",
    /// A technician was sent to the site.
    Dispatched = "dispatched",
    /// A technician arrived on site.
    OnSite = "on_site",
    /// Whether someone must go on site was changed.
    OnSiteNeeded = "on_site_needed",
    /// An intervention was planned.
    InterventionPlanned = "intervention_planned",
    /// Recordings or data were found lost.
    DataLoss = "data_loss",
    /// The GDPR notice was sent to the client.
    GdprNotice = "gdpr_notice",
    /// The incident's type was corrected.
    TypeCorrected = "type_corrected",
    /// A technical review was updated.
    ReviewUpdated = "review_updated",
    /// A technical review's preventive investment proposal was written.
    ReviewProposal = "review_proposal",
    /// A technical review ended.
    ReviewClosed = "review_closed",
    /// The client was told how things stand.
    Update = "update",
    /// The priority was changed.
    Reclassified = "reclassified",
    /// The incident was resolved.
    Resolved = "resolved",
    /// The incident was closed.
    Closed = "closed",
    /// A promise is at risk or broken (staff only).
    Alert = "alert",
    /// The client confirmed the fix.
    Confirmed = "confirmed",
    /// The client reopened the incident.
    Reopened = "reopened",
    /// The client rated how the incident was handled.
    Rated = "rated",
    /// The incident repeats an earlier one: a technical review opens.
    RecurrenceDetected = "recurrence_detected",
    /// A supervision tool raised an alert on the incident.
    SupervisionAlert = "supervision_alert",
    /// A supervision tool's alert ended.
    SupervisionResolved = "supervision_resolved",
    /// A notification reached its recipient's server or gateway.
    NotificationDelivered = "notification_delivered",
    /// A notification was given up.
    NotificationFailed = "notification_failed",
    /// The post-mortem's draft was opened.
    PostmortemDraft = "postmortem_draft",
    /// The post-mortem was edited.
    PostmortemEdited = "postmortem_edited",
    /// The post-mortem was published to the client.
    PostmortemPublished = "postmortem_published",
    /// Somebody was given the incident.
    Assigned = "assigned",
    /// The technician on duty was paged (staff only).
    OncallPage = "oncall_page",
    /// A message of the conversation with the client.
    Message = "message",
    /// A note of the team's own (staff only).
    InternalNote = "internal_note",
    /// A file was attached.
    AttachmentAdded = "attachment_added",
    /// A person was invited to choose their password (no incident).
    InvitationSent = "invitation_sent",
}

/// Written as its name: a derived `Debug` would put a second table of the names in each
/// bundle.
impl fmt::Debug for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for EventKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for EventKind {
    /// Any string: the names this build knows become their variant, others
    /// [`EventKind::Other`].
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(EventKind::from(String::deserialize(deserializer)?.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::EventKind;

    #[test]
    fn names_go_both_ways_and_unknown_ones_are_kept() {
        for kind in EventKind::ALL {
            assert_eq!(&EventKind::from(kind.as_str()), kind);
            let json = serde_json::to_string(kind).unwrap();
            assert_eq!(serde_json::from_str::<EventKind>(&json).unwrap(), *kind);
        }
        assert_eq!(serde_json::to_string(&EventKind::OnSite).unwrap(), "\"on_site\"");
        let newer: EventKind = serde_json::from_str("\"drone_sent\"").unwrap();
        assert_eq!(newer, EventKind::Other("drone_sent".into()));
        assert_eq!(newer.as_str(), "drone_sent");
    }
}
