//! Properties of the calendar that must hold for every input, checked on random instants of
//! 2026–2027 over calendars with weekends, holidays, lunch breaks, DST gaps and folds.
#![cfg(not(target_arch = "wasm32"))]

use chrono::{DateTime, FixedOffset, TimeDelta, Utc};
use proptest::prelude::*;
use vigie_engine::sla::parse_instant;
use vigie_engine::{Calendar, CalendarSpec, Target};

fn calendar(json: &str) -> Calendar {
    Calendar::try_from(serde_json::from_str::<CalendarSpec>(json).expect("valid JSON")).expect("valid calendar")
}

fn calendars() -> Vec<Calendar> {
    vec![
        Calendar::default(),
        calendar(r#"{"holidays": "FR-ALSACE-MOSELLE", "hours": {"mon": [["08:00","12:00"],["14:00","18:00"]],
            "tue": [["08:00","12:00"],["14:00","18:00"]], "wed": [["08:00","12:00"]], "thu": [["08:00","12:00"],["14:00","18:00"]],
            "fri": [["08:00","12:00"],["14:00","17:00"]]}, "closed_dates": ["2026-12-24", "2027-08-16"]}"#),
        Calendar::always_open(chrono_tz::Europe::Paris),
        // Boundaries inside the DST gap (02:30 does not exist in March) and fold.
        calendar(r#"{"holidays": "NONE", "hours": {"sun": [["01:30","02:30"], ["02:45","04:00"]], "wed": [["22:00","24:00"]]}}"#),
        calendar(r#"{"time_zone": "America/Guadeloupe", "holidays": "FR-GP"}"#),
        calendar(r#"{"time_zone": "Indian/Reunion", "holidays": "FR-RE", "hours": {"sat": [["00:00","24:00"]]}}"#),
    ]
}

/// Any instant of 2026–2027, to the second.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let start = "2026-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap().timestamp();
    (0i64..2 * 365 * 86_400).prop_map(move |s| DateTime::from_timestamp(start + s, 0).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn adding_then_measuring_gives_back_the_duration(
        which in 0usize..6, t in instant(), minutes in 0i64..(200 * 60),
    ) {
        let cal = &calendars()[which];
        let d = TimeDelta::minutes(minutes);
        let due = cal.add(t, d).unwrap();
        prop_assert!(due >= t);
        prop_assert_eq!(cal.business_time_between(t, due).unwrap(), d);
        // The deadline is business time, except when nothing was to add.
        if minutes > 0 {
            prop_assert!(cal.is_open(due - TimeDelta::seconds(1)), "{} is not just after business time", due);
        }
    }

    #[test]
    fn deadlines_never_go_backwards_as_the_start_moves_forward(
        which in 0usize..6, t in instant(), step in 0i64..(5 * 86_400), minutes in 0i64..(30 * 60),
    ) {
        let cal = &calendars()[which];
        let later = t + TimeDelta::seconds(step);
        let d = TimeDelta::minutes(minutes);
        prop_assert!(cal.add(t, d).unwrap() <= cal.add(later, d).unwrap());
        prop_assert!(cal.end_of_nth_business_day(t, 5).unwrap() <= cal.end_of_nth_business_day(later, 5).unwrap());
        prop_assert!(cal.next_opening(t).unwrap() <= cal.next_opening(later).unwrap());
    }

    #[test]
    fn results_are_the_same_whatever_offset_the_input_uses(
        which in 0usize..6, t in instant(), quarter_hours in -48i32..=56, kind in 0usize..3,
    ) {
        let cal = &calendars()[which];
        let offset = FixedOffset::east_opt(quarter_hours * 15 * 60).unwrap();
        let written = t.with_timezone(&offset).to_rfc3339();
        let read = parse_instant(&written).unwrap();
        prop_assert_eq!(read, t);
        let target = [Target::Elapsed { minutes: 60 }, Target::BusinessHours { minutes: 240 }, Target::EndOfBusinessDay { days: 5 }][kind];
        prop_assert_eq!(target.deadline(read, cal).unwrap(), target.deadline(t, cal).unwrap());
    }

    #[test]
    fn is_open_agrees_with_next_opening(which in 0usize..6, t in instant()) {
        let cal = &calendars()[which];
        prop_assert_eq!(cal.is_open(t), cal.next_opening(t).unwrap() == t);
    }
}
