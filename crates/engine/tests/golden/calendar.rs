#[cfg(target_arch = "wasm32")]
use wasm_bindgen_test::wasm_bindgen_test as test;

use chrono::{TimeDelta, Weekday};
use vigie_engine::{Calendar, CalendarSpec, Error, HolidayRegion};

use crate::at;

fn hours(h: i64) -> TimeDelta {
    TimeDelta::hours(h)
}

fn paris() -> Calendar {
    Calendar::default()
}

fn alsace() -> Calendar {
    let week: &[(Weekday, &[(&str, &str)])] = &[
        (Weekday::Mon, &[("08:00", "18:00")]),
        (Weekday::Tue, &[("08:00", "18:00")]),
        (Weekday::Wed, &[("08:00", "18:00")]),
        (Weekday::Thu, &[("08:00", "18:00")]),
        (Weekday::Fri, &[("08:00", "18:00")]),
    ];
    Calendar::new("Europe/Paris", week, HolidayRegion::FrAlsaceMoselle, &[]).unwrap()
}

fn from_json(json: &str) -> Result<Calendar, Error> {
    let spec: CalendarSpec = serde_json::from_str(json).expect("valid JSON");
    Calendar::try_from(spec)
}

#[test]
fn friday_1759_continues_on_monday() {
    assert_eq!(paris().add(at("2026-11-27T17:59:00+01:00"), hours(4)).unwrap(), at("2026-11-30T11:59:00+01:00"));
}

#[test]
fn remaining_equal_to_interval_left_ends_at_closing() {
    assert_eq!(paris().add(at("2026-11-25T14:00:00+01:00"), hours(4)).unwrap(), at("2026-11-25T18:00:00+01:00"));
    assert_eq!(paris().add(at("2026-11-25T08:00:00+01:00"), hours(10)).unwrap(), at("2026-11-25T18:00:00+01:00"));
}

#[test]
fn weekend_report_starts_at_next_opening() {
    assert_eq!(paris().add(at("2026-11-28T10:00:00+01:00"), hours(4)).unwrap(), at("2026-11-30T12:00:00+01:00"));
    assert_eq!(paris().add(at("2026-11-30T06:00:00+01:00"), hours(1)).unwrap(), at("2026-11-30T09:00:00+01:00"));
}

#[test]
fn french_holidays_are_skipped() {
    // 11 November 2026 is a Wednesday.
    assert_eq!(paris().add(at("2026-11-11T09:00:00+01:00"), hours(4)).unwrap(), at("2026-11-12T12:00:00+01:00"));
    // Christmas Eve 17:00: Christmas, then the weekend.
    assert_eq!(paris().add(at("2026-12-24T17:00:00+01:00"), hours(4)).unwrap(), at("2026-12-28T11:00:00+01:00"));
    // Ascension 2026 is Thursday 14 May; Whit Monday 25 May.
    assert_eq!(paris().add(at("2026-05-13T17:00:00+02:00"), hours(2)).unwrap(), at("2026-05-15T09:00:00+02:00"));
    assert_eq!(paris().add(at("2026-05-22T17:00:00+02:00"), hours(2)).unwrap(), at("2026-05-26T09:00:00+02:00"));
}

#[test]
fn alsace_moselle_adds_good_friday_and_26_december() {
    // 26 December 2025 is a Friday.
    let start = at("2025-12-24T17:00:00+01:00");
    assert_eq!(paris().add(start, hours(4)).unwrap(), at("2025-12-26T11:00:00+01:00"));
    assert_eq!(alsace().add(start, hours(4)).unwrap(), at("2025-12-29T11:00:00+01:00"));
    // Good Friday 2026 is 3 April; Easter Monday 6 April.
    let start = at("2026-04-02T17:00:00+02:00");
    assert_eq!(paris().add(start, hours(4)).unwrap(), at("2026-04-03T11:00:00+02:00"));
    assert_eq!(alsace().add(start, hours(4)).unwrap(), at("2026-04-07T11:00:00+02:00"));
}

