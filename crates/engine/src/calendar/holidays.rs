//! Public holidays of France and of the regions with their own (procedure: business hours
//! exclude *jours fériés*).
//!
//! Each region is a list of rules — a fixed day of the year or an offset from Easter Sunday —
//! so a person can read and extend it. Easter is computed (anonymous Gregorian algorithm),
//! never tabulated, so every year works.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Error;

/// One holiday rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HolidayRule {
    /// The same day every year: `(month, day)`.
    Fixed(u32, u32),
    /// A number of days from Easter Sunday (Easter Monday is `+1`, Good Friday `-2`).
    Easter(i64),
}

use HolidayRule::{Easter, Fixed};

/// A holiday's rule with its French name.
type NamedRule = (HolidayRule, &'static str);

/// The 11 legal holidays of metropolitan France.
const FR: &[(HolidayRule, &str)] = &[
    (Fixed(1, 1), "Jour de l'an"),
    (Easter(1), "Lundi de Pâques"),
    (Fixed(5, 1), "Fête du Travail"),
    (Fixed(5, 8), "Victoire 1945"),
    (Easter(39), "Ascension"),
    (Easter(50), "Lundi de Pentecôte"),
    (Fixed(7, 14), "Fête nationale"),
    (Fixed(8, 15), "Assomption"),
    (Fixed(11, 1), "Toussaint"),
    (Fixed(11, 11), "Armistice"),
    (Fixed(12, 25), "Noël"),
];
/// Alsace-Moselle adds Good Friday and Saint Stephen's day.
const ALSACE_MOSELLE: &[(HolidayRule, &str)] = &[(Easter(-2), "Vendredi saint"), (Fixed(12, 26), "Saint-Étienne")];
/// Guadeloupe: Mi-Carême, Good Friday, abolition of slavery (27 May), Victor Schœlcher (21 Jul).
const GP: &[(HolidayRule, &str)] = &[
    (Easter(-24), "Mi-Carême"),
    (Easter(-2), "Vendredi saint"),
    (Fixed(5, 27), "Abolition de l'esclavage"),
    (Fixed(7, 21), "Fête Victor Schœlcher"),
];
/// Martinique: abolition of slavery (22 May), Victor Schœlcher (21 Jul).
const MQ: &[(HolidayRule, &str)] =
    &[(Fixed(5, 22), "Abolition de l'esclavage"), (Fixed(7, 21), "Fête Victor Schœlcher")];
/// Guyane: abolition of slavery (10 Jun).
const GF: &[(HolidayRule, &str)] = &[(Fixed(6, 10), "Abolition de l'esclavage")];
/// La Réunion: abolition of slavery (20 Dec).
const RE: &[(HolidayRule, &str)] = &[(Fixed(12, 20), "Abolition de l'esclavage")];
/// Mayotte: abolition of slavery (27 Apr).
const YT: &[(HolidayRule, &str)] = &[(Fixed(4, 27), "Abolition de l'esclavage")];

/// A set of public holidays.
///
/// ```
/// use chrono::NaiveDate;
/// use vigie_engine::HolidayRegion;
///
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// // Easter Monday 2027 is 29 March (Easter Sunday is 28 March, a DST weekend).
/// assert!(HolidayRegion::Fr.is_holiday(d(2027, 3, 29)));
/// // Good Friday is a holiday in Alsace-Moselle only.
/// assert!(HolidayRegion::FrAlsaceMoselle.is_holiday(d(2027, 3, 26)));
/// assert!(!HolidayRegion::Fr.is_holiday(d(2027, 3, 26)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum HolidayRegion {
    /// Metropolitan France.
    #[default]
    Fr,
    /// Bas-Rhin, Haut-Rhin and Moselle.
    FrAlsaceMoselle,
    /// Guadeloupe.
    FrGp,
    /// Martinique.
    FrMq,
    /// Guyane.
    FrGf,
    /// La Réunion.
    FrRe,
    /// Mayotte.
    FrYt,
    /// No public holidays.
    None,
}

impl HolidayRegion {
    /// The codes accepted in data, in the order of the variants.
    pub const CODES: [&'static str; 8] =
        ["FR", "FR-ALSACE-MOSELLE", "FR-GP", "FR-MQ", "FR-GF", "FR-RE", "FR-YT", "NONE"];
    const ALL: [HolidayRegion; 8] = [
        HolidayRegion::Fr,
        HolidayRegion::FrAlsaceMoselle,
        HolidayRegion::FrGp,
        HolidayRegion::FrMq,
        HolidayRegion::FrGf,
        HolidayRegion::FrRe,
        HolidayRegion::FrYt,
        HolidayRegion::None,
    ];

    /// The code of the region (`"FR-ALSACE-MOSELLE"`).
    pub fn code(self) -> &'static str {
        Self::CODES[self as usize]
    }

    /// The rules of the region with the holidays' French names: the national ones, then
    /// the local ones.
    pub fn named_rules(self) -> impl Iterator<Item = (HolidayRule, &'static str)> {
        let (national, local): (&[NamedRule], &[NamedRule]) = match self {
            HolidayRegion::Fr => (FR, &[]),
            HolidayRegion::FrAlsaceMoselle => (FR, ALSACE_MOSELLE),
            HolidayRegion::FrGp => (FR, GP),
            HolidayRegion::FrMq => (FR, MQ),
            HolidayRegion::FrGf => (FR, GF),
            HolidayRegion::FrRe => (FR, RE),
            HolidayRegion::FrYt => (FR, YT),
            HolidayRegion::None => (&[], &[]),
        };
        national.iter().chain(local).copied()
    }

