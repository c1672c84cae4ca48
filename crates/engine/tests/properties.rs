//! Properties of the calendar that must hold for every input, checked on random instants of
//! 2026–2027 over calendars with weekends, holidays, lunch breaks, DST gaps and folds; and
//! the business-time table checked against the interval walk on random calendars of every
//! zone and region, random instants of 2020–2040 and every DST transition of those years.
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
        calendar(
            r#"{"holidays": "FR-ALSACE-MOSELLE", "hours": {"mon": [["08:00","12:00"],["14:00","18:00"]],
            "tue": [["08:00","12:00"],["14:00","18:00"]], "wed": [["08:00","12:00"]], "thu": [["08:00","12:00"],["14:00","18:00"]],
            "fri": [["08:00","12:00"],["14:00","17:00"]]}, "closed_dates": ["2026-12-24", "2027-08-16"]}"#,
        ),
        Calendar::always_open(chrono_tz::Europe::Paris),
        // Boundaries inside the DST gap (02:30 does not exist in March) and fold.
        calendar(
            r#"{"holidays": "NONE", "hours": {"sun": [["01:30","02:30"], ["02:45","04:00"]], "wed": [["22:00","24:00"]]}}"#,
        ),
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

// ---------------------------------------------------------------------------------------------
// The business-time table against the interval walk it replaces (`calendar::reference`): the
// same answer, to the nanosecond and to the error, on random calendars and instants.

mod table_and_walk {
    use std::collections::BTreeMap;

    use chrono::{DateTime, NaiveDate, Offset, TimeDelta, TimeZone, Utc};
    use proptest::prelude::*;
    use vigie_engine::calendar::reference;
    use vigie_engine::{time_zones, Calendar, CalendarSpec, HolidayRegion};

    const WEEKDAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

    fn hhmm(minute: u16) -> String {
        format!("{:02}:{:02}", minute / 60, minute % 60)
    }

    /// One weekday's openings: closed, office hours, a lunch break, all day, a night shift
    /// across the DST hours, or random cuts (some inside the DST gap and fold).
    fn day_hours() -> impl Strategy<Value = Vec<(u16, u16)>> {
        prop_oneof![
            2 => Just(vec![]),
            2 => Just(vec![(8 * 60, 18 * 60)]),
            2 => (6u16 * 4..10 * 4, 11u16 * 4..13 * 4, 13u16 * 4..15 * 4, 16u16 * 4..20 * 4)
                .prop_map(|(a, b, c, d)| vec![(a * 15, b * 15), (c * 15, d * 15)]),
            1 => Just(vec![(0, 1440)]),
            1 => Just(vec![(90, 150), (165, 240), (22 * 60, 1440)]),
            2 => proptest::collection::btree_set(0u16..=1440, 2..=6).prop_map(|cuts| {
                let cuts: Vec<u16> = cuts.into_iter().collect();
                cuts.chunks_exact(2).map(|p| (p[0], p[1])).collect()
            }),
        ]
    }

    /// Closed dates of 2020–2040: a few single days and sometimes a closure of several weeks.
    fn closed_dates() -> impl Strategy<Value = Vec<NaiveDate>> {
        let first = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
        (proptest::collection::vec(0i64..21 * 365, 0..6), proptest::option::of((0i64..21 * 365, 1i64..60))).prop_map(
            move |(days, closure)| {
                let mut dates: Vec<NaiveDate> = days.iter().map(|d| first + TimeDelta::days(*d)).collect();
                if let Some((start, length)) = closure {
                    dates.extend((0..length).map(|d| first + TimeDelta::days(start + d)));
                }
                dates
            },
        )
    }

    /// Any calendar: every compiled time zone (DST in Europe and Miquelon, overseas ones,
    /// Pacific offsets such as −09:30), every holiday region, random hours and closed dates.
    fn calendar() -> impl Strategy<Value = Calendar> {
        let zones: Vec<&'static str> = time_zones().collect();
        (
            proptest::sample::select(zones),
            proptest::sample::select(HolidayRegion::CODES.to_vec()),
            proptest::array::uniform7(day_hours()),
            closed_dates(),
        )
            .prop_map(|(zone, region, week, closed)| {
                let mut hours: BTreeMap<String, Vec<[String; 2]>> = week
                    .iter()
                    .zip(WEEKDAYS)
                    .filter(|(day, _)| !day.is_empty())
                    .map(|(day, key)| (key.to_string(), day.iter().map(|&(s, e)| [hhmm(s), hhmm(e)]).collect()))
                    .collect();
                if hours.is_empty() {
                    hours.insert("mon".into(), vec![["08:00".into(), "18:00".into()]]);
                }
                let spec = CalendarSpec {
                    time_zone: Some(zone.to_string()),
                    holidays: Some(region.to_string()),
                    hours: Some(hours),
                    closed_dates: Some(closed.iter().map(|d| d.to_string()).collect()),
                };
                Calendar::try_from(spec).expect("valid calendar")
            })
    }

