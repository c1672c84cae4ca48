//! From a description to the words of the lexicon it contains, each with the span of the
//! original text it was read from, so that what is shown to the client is what the client
//! wrote ("plus aucune caméra", accents kept).

use std::sync::OnceLock;

use super::lexicon::{self, Meaning, DETERMINERS, SPELLINGS};

/// Where a word or phrase sits in the original text, in bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// What ends a stretch of words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// A comma, a colon, a dash or a bracket: a negation does not reach across it.
    Clause,
    /// The end of a sentence.
    Sentence,
}

/// One folded word of the text.
#[derive(Debug, Clone)]
struct Word {
    folded: String,
    span: Span,
}

/// A word or phrase of the text with what it means (`None`: a word the lexicon does not
/// know, kept because position matters: "les caméras *du bâtiment C*").
#[derive(Debug, Clone)]
pub struct Item {
    /// The meaning, if the lexicon knows the phrase.
    pub meaning: Option<Meaning>,
    /// The folded form of the first word (for the few rules that look at words).
    pub first: String,
    /// The folded form of the last word: "plus rien *ne*".
    pub last: String,
    /// The original text's span.
    pub span: Span,
    /// The phrase's last word is plural in the text ("caméras", "badges").
    pub plural: bool,
    /// A number written in digits.
    pub number: Option<u32>,
    /// A one-word item that the text elides before the next word ("d'art", "l'entrée"):
    /// a preposition or an article, never the letter that names a building.
    pub elided: bool,
}

/// A piece of the text between breaks.
#[derive(Debug, Clone)]
pub enum Piece {
    /// A word or phrase.
    Item(Item),
    /// A break.
    Break(Break),
}

/// Folds one character as the lexicon is written: lower case, no accents. Letters the
/// lexicon never uses come back as `None`.
fn fold_char(c: char, out: &mut String) {
    for c in c.to_lowercase() {
        match c {
            'a'..='z' | '0'..='9' => out.push(c),
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ÿ' | 'ý' => out.push('y'),
            'ç' => out.push('c'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            _ => {}
        }
    }
}

/// Folds a text as the lexicon is written: lower case, no accents, one space between
/// words, sentence punctuation as `.`.
///
/// ```
/// use vigie_engine::classify::fold;
/// assert_eq!(fold("Plus aucune CAMÉRA ne s'affiche !"), "plus aucune camera ne s affiche .");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = Vec::new();
    for piece in split(text) {
        match piece {
            Ok(word) => out.push(word.folded),
            Err(Break::Sentence) => out.push(".".to_string()),
            Err(Break::Clause) => out.push(",".to_string()),
        }
    }
    out.join(" ").replace(" ,", "")
}