#[test]
fn overseas_regions_have_their_own_days() {
    let region = |code: &str| from_json(&format!(r#"{{"holidays": "{code}"}}"#)).unwrap();
    // Mi-Carême 2026 (Easter − 24 days) is Thursday 12 March, in Guadeloupe only.
    let start = at("2026-03-11T17:00:00+01:00");
    assert_eq!(region("FR-GP").add(start, hours(2)).unwrap(), at("2026-03-13T09:00:00+01:00"));
    assert_eq!(region("FR").add(start, hours(2)).unwrap(), at("2026-03-12T09:00:00+01:00"));
    // 22 May 2026 (Friday) in Martinique, 10 June (Wednesday) in Guyane, 20 December 2027
    // (Monday) in La Réunion, 27 April 2026 (Monday) in Mayotte.
    assert_eq!(
        region("FR-MQ").add(at("2026-05-21T17:00:00+02:00"), hours(2)).unwrap(),
        at("2026-05-26T09:00:00+02:00")
    );
    assert_eq!(
        region("FR-GF").add(at("2026-06-09T17:00:00+02:00"), hours(2)).unwrap(),
        at("2026-06-11T09:00:00+02:00")
    );
    assert_eq!(
        region("FR-RE").add(at("2027-12-17T17:00:00+01:00"), hours(2)).unwrap(),
        at("2027-12-21T09:00:00+01:00")
    );
    assert_eq!(
        region("FR-YT").add(at("2026-04-24T17:00:00+02:00"), hours(2)).unwrap(),
        at("2026-04-28T09:00:00+02:00")
    );
    // NONE: Christmas is an ordinary Friday in 2026.
    assert_eq!(region("NONE").add(at("2026-12-24T17:00:00+01:00"), hours(2)).unwrap(), at("2026-12-25T09:00:00+01:00"));
}

#[test]
fn paris_spring_forward_2026() {
    // 24 business hours from Friday 27 March 10:00 (CET) end on Tuesday at 14:00 (CEST).
    assert_eq!(paris().add(at("2026-03-27T10:00:00+01:00"), hours(24)).unwrap(), at("2026-03-31T14:00:00+02:00"));
}

#[test]
fn paris_fall_back_2026() {
    assert_eq!(paris().add(at("2026-10-23T17:00:00+02:00"), hours(4)).unwrap(), at("2026-10-26T11:00:00+01:00"));
    assert_eq!(
        paris().business_time_between(at("2026-10-23T17:00:00+02:00"), at("2026-10-26T11:00:00+01:00")).unwrap(),
        hours(4)
    );
}

#[test]
fn easter_sunday_2027_is_also_the_dst_weekend() {
    // Friday 26 March 2027 17:00 CET; Easter Monday 29 March is closed; Tuesday in CEST.
    assert_eq!(paris().add(at("2027-03-26T17:00:00+01:00"), hours(4)).unwrap(), at("2027-03-30T11:00:00+02:00"));
    // In Alsace-Moselle, Friday 26 March 2027 is Good Friday too.
    assert_eq!(alsace().add(at("2027-03-25T17:00:00+01:00"), hours(4)).unwrap(), at("2027-03-30T11:00:00+02:00"));
}

#[test]
fn always_open_calendar_counts_real_hours_across_dst() {
    let always = from_json(
        r#"{"holidays": "NONE", "hours": {"mon": [["00:00","24:00"]], "tue": [["00:00","24:00"]],
            "wed": [["00:00","24:00"]], "thu": [["00:00","24:00"]], "fri": [["00:00","24:00"]],
            "sat": [["00:00","24:00"]], "sun": [["00:00","24:00"]]}}"#,
    )
    .unwrap();
    // The night of 29 March 2026 has 23 hours: 4 hours from 00:30 CET end at 05:30 CEST.
    assert_eq!(always.add(at("2026-03-29T00:30:00+01:00"), hours(4)).unwrap(), at("2026-03-29T05:30:00+02:00"));
    // The night of 25 October 2026 has 25 hours: 4 hours from 00:30 CEST end at 03:30 CET.
    assert_eq!(always.add(at("2026-10-25T00:30:00+02:00"), hours(4)).unwrap(), at("2026-10-25T03:30:00+01:00"));
    // A whole DST week is 167 hours, as many as elapsed.
    let (a, b) = (at("2026-03-23T00:00:00+01:00"), at("2026-03-30T00:00:00+02:00"));
    assert_eq!(always.business_time_between(a, b).unwrap(), hours(167));
    assert_eq!(always, Calendar::always_open(chrono_tz::Europe::Paris));
}