    /// Any instant of 2020–2040: on a quarter hour (where openings start and end), to the
    /// second, or to the nanosecond.
    fn instant() -> impl Strategy<Value = DateTime<Utc>> {
        let start = "2020-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap().timestamp();
        let seconds = 0i64..21 * 365 * 86_400;
        prop_oneof![
            2 => seconds.clone().prop_map(|s| s / 900 * 900),
            2 => seconds.clone(),
            1 => seconds.prop_map(|s| s / 900 * 900 + 1),
        ]
        .prop_flat_map(move |s| (Just(s), prop_oneof![3 => Just(0u32), 1 => 0u32..1_000_000_000]))
        .prop_map(move |(s, ns)| DateTime::from_timestamp(start + s, ns).unwrap())
    }

    /// A business duration: nothing, minutes up to 300 hours, or an odd number of nanoseconds.
    fn duration() -> impl Strategy<Value = TimeDelta> {
        prop_oneof![
            1 => Just(TimeDelta::zero()),
            4 => (0i64..300 * 60).prop_map(TimeDelta::minutes),
            1 => (0i64..3 * 86_400_000_000_000).prop_map(TimeDelta::nanoseconds),
        ]
    }

    fn same_answers(
        cal: &Calendar,
        t: DateTime<Utc>,
        d: TimeDelta,
        later: DateTime<Utc>,
        n: u32,
    ) -> Result<(), TestCaseError> {
        prop_assert_eq!(cal.add(t, d), reference::add(cal, t, d), "add {} to {}", d, t);
        prop_assert_eq!(cal.next_opening(t), reference::next_opening(cal, t), "next opening after {}", t);
        prop_assert_eq!(
            cal.business_time_between(t, later),
            reference::business_time_between(cal, t, later),
            "{} to {}",
            t,
            later
        );
        prop_assert_eq!(cal.business_time_between(later, t), reference::business_time_between(cal, later, t));
        prop_assert_eq!(
            cal.end_of_nth_business_day(t, n),
            reference::end_of_nth_business_day(cal, t, n),
            "{}th after {}",
            n,
            t
        );
        Ok(())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

        #[test]
        fn the_table_answers_as_the_walk_does(
            cal in calendar(), t in instant(), d in duration(),
            step in prop_oneof![0i64..86_400, 0i64..30 * 86_400, 0i64..800 * 86_400], n in 1u32..40,
        ) {
            same_answers(&cal, t, d, t + TimeDelta::seconds(step), n)?;
        }
    }