/// Splits a text into folded words and breaks.
fn split(text: &str) -> Vec<Result<Word, Break>> {
    let mut pieces: Vec<Result<Word, Break>> = Vec::new();
    let mut current = String::new();
    let mut start = 0;
    let mut end = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let flush = |current: &mut String, start: usize, end: usize, pieces: &mut Vec<Result<Word, Break>>| {
        if !current.is_empty() {
            pieces.push(Ok(Word { folded: std::mem::take(current), span: Span { start, end } }));
        }
    };
    // "Deux soucis : - … - …": dashes that list points, one sentence each.
    let dash_list = text.trim_start().starts_with('-') || text.contains(": -") || text.contains("\n-");
    for (n, &(at, c)) in chars.iter().enumerate() {
        let next = chars.get(n + 1).map(|&(_, c)| c);
        let after_next = chars.get(n + 2).map(|&(_, c)| c);
        let before = current.len();
        fold_char(c, &mut current);
        if current.len() > before {
            if before == 0 {
                start = at;
            }
            end = at + c.len_utf8();
            continue;
        }
        // "n°2", "No 4": a number, not a negation.
        if c == '°' && matches!(current.as_str(), "n" | "no") {
            current = "numero".to_string();
            end = at + c.len_utf8();
            continue;
        }
        if c.is_alphanumeric() {
            // A letter the lexicon never uses (Greek, Cyrillic…): part of the word, read
            // as nothing.
            end = at + c.len_utf8();
            continue;
        }
        // "h.s." and "h/s" are "hs": a dot or slash between single letters joins them.
        let single_letter = current.chars().count() == 1 && current.chars().all(|c| c.is_ascii_alphabetic());
        if matches!(c, '.' | '/')
            && single_letter
            && next.is_some_and(char::is_alphabetic)
            && !after_next.is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        // "Deux choses : 1) … ; 2) …": a numbered point is a sentence of its own, and its
        // number counts nothing; "(zones 4 et 9)", "(2)" are not points.
        // "1) devis validé 2) formation…": the next number of a list already begun is a
        // point too, even with no break before it.
        let next_point = current
            .parse::<u8>()
            .is_ok_and(|n| n >= 2 && text[..start].contains(&format!("{})", n - 1)) && !text[..start].contains('('));
        let point = c == ')'
            && current.parse::<u8>().is_ok()
            && (pieces.last().is_none_or(Result::is_err) || next_point)
            && !text[..start].trim_end().ends_with('(');
        if point {
            current.clear();
        }
        // "le bât. 2", "l'étg. 3": the dot of an abbreviation ends no sentence.
        // "le badge de M. Leroy", "Mr. Smith": a title before a name.
        let title = current == "m"
            && text[start..].starts_with('M')
            && next == Some(' ')
            && after_next.is_some_and(char::is_uppercase);
        let abbreviation = c == '.'
            && (matches!(current.as_str(), "bat" | "bt" | "etg" | "env" | "ex" | "cf" | "mme" | "mr" | "mrs" | "dr")
                || title);
        flush(&mut current, start, end, &mut pieces);
        let brk = match c {
            '.' if abbreviation => None,
            '.' | '!' | '?' | '\n' | '…' => Some(Break::Sentence),
            ')' if point => Some(Break::Sentence),
            // A semicolon joins two clauses of one thought ("the link drops out; its alarms do
            // not come through").
            ',' | ';' | ':' | '(' | ')' | '[' | ']' | '"' | '«' | '»' | '–' | '—' => Some(Break::Clause),
            '-' if next.is_none_or(char::is_whitespace) => {
                Some(if dash_list { Break::Sentence } else { Break::Clause })
            }
            _ => None,
        };
        if let Some(brk) = brk {
            match pieces.last() {
                Some(Err(last)) if *last == Break::Sentence || *last == brk => {}
                Some(Err(_)) => {
                    pieces.pop();
                    pieces.push(Err(brk));
                }
                _ => pieces.push(Err(brk)),
            }
        }
    }
    flush(&mut current, start, end, &mut pieces);
    pieces
}

/// The lexicon indexed for matching, built once.
struct Index {
    /// The lexicon's forms and meanings.
    entries: Vec<(String, Meaning)>,
    /// (first word, the entry's words, the entry's index), sorted by first word. A sorted
    /// list rather than a hash map: the browser downloads no hashing code for it.
    by_first_word: Vec<(String, Vec<String>, usize)>,
    /// Stems (`"fonctionn*"` → `"fonctionn"`), in the lexicon's order; the longest that fits wins.
    stems: Vec<(String, usize)>,
    /// Single words of six letters or more, for misspellings, sorted: a misspelling keeps
    /// its first two letters, so only the words that start with them are tried.
    long_words: Vec<(String, usize)>,
    /// Spellings → their standard words, sorted.
    spellings: Vec<(&'static str, &'static str)>,
}

impl Index {
    /// The entries whose first word is `word`.
    fn starting_with(&self, word: &str) -> &[(String, Vec<String>, usize)] {
        let from = self.by_first_word.partition_point(|(w, _, _)| w.as_str() < word);
        let to = from + self.by_first_word[from..].partition_point(|(w, _, _)| w == word);
        &self.by_first_word[from..to]
    }

    /// The standard words of a spelling.
    fn spelling(&self, word: &str) -> Option<&'static str> {
        self.spellings.binary_search_by(|(k, _)| (*k).cmp(word)).ok().map(|i| self.spellings[i].1)
    }
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let entries: Vec<(String, Meaning)> =
            lexicon::entries().into_iter().filter_map(|(f, m)| Some((f, m?))).collect();
        let mut by_first_word: Vec<(String, Vec<String>, usize)> = Vec::new();
        let mut stems = Vec::new();
        let mut long_words = Vec::new();
        for (i, (form, _)) in entries.iter().enumerate() {
            if let Some(stem) = form.strip_suffix('*') {
                stems.push((stem.to_string(), i));
                continue;
            }
            let words: Vec<String> = form.split(' ').map(str::to_string).collect();
            // Misspellings are forgiven for the names of things and states, never for the
            // words that raise an alarm on their own ("random" is not "ransom").
            let forgiving = matches!(
                entries[i].1,
                Meaning::Device(_)
                    | Meaning::SystemName(_)
                    | Meaning::Image
                    | Meaning::Recording
                    | Meaning::Credential
                    | Meaning::Door
                    | Meaning::Alarm
                    | Meaning::Works(_)
                    | Meaning::Problem(_)
                    | Meaning::Missing
            );
            if words.len() == 1 && form.len() >= 6 && forgiving {
                long_words.push((form.clone(), i));
            }
            by_first_word.push((words[0].clone(), words, i));
        }
        // Entries of the same first word keep the lexicon's order.
        let by_first_word = sorted(by_first_word, |(word, ..)| word);
        let long_words = sorted(long_words, |(word, _)| word);
        let spellings = sorted(SPELLINGS.to_vec(), |(spelling, _)| spelling);
        Index { entries, by_first_word, stems, long_words, spellings }
    })
}