#[test]
fn lunch_break() {
    let cal = from_json(
        r#"{"hours": {"mon": [["08:00","12:00"], ["14:00","18:00"]], "tue": [["08:00","12:00"], ["14:00","18:00"]]}}"#,
    )
    .unwrap();
    assert_eq!(cal.add(at("2026-11-30T11:00:00+01:00"), hours(2)).unwrap(), at("2026-11-30T15:00:00+01:00"));
    assert_eq!(cal.add(at("2026-11-30T10:00:00+01:00"), hours(2)).unwrap(), at("2026-11-30T12:00:00+01:00"));
    assert_eq!(cal.add(at("2026-11-30T12:30:00+01:00"), hours(1)).unwrap(), at("2026-11-30T15:00:00+01:00"));
    assert!(!cal.is_open(at("2026-11-30T13:00:00+01:00")));
    assert_eq!(cal.next_opening(at("2026-11-30T13:00:00+01:00")).unwrap(), at("2026-11-30T14:00:00+01:00"));
    // Tuesday afternoon, then the next Monday.
    assert_eq!(cal.add(at("2026-12-01T17:00:00+01:00"), hours(2)).unwrap(), at("2026-12-07T09:00:00+01:00"));
}

#[test]
fn nonexistent_local_time_maps_to_the_end_of_the_gap() {
    // Opening at 02:30 on Sunday 29 March 2026, which does not exist in Paris: it opens at
    // 03:00 CEST, the first instant after the gap.
    let cal = from_json(r#"{"holidays": "NONE", "hours": {"sun": [["02:30","04:00"]]}}"#).unwrap();
    assert_eq!(cal.next_opening(at("2026-03-28T12:00:00+01:00")).unwrap(), at("2026-03-29T03:00:00+02:00"));
    assert_eq!(
        cal.business_time_between(at("2026-03-29T00:00:00+01:00"), at("2026-03-29T12:00:00+02:00")).unwrap(),
        hours(1)
    );
}

#[test]
fn ambiguous_local_time_maps_to_the_earlier_instant() {
    // 02:30 happens twice on Sunday 25 October 2026: the opening is the first (CEST) one, and
    // 04:00 CET closes it two and a half hours later.
    let cal = from_json(r#"{"holidays": "NONE", "hours": {"sun": [["02:30","04:00"]]}}"#).unwrap();
    assert_eq!(cal.next_opening(at("2026-10-24T12:00:00+02:00")).unwrap(), at("2026-10-25T02:30:00+02:00"));
    assert_eq!(
        cal.business_time_between(at("2026-10-25T00:00:00+02:00"), at("2026-10-25T12:00:00+01:00")).unwrap(),
        TimeDelta::minutes(150)
    );
}

#[test]
fn is_open_edges() {
    let cal = paris();
    assert!(cal.is_open(at("2026-11-27T17:59:59+01:00")));
    assert!(!cal.is_open(at("2026-11-27T18:00:00+01:00")));
    assert!(cal.is_open(at("2026-11-30T08:00:00+01:00")));
    assert!(!cal.is_open(at("2026-11-30T07:59:59+01:00")));
    assert!(!cal.is_open(at("2026-12-25T10:00:00+01:00")));
    assert_eq!(cal.next_opening(at("2026-11-30T09:00:00+01:00")).unwrap(), at("2026-11-30T09:00:00+01:00"));
}

#[test]
fn end_of_nth_business_day() {
    let cal = paris();
    assert_eq!(
        cal.end_of_nth_business_day(at("2026-11-27T17:59:00+01:00"), 5).unwrap(),
        at("2026-12-04T18:00:00+01:00")
    );
    // Strictly after the local date: a Monday 07:00 report does not count Monday.
    assert_eq!(
        cal.end_of_nth_business_day(at("2026-11-30T07:00:00+01:00"), 1).unwrap(),
        at("2026-12-01T18:00:00+01:00")
    );
    // Christmas week.
    assert_eq!(
        cal.end_of_nth_business_day(at("2026-12-21T10:00:00+01:00"), 5).unwrap(),
        at("2026-12-29T18:00:00+01:00")
    );
    let closed_24 = from_json(r#"{"closed_dates": ["2026-12-24"]}"#).unwrap();
    assert_eq!(
        closed_24.end_of_nth_business_day(at("2026-12-21T10:00:00+01:00"), 5).unwrap(),
        at("2026-12-30T18:00:00+01:00")
    );
    // The local date counts, not the UTC one: 23:30 Paris on Friday is Friday.
    assert_eq!(cal.end_of_nth_business_day(at("2026-11-27T22:30:00Z"), 1).unwrap(), at("2026-11-30T18:00:00+01:00"));
    assert!(matches!(cal.end_of_nth_business_day(at("2026-11-27T10:00:00Z"), 0), Err(Error::InvalidDuration(_))));
}

#[test]
fn time_zones_other_than_paris() {
    let reunion = from_json(r#"{"time_zone": "Indian/Reunion", "holidays": "FR-RE"}"#).unwrap();
    // 17:00 in La Réunion (UTC+4) on Friday 18 December 2026, then Monday 21.
    assert_eq!(reunion.add(at("2026-12-18T17:00:00+04:00"), hours(2)).unwrap(), at("2026-12-21T09:00:00+04:00"));
    // Monday 08:00 in Paris is 03:00 in Guadeloupe (UTC−4): closed there until 14:00 Paris.
    let guadeloupe = from_json(r#"{"time_zone": "America/Guadeloupe", "holidays": "FR-GP"}"#).unwrap();
    assert!(!guadeloupe.is_open(at("2026-11-30T08:00:00+01:00")));
    assert_eq!(guadeloupe.next_opening(at("2026-11-30T08:00:00+01:00")).unwrap(), at("2026-11-30T08:00:00-04:00"));
}

#[test]
fn a_calendar_that_never_opens_is_an_error_not_a_hang() {
    // Open on Mondays only, and every Monday of 2026–2027 is closed.
    let mut mondays = Vec::new();
    let mut d = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    while d.year() < 2028 {
        mondays.push(format!("\"{d}\""));
        d += TimeDelta::days(7);
    }
    let json = format!(r#"{{"hours": {{"mon": [["08:00","18:00"]]}}, "closed_dates": [{}]}}"#, mondays.join(","));
    let cal = from_json(&json).unwrap();
    let start = at("2026-01-01T10:00:00+01:00");
    assert!(matches!(cal.add(start, hours(1)), Err(Error::NoBusinessTime { .. })));
    assert!(matches!(cal.next_opening(start), Err(Error::NoBusinessTime { .. })));
    assert!(matches!(cal.end_of_nth_business_day(start, 1), Err(Error::NoBusinessTime { .. })));
    assert!(matches!(
        cal.business_time_between(start, at("2027-12-31T10:00:00+01:00")),
        Err(Error::NoBusinessTime { .. })
    ));
    // A short span inside the closed stretch is simply empty.
    assert_eq!(cal.business_time_between(start, at("2026-02-01T10:00:00+01:00")).unwrap(), TimeDelta::zero());
    // 2028 opens again.
    assert_eq!(cal.next_opening(at("2027-12-20T10:00:00+01:00")).unwrap(), at("2028-01-03T08:00:00+01:00"));
}

use chrono::Datelike;

#[test]
fn bad_calendars_are_refused_with_a_precise_message() {
    let cases = [
        (r#"{"time_zone": "Europe/Pariss"}"#, "unknown time zone \"Europe/Pariss\""),
        // Only France, its neighbours and the overseas territories are compiled in, everywhere alike.
        (r#"{"time_zone": "America/New_York"}"#, "unknown time zone \"America/New_York\""),
        (r#"{"time_zone": "Europe/Berlin"}"#, "unknown time zone \"Europe/Berlin\""),
        (r#"{"holidays": "FR-XX"}"#, "unknown holiday region \"FR-XX\""),
        (r#"{"hours": {"lun": [["08:00","18:00"]]}}"#, "unknown weekday \"lun\""),
        (r#"{"hours": {"mon": [["08:00","25:00"]]}}"#, "invalid time of day \"25:00\""),
        (r#"{"hours": {"mon": [["08:00","24:30"]]}}"#, "invalid time of day \"24:30\""),
        (r#"{"hours": {"mon": [["8h","18:00"]]}}"#, "invalid time of day \"8h\""),
        (r#"{"hours": {"mon": [["18:00","08:00"]]}}"#, "invalid opening interval on mon: 08:00 is not after 18:00"),
        (r#"{"hours": {"mon": [["08:00","12:00"], ["11:00","18:00"]]}}"#, "overlaps"),
        (r#"{"hours": {}}"#, "no opening hours"),
        (r#"{"hours": {"sat": []}}"#, "no opening hours"),
        (r#"{"closed_dates": ["2026-02-30"]}"#, "invalid date \"2026-02-30\""),
        (r#"{"closed_dates": ["2026-2-03"]}"#, "invalid date \"2026-2-03\""),
        (r#"{"closed_dates": ["24/12/2026"]}"#, "invalid date \"24/12/2026\""),
        (r#"{"closed_dates": ["2026-12-24-01"]}"#, "invalid date \"2026-12-24-01\""),
    ];
    for (json, expected) in cases {
        let message = from_json(json).expect_err(json).to_string();
        assert!(message.contains(expected), "{json}: {message}");
    }
}

#[test]
fn calendar_round_trips_through_its_data_form() {
    let cal = from_json(
        r#"{"time_zone": "Europe/Paris", "holidays": "FR-ALSACE-MOSELLE",
        "hours": {"mon": [["08:00","12:00"], ["12:00","18:00"]], "sat": [["09:00","24:00"]]},
        "closed_dates": ["2026-12-31", "2026-12-24"]}"#,
    )
    .unwrap();
    let json = serde_json::to_string(&cal).unwrap();
    assert_eq!(
        json,
        r#"{"time_zone":"Europe/Paris","holidays":"FR-ALSACE-MOSELLE","hours":{"mon":[["08:00","18:00"]],"sat":[["09:00","24:00"]]},"closed_dates":["2026-12-24","2026-12-31"]}"#
    );
    let back: Calendar = serde_json::from_str(&json).unwrap();
    assert_eq!(back, cal);
}

#[test]
fn preview_of_thirty_days_marks_holidays_and_dst() {
    let cal = from_json(
        r#"{"holidays": "FR-ALSACE-MOSELLE", "closed_dates": ["2026-12-31"],
        "hours": {"mon": [["08:00","12:00"],["14:00","18:00"]], "tue": [["08:00","18:00"]], "wed": [["08:00","18:00"]],
                  "thu": [["08:00","18:00"]], "fri": [["08:00","18:00"]], "sun": [["00:00","24:00"]]}}"#,
    )
    .unwrap();
    let days = cal.preview(chrono::NaiveDate::from_ymd_opt(2026, 12, 21).unwrap(), 30);
    assert_eq!(days.len(), 30);
    let day = |d: u32| days.iter().find(|p| p.date == chrono::NaiveDate::from_ymd_opt(2026, 12, d).unwrap()).unwrap();
    assert_eq!(
        day(21).openings,
        [("08:00".to_string(), "12:00".to_string()), ("14:00".to_string(), "18:00".to_string())]
    );
    assert_eq!(day(21).business_minutes, 480);
    assert_eq!(day(25).closed_because.as_deref(), Some("Noël"));
    assert_eq!(day(26).closed_because, None, "a Saturday is closed by its hours, not by a holiday");
    assert_eq!(day(27).openings, [("00:00".to_string(), "24:00".to_string())]);
    assert_eq!(day(31).closed_because.as_deref(), Some("Fermeture exceptionnelle"));
    // A Sunday open all day across the spring DST change has 23 hours.
    let march = cal.preview(chrono::NaiveDate::from_ymd_opt(2026, 3, 29).unwrap(), 1);
    assert_eq!(march[0].business_minutes, 23 * 60);
    // Good Friday in Alsace-Moselle.
    let easter = cal.preview(chrono::NaiveDate::from_ymd_opt(2026, 4, 3).unwrap(), 1);
    assert_eq!(easter[0].closed_because.as_deref(), Some("Vendredi saint"));
}

#[test]
fn the_time_zones_offered_are_those_compiled_in() {
    let zones: Vec<&str> = vigie_engine::time_zones().collect();
    for zone in ["Europe/Paris", "Indian/Reunion", "America/Cayenne", "Etc/UTC"] {
        assert!(zones.contains(&zone), "{zone} missing from {zones:?}");
    }
    assert!(!zones.contains(&"Europe/Berlin"));
    // Every zone offered is accepted by a calendar.
    for zone in zones {
        let spec: vigie_engine::CalendarSpec = serde_json::from_str(&format!(r#"{{"time_zone": "{zone}"}}"#)).unwrap();
        assert!(vigie_engine::Calendar::try_from(spec).is_ok(), "{zone}");
    }
}
