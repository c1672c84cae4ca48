//! Deadline computation over 20,000 pseudo-random report instants (to the second) of
//! 2026–2027 with the FR calendar (Europe/Paris, Monday–Friday 08:00–18:00, French
//! holidays), side by side with the `ule-hours` and `workclock` crates on the same inputs
//! and the same calendar: 4 and 24 business hours added, the end of the 5th business day,
//! and the business time between two instants less than 30 days apart. Every row is first
//! checked for equal answers on every input, or the comparison would mean nothing.
//!
//! After criterion's own report, a summary gives the median of 5 timed runs of each row in
//! this same run, and how far Vigie is ahead of the fastest of the two crates; then the same
//! rows compiled to wasm (`benches/browser.rs`, the app's `wasm-release` profile) run in
//! headless Chromium when ChromeDriver is installed, each beside its native time.
//!
//! Run with `cargo bench -p vigie-engine --bench deadlines` (or `cargo xtask bench`).

use std::env;
use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, Datelike, TimeDelta, Utc};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use jiff::civil::{date, time};
use jiff::tz::TimeZone;
use jiff::{SignedDuration, Timestamp};
use vigie_engine::{Calendar, CalendarSpec, HolidayRegion, Target};
use workclock::{Holidays, Schedule, Weekdays, WorkDay};

#[path = "inputs/mod.rs"]
mod inputs;

use inputs::{measure_ends, reports, N, ROWS};

fn french_holidays() -> impl Iterator<Item = jiff::civil::Date> {
    (2026..=2028)
        .flat_map(|y| HolidayRegion::Fr.holidays_in(y))
        .map(|d| date(d.year() as i16, d.month() as i8, d.day() as i8))
}

/// The same calendar for workclock: its holidays are a list of dates, so we give it ours.
fn workclock_schedule() -> Schedule {
    Schedule::builder()
        .time_zone("Europe/Paris")
        .rule(WorkDay::new(time(8, 0, 0, 0), time(18, 0, 0, 0), Weekdays::MON_TO_FRI))
        .rule(Holidays::new(french_holidays()))
        .build()
        .expect("valid schedule")
}

/// The same calendar for ule-hours, with its own rules for the French holidays.
fn ule_schedule() -> ule_hours::Schedule {
    ule_hours::Schedule::builder("Europe/Paris")
        .expect("known zone")
        .mon_fri("08:00-18:00")
        .expect("valid hours")
        .holidays(ule_hours::france_national())
        .build()
}

fn to_jiff(t: DateTime<Utc>) -> Timestamp {
    Timestamp::new(t.timestamp(), t.timestamp_subsec_nanos() as i32).expect("in range")
}

fn to_nanos(d: TimeDelta) -> i128 {
    i128::from(d.num_nanoseconds().expect("short"))
}

/// Midnight starting the local day after `t`'s.
fn next_local_midnight(t: Timestamp, tz: &TimeZone) -> Timestamp {
    let day = t.to_zoned(tz.clone()).date().tomorrow().expect("in range");
    day.to_zoned(tz.clone()).expect("in range").timestamp()
}

/// The end of the `n`th business day after `t`'s local date, from ule-hours' public API
/// (it has no such operation): the day's windows, day by day.
fn ule_end_of_nth_business_day(schedule: &ule_hours::Schedule, t: Timestamp, n: u32) -> Timestamp {
    let mut day = t.to_zoned(schedule.zone().clone()).date();
    let mut found = 0;
    loop {
        day = day.tomorrow().expect("in range");
        if let Some(last) = schedule.windows_on(day).last() {
            found += 1;
            if found == n {
                return last.end;
            }
        }
    }
}

/// The same from workclock's public API (it has no such operation either): its periods, in
/// order, counted by local date.
fn workclock_end_of_nth_business_day(schedule: &Schedule, tz: &TimeZone, t: Timestamp, n: u32) -> Timestamp {
    let mut cursor = next_local_midnight(t, tz);
    let mut day = None;
    let mut found = 0;
    let mut end = cursor;
    loop {
        let period = schedule.next_period(cursor).expect("opens");
        let this_day = period.start.to_zoned(tz.clone()).date();
        if day != Some(this_day) {
            if found == n {
                return end;
            }
            found += 1;
            day = Some(this_day);
        }
        end = period.end;
        cursor = period.end;
    }
}