/// `items` in the order of their keys, ties in their given order. Every table of the index
/// is sorted through this one function, whose sort is of one type: a sort for each table's
/// own type would weigh about 4 KB of the reporting page's download each.
fn sorted<T>(items: Vec<T>, key: impl Fn(&T) -> &str) -> Vec<T> {
    let mut order: Vec<(&str, usize)> = items.iter().enumerate().map(|(i, item)| (key(item), i)).collect();
    order.sort_unstable();
    let order: Vec<usize> = order.into_iter().map(|(_, i)| i).collect();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// How well a text word matches a lexicon word: 3 exactly, 2 as an inflection (plural or
/// feminine), 0 not at all. Negations do not inflect:
/// "note" is not "not" + e.
fn word_match(text: &str, lexicon: &str, grammatical: bool) -> u8 {
    if text == lexicon {
        return 3;
    }
    let inflection = text.strip_prefix(lexicon).filter(|_| lexicon.len() >= 3 && !grammatical);
    match inflection {
        Some("s" | "x" | "e" | "es") => 2,
        _ => 0,
    }
}

/// Whether two words are one keystroke apart: one letter added, dropped, changed, or two
/// neighbours swapped.
fn one_keystroke_apart(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    match long.len() - short.len() {
        0 => {
            let diffs: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
            match diffs.as_slice() {
                [_] => true,
                [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
                _ => false,
            }
        }
        1 => {
            let skip = (0..short.len()).find(|&i| short[i] != long[i]).unwrap_or(short.len());
            short[skip..] == long[skip + 1..]
        }
        _ => false,
    }
}

/// English verbs that follow "dont" typed for "don't".
const AFTER_DONT: &[&str] = &[
    "work", "come", "open", "close", "lock", "record", "show", "see", "respond", "answer", "read", "have", "arrive",
    "start", "know", "get", "display", "load", "reach", "release", "beep", "detect", "trigger", "appear",
];

/// The words of the text, spellings replaced, with their spans.
fn standard_words(text: &str) -> Vec<Result<Word, Break>> {
    let index = index();
    let pieces = split(text);
    let mut out = Vec::new();
    for (n, piece) in pieces.iter().enumerate() {
        match piece {
            // "dont work": the English contraction typed without its apostrophe; "dont" is
            // otherwise French ("un stagiaire dont le contrat…").
            Ok(word) if word.folded == "dont" => {
                let english = matches!(pieces.get(n + 1), Some(Ok(next)) if AFTER_DONT.iter().any(|v| next.folded.starts_with(v)));
                if english {
                    out.push(Ok(Word { folded: "don".to_string(), span: word.span }));
                    out.push(Ok(Word { folded: "t".to_string(), span: word.span }));
                } else {
                    out.push(Ok(word.clone()));
                }
            }
            Ok(word) => match index.spelling(&word.folded) {
                Some(standard) => {
                    out.extend(standard.split(' ').map(|w| Ok(Word { folded: w.to_string(), span: word.span })));
                }
                None => out.push(Ok(word.clone())),
            },
            Err(brk) => out.push(Err(*brk)),
        }
    }
    out
}

/// Reads the text into lexicon items and breaks. At each word the longest entry wins; on
/// equal length an exact form beats an inflected one, which beats a stem, which beats a
/// misspelling.
pub fn items(text: &str) -> Vec<Piece> {
    let index = index();
    let pieces = standard_words(text);
    let mut out = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let word = match &pieces[i] {
            Err(brk) => {
                out.push(Piece::Break(*brk));
                i += 1;
                continue;
            }
            Ok(word) => word,
        };
        // The words up to the next break.
        let run: Vec<&Word> = pieces[i..].iter().map_while(|p| p.as_ref().ok()).collect();
        let mut best: Option<(usize, u8, usize)> = None; // (words, quality, entry)
        let consider = |best: &mut Option<(usize, u8, usize)>, len: usize, quality: u8, entry: usize| {
            if best.is_none_or(|(l, q, _)| (len, quality) > (l, q)) {
                *best = Some((len, quality, entry));
            }
        };
        let keys = [
            Some(word.folded.as_str()),
            word.folded.strip_suffix('s'),
            word.folded.strip_suffix('x'),
            word.folded.strip_suffix('e'),
            word.folded.strip_suffix("es"),
        ];
        for key in keys.into_iter().flatten() {
            for (_, phrase, entry) in index.starting_with(key) {
                if phrase.len() > run.len() {
                    continue;
                }
                let grammatical = matches!(index.entries[*entry].1, Meaning::Negation(_));
                let qualities: Vec<u8> =
                    phrase.iter().zip(&run).map(|(p, w)| word_match(&w.folded, p, grammatical)).collect();
                if qualities.iter().all(|q| *q > 0) {
                    consider(&mut best, phrase.len(), *qualities.iter().min().unwrap_or(&0), *entry);
                }
            }
        }
        if best.is_none() {
            // The longest stem, the lexicon's first of that length.
            let stem = index
                .stems
                .iter()
                .filter(|(stem, _)| word.folded.starts_with(stem))
                .max_by_key(|(stem, entry)| (stem.len(), std::cmp::Reverse(*entry)));
            if let Some((_, entry)) = stem {
                consider(&mut best, 1, 1, *entry);
            }
        }
        // A misspelt plural is read as its singular: "camaras", "camérats".
        let singular = word.folded.strip_suffix('s').filter(|w| w.len() >= 6).unwrap_or(&word.folded);
        if best.is_none() && singular.len() >= 6 {
            // A misspelling keeps the word's first two letters and its last one: "camrea"
            // is "camera", but "droite" is not "droits".
            let same_ends = |w: &str| {
                w.as_bytes()[..2] == singular.as_bytes()[..2] && w.as_bytes().last() == singular.as_bytes().last()
            };
            // "camerat", "lecteurr": a name of a thing with one letter typed after it.
            let noun = |entry: usize| {
                matches!(
                    index.entries[entry].1,
                    Meaning::Device(_)
                        | Meaning::SystemName(_)
                        | Meaning::Image
                        | Meaning::Recording
                        | Meaning::Credential
                        | Meaning::Door
                )
            };
            let typed_after =
                |w: &str, entry: usize| noun(entry) && singular.len() == w.len() + 1 && singular.starts_with(w);
            // Only the names of devices are read through a misspelt plural ("camaras"), not
            // every word ("permets" is not "permit").
            let device = |entry: usize| {
                matches!(
                    index.entries[entry].1,
                    Meaning::Device(_) | Meaning::SystemName(_) | Meaning::Image | Meaning::Recording | Meaning::Door
                )
            };
            let plural_ok = |entry: usize| singular.len() == word.folded.len() || device(entry);
            let close = |w: &str, entry: usize| {
                plural_ok(entry) && (same_ends(w) && one_keystroke_apart(singular, w) || typed_after(w, entry))
            };
            // The words with the same first two letters; the first of the lexicon wins.
            let prefix = &singular[..2];
            let from = index.long_words.partition_point(|(w, _)| w.as_str() < prefix);
            let to = from + index.long_words[from..].partition_point(|(w, _)| w.starts_with(prefix));
            if let Some((_, entry)) =
                index.long_words[from..to].iter().filter(|(w, entry)| close(w, *entry)).min_by_key(|(_, entry)| *entry)
            {
                consider(&mut best, 1, 0, *entry);
            }
        }
        let number = word.folded.parse::<u32>().ok();
        match best {
            Some((len, _, entry)) => {
                let last = run[len - 1];
                // "caméras", or "les camera" typed without its s.
                let plural_article = out.iter().rev().find_map(|p| match p {
                    Piece::Item(item) => Some(matches!(
                        item.first.as_str(),
                        "les" | "des" | "ces" | "nos" | "mes" | "vos" | "leurs" | "these" | "those"
                    )),
                    Piece::Break(_) => None,
                });
                let plural = last.folded.len() > 3 && last.folded.ends_with(['s', 'x']) || plural_article == Some(true);
                out.push(Piece::Item(Item {
                    meaning: Some(index.entries[entry].1),
                    first: word.folded.clone(),
                    last: last.folded.clone(),
                    span: Span { start: word.span.start, end: last.span.end },
                    plural,
                    number,
                    elided: false,
                }));
                i += len;
            }
            None => {
                out.push(Piece::Item(Item {
                    meaning: None,
                    first: word.folded.clone(),
                    last: word.folded.clone(),
                    span: word.span,
                    plural: false,
                    number,
                    elided: text[word.span.end..].starts_with(['\'', '’']),
                }));
                i += 1;
            }
        }
    }
    out
}

/// Whether a folded word only joins others ("les", "the", "de").
pub fn is_determiner(word: &str) -> bool {
    DETERMINERS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spelling_is_written_once() {
        let mut keys: Vec<&str> = SPELLINGS.iter().map(|(k, _)| *k).collect();
        keys.sort_unstable();
        let before = keys.len();
        keys.dedup();
        assert_eq!(keys.len(), before, "a spelling is listed twice");
    }

    /// A word read through its plural or feminine must not hesitate between two meanings
    /// ("alarmes": alarm messages, or the plural of "alarme", the system?): the lexicon
    /// then lists the word itself under the meaning it has.
    #[test]
    fn no_inflection_hesitates_between_two_meanings() {
        let entries = lexicon::entries();
        let exact: std::collections::BTreeSet<&str> = entries.iter().map(|(f, _)| f.as_str()).collect();
        let mut readings: std::collections::BTreeMap<String, Vec<Option<Meaning>>> = std::collections::BTreeMap::new();
        for (form, meaning) in &entries {
            let words: Vec<&str> = form.split(' ').collect();
            let (last, rest) = words.split_last().expect("a word");
            if form.ends_with('*') || last.len() < 3 {
                continue;
            }
            for suffix in ["s", "x", "e", "es"] {
                let mut inflected: Vec<String> = rest.iter().map(|w| (*w).to_string()).collect();
                inflected.push(format!("{last}{suffix}"));
                let inflected = inflected.join(" ");
                if !exact.contains(inflected.as_str()) {
                    readings.entry(inflected).or_default().push(*meaning);
                }
            }
        }
        for (word, meanings) in readings {
            let first = meanings[0];
            assert!(meanings.iter().all(|m| *m == first), "{word:?} reads as {meanings:?}: list it under its meaning");
        }
    }

    #[test]
    fn every_form_has_one_meaning() {
        let mut seen = std::collections::BTreeMap::new();
        for (form, meaning) in lexicon::entries() {
            if let Some(first) = seen.insert(form.clone(), meaning) {
                assert_eq!(first, meaning, "{form:?} is written under two meanings");
            }
        }
    }

    #[test]
    fn every_lexicon_line_has_a_known_meaning() {
        let unknown: Vec<String> =
            lexicon::entries().into_iter().filter(|(_, m)| m.is_none()).map(|(f, _)| f).collect();
        assert!(unknown.is_empty(), "forms under an unknown meaning: {unknown:?}");
        assert!(index().entries.len() > 1000);
    }

    #[test]
    fn misspellings_one_keystroke_away() {
        assert!(one_keystroke_apart("camrea", "camera"));
        assert!(one_keystroke_apart("enregistrment", "enregistrement"));
        assert!(one_keystroke_apart("hyperviser", "hyperviseur"));
        assert!(!one_keystroke_apart("hyperviseur", "superviseur"));
        assert!(!one_keystroke_apart("camera", "camera"));
    }

    #[test]
    fn spans_point_at_the_original_text() {
        let text = "Plus aucune CAMÉRA ne s'affiche";
        let found: Vec<&str> = items(text)
            .iter()
            .filter_map(|p| match p {
                Piece::Item(item) if item.meaning.is_some() => Some(&text[item.span.start..item.span.end]),
                _ => None,
            })
            .collect();
        assert_eq!(found, ["Plus aucune", "CAMÉRA", "ne", "s'affiche"]);
    }

    #[test]
    fn abbreviations_with_dots_and_slashes() {
        assert_eq!(fold("cam h.s. et h/s"), "cam hs . et hs");
        assert_eq!(fold("le bât. 2 est noir. La suite"), "le bat 2 est noir . la suite");
    }

    #[test]
    fn numbered_points_and_question_marks_end_sentences() {
        assert_eq!(fold("Deux choses : 1) la mosaïque ; 2) le badge ?"), "deux choses . la mosaique . le badge .");
        assert_eq!(fold("les caméras (zones 4 et 9) et (2)"), "les cameras zones 4 et 9 et 2");
    }
}
