//! SLA policies (procedure §02 and §03): how much time each clock allows, per contract.
//!
//! The values are data. [`Policy::for_contract`] gives the procedure's values; a contract
//! can carry its own policy (deserialised from JSON or TOML), checked by [`Policy::validate`].

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::{Calendar, Contract, Error, Priority, Result};

/// How a deadline is measured from its starting instant.
///
/// ```
/// use chrono::{DateTime, Utc};
/// use vigie_engine::{Calendar, Target};
/// let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
/// let cal = Calendar::default();
/// let friday_evening = at("2026-11-27T17:59:00+01:00");
/// assert_eq!(Target::Elapsed { minutes: 60 }.deadline(friday_evening, &cal).unwrap(), at("2026-11-27T18:59:00+01:00"));
/// assert_eq!(Target::BusinessHours { minutes: 240 }.deadline(friday_evening, &cal).unwrap(), at("2026-11-30T11:59:00+01:00"));
/// assert_eq!(Target::EndOfBusinessDay { days: 5 }.deadline(friday_evening, &cal).unwrap(), at("2026-12-04T18:00:00+01:00"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "TargetFields")]
pub enum Target {
    /// Elapsed time (*heures calendaires*): nights, weekends and holidays count.
    Elapsed {
        /// Minutes allowed.
        minutes: u32,
    },
    /// Business time (*heures ouvrées*): only the calendar's opening hours count.
    BusinessHours {
        /// Business minutes allowed.
        minutes: u32,
    },
    /// The closing time of the Nth business day after the local date of the start
    /// (*N jours ouvrés*).
    EndOfBusinessDay {
        /// Business days.
        days: u32,
    },
}

/// A target as written in data, read field by field. serde's own reading of an internally
/// tagged enum buffers the whole object first, which costs the browser's code about 8 KB;
/// this flat form reads the same JSON, and says precisely what is wrong.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetFields {
    kind: String,
    #[serde(default)]
    minutes: Option<u32>,
    #[serde(default)]
    days: Option<u32>,
}

impl TryFrom<TargetFields> for Target {
    type Error = String;

    fn try_from(fields: TargetFields) -> std::result::Result<Target, String> {
        let kind = fields.kind.as_str();
        let (minutes, days) = match (kind, fields.minutes, fields.days) {
            ("elapsed" | "business_hours", Some(minutes), None) => (minutes, 0),
            ("end_of_business_day", None, Some(days)) => (0, days),
            ("elapsed" | "business_hours", ..) => {
                return Err(format!("a target of kind `{kind}` has `minutes` and nothing else"))
            }
            ("end_of_business_day", ..) => {
                return Err("a target of kind `end_of_business_day` has `days` and nothing else".into())
            }
            _ => {
                return Err(format!(
                    "unknown target kind `{kind}`, expected one of `elapsed`, `business_hours`, `end_of_business_day`"
                ))
            }
        };
        Ok(match kind {
            "elapsed" => Target::Elapsed { minutes },
            "business_hours" => Target::BusinessHours { minutes },
            _ => Target::EndOfBusinessDay { days },
        })
    }
}

/// The largest value a policy may hold: a year of minutes, or 366 business days.
const MAX_MINUTES: u32 = 366 * 24 * 60;
const MAX_DAYS: u32 = 366;

impl Target {
    /// Whether the clock counts business time, and so pauses outside business hours.
    pub fn counts_business_time(self) -> bool {
        !matches!(self, Target::Elapsed { .. })
    }

    /// The deadline of a clock started at `start`.
    ///
    /// # Errors
    /// [`Error::NoBusinessTime`] from the calendar for a business target.
    pub fn deadline(self, start: DateTime<Utc>, calendar: &Calendar) -> Result<DateTime<Utc>> {
        match self {
            Target::Elapsed { minutes } => Ok(start + TimeDelta::minutes(i64::from(minutes))),
            Target::BusinessHours { minutes } => calendar.add(start, TimeDelta::minutes(i64::from(minutes))),
            Target::EndOfBusinessDay { days } => calendar.end_of_nth_business_day(start, days),
        }
    }