/// A loop over every input of a row.
type Run<'a> = Box<dyn Fn() + 'a>;

/// One row of the comparison: Vigie and the crates that can answer it.
struct Row<'a> {
    name: &'static str,
    vigie: Run<'a>,
    others: Vec<(&'static str, Run<'a>)>,
}

/// Median of 5 timed runs of `run`, per input.
fn median_ns(run: &dyn Fn()) -> f64 {
    run();
    let mut times: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[2].as_nanos() as f64 / N as f64
}

fn bench(c: &mut Criterion) {
    let calendar = Calendar::default();
    let schedule = workclock_schedule();
    let ule = ule_schedule();
    let paris = TimeZone::get("Europe/Paris").expect("known zone");
    let reports = reports();
    let ends = measure_ends(&reports);
    let jiff_reports: Vec<Timestamp> = reports.iter().map(|t| to_jiff(*t)).collect();
    let jiff_ends: Vec<Timestamp> = ends.iter().map(|t| to_jiff(*t)).collect();

    // All must give the same answers, or the comparison means nothing.
    let mut workclock_measures_agree = true;
    for (i, (t, j)) in reports.iter().zip(&jiff_reports).enumerate() {
        for hours in [4, 24] {
            let ours = to_jiff(calendar.add(*t, TimeDelta::hours(hours)).expect("deadline"));
            assert_eq!(
                ours,
                ule.add(*j, SignedDuration::from_hours(hours)).expect("deadline"),
                "ule-hours, {hours} h from {t}"
            );
            assert_eq!(
                ours,
                schedule.add(*j, SignedDuration::from_hours(hours)).expect("deadline"),
                "workclock, {hours} h from {t}"
            );
        }
        let ours = to_jiff(calendar.end_of_nth_business_day(*t, 5).expect("deadline"));
        assert_eq!(ours, ule_end_of_nth_business_day(&ule, *j, 5), "ule-hours, 5th business day after {t}");
        assert_eq!(
            ours,
            workclock_end_of_nth_business_day(&schedule, &paris, *j, 5),
            "workclock, 5th business day after {t}"
        );
        let ours = to_nanos(calendar.business_time_between(*t, ends[i]).expect("measure"));
        assert_eq!(ours, ule.between(*j, jiff_ends[i]).as_nanos(), "ule-hours, {t} to {}", ends[i]);
        workclock_measures_agree &= ours == schedule.between(*j, jiff_ends[i]).as_nanos();
    }
    if !workclock_measures_agree {
        println!(
            "workclock's business time between two instants differs from Vigie's and ule-hours': left out of that row"
        );
    }

    let add = |hours: i64| {
        let (calendar, reports) = (&calendar, &reports);
        move || {
            for t in reports {
                black_box(calendar.add(black_box(*t), TimeDelta::hours(hours)).expect("deadline"));
            }
        }
    };
    let ule_add = |hours: i64| {
        let (ule, jiff_reports) = (&ule, &jiff_reports);
        move || {
            for t in jiff_reports {
                black_box(ule.add(black_box(*t), SignedDuration::from_hours(hours)).expect("deadline"));
            }
        }
    };
    let workclock_add = |hours: i64| {
        let (schedule, jiff_reports) = (&schedule, &jiff_reports);
        move || {
            for t in jiff_reports {
                black_box(schedule.add(black_box(*t), SignedDuration::from_hours(hours)).expect("deadline"));
            }
        }
    };
    let mut between_others: Vec<(&'static str, Run)> = vec![(
        "ule-hours",
        Box::new(|| {
            for (a, b) in jiff_reports.iter().zip(&jiff_ends) {
                black_box(ule.between(black_box(*a), black_box(*b)));
            }
        }),
    )];
    if workclock_measures_agree {
        between_others.push((
            "workclock",
            Box::new(|| {
                for (a, b) in jiff_reports.iter().zip(&jiff_ends) {
                    black_box(schedule.between(black_box(*a), black_box(*b)));
                }
            }),
        ));
    }
    let rows = vec![
        Row {
            name: ROWS[0],
            vigie: Box::new(add(4)),
            others: vec![("ule-hours", Box::new(ule_add(4))), ("workclock", Box::new(workclock_add(4)))],
        },
        Row {
            name: ROWS[1],
            vigie: Box::new(add(24)),
            others: vec![("ule-hours", Box::new(ule_add(24))), ("workclock", Box::new(workclock_add(24)))],
        },
        Row {
            name: ROWS[2],
            vigie: Box::new(|| {
                for t in &reports {
                    black_box(calendar.end_of_nth_business_day(black_box(*t), 5).expect("deadline"));
                }
            }),
            others: vec![
                (
                    "ule-hours",
                    Box::new(|| {
                        for t in &jiff_reports {
                            black_box(ule_end_of_nth_business_day(&ule, black_box(*t), 5));
                        }
                    }),
                ),
                (
                    "workclock",
                    Box::new(|| {
                        for t in &jiff_reports {
                            black_box(workclock_end_of_nth_business_day(&schedule, &paris, black_box(*t), 5));
                        }
                    }),
                ),
            ],
        },
        Row {
            name: ROWS[3],
            vigie: Box::new(|| {
                for (a, b) in reports.iter().zip(&ends) {
                    black_box(calendar.business_time_between(black_box(*a), black_box(*b)).expect("measure"));
                }
            }),
            others: between_others,
        },
    ];

    for row in &rows {
        let mut group = c.benchmark_group(row.name);
        group.throughput(Throughput::Elements(N as u64));
        group.bench_function("vigie", |b| b.iter(|| (row.vigie)()));
        for (name, run) in &row.others {
            group.bench_function(*name, |b| b.iter(run));
        }
        group.finish();
    }

    // Every kind of target the policy uses, mixed as incidents arrive.
    let targets = [
        Target::Elapsed { minutes: 60 },
        Target::BusinessHours { minutes: 4 * 60 },
        Target::BusinessHours { minutes: 24 * 60 },
        Target::EndOfBusinessDay { days: 5 },
    ];
    let mixed = || {
        for (i, t) in reports.iter().enumerate() {
            let target = targets[i % targets.len()];
            black_box(target.deadline(black_box(*t), &calendar).expect("deadline"));
        }
    };
    let mut group = c.benchmark_group("mixed_targets");
    group.throughput(Throughput::Elements(N as u64));
    group.bench_function("vigie", |b| b.iter(mixed));
    group.finish();

    // The summary: every row timed again in this run, side by side.
    println!();
    println!(
        "| median of 5 runs, per input | Vigie | ule-hours 0.1.2 | workclock 0.1.4 | Vigie ahead of the fastest |"
    );
    println!("|---|---|---|---|---|");
    let mut native = Vec::new();
    for row in &rows {
        let ours = median_ns(&*row.vigie);
        native.push((row.name, ours));
        let theirs: Vec<(&str, f64)> = row.others.iter().map(|(name, run)| (*name, median_ns(&**run))).collect();
        let cell = |name: &str| {
            theirs.iter().find(|(n, _)| *n == name).map_or("—".to_string(), |(_, ns)| format!("{ns:.0} ns"))
        };
        let fastest = theirs.iter().map(|(_, ns)| *ns).fold(f64::INFINITY, f64::min);
        println!(
            "| {} | {ours:.0} ns | {} | {} | {:.1}× |",
            row.name,
            cell("ule-hours"),
            cell("workclock"),
            fastest / ours
        );
    }
    let ours = median_ns(&mixed);
    native.push(("mixed targets", ours));
    println!(
        "| mixed targets (1 h elapsed, 4 h and 24 h business, end of the 5th business day) | {ours:.0} ns | | | |"
    );
    println!("| first use of a year of a calendar (its table built) | {:.1} µs | | | |", year_build_us());
    in_the_browser(&native);
}