    /// Every UTC offset change of `zone` in 2020–2040, to the second.
    fn transitions(zone: chrono_tz::Tz) -> Vec<DateTime<Utc>> {
        let offset = |t: i64| zone.offset_from_utc_datetime(&DateTime::from_timestamp(t, 0).unwrap().naive_utc()).fix();
        let start = "2020-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap().timestamp();
        let mut found = Vec::new();
        for day in 0..21 * 366 {
            let (mut lo, mut hi) = (start + day * 86_400, start + (day + 1) * 86_400);
            if offset(lo) == offset(hi) {
                continue;
            }
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if offset(mid) == offset(lo) {
                    lo = mid
                } else {
                    hi = mid
                }
            }
            found.push(DateTime::from_timestamp(hi, 0).unwrap());
        }
        found
    }

    fn fixed(zone: &str, json_hours: &str) -> Calendar {
        let spec: CalendarSpec =
            serde_json::from_str(&format!(r#"{{"time_zone": "{zone}", "hours": {json_hours}}}"#)).unwrap();
        Calendar::try_from(spec).unwrap()
    }

    /// Around every DST transition of 2020–2040 of every zone: office hours, a lunch break,
    /// Saturday hours, 24/7, and openings that start or end inside the gap and the fold.
    #[test]
    fn the_table_answers_as_the_walk_does_around_every_dst_transition() {
        let mut checked = 0;
        for zone in time_zones() {
            let tz: chrono_tz::Tz = zone.parse().unwrap();
            let moments = transitions(tz);
            if moments.is_empty() {
                continue;
            }
            let calendars = [
                fixed(
                    zone,
                    r#"{"mon": [["08:00","18:00"]], "tue": [["08:00","18:00"]], "wed": [["08:00","18:00"]], "thu": [["08:00","18:00"]], "fri": [["08:00","18:00"]]}"#,
                ),
                fixed(
                    zone,
                    r#"{"mon": [["08:00","12:00"],["14:00","18:00"]], "fri": [["08:00","12:00"],["13:30","17:00"]], "sat": [["09:00","12:00"]]}"#,
                ),
                fixed(
                    zone,
                    r#"{"mon": [["00:00","24:00"]], "tue": [["00:00","24:00"]], "wed": [["00:00","24:00"]], "thu": [["00:00","24:00"]], "fri": [["00:00","24:00"]], "sat": [["00:00","24:00"]], "sun": [["00:00","24:00"]]}"#,
                ),
                fixed(
                    zone,
                    r#"{"sun": [["01:30","02:30"],["02:45","04:00"]], "sat": [["22:00","24:00"]], "wed": [["02:00","03:00"]]}"#,
                ),
                fixed(zone, r#"{"sun": [["02:00","03:00"]], "mon": [["00:00","02:30"]]}"#),
            ];
            for cal in &calendars {
                for &moment in &moments {
                    for delta in [-25 * 3600, -3 * 3600, -3600, -1, 0, 1, 1800, 3600, 3 * 3600] {
                        let t = moment + TimeDelta::seconds(delta);
                        for (d, later, n) in [
                            (0, 60, 1),
                            (1, 3600, 2),
                            (240, 86_400, 5),
                            (24 * 60, 7 * 86_400, 1),
                            (100 * 60, 40 * 86_400, 12),
                        ] {
                            let result = same_answers(cal, t, TimeDelta::minutes(d), t + TimeDelta::seconds(later), n);
                            assert!(result.is_ok(), "{zone}: {result:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 10_000, "only {checked} cases: the transitions were not found");
    }

    /// Outside the table's years, and when a closure is long enough for the walk to give up,
    /// the answers (errors included) are still the walk's.
    #[test]
    fn the_table_gives_way_to_the_walk_where_it_does_not_answer() {
        let first = NaiveDate::from_ymd_opt(2030, 2, 1).unwrap();
        let closure: Vec<String> = (0..700).map(|d| (first + TimeDelta::days(d)).to_string()).collect();
        let closed =
            Calendar::try_from(CalendarSpec { closed_dates: Some(closure), ..CalendarSpec::default() }).unwrap();
        let calendars = [Calendar::default(), closed, Calendar::always_open(chrono_tz::Pacific::Marquesas)];
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap();
        for cal in &calendars {
            for t in [
                "1950-06-01T10:00:00Z",
                "1969-12-31T20:00:00Z",
                "2029-01-15T10:00:00Z",
                "2029-12-31T23:00:00Z",
                "2030-06-01T10:00:00Z",
                "2031-12-20T10:00:00Z",
                "2199-12-31T12:00:00Z",
                "2240-03-01T00:00:00Z",
            ] {
                let t = at(t);
                for (d, later, n) in [(0, 60, 1), (240, 86_400, 5), (400 * 24 * 60, 900 * 86_400, 300)] {
                    let result = same_answers(cal, t, TimeDelta::minutes(d), t + TimeDelta::seconds(later), n);
                    assert!(result.is_ok(), "{result:?}");
                }
            }
        }
        // Invalid input gets the walk's own errors.
        let cal = Calendar::default();
        let t = at("2026-11-27T10:00:00Z");
        assert_eq!(cal.add(t, TimeDelta::minutes(-1)), reference::add(&cal, t, TimeDelta::minutes(-1)));
        assert_eq!(cal.end_of_nth_business_day(t, 0), reference::end_of_nth_business_day(&cal, t, 0));
        assert_eq!(cal.add(t, TimeDelta::MAX), reference::add(&cal, t, TimeDelta::MAX));
    }
}