    /// The time measured in the target's own kind between two instants: elapsed, or
    /// business time.
    ///
    /// # Errors
    /// [`Error::NoBusinessTime`] from the calendar for a business target.
    pub fn measure(self, from: DateTime<Utc>, to: DateTime<Utc>, calendar: &Calendar) -> Result<TimeDelta> {
        if self.counts_business_time() {
            calendar.business_time_between(from, to)
        } else {
            Ok((to - from).max(TimeDelta::zero()))
        }
    }

    /// The instant when `percent` of the allowed time, measured in the target's own kind,
    /// is used: the at-risk point of a clock.
    ///
    /// # Errors
    /// [`Error::NoBusinessTime`] from the calendar for a business target.
    pub fn fraction_point(
        self,
        start: DateTime<Utc>,
        due: DateTime<Utc>,
        percent: u8,
        calendar: &Calendar,
    ) -> Result<DateTime<Utc>> {
        let allowed = self.measure(start, due, calendar)?;
        let part = TimeDelta::seconds(allowed.num_seconds() * i64::from(percent) / 100);
        if self.counts_business_time() {
            calendar.add(start, part)
        } else {
            Ok(start + part)
        }
    }

    fn validate(self, what: &str) -> Result<()> {
        let ok = match self {
            Target::Elapsed { minutes } | Target::BusinessHours { minutes } => (1..=MAX_MINUTES).contains(&minutes),
            Target::EndOfBusinessDay { days } => (1..=MAX_DAYS).contains(&days),
        };
        if ok {
            Ok(())
        } else {
            Err(Error::InvalidPolicy(format!(
                "{what}: {self:?} is out of range (1 to {MAX_MINUTES} minutes, or 1 to {MAX_DAYS} business days)"
            )))
        }
    }
}

/// One optional target per priority; `None` means the clock does not apply.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerPriority {
    /// For P1 incidents.
    #[serde(default, rename = "P1")]
    pub p1: Option<Target>,
    /// For P2 incidents.
    #[serde(default, rename = "P2")]
    pub p2: Option<Target>,
    /// For P3 incidents.
    #[serde(default, rename = "P3")]
    pub p3: Option<Target>,
}

impl PerPriority {
    /// The target for `priority`.
    pub fn get(&self, priority: Priority) -> Option<Target> {
        match priority {
            Priority::P1 => self.p1,
            Priority::P2 => self.p2,
            Priority::P3 => self.p3,
        }
    }

    fn validate(&self, what: &str) -> Result<()> {
        for p in Priority::ALL {
            if let Some(t) = self.get(p) {
                t.validate(&format!("{what} {p}"))?;
            }
        }
        Ok(())
    }
}

/// Every SLA value of a contract.
///
/// ```
/// use vigie_engine::{Contract, Policy, Priority, Target};
/// let premium = Policy::for_contract(Contract::Premium);
/// assert_eq!(premium.on_site.get(Priority::P1), Some(Target::Elapsed { minutes: 120 }));
/// let standard = Policy::for_contract(Contract::Standard);
/// assert_eq!(standard.on_site.get(Priority::P1), Some(Target::Elapsed { minutes: 240 }));
/// assert!(standard.validate().is_ok());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Take charge (*prise en charge*): a technician calls the client.
    pub take_charge: PerPriority,
    /// On-site intervention (*intervention sur site*), when one is needed.
    pub on_site: PerPriority,
    /// Intervention planned (*planification d'une intervention*), when one is needed.
    pub intervention_planned: PerPriority,
    /// Time between client updates (*mises à jour régulières*), from the take-charge notice
    /// or the last update.
    pub client_update: PerPriority,
    /// Post-mortem (*post-mortem*), from the resolution.
    pub postmortem: PerPriority,
    /// Percentage of the allowed time after which a running clock is at risk.
    pub at_risk_percent: u8,
    /// Time to tell the client (the data controller) that personal data was lost, from when
    /// the loss is known.
    pub gdpr_notice: Target,
    /// The client's own deadline to notify its supervisory authority (GDPR art. 33: 72 h),
    /// shown to the client, not a clock of ours.
    pub authority_notice: Target,
    /// Time to complete the technical review of a recurring incident, from its opening.
    /// Policies stored before reviews had a deadline read as the procedure's default.
    #[serde(default = "default_technical_review")]
    pub technical_review: Target,
    /// How long a breach may stay open before it reaches the integrator's second level (a
    /// named manager), counted from the deadline it broke: the operations manager is told
    /// at the breach, the second level if the breach is still open after this delay.
    /// Policies stored before escalation existed read as the default.
    #[serde(default = "default_escalation")]
    pub escalation: PerPriority,
    /// How long the client has, from the resolution, to confirm the fix or reopen the
    /// incident; without an answer it closes by itself then. Policies stored before
    /// confirmation existed read as the default, 5 business days.
    #[serde(default = "default_confirmation")]
    pub confirmation: Target,
}