/// Where Debian's `chromium-driver` puts ChromeDriver (`cargo xtask setup` installs it).
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Runs the same rows compiled to wasm in headless Chromium (`benches/browser.rs`) and
/// prints each one's time beside the native one, with the ratio.
fn in_the_browser(native: &[(&str, f64)]) {
    println!();
    if !Path::new(CHROMEDRIVER).exists() {
        println!("wasm: not measured, no ChromeDriver at {CHROMEDRIVER} (`cargo xtask setup` installs it)");
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = root.join("target/wasm-bench");
    println!("wasm: `cargo bench -p vigie-engine --bench browser --target wasm32-unknown-unknown --profile wasm-release` in headless Chromium…");
    // The app's own profile (optimised for size), as the browser runs the engine; and a
    // target directory of its own, as the build directory of this run stays locked while it
    // runs.
    let output = Command::new(env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args([
            "bench",
            "-p",
            "vigie-engine",
            "--bench",
            "browser",
            "--target",
            "wasm32-unknown-unknown",
            "--profile",
            "wasm-release",
        ])
        .current_dir(&root)
        .env("CARGO_TARGET_DIR", &target)
        // The runner's baseline, which would otherwise land in crates/engine/target.
        .env("WASM_BINDGEN_BENCH_RESULT", target.join("wbg_benchmark.json"))
        .env("CHROMEDRIVER", CHROMEDRIVER)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", root.join("webdriver.json"))
        .env("CHROMEDRIVER_ARGS", "--silent")
        .output();
    let output = match output {
        Ok(output) if output.status.success() => output,
        Ok(output) => {
            println!(
                "wasm: the browser benchmark failed:\n{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            );
            return;
        }
        Err(err) => {
            println!("wasm: cannot run cargo: {err}");
            return;
        }
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let wasm: Vec<(&str, f64)> = text
        .lines()
        .filter_map(|line| {
            let mut parts = line.split(" | ");
            let tag = parts.next()?;
            (tag.trim_start().ends_with("wasm-deadlines")).then_some(())?;
            Some((parts.next()?.trim(), parts.next()?.trim().parse().ok()?))
        })
        .collect();
    println!("| median of 5 runs, per input | native | wasm in headless Chromium | wasm / native |");
    println!("|---|---|---|---|");
    for (name, ours) in native {
        match wasm.iter().find(|(n, _)| n == name) {
            Some((_, in_wasm)) => println!("| {name} | {ours:.0} ns | {in_wasm:.0} ns | {:.2}× |", in_wasm / ours),
            None => println!("| {name} | {ours:.0} ns | — | — |"),
        }
    }
    if wasm.is_empty() {
        println!("wasm: the browser benchmark printed no result:\n{text}");
    }
}

/// What the first deadline of a calendar in a year costs: the year's table is built then.
/// Each run uses a calendar of its own (a different closed date), so nothing is shared.
fn year_build_us() -> f64 {
    let t: DateTime<Utc> = "2026-06-10T10:00:00Z".parse().expect("valid instant");
    let mut times: Vec<Duration> = (0..21)
        .map(|i| {
            let closed = format!("2099-01-{:02}", i + 1);
            let spec = CalendarSpec { closed_dates: Some(vec![closed]), ..CalendarSpec::default() };
            let calendar = Calendar::try_from(spec).expect("valid calendar");
            let start = Instant::now();
            black_box(calendar.add(t, TimeDelta::hours(4)).expect("deadline"));
            start.elapsed()
        })
        .collect();
    times.sort();
    times[10].as_nanos() as f64 / 1000.0
}

/// The priority suggestion runs on every keystroke in the browser.
fn classification(c: &mut Criterion) {
    let text = "Bonjour, depuis ce matin 7h plus aucune caméra ne s'affiche sur le mur d'images du poste \
                de garde, l'enregistreur NVR du parking semble HS et le lecteur de badge de l'entrée \
                principale fonctionne par intermittence. Aucune intrusion constatée, pas de panne totale \
                du contrôle d'accès. Merci de nous rappeler rapidement.";
    c.bench_function("classify_a_300_character_report", |b| {
        b.iter(|| black_box(vigie_engine::classify(Some(black_box(text)), None)))
    });
}

fn short() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
}

criterion_group! {
    name = benches;
    config = short();
    targets = bench, classification
}
criterion_main!(benches);
