//! Priorities (procedure §01) and contract tiers (procedure §02).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::Error;

/// The priority of an incident, from the most to the least urgent.
///
/// The derived order makes `P1 < P2 < P3`; use [`Priority::is_more_urgent_than`] when
/// comparing urgency, which reads better than the raw order.
///
/// ```
/// use vigie_engine::Priority;
/// assert!(Priority::P1.is_more_urgent_than(Priority::P2));
/// assert_eq!("P2".parse::<Priority>().unwrap(), Priority::P2);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Priority {
    /// Critical (*critique*): the site's security is compromised or significantly degraded.
    P1,
    /// Major (*majeur*): a significant malfunction partially affects security capabilities.
    P2,
    /// Minor (*mineur*): a functional nuisance with no impact on operational security.
    P3,
}

impl Priority {
    /// All priorities, most urgent first.
    pub const ALL: [Priority; 3] = [Priority::P1, Priority::P2, Priority::P3];

    /// `true` when `self` must be handled before `other`.
    pub fn is_more_urgent_than(self, other: Priority) -> bool {
        self < other
    }

    /// The more urgent of two priorities.
    pub fn most_urgent(self, other: Priority) -> Priority {
        self.min(other)
    }

    /// The code used everywhere (`"P1"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = Error;

    /// # Errors
    /// [`Error::UnknownPriority`] for anything but `P1`, `P2`, `P3` (case-insensitive).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_uppercase().as_str() {
            "P1" => Ok(Priority::P1),
            "P2" => Ok(Priority::P2),
            "P3" => Ok(Priority::P3),
            _ => Err(Error::UnknownPriority(s.to_string())),
        }
    }
}

/// The client's contract tier; it selects the SLA policy.
///
/// ```
/// use vigie_engine::Contract;
/// assert_eq!("premium".parse::<Contract>().unwrap(), Contract::Premium);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Contract {
    /// The entry tier.
    Essential,
    /// The usual tier.
    #[default]
    Standard,
    /// The tier with the 2-hour on-site intervention for P1 incidents.
    Premium,
}

impl Contract {
    /// Every contract tier.
    pub const ALL: [Contract; 3] = [Contract::Essential, Contract::Standard, Contract::Premium];

    /// The code used in data (`"premium"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Contract::Essential => "essential",
            Contract::Standard => "standard",
            Contract::Premium => "premium",
        }
    }
}

impl fmt::Display for Contract {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Contract {
    type Err = Error;

    /// # Errors
    /// [`Error::UnknownContract`] for anything but the three tiers (case-insensitive).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "essential" => Ok(Contract::Essential),
            "standard" => Ok(Contract::Standard),
            "premium" => Ok(Contract::Premium),
            _ => Err(Error::UnknownContract(s.to_string())),
        }
    }
}