fn default_confirmation() -> Target {
    Target::EndOfBusinessDay { days: 5 }
}

fn default_technical_review() -> Target {
    Target::EndOfBusinessDay { days: 20 }
}

fn default_escalation() -> PerPriority {
    PerPriority {
        p1: Some(Target::Elapsed { minutes: 30 }),
        p2: Some(Target::BusinessHours { minutes: 4 * 60 }),
        p3: None,
    }
}

impl Policy {
    /// The procedure's values for a contract.
    pub fn for_contract(contract: Contract) -> Policy {
        use Target::{BusinessHours, Elapsed, EndOfBusinessDay};
        let on_site_p1 = match contract {
            Contract::Premium => Elapsed { minutes: 2 * 60 },
            Contract::Essential | Contract::Standard => Elapsed { minutes: 4 * 60 },
        };
        Policy {
            take_charge: PerPriority {
                p1: Some(Elapsed { minutes: 60 }),
                p2: Some(BusinessHours { minutes: 4 * 60 }),
                p3: Some(BusinessHours { minutes: 24 * 60 }),
            },
            on_site: PerPriority { p1: Some(on_site_p1), p2: None, p3: None },
            intervention_planned: PerPriority { p1: None, p2: None, p3: Some(EndOfBusinessDay { days: 5 }) },
            client_update: PerPriority {
                p1: Some(Elapsed { minutes: 60 }),
                p2: Some(BusinessHours { minutes: 2 * 60 }),
                p3: None,
            },
            postmortem: PerPriority { p1: Some(EndOfBusinessDay { days: 5 }), p2: None, p3: None },
            at_risk_percent: 75,
            gdpr_notice: Elapsed { minutes: 24 * 60 },
            authority_notice: Elapsed { minutes: 72 * 60 },
            technical_review: default_technical_review(),
            escalation: default_escalation(),
            confirmation: default_confirmation(),
        }
    }

    /// Checks every value.
    ///
    /// # Errors
    /// [`Error::InvalidPolicy`] naming the first value out of range.
    pub fn validate(&self) -> Result<()> {
        self.take_charge.validate("take_charge")?;
        self.on_site.validate("on_site")?;
        self.intervention_planned.validate("intervention_planned")?;
        self.client_update.validate("client_update")?;
        self.postmortem.validate("postmortem")?;
        self.gdpr_notice.validate("gdpr_notice")?;
        self.authority_notice.validate("authority_notice")?;
        self.technical_review.validate("technical_review")?;
        self.escalation.validate("escalation")?;
        self.confirmation.validate("confirmation")?;
        if !(1..=99).contains(&self.at_risk_percent) {
            return Err(Error::InvalidPolicy(format!("at_risk_percent must be 1 to 99, not {}", self.at_risk_percent)));
        }
        Ok(())
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy::for_contract(Contract::Standard)
    }
}
