//! The priority suggestion against the labelled corpus (`tests/corpus/`, see its README).
//!
//! The held-out half is never used to tune the lexicon or the rules; it is only measured
//! here and by `cargo bench -p vigie-engine --bench corpus`. The one thing it must always
//! hold is the procedure's safety rule: no critical or major incident suggested as minor.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::HashSet;

use vigie_engine::{classify, Priority};

struct Case {
    id: String,
    text: String,
    expected: Priority,
}

fn load(path: &std::path::Path) -> Vec<Case> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(n, line)| {
            let v: serde_json::Value =
                serde_json::from_str(line).unwrap_or_else(|e| panic!("{}:{}: {e}", path.display(), n + 1));
            let field = |name: &str| {
                v[name].as_str().unwrap_or_else(|| panic!("{}:{}: no {name}", path.display(), n + 1)).to_string()
            };
            assert!(matches!(field("lang").as_str(), "fr" | "en"), "{}:{}", path.display(), n + 1);
            Case { id: field("id"), text: field("text"), expected: field("priority").parse().expect("P1, P2 or P3") }
        })
        .collect()
}

fn corpus() -> Vec<(String, Vec<Case>)> {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<_> = std::fs::read_dir(&folder)
        .expect("tests/corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    files.iter().map(|p| (p.file_stem().unwrap_or_default().to_string_lossy().into_owned(), load(p))).collect()
}

/// (right, total, critical or major suggested as minor)
fn score(cases: &[Case]) -> (usize, usize, Vec<String>) {
    let mut right = 0;
    let mut under = Vec::new();
    for case in cases {
        let suggested = classify(Some(&case.text), None).priority;
        right += usize::from(suggested == case.expected);
        if suggested == Priority::P3 && case.expected != Priority::P3 {
            under.push(case.id.clone());
        }
    }
    (right, cases.len(), under)
}

#[test]
fn the_corpus_is_well_formed_and_the_held_out_half_is_apart() {
    let corpus = corpus();
    let mut ids = HashSet::new();
    let mut texts = HashSet::new();
    for (name, cases) in &corpus {
        for case in cases {
            assert!(ids.insert(case.id.clone()), "{name}: id {} twice", case.id);
            assert!(texts.insert(case.text.clone()), "{name}: text of {} twice", case.id);
        }
    }
    let heldout = corpus.iter().find(|(name, _)| name == "heldout").expect("heldout.jsonl");
    assert!(heldout.1.len() >= 200, "the held-out half has {} descriptions", heldout.1.len());
    let total: usize = corpus.iter().map(|(_, c)| c.len()).sum();
    assert!(total >= 400, "{total} descriptions in all");
}

/// `heldout.jsonl` (the held-out half) and later `heldout-*.jsonl` batches.
fn is_held_out(name: &str) -> bool {
    name == "heldout" || name.starts_with("heldout-")
}

/// Critical or major incidents of a later held-out batch suggested as minor when the batch was
/// first measured, before any rule was changed after it (`tests/corpus/README.md`). The rules
/// are never tuned on these texts, so such a count can only be brought down by understanding
/// more from the development sets; it may never grow. `heldout-b`: one critical incident
/// suggested as minor — issue 9 is not done while this is not zero; `heldout-c`: one too;
/// `heldout-d`: two critical and two major incidents.
const UNDER_RATED_AT_FIRST_MEASURE: &[(&str, usize)] = &[("heldout-b", 1), ("heldout-c", 1), ("heldout-d", 4)];

/// The accuracy a held-out set may not fall below (per cent): 90, or the figure of its first
/// measure where that was lower (`heldout-d`, 88.0 %).
const HELD_OUT_FLOOR: usize = 90;
const HELD_OUT_FIRST_MEASURE_BELOW_THE_FLOOR: &[(&str, usize)] = &[("heldout-d", 88)];

#[test]
fn no_critical_or_major_incident_of_the_held_out_sets_is_suggested_as_minor() {
    for (name, cases) in corpus().iter().filter(|(name, _)| is_held_out(name)) {
        let (right, total, under) = score(cases);
        let allowed = UNDER_RATED_AT_FIRST_MEASURE.iter().find(|(n, _)| n == name).map_or(0, |(_, count)| *count);
        // Only counts are printed: the held-out texts are never looked at to tune the rules.
        assert!(under.len() <= allowed, "{name}: {} suggested as P3 though P1 or P2", under.len());
        // A floor against regressions, not the target (see the README's figures).
        let floor =
            HELD_OUT_FIRST_MEASURE_BELOW_THE_FLOOR.iter().find(|(n, _)| n == name).map_or(HELD_OUT_FLOOR, |(_, f)| *f);
        assert!(right * 100 >= total * floor, "{name}: accuracy fell to {right}/{total}");
    }
}

/// The accuracy every development set keeps (per cent), and the sets still short of it with
/// the figure they reached when their round of tuning ended: `brief-u` went from 86.8 % to
/// 96.0 %, `brief-v` from 84.4 % to 96.0 %; their remaining errors are critical incidents
/// suggested as major or the reverse, and minor texts read as major (none suggested as minor
/// though critical or major). `brief-y`, written where the line between critical and major
/// and the minor texts full of serious words are hardest, went from 81.5 % to 92.4 %;
/// `brief-z` from 93.5 % to 95.0 % (189/199), `brief-w` from 93.2 % to 96.8 %; `brief-zb`,
/// written on the one detail that decides between two priorities, from 89.6 % to 95.6 %
/// (238/249); `brief-zc`, every bullet of the labelling policy in turn, from 89.5 % to
/// 96.0 % (238/248); `brief-zd`, the same told by people who do not use the trade's words,
/// from 76.2 % to 87.1 % (216/248), none suggested as minor; `brief-ze`, a second batch in
/// everyday words, from 88.4 % to 92.4 % (231/250), none suggested as minor; `brief-zf`,
/// critical incidents beside their major twins, from 92.7 % to 95.5 % (235/246); `brief-zg`,
/// reports a hurried reader would over-rate, from 84.3 % to 88.3 % (219/248); `brief-zn`,
/// each text as a particular person would write it, from 88.8 % to 92.8 % (231/249), none
/// suggested as minor; `brief-zo`, helpdesk messages with two topics, from 94.9 % to 96.4 %
/// (190/197); `brief-zt`, the line between critical and major, from 88.3 % to 95.2 %
/// (236/248); `brief-zu`, minor things that look serious and the reverse, from 81.0 % to
/// 88.3 % (219/248); `brief-zv`, French as typed on a phone and in everyday words, from
/// 88.6 % to 93.9 % (230/245); `brief-zw`, English of many countries, from 92.3 % to 94.8 %
/// (235/248); `brief-zx` and `brief-zy`, the half's own mix measured once more after all
/// of that, from 94.4 % to 95.6 % (238/249) and from 89.0 % to 91.1 % (216/237), only their
/// serious incidents suggested as minor and sites' only cameras learned; and of the seven
/// blind batches of the next round (`brief-ya` to `brief-yg`), `brief-yb`, a month of a
/// helpdesk's inbox, from 91.9 % to 94.7 % (233/246), `brief-yc`, what people who are not
/// technicians see, from 81.5 % to 91.1 % (226/248), `brief-yd`, technicians' words and hard
/// scopes, from 93.4 % to 96.3 % (232/241), `brief-yf`, a second batch of what people see,
/// from 87.2 % to 92.0 % (230/250), `brief-yg`, longer emails on the lines between
/// priorities, from 88.0 % to 93.6 % (234/250); `brief-yh` and `brief-yi`, the half's own mix
/// measured once after all of that, from 93.3 % to 95.8 % (229/239) and from 92.4 % to 94.8 %
/// (236/249), only their serious incidents suggested as minor learned; `brief-yj` and
/// `brief-yk`, the same mix measured once more at the end of the round, from 95.3 % to 95.7 %
/// (224/234) and from 94.0 % to 94.4 % (235/249), the same way; of the next round's seven,
/// `brief-yl` from 92.0 % to 96.6 % (229/237), `brief-yn` from 89.9 % to 96.4 % (239/248),
/// `brief-yo`, minor things that look serious and the reverse, from 82.7 % to 89.5 %
/// (222/248), and, measured once after that round, `brief-yq` from 94.5 % to 95.8 % (227/237)
/// and `brief-yr` from 90.1 % to 93.4 % (227/243), their serious incidents suggested as minor
/// learned and four critical ones suggested as major; of the next round's three, `brief-ys`,
/// minor things that sound alarming and serious ones said in passing, from 91.4 % to 96.3 %
/// (235/244); of the four after it, `brief-xb`, helpdesk emails with several topics and
/// follow-ups of earlier tickets, from 89.2 % to 95.2 % (238/250); `brief-yv`, the half's
/// mix kept apart for the end of the round, 92.7 % then as at the start, 94.8 % (220/232)
/// once its own errors were learned; `brief-xc` and `brief-xd`, the half's mix measured at
/// the very end, from 94.7 % and 96.3 % to 96.9 % (221/228) and 97.6 % (239/245), only their
/// serious incidents suggested as minor and a few nuisances learned.
const DEVELOPMENT_FLOOR: usize = 97;
const BELOW_THE_FLOOR: &[(&str, usize)] = &[
    ("brief-u", 96),
    ("brief-v", 96),
    ("brief-y", 92),
    ("brief-z", 94),
    ("brief-w", 96),
    ("brief-zb", 95),
    ("brief-zc", 95),
    ("brief-zd", 86),
    ("brief-ze", 91),
    ("brief-zf", 95),
    ("brief-zg", 88),
    ("brief-zn", 92),
    ("brief-zo", 96),
    ("brief-zt", 95),
    ("brief-zu", 88),
    ("brief-zv", 93),
    ("brief-zw", 94),
    ("brief-zx", 95),
    ("brief-zy", 91),
    ("brief-yb", 94),
    ("brief-yc", 91),
    ("brief-yd", 96),
    ("brief-yf", 92),
    ("brief-yg", 93),
    ("brief-yh", 95),
    ("brief-yi", 94),
    ("brief-yj", 95),
    ("brief-yk", 94),
    ("brief-yl", 96),
    ("brief-yn", 96),
    ("brief-yo", 89),
    ("brief-yq", 95),
    ("brief-yr", 93),
    ("brief-ys", 96),
    ("brief-xb", 95),
    ("brief-yv", 94),
    ("brief-xc", 96),
];

#[test]
fn the_development_sets_stay_understood() {
    for (name, cases) in corpus().iter().filter(|(name, _)| !is_held_out(name)) {
        let (right, total, under) = score(cases);
        let floor = BELOW_THE_FLOOR.iter().find(|(n, _)| n == name).map_or(DEVELOPMENT_FLOOR, |(_, f)| *f);
        assert!(right * 100 >= total * floor, "{name}: {right}/{total}");
        assert!(under.len() * 100 <= total, "{name}: {} suggested as P3 though P1 or P2: {under:?}", under.len());
    }
}