    /// The rules of the region.
    pub fn rules(self) -> impl Iterator<Item = HolidayRule> {
        self.named_rules().map(|(rule, _)| rule)
    }

    /// The French name of the holiday on `date`, if it is one (`"Lundi de Pâques"`).
    ///
    /// ```
    /// use chrono::NaiveDate;
    /// use vigie_engine::HolidayRegion;
    /// let d = NaiveDate::from_ymd_opt(2027, 3, 29).unwrap();
    /// assert_eq!(HolidayRegion::Fr.holiday_name(d), Some("Lundi de Pâques"));
    /// ```
    pub fn holiday_name(self, date: NaiveDate) -> Option<&'static str> {
        let easter = easter_sunday(date.year());
        self.named_rules().find_map(|(rule, name)| {
            let day = match rule {
                Fixed(m, d) => NaiveDate::from_ymd_opt(date.year(), m, d),
                Easter(offset) => easter?.checked_add_signed(chrono::TimeDelta::days(offset)),
            };
            (day == Some(date)).then_some(name)
        })
    }

    /// Whether `date` is a public holiday of the region.
    ///
    /// Cheap enough for the inner loop of deadline computation: Easter is computed only for
    /// dates between March and June, where Easter-relative holidays fall.
    pub fn is_holiday(self, date: NaiveDate) -> bool {
        let (month, day) = (date.month(), date.day());
        let mut easter = None;
        self.rules().any(|rule| match rule {
            Fixed(m, d) => m == month && d == day,
            Easter(offset) => {
                if !(2..=6).contains(&month) {
                    return false;
                }
                let sunday = *easter.get_or_insert_with(|| easter_sunday(date.year()));
                sunday.and_then(|s| s.checked_add_signed(chrono::TimeDelta::days(offset))) == Some(date)
            }
        })
    }

    /// The holidays of `year`, sorted (for calendar previews and documentation).
    pub fn holidays_in(self, year: i32) -> Vec<NaiveDate> {
        let mut days: Vec<NaiveDate> = self
            .rules()
            .filter_map(|rule| match rule {
                Fixed(m, d) => NaiveDate::from_ymd_opt(year, m, d),
                Easter(offset) => easter_sunday(year)?.checked_add_signed(chrono::TimeDelta::days(offset)),
            })
            .collect();
        crate::short_sort::by_key(&mut days, |d| *d);
        days.dedup();
        days
    }
}

/// Easter Sunday of `year` in the Gregorian calendar (anonymous Gregorian algorithm,
/// also known as Meeus/Jones/Butcher).
///
/// ```
/// use chrono::NaiveDate;
/// use vigie_engine::calendar::easter_sunday;
/// assert_eq!(easter_sunday(2027), NaiveDate::from_ymd_opt(2027, 3, 28));
/// assert_eq!(easter_sunday(2026), NaiveDate::from_ymd_opt(2026, 4, 5));
/// ```
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let month = (h + l - 7 * m + 114).div_euclid(31);
    let day = (h + l - 7 * m + 114).rem_euclid(31) + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

impl fmt::Display for HolidayRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for HolidayRegion {
    type Err = Error;

    /// # Errors
    /// [`Error::UnknownHolidayRegion`] for a code not in [`HolidayRegion::CODES`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_uppercase().replace('_', "-");
        Self::CODES
            .iter()
            .position(|code| *code == wanted)
            .map(|i| Self::ALL[i])
            .ok_or_else(|| Error::UnknownHolidayRegion(s.to_string()))
    }
}

impl TryFrom<String> for HolidayRegion {
    type Error = Error;
    fn try_from(s: String) -> Result<Self, Error> {
        s.parse()
    }
}

impl From<HolidayRegion> for String {
    fn from(r: HolidayRegion) -> String {
        r.code().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_known_years() {
        for (y, m, day) in [(2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2038, 4, 25), (2285, 3, 22)] {
            assert_eq!(easter_sunday(y), Some(d(y, m, day)), "{y}");
        }
    }

    #[test]
    fn france_has_eleven_days() {
        for y in 2020..2040 {
            assert_eq!(HolidayRegion::Fr.holidays_in(y).len(), 11, "{y}");
        }
    }

    #[test]
    fn regions_add_their_days() {
        let y = 2026; // Easter 5 April
        assert!(HolidayRegion::FrGp.is_holiday(d(y, 3, 12))); // Mi-Carême: Easter − 24
        assert!(HolidayRegion::FrGp.is_holiday(d(y, 4, 3)));
        assert!(HolidayRegion::FrGp.is_holiday(d(y, 5, 27)));
        assert!(HolidayRegion::FrMq.is_holiday(d(y, 5, 22)));
        assert!(HolidayRegion::FrMq.is_holiday(d(y, 7, 21)));
        assert!(HolidayRegion::FrGf.is_holiday(d(y, 6, 10)));
        assert!(HolidayRegion::FrRe.is_holiday(d(y, 12, 20)));
        assert!(HolidayRegion::FrYt.is_holiday(d(y, 4, 27)));
        assert!(HolidayRegion::FrAlsaceMoselle.is_holiday(d(y, 12, 26)));
        assert!(!HolidayRegion::Fr.is_holiday(d(y, 12, 26)));
        assert!(!HolidayRegion::None.is_holiday(d(y, 12, 25)));
        assert_eq!(HolidayRegion::FrGp.holidays_in(y).len(), 15);
    }

    #[test]
    fn codes_round_trip() {
        for code in HolidayRegion::CODES {
            assert_eq!(code.parse::<HolidayRegion>().unwrap().code(), code);
        }
        assert!(matches!("FR-XX".parse::<HolidayRegion>(), Err(Error::UnknownHolidayRegion(_))));
    }
}
