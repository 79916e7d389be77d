//! An extractor made of other extractors: it runs each member on the
//! document and merges their entities into one flat, non-overlapping list, so
//! that everything that scores one extractor scores the combination.
//!
//! **Precedence.** Where entities of different members overlap, the longest
//! span (in characters) wins; between spans of equal length, the member listed
//! first wins (member order is priority); then the earlier span. Entities that
//! overlap nothing are all kept, and a chain of overlaps is resolved greedily
//! in that order: "A overlaps B overlaps C" keeps the best of the three and
//! then whatever of the rest no longer overlaps a kept entity. Each entity
//! keeps its `source`: the name of the member that found it.
//!
//! **Qualifiers.** Before merging, a PER entity that overlaps an ORG or LOC
//! entity of another member, and runs on past its end, is cut to start after
//! it: in "Wali Kota Surabaya Eri Cahyadi" a title rule takes "Surabaya Eri
//! Cahyadi" for the name, while a list knows "Surabaya" is a place, so the
//! result is LOC "Surabaya" and PER "Eri Cahyadi". A name rule can only guess
//! where a qualifier after a title ends; a member that recognised the
//! qualifier as a whole name knows.
//!
//! **Overlapping organisations.** Then an ORG entity that an ORG entity of
//! another member partly overlaps is widened to cover both: a rule's
//! "Fakultas Hukum Universitas" and a list's "Universitas Gadjah Mada" give
//! one ORG "Fakultas Hukum Universitas Gadjah Mada", the longest name.
//!
//! **Names after organisations.** Then an ORG entity that runs on, after a
//! space, into a PER of a member of higher priority ending where it ends is
//! cut before the PER: to end with that member's ORG if one ends there (a
//! rule's "Partai Demokrat Kamala Harris" is the list's party and person),
//! else after the last word before the PER if two words or more are left
//! ("Partai Republik Donald Trump", only the person listed).
//!
//! **Regional offices.** After merging, an ORG entity followed directly (only
//! spaces between) by a LOC entity that opens with a level of regional
//! government (`data/office_levels.txt`: "Provinsi", "Kabupaten", "Kota",
//! "Kecamatan") or is an Indonesian province, regency or city by name (the
//! gazetteer's Kemendagri list and press short forms: "Jawa Barat", "Garut",
//! "DKI Jakarta", "Sumut"), or is the republic itself ("RI"), becomes one
//! ORG with it: "DPRD Kota Surabaya", "KPU Jawa Barat", "BPBD Garut", "Kemlu
//! RI", where the list knows "DPRD" and "Kota Surabaya" apart (see
//! [`RegionalOffices`]). Other countries are left apart: "BPS Indonesia
//! mengalami deflasi" and "Hizbullah Lebanon" are two names. Before the
//! merge, an ORG that ends inside such a region of another member is widened
//! to its end (a rule's "Dinas Kesehatan DKI", cut before a name, and a
//! list's "DKI Jakarta").
//!
//! **Acronyms.** An acronym in parentheses right after an ORG entity
//! (capitals and digits, "Palang Merah Indonesia (PMI)") that no entity
//! covers is that body's short name: ORG. Lists leave out acronyms that
//! stand for several things; after the full name, it is clear which.
//!
//! **Initials.** An ORG or LOC entity of capital letters right after
//! "berinisial" or "inisial" (`data/initials_cues.txt`), or right before an
//! age in parentheses ("Pelaku, AS (32), ..."), is a person's initials that
//! a list took for a name (not the United States), and is dropped (see
//! [`Initials`]).
//!
//! **Legal forms.** An ORG entity right after a company's legal form and a
//! space ("PT", "Perum": `data/legal_forms.txt`) takes the form in: a list
//! knows "Pertamina", the name is "PT Pertamina" (see [`LegalForms`]).
//!
//! **Compass points.** A LOC entity followed by a space and a capitalised
//! point of the compass (`data/compass_points.txt`: "Timur", "Barat Daya")
//! takes it in: a list knows the city "Bekasi", the district is "Bekasi
//! Timur" (see [`CompassPoints`]).
//!
//! **Headline homographs.** A LOC entity in a title-case line (a headline,
//! a "Baca juga" link) whose name is also a common word
//! (`data/headline_homographs.txt`: "Serang", attack; "Palu", hammer), with
//! a capitalised word on either side and no place cue before it
//! (`data/place_cues.txt`: "di", "ke", "Kota"), is that word, and is dropped: "Israel Serang Gaza", "DPR Ketok
//! Palu RUU" (see [`HeadlineHomographs`]). "Banjir di Serang" and "Gempa
//! Guncang Palu" keep their place.
//!
//! Each of these lists can be replaced without recompiling: a directory
//! holding files named as in `data/` ([`DATA_FILES`]) is read by
//! [`Combined::with_data_dir`] (the command line's `--combined-data DIR`).
//!
//! After that, [`AliasPropagation`] spreads PER over stand-alone mentions
//! of the first or last word of the merged multi-word PER names (on by
//! default with the built-in settings, see [`Combined::with_aliases`]). The
//! members are asked for their entities before their own document-level
//! passes ([`Extractor::extract_local`]): a name that loses the merge (the
//! rules' PER "Korea Utara" against the list's LOC) then spreads nothing,
//! where the rules' own propagation would already have made every
//! stand-alone "Utara" a person.
//!
//! ```
//! use nerbench_combined::Combined;
//! use nerbench_core::{Document, Extractor};
//! use nerbench_regex_rules::RegexRules;
//!
//! let rules = RegexRules::builtin().unwrap();
//! let combined = Combined::new(vec![Box::new(rules)]);
//! assert_eq!(combined.name(), "combined");
//! let doc = Document::new("d", "Perdana Menteri Malaysia Anwar Ibrahim menelepon Prabowo. Anwar senang.");
//! let found: Vec<(String, String)> = combined
//!     .extract(&doc)
//!     .into_iter()
//!     .map(|e| (e.text, e.source.to_string()))
//!     .collect();
//! assert_eq!(found[0], ("Anwar Ibrahim".to_string(), "regex".to_string()));
//! assert_eq!(found[1].0, "Anwar");
//! ```

use std::cmp::Reverse;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

use nerbench_core::{select_disjoint, Document, Entity, Extractor, Label, Span};
use nerbench_gazetteer::{parse_list, BUILTIN_LISTS};
pub use nerbench_regex_rules::AliasPropagation;

/// Runs several extractors and merges their output by precedence.
pub struct Combined {
    members: Vec<Box<dyn Extractor>>,
    labels: Vec<Label>,
    offices: Option<RegionalOffices>,
    initials: Option<Initials>,
    legal_forms: Option<LegalForms>,
    compass_points: Option<CompassPoints>,
    homographs: Option<HeadlineHomographs>,
    aliases: Option<AliasPropagation>,
}

/// Drops the ORG and LOC entities that are a person's initials: capital
/// letters right after a cue word ("berinisial AS").
///
/// ```
/// use nerbench_combined::Initials;
/// use nerbench_core::{Entity, Label, Span};
///
/// let text = "Polisi menangkap pria berinisial AS di AS.";
/// let at = |s: usize| Entity::new(text, Span::within(text, s, s + 2).unwrap(), Label::Loc, "t");
/// assert_eq!(Initials::builtin().apply(text, vec![at(33), at(39)]), [at(39)]);
/// ```
#[derive(Clone, Debug)]
pub struct Initials {
    cues: Vec<String>,
}

/// Longest initials, in letters and dots ("A.S.": four).
const MAX_INITIALS: usize = 8;

/// Space within a line, as the rules' `{{S}}` spells it: space, tab,
/// NO-BREAK SPACE.
const LINE_SPACE: [char; 3] = [' ', '\t', '\u{a0}'];

/// True if only line space, at least one, stands in `text` between `end`
/// and `start`: two names side by side ("DPRD" "Kota Surabaya").
fn spaced_apart(text: &str, end: usize, start: usize) -> bool {
    text.get(end..start)
        .is_some_and(|gap| !gap.is_empty() && gap.chars().all(|c| LINE_SPACE.contains(&c)))
}

impl Initials {
    /// Initials after one of `cues` ("berinisial").
    pub fn new(cues: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Initials { cues: owned(cues) }
    }

    /// The cues of `data/initials_cues.txt`.
    pub fn builtin() -> Self {
        Initials::new(data_lines(include_str!("../data/initials_cues.txt")))
    }

    /// Whether `e` is capital letters right after a cue word and a space,
    /// or right before an age in parentheses ("Pelaku, AS (32), ditangkap"):
    /// crime reports name people by initials and age, and no place or body
    /// is given an age.
    fn is_initials(&self, text: &str, e: &Entity) -> bool {
        // Most entities are no initials: the text before is read only for those.
        let letters = e.text.len() <= MAX_INITIALS
            && e.text.chars().all(|c| c.is_ascii_uppercase() || c == '.');
        if !letters {
            return false;
        }
        if before_an_age(&text[e.span.end()..]) {
            return true;
        }
        word_before(
            &text[..e.span.start()],
            &self.cues,
            str::eq_ignore_ascii_case,
        )
        .is_some()
    }

    /// `entities` without the ORG and LOC entities that are initials.
    pub fn apply(&self, text: &str, mut entities: Vec<Entity>) -> Vec<Entity> {
        entities
            .retain(|e| !(matches!(e.label, Label::Org | Label::Loc) && self.is_initials(text, e)));
        entities
    }
}

/// Takes a company's legal form into the ORG entity right after it: "PT"
/// and "Pertamina" give ORG "PT Pertamina".
///
/// ```
/// use nerbench_combined::LegalForms;
/// use nerbench_core::{Entity, Label, Span};
///
/// let text = "Direktur Utama PT Pertamina hadir.";
/// let at = |s: usize, e: usize| Entity::new(text, Span::within(text, s, e).unwrap(), Label::Org, "t");
/// assert_eq!(LegalForms::builtin().apply(text, vec![at(18, 27)]), [at(15, 27)]);
/// ```
#[derive(Clone, Debug)]
pub struct LegalForms {
    forms: Vec<String>,
}

impl LegalForms {
    /// Legal forms as written ("PT").
    pub fn new(forms: impl IntoIterator<Item = impl Into<String>>) -> Self {
        LegalForms {
            forms: owned(forms),
        }
    }

    /// The forms of `data/legal_forms.txt`.
    pub fn builtin() -> Self {
        LegalForms::new(data_lines(include_str!("../data/legal_forms.txt")))
    }

    /// Where the legal form right before `e` starts, if one is there: a
    /// whole word, then space within the line, and no part of `taken`
    /// (the end of the entity before `e`).
    fn form_start(&self, text: &str, e: &Entity, taken: usize) -> Option<usize> {
        if e.label != Label::Org {
            return None;
        }
        word_before(&text[taken..e.span.start()], &self.forms, |a, b| a == b).map(|at| taken + at)
    }

    /// `entities` (sorted, disjoint) with each ORG entity right after a
    /// legal form widened to take it in.
    pub fn apply(&self, text: &str, mut entities: Vec<Entity>) -> Vec<Entity> {
        let mut taken = 0;
        for e in &mut entities {
            if let Some(start) = self.form_start(text, e, taken) {
                if let Ok(span) = Span::within(text, start, e.span.end()) {
                    *e = Entity::new(text, span, Label::Org, e.source);
                }
            }
            taken = e.span.end();
        }
        entities
    }
}

/// Takes a point of the compass written right after a place into its LOC
/// entity: "Bekasi" and "Timur" give LOC "Bekasi Timur".
///
/// ```
/// use nerbench_combined::CompassPoints;
/// use nerbench_core::{Entity, Label, Span};
///
/// let text = "Banjir di Bekasi Timur, utara Bekasi.";
/// let at = |s: usize, e: usize| Entity::new(text, Span::within(text, s, e).unwrap(), Label::Loc, "t");
/// let found = CompassPoints::builtin().apply(text, vec![at(10, 16), at(30, 36)]);
/// assert_eq!(found, [at(10, 22), at(30, 36)]);
/// ```
#[derive(Clone, Debug)]
pub struct CompassPoints {
    /// Longest first, so that "Barat Daya" wins over "Barat".
    points: Vec<String>,
    /// The bytes a point starts with.
    openings: [bool; 256],
}

impl CompassPoints {
    /// Points as written ("Timur").
    pub fn new(points: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let mut points = owned(points);
        points.sort_by_key(|p| Reverse(p.len()));
        let mut openings = [false; 256];
        for p in &points {
            if let Some(&b) = p.as_bytes().first() {
                openings[usize::from(b)] = true;
            }
        }
        CompassPoints { points, openings }
    }

    /// The points of `data/compass_points.txt`.
    pub fn builtin() -> Self {
        CompassPoints::new(data_lines(include_str!("../data/compass_points.txt")))
    }

    /// `entities` (sorted, disjoint) with each LOC entity that a point
    /// follows widened to take it in, unless another entity starts there; a
    /// LOC entity that is the point itself (a list's "Barat", the West) is
    /// taken in.
    pub fn apply(&self, text: &str, entities: Vec<Entity>) -> Vec<Entity> {
        let mut out = Vec::with_capacity(entities.len());
        let mut rest = entities.into_iter().peekable();
        while let Some(mut e) = rest.next() {
            if let Some(end) = self.point_end(text, &e, rest.peek()) {
                if let Ok(span) = Span::within(text, e.span.start(), end) {
                    e = Entity::new(text, span, Label::Loc, e.source);
                    if rest.peek().is_some_and(|next| next.span.end() <= end) {
                        rest.next();
                    }
                }
            }
            out.push(e);
        }
        out
    }

    /// Where the point after the LOC entity `e` ends, if one follows it
    /// before `next` starts or as all of `next`.
    fn point_end(&self, text: &str, e: &Entity, next: Option<&Entity>) -> Option<usize> {
        if e.label != Label::Loc {
            return None;
        }
        // Most places are followed by no point: one lookup tells so, before
        // the next entity is looked at.
        let opening = text[e.span.end()..]
            .trim_start_matches(LINE_SPACE)
            .as_bytes()
            .first();
        if !opening.is_some_and(|&b| self.openings[usize::from(b)]) {
            return None;
        }
        let limit = match next {
            Some(n) if n.label == Label::Loc && self.points.contains(&n.text) => n.span.end(),
            Some(n) => n.span.start(),
            None => text.len(),
        };
        word_after(text.get(e.span.end()..limit)?, &self.points).map(|len| e.span.end() + len)
    }
}

/// How far the first of `words` (as written) that opens `after` reaches,
/// if one does, standing whole after space within the line: " Timur" in
/// " Timur, utara".
fn word_after(after: &str, words: &[String]) -> Option<usize> {
    let word = after.trim_start_matches(LINE_SPACE);
    let space = after.len() - word.len();
    if space == 0 {
        return None;
    }
    words.iter().find_map(|w| {
        let whole = word.starts_with(w.as_str())
            && !word[w.len()..].starts_with(nerbench_regex_rules::is_word_char);
        whole.then_some(space + w.len())
    })
}

/// Where the last word of `before` starts if it is one of `words` (as
/// `same` compares) standing whole, and space within the line follows it:
/// "berinisial" in "pria berinisial ", "PT" in "Direktur PT ".
fn word_before(before: &str, words: &[String], same: impl Fn(&str, &str) -> bool) -> Option<usize> {
    let word = before.trim_end_matches(LINE_SPACE);
    if word.len() == before.len() {
        return None;
    }
    words.iter().find_map(|w| {
        let at = word.len().checked_sub(w.len())?;
        let whole = word.is_char_boundary(at)
            && same(&word[at..], w)
            && !word[..at].ends_with(nerbench_regex_rules::is_word_char);
        whole.then_some(at)
    })
}

/// Whether `after` opens with an age in parentheses, a space before it
/// allowed: "(32)", " (45 tahun)".
fn before_an_age(after: &str) -> bool {
    let Some(inside) = after.trim_start_matches(LINE_SPACE).strip_prefix('(') else {
        return false;
    };
    let digits = inside.len()
        - inside
            .trim_start_matches(|c: char| c.is_ascii_digit())
            .len();
    let rest = inside[digits..].trim_start_matches(LINE_SPACE);
    (1..=3).contains(&digits) && (rest.starts_with(')') || rest.starts_with("tahun)"))
}

/// Drops the LOC entities of title-case lines that are a common word the
/// line capitalises, not the place of that name (see the crate
/// documentation).
///
/// ```
/// use nerbench_combined::HeadlineHomographs;
/// use nerbench_core::{Entity, Label, Span};
///
/// let text = "Israel Serang Gaza Lagi\n\nBanjir di Serang Meluas";
/// let at = |s: usize, e: usize| Entity::new(text, Span::within(text, s, e).unwrap(), Label::Loc, "t");
/// let all = vec![at(0, 6), at(7, 13), at(14, 18), at(35, 41)];
/// let kept = HeadlineHomographs::builtin().apply(text, all);
/// assert_eq!(kept, [at(0, 6), at(14, 18), at(35, 41)]);
/// ```
#[derive(Clone, Debug)]
pub struct HeadlineHomographs {
    names: Vec<String>,
    /// Words after which a name is the place ("ke", "Kota").
    cues: Vec<String>,
}

impl HeadlineHomographs {
    /// Names as the lists write them ("Serang"), and the words after which
    /// one is the place all the same ("ke").
    pub fn new(
        names: impl IntoIterator<Item = impl Into<String>>,
        cues: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        HeadlineHomographs {
            names: owned(names),
            cues: owned(cues),
        }
    }

    /// The names of `data/headline_homographs.txt` and the cues of
    /// `data/place_cues.txt`.
    pub fn builtin() -> Self {
        HeadlineHomographs::new(
            data_lines(include_str!("../data/headline_homographs.txt")),
            data_lines(include_str!("../data/place_cues.txt")),
        )
    }

    /// Whether the LOC entity `e` is the common word: a listed name between
    /// two capitalised words of a title-case line, the one before it no
    /// place cue.
    fn is_word(&self, text: &str, e: &Entity) -> bool {
        if e.label != Label::Loc || !self.names.contains(&e.text) {
            return false;
        }
        let after = &text[e.span.end()..];
        let next = after.trim_start_matches(LINE_SPACE);
        let capital_after = next.len() < after.len() && next.starts_with(char::is_uppercase);
        let before = &text[..e.span.start()];
        let word = before.trim_end_matches(LINE_SPACE);
        let previous = word
            .rsplit(|c: char| LINE_SPACE.contains(&c) || c == '\n')
            .next()
            .filter(|_| word.len() < before.len())
            .unwrap_or_default();
        let capital_before = previous.starts_with(char::is_uppercase)
            && previous.chars().all(char::is_alphanumeric)
            && !self.cues.iter().any(|c| c.eq_ignore_ascii_case(previous));
        capital_after
            && capital_before
            && nerbench_regex_rules::in_title_case_line(text, e.span.start())
    }

    /// `entities` without the LOC entities that are the common word.
    pub fn apply(&self, text: &str, mut entities: Vec<Entity>) -> Vec<Entity> {
        entities.retain(|e| !self.is_word(text, e));
        entities
    }
}

/// Why the combination could not read a data directory
/// ([`Combined::with_data_dir`]).
#[derive(Debug, thiserror::Error)]
pub enum CombinedDataError {
    /// The directory or one of its files could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Files the combination does not know, all of them: a misspelled name
    /// would otherwise leave the built-in list in use without a word.
    #[error("{dir}: unknown data files {files:?} (known: {})", DATA_FILES.join(", "))]
    Unknown { dir: PathBuf, files: Vec<String> },
}

/// A data file, named as in `data/`, and how its lines replace a list.
type DataFile = (&'static str, fn(&mut Combined, Vec<&str>));

const DATA_LOADERS: [DataFile; 6] = [
    ("office_levels.txt", |c, lines| {
        c.offices = Some(RegionalOffices::with_levels(lines))
    }),
    ("initials_cues.txt", |c, lines| {
        c.initials = Some(Initials::new(lines))
    }),
    ("legal_forms.txt", |c, lines| {
        c.legal_forms = Some(LegalForms::new(lines))
    }),
    ("compass_points.txt", |c, lines| {
        c.compass_points = Some(CompassPoints::new(lines))
    }),
    ("headline_homographs.txt", |c, lines| {
        c.homographs
            .get_or_insert_with(HeadlineHomographs::builtin)
            .names = owned(lines)
    }),
    ("place_cues.txt", |c, lines| {
        c.homographs
            .get_or_insert_with(HeadlineHomographs::builtin)
            .cues = owned(lines)
    }),
];

/// The data files a directory given to [`Combined::with_data_dir`] may hold,
/// named as in `data/`.
pub const DATA_FILES: [&str; 6] = [
    DATA_LOADERS[0].0,
    DATA_LOADERS[1].0,
    DATA_LOADERS[2].0,
    DATA_LOADERS[3].0,
    DATA_LOADERS[4].0,
    DATA_LOADERS[5].0,
];

/// The words of a list, owned.
fn owned(words: impl IntoIterator<Item = impl Into<String>>) -> Vec<String> {
    words.into_iter().map(Into::into).collect()
}

/// The lines of a data file that are neither blank nor `#` comments.
fn data_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The gazetteer's lists whose places are Indonesian regions.
const INDONESIAN_REGION_LISTS: [&str; 2] = ["indonesia_regions.tsv", "indonesia_cities.tsv"];

/// Joins an organisation and the region after it into the name of a
/// regional office: "BPBD" and "Kabupaten Bandung" give ORG "BPBD Kabupaten
/// Bandung".
///
/// ```
/// use nerbench_combined::RegionalOffices;
/// use nerbench_core::{Entity, Label, Span};
///
/// let text = "Ketua DPRD Kota Surabaya hadir.";
/// let at = |s: usize, e: usize, label| Entity::new(text, Span::within(text, s, e).unwrap(), label, "t");
/// let found = RegionalOffices::builtin().apply(text, vec![at(6, 10, Label::Org), at(11, 24, Label::Loc)]);
/// assert_eq!(found, [at(6, 24, Label::Org)]);
/// ```
#[derive(Clone, Debug)]
pub struct RegionalOffices {
    levels: Vec<String>,
    regions: HashSet<String>,
}

impl RegionalOffices {
    /// Offices whose regions open with one of `levels` ("Kabupaten") or are
    /// one of `regions` ("Jawa Barat").
    pub fn new(
        levels: impl IntoIterator<Item = impl Into<String>>,
        regions: impl IntoIterator<Item = impl Into<String>>,
    ) -> Self {
        RegionalOffices {
            levels: owned(levels),
            regions: regions.into_iter().map(Into::into).collect(),
        }
    }

    /// The levels of `data/office_levels.txt`, and as regions the places of
    /// the gazetteer's built-in lists of Indonesian regions (Kemendagri) and
    /// of the short names the press uses for them.
    pub fn builtin() -> Self {
        RegionalOffices::with_levels(data_lines(include_str!("../data/office_levels.txt")))
    }

    /// Other levels, with the built-in regions.
    pub fn with_levels(levels: impl IntoIterator<Item = impl Into<String>>) -> Self {
        let regions = BUILTIN_LISTS
            .iter()
            .filter(|(name, _)| INDONESIAN_REGION_LISTS.contains(name))
            .flat_map(|(name, text)| {
                parse_list(name, text).expect("the built-in gazetteer lists parse (tested there)")
            })
            .filter(|entry| entry.label == Some(Label::Loc))
            .map(|entry| entry.surface);
        RegionalOffices::new(levels, regions)
    }

    /// Whether `place` opens with a level and a space ("Kota Surabaya"), is
    /// a level itself ("RI"), or is a region by name ("Jawa Barat").
    fn is_region(&self, place: &Entity) -> bool {
        place.label == Label::Loc && self.is_region_name(&place.text)
    }

    /// [`RegionalOffices::is_region`] for the text of a LOC entity.
    fn is_region_name(&self, name: &str) -> bool {
        self.regions.contains(name)
            || self.levels.iter().any(|level| {
                name.strip_prefix(level.as_str())
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(char::is_whitespace))
            })
    }

    /// Whether `place` directly follows `body` as the region of its office.
    fn joins(&self, text: &str, body: &Entity, place: &Entity) -> bool {
        body.label == Label::Org
            && self.is_region(place)
            && spaced_apart(text, body.span.end(), place.span.start())
    }

    /// Before merging: widens each ORG entity that ends inside a region of
    /// another member to the region's end. A rule that cut "Dinas Kesehatan
    /// DKI Jakarta" short before the name it took for a person ("Jakarta
    /// Name") leaves "Dinas Kesehatan DKI", which overlaps a list's "DKI
    /// Jakarta" and would hide it from the join after merging.
    fn widen_into_regions(&self, text: &str, found: &mut [Vec<Entity>]) {
        // Places first, regions among them only where one is needed: most
        // documents have no ORG ending inside a place.
        let places = spans_by_member(found, |label| *label == Label::Loc);
        for (member, list) in found.iter_mut().enumerate() {
            for org in list.iter_mut().filter(|e| e.label == Label::Org) {
                let (start, end) = (org.span.start(), org.span.end());
                let widened = others(&places, member)
                    .flat_map(|spans| overlapping(spans, start, end))
                    .filter(|r| r.start() > start && r.end() > end)
                    .filter(|r| self.is_region_name(&text[r.range()]))
                    .map(|r| r.end())
                    .max();
                if let Some(to) = widened {
                    if let Ok(span) = Span::within(text, start, to) {
                        *org = Entity::new(text, span, Label::Org, org.source);
                    }
                }
            }
        }
    }

    /// `entities` (sorted, disjoint) with each organisation and the region
    /// directly after it joined into one ORG, which keeps the organisation's
    /// source.
    pub fn apply(&self, text: &str, entities: Vec<Entity>) -> Vec<Entity> {
        // Most documents have no regional office: then nothing moves.
        if !entities.windows(2).any(|w| self.joins(text, &w[0], &w[1])) {
            return entities;
        }
        let mut out: Vec<Entity> = Vec::with_capacity(entities.len());
        for e in entities {
            if let Some(body) = out.last_mut().filter(|body| self.joins(text, body, &e)) {
                let span = Span::within(text, body.span.start(), e.span.end())
                    .expect("two entities' outer ends lie on char boundaries");
                *body = Entity::new(text, span, Label::Org, body.source);
            } else {
                out.push(e);
            }
        }
        out
    }
}

impl Combined {
    /// The name the combination reports.
    pub const NAME: &'static str = "combined";

    /// A combination of `members`, the first having the highest priority,
    /// with the built-in alias propagation.
    pub fn new(members: Vec<Box<dyn Extractor>>) -> Combined {
        let mut labels: Vec<Label> = Vec::new();
        for label in members.iter().flat_map(|m| m.labels()) {
            if !labels.contains(label) {
                labels.push(label.clone());
            }
        }
        labels.sort();
        Combined {
            members,
            labels,
            offices: Some(RegionalOffices::builtin()),
            initials: Some(Initials::builtin()),
            legal_forms: Some(LegalForms::builtin()),
            compass_points: Some(CompassPoints::builtin()),
            homographs: Some(HeadlineHomographs::builtin()),
            aliases: Some(AliasPropagation::builtin()),
        }
    }

    /// The same combination with other legal forms, or taking none into
    /// the names after them (`None`).
    pub fn with_legal_forms(mut self, legal_forms: Option<LegalForms>) -> Combined {
        self.legal_forms = legal_forms;
        self
    }

    /// The same combination with other points of the compass, or taking
    /// none into the places before them (`None`).
    pub fn with_compass_points(mut self, points: Option<CompassPoints>) -> Combined {
        self.compass_points = points;
        self
    }

    /// The same combination with other headline homographs, or keeping
    /// every place (`None`).
    pub fn with_headline_homographs(mut self, homographs: Option<HeadlineHomographs>) -> Combined {
        self.homographs = homographs;
        self
    }

    /// The same combination with other cues for initials, or keeping
    /// every entity (`None`).
    pub fn with_initials(mut self, initials: Option<Initials>) -> Combined {
        self.initials = initials;
        self
    }

    /// The same combination with other regional-office levels, or without
    /// joining offices at all (`None`).
    pub fn with_offices(mut self, offices: Option<RegionalOffices>) -> Combined {
        self.offices = offices;
        self
    }

    /// The same combination with other alias settings, or with no alias
    /// propagation at all (`None`).
    pub fn with_aliases(mut self, aliases: Option<AliasPropagation>) -> Combined {
        self.aliases = aliases;
        self
    }

    /// The same combination with the lists of `dir` in place of the
    /// built-in ones: each of [`DATA_FILES`] that `dir` holds (one entry a
    /// line, `#` comments) replaces that list; the others stay built in.
    pub fn with_data_dir(mut self, dir: &Path) -> Result<Combined, CombinedDataError> {
        let failed = |path: &Path| {
            let path = path.to_path_buf();
            move |source| CombinedDataError::Read { path, source }
        };
        let mut unknown = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(failed(dir))? {
            let name = entry.map_err(failed(dir))?.file_name();
            let name = name.to_string_lossy();
            if name.ends_with(".txt") && !DATA_FILES.contains(&&*name) {
                unknown.push(name.into_owned());
            }
        }
        if !unknown.is_empty() {
            unknown.sort();
            return Err(CombinedDataError::Unknown {
                dir: dir.to_path_buf(),
                files: unknown,
            });
        }
        for (name, load) in DATA_LOADERS {
            let path = dir.join(name);
            if !path.exists() {
                continue;
            }
            let text = std::fs::read_to_string(&path).map_err(failed(&path))?;
            load(&mut self, data_lines(&text).collect());
        }
        Ok(self)
    }

    /// The members' names, in priority order.
    pub fn member_names(&self) -> Vec<&str> {
        self.members.iter().map(|m| m.name()).collect()
    }
}

impl Extractor for Combined {
    fn name(&self) -> &str {
        Combined::NAME
    }

    /// The union of the members' labels, in the standard order.
    fn labels(&self) -> &[Label] {
        &self.labels
    }

    fn extract(&self, doc: &Document) -> Vec<Entity> {
        let mut merged = self.extract_local(doc);
        if let Some(offices) = &self.offices {
            merged = offices.apply(&doc.text, merged);
        }
        merged = acronyms_after_orgs(&doc.text, merged);
        if let Some(initials) = &self.initials {
            merged = initials.apply(&doc.text, merged);
        }
        if let Some(forms) = &self.legal_forms {
            merged = forms.apply(&doc.text, merged);
        }
        if let Some(points) = &self.compass_points {
            merged = points.apply(&doc.text, merged);
        }
        if let Some(homographs) = &self.homographs {
            merged = homographs.apply(&doc.text, merged);
        }
        match &self.aliases {
            Some(aliases) => aliases.apply(&doc.text, merged),
            None => merged,
        }
    }

    /// The members' local entities, merged.
    fn extract_local(&self, doc: &Document) -> Vec<Entity> {
        let mut found: Vec<Vec<Entity>> =
            self.members.iter().map(|m| m.extract_local(doc)).collect();
        cut_after_qualifiers(&doc.text, &mut found);
        join_overlapping_orgs(&doc.text, &mut found);
        cut_before_names(&doc.text, &mut found);
        if let Some(offices) = &self.offices {
            offices.widen_into_regions(&doc.text, &mut found);
        }
        merge(found)
    }
}

/// `entities` (sorted, disjoint) and an ORG for each acronym in
/// parentheses right after an ORG entity that no entity covers (see the
/// crate documentation), with the source of the ORG before it.
fn acronyms_after_orgs(text: &str, entities: Vec<Entity>) -> Vec<Entity> {
    let mut out = Vec::with_capacity(entities.len());
    let mut rest = entities.into_iter().peekable();
    while let Some(e) = rest.next() {
        let acronym = (e.label == Label::Org)
            .then(|| acronym_after(text, e.span.end()))
            .flatten()
            .filter(|&(_, end)| rest.peek().is_none_or(|next| next.span.start() > end));
        let source = e.source;
        out.push(e);
        if let Some(span) = acronym.and_then(|(start, end)| Span::within(text, start, end).ok()) {
            out.push(Entity::new(text, span, Label::Org, source));
        }
    }
    out
}

/// Longest acronym taken after an organisation, in bytes.
const MAX_ACRONYM: usize = 12;

/// Where the acronym in parentheses that opens `text[end..]` (after space
/// within the line, if any) starts and ends: 2 to 12 ASCII capitals, digits
/// and hyphens, a capital first.
fn acronym_after(text: &str, end: usize) -> Option<(usize, usize)> {
    let after = &text[end..];
    let inner = after.trim_start_matches(LINE_SPACE).strip_prefix('(')?;
    // The closing parenthesis within an acronym's length, not anywhere on.
    let close = inner
        .bytes()
        .take(MAX_ACRONYM + 1)
        .position(|b| b == b')')?;
    let acronym = &inner[..close];
    let is_acronym = (2..=MAX_ACRONYM).contains(&acronym.len())
        && acronym.starts_with(|c: char| c.is_ascii_uppercase())
        && acronym
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-');
    let start = end + after.len() - inner.len();
    is_acronym.then_some((start, start + acronym.len()))
}

/// The members' lists (`found[i]` from the member of priority `i`) as one
/// flat list in start order, by the precedence of the crate documentation.
///
/// Precedence only decides between entities that overlap, so the lists are
/// walked together in start order and cut into clusters: runs of entities
/// each of which starts before the run so far ends. Nothing in one cluster
/// overlaps anything in another, so resolving each cluster on its own gives
/// what ranking and selecting the whole document at once would; and most
/// clusters are a single entity, which needs no ranking at all.
fn merge(mut found: Vec<Vec<Entity>>) -> Vec<Entity> {
    for list in &mut found {
        list.sort_by_key(|e| e.span.start());
    }
    let mut output = Vec::with_capacity(found.iter().map(Vec::len).sum());
    // Looked at through `as_slice`, which moves nothing, unlike `peekable`.
    let mut lists: Vec<_> = found.into_iter().map(Vec::into_iter).collect();
    // The open cluster is the tail of `output` from `cluster_start` (each
    // entity is moved once, and only a cluster of two or more is moved
    // again), with the priority of each of its entities.
    let (mut cluster_start, mut cluster_end) = (0, 0);
    let mut priorities = Vec::new();
    loop {
        // The next entity in start order; between equal starts, the member
        // of higher priority (any order would do: the cluster is ranked).
        let next = lists
            .iter_mut()
            .enumerate()
            .filter_map(|(priority, list)| Some((list.as_slice().first()?.span.start(), priority)))
            .min();
        if next.is_none_or(|(start, _)| start >= cluster_end) {
            if priorities.len() > 1 {
                resolve(&mut output, cluster_start, &priorities);
            }
            cluster_start = output.len();
            priorities.clear();
        }
        let Some((_, priority)) = next else { break };
        let entity = lists[priority].next().expect("looked at");
        cluster_end = cluster_end.max(entity.span.end());
        output.push(entity);
        priorities.push(priority);
    }
    output
}

/// Replaces the cluster `output[start..]` (overlapping entities, each from
/// the member of the priority at the same place in `priorities`) with what
/// precedence keeps of it: longest span in characters first, then member
/// priority, then the earlier span.
fn resolve(output: &mut Vec<Entity>, start: usize, priorities: &[usize]) {
    let key = |e: &Entity, priority: usize| (Reverse(e.text.chars().count()), priority, e.span);
    // Most clusters are a pair, which overlaps (the second starts before the
    // first ends): the better of the two stays, the first on a tie.
    if let ([first, second], &[p, q]) = (&output[start..], priorities) {
        let loser = if key(second, q) < key(first, p) { 0 } else { 1 };
        output.remove(start + loser);
        return;
    }
    // Spans within the cluster (which starts where its first entity does),
    // so the selection's bit set covers the cluster only, wherever in the
    // document it is.
    let base = output[start].span.start();
    let mut ranked: Vec<_> = output
        .drain(start..)
        .zip(priorities)
        .map(|(e, &priority)| (key(&e, priority), e))
        .collect();
    // Stable: entities equal in every key keep their order.
    ranked.sort_by_key(|&(key, _)| key);
    let within = |e: &Entity| {
        Span::new(e.span.start() - base, e.span.end() - base).expect("a valid span shifted")
    };
    output.extend(
        select_disjoint(ranked, |(_, e)| within(e))
            .into_iter()
            .map(|(_, e)| e),
    );
}

/// Cuts each PER entity that overlaps an ORG or LOC entity of another member
/// and runs on past its end, so that it starts at the next word after that
/// entity (see the crate documentation).
fn cut_after_qualifiers(text: &str, found: &mut [Vec<Entity>]) {
    let qualifiers = spans_by_member(found, |label| matches!(label, Label::Org | Label::Loc));
    for (member, list) in found.iter_mut().enumerate() {
        for name in list.iter_mut().filter(|e| e.label == Label::Per) {
            let (start, end) = (name.span.start(), name.span.end());
            let qualifier_end = others(&qualifiers, member)
                .filter_map(|spans| {
                    overlapping(spans, start, end)
                        .find(|q| q.end() < end)
                        .map(|q| q.end())
                })
                .max();
            let Some(cut) = qualifier_end else { continue };
            let rest = &text[cut..end];
            let skipped = rest.len()
                - rest
                    .trim_start_matches(|c: char| !c.is_alphanumeric())
                    .len();
            if let Ok(span) = Span::within(text, cut + skipped, end) {
                *name = Entity::new(text, span, Label::Per, name.source);
            }
        }
    }
}

/// Widens each ORG entity that an ORG entity of another member partly
/// overlaps (neither holds the other) to cover both: a rule's "Fakultas
/// Hukum Universitas", cut short where it misread the rest as a person's
/// name, and a list's "Universitas Gadjah Mada" give "Fakultas Hukum
/// Universitas Gadjah Mada", as the guidelines keep the longest name. Run
/// after [`cut_after_qualifiers`], which has by then moved that person's
/// name out of the way.
fn join_overlapping_orgs(text: &str, found: &mut [Vec<Entity>]) {
    let orgs = spans_by_member(found, |label| *label == Label::Org);
    for (member, list) in found.iter_mut().enumerate() {
        for org in list.iter_mut().filter(|e| e.label == Label::Org) {
            let (start, end) = (org.span.start(), org.span.end());
            let (mut from, mut to) = (start, end);
            for q in others(&orgs, member).flat_map(|spans| overlapping(spans, start, end)) {
                let partly =
                    (q.start() < start && q.end() < end) || (q.start() > start && q.end() > end);
                if partly {
                    from = from.min(q.start());
                    to = to.max(q.end());
                }
            }
            if (from, to) != (start, end) {
                if let Ok(span) = Span::within(text, from, to) {
                    *org = Entity::new(text, span, Label::Org, org.source);
                }
            }
        }
    }
}

/// Cuts each ORG entity that runs on into a PER of a member of higher
/// priority, ending with that PER, to end before it: a rule that reads
/// capitalised words after "Partai" takes "Partai Demokrat Kamala Harris"
/// for one name, where a list knows the party and the person apart. The ORG
/// ends with an ORG of such a member if one ends there, only line space
/// before the PER; otherwise with the last word before the PER, if two
/// words or more are left ("Partai Republik Donald Trump", where only the
/// person is listed). An ORG that merely ends with a place ("Kementerian
/// Luar Negeri Rusia") is left whole, as the guidelines keep the longest
/// name, and so is one that a member of lower priority splits (a list's
/// "Institut Teknologi Bandung", where a rule guessed a person "Bandung").
fn cut_before_names(text: &str, found: &mut [Vec<Entity>]) {
    let orgs = spans_by_member(found, |label| *label == Label::Org);
    let names = spans_by_member(found, |label| *label == Label::Per);
    for (member, list) in found.iter_mut().enumerate() {
        for org in list.iter_mut().filter(|e| e.label == Label::Org) {
            let (start, end) = (org.span.start(), org.span.end());
            let Some(name) = names[..member]
                .iter()
                .flat_map(|spans| overlapping(spans, start, end))
                .find(|p| p.end() == end && p.start() > start)
            else {
                continue;
            };
            let inner = orgs[..member]
                .iter()
                .flat_map(|spans| overlapping(spans, start, name.start()))
                .filter(|o| o.start() >= start && spaced_apart(text, o.end(), name.start()))
                .map(|o| o.end())
                .next();
            let words_before = || {
                let kept = text[start..name.start()].trim_end_matches(LINE_SPACE);
                let cut = start + kept.len();
                (kept.split(LINE_SPACE).filter(|w| !w.is_empty()).count() >= 2
                    && spaced_apart(text, cut, name.start()))
                .then_some(cut)
            };
            if let Some(cut) = inner.or_else(words_before) {
                if let Ok(span) = Span::within(text, start, cut) {
                    *org = Entity::new(text, span, Label::Org, org.source);
                }
            }
        }
    }
}

/// For each member, the spans of its entities whose label `wanted` accepts
/// (sorted and disjoint, as each member's entities are).
fn spans_by_member(found: &[Vec<Entity>], wanted: impl Fn(&Label) -> bool) -> Vec<Vec<Span>> {
    found
        .iter()
        .map(|list| {
            list.iter()
                .filter(|e| wanted(&e.label))
                .map(|e| e.span)
                .collect()
        })
        .collect()
}

/// The span lists of every member but `member`.
fn others(spans: &[Vec<Span>], member: usize) -> impl Iterator<Item = &[Span]> {
    spans
        .iter()
        .enumerate()
        .filter(move |&(other, _)| other != member)
        .map(|(_, list)| list.as_slice())
}

/// The spans of `spans` (sorted, disjoint) that overlap `start..end`, last
/// first: going back from the last span that starts before `end`, ends only
/// decrease.
fn overlapping(spans: &[Span], start: usize, end: usize) -> impl Iterator<Item = &Span> {
    let inside = spans.partition_point(|q| q.start() < end);
    spans[..inside]
        .iter()
        .rev()
        .take_while(move |q| q.end() > start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use nerbench_core::Span;

    /// A member that returns fixed entities, found by their text.
    struct Fixed {
        name: &'static str,
        labels: Vec<Label>,
        found: Vec<(&'static str, Label)>,
    }

    impl Fixed {
        fn boxed(name: &'static str, found: Vec<(&'static str, Label)>) -> Box<dyn Extractor> {
            let mut labels: Vec<Label> = found.iter().map(|(_, l)| l.clone()).collect();
            labels.dedup();
            Box::new(Fixed {
                name,
                labels,
                found,
            })
        }
    }

    impl Extractor for Fixed {
        fn name(&self) -> &str {
            self.name
        }
        fn labels(&self) -> &[Label] {
            &self.labels
        }
        fn extract(&self, doc: &Document) -> Vec<Entity> {
            self.found
                .iter()
                .map(|(text, label)| {
                    let start = doc.text.find(text).expect("test text present");
                    let span = Span::within(&doc.text, start, start + text.len()).unwrap();
                    Entity::new(&doc.text, span, label.clone(), self.name)
                })
                .collect()
        }
    }

    /// The precedence as the crate documentation states it, over the whole
    /// document at once: every entity ranked, then the disjoint ones kept.
    fn ranked_all_at_once(found: Vec<Vec<Entity>>) -> Vec<Entity> {
        let mut ranked: Vec<_> = found
            .into_iter()
            .enumerate()
            .flat_map(|(priority, list)| {
                list.into_iter().enumerate().map(move |(place, e)| {
                    let key = (Reverse(e.text.chars().count()), priority, e.span, place);
                    (key, e)
                })
            })
            .collect();
        ranked.sort_by_key(|&(key, _)| key);
        select_disjoint(ranked, |(_, e)| e.span)
            .into_iter()
            .map(|(_, e)| e)
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn merging_by_clusters_agrees_with_ranking_everything(
            wide in proptest::collection::vec(proptest::bool::ANY, 48),
            lists in proptest::collection::vec(
                proptest::collection::vec((0usize..47, 1usize..9, 0usize..3), 0..10),
                1..4,
            ),
        ) {
            // Two-byte letters among one-byte ones: lengths in characters
            // and in bytes disagree, as precedence must not confuse them.
            let text: String = wide.iter().map(|&w| if w { 'é' } else { 'a' }).collect();
            let at: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
            let labels = [Label::Per, Label::Org, Label::Loc];
            let found: Vec<Vec<Entity>> = lists
                .iter()
                .enumerate()
                .map(|(member, list)| {
                    list.iter()
                        .map(|&(start, len, label)| {
                            let end = (start + len).min(48);
                            let span = Span::within(&text, at[start], at[end]).unwrap();
                            Entity::new(&text, span, labels[label].clone(), format!("m{member}"))
                        })
                        .collect()
                })
                .collect();
            proptest::prop_assert_eq!(merge(found.clone()), ranked_all_at_once(found));
        }
    }

    const TEXT: &str = "Dewan Perwakilan Rakyat bertemu di Papua Barat dan Bandung.";

    fn run(members: Vec<Box<dyn Extractor>>) -> Vec<(String, Label, String)> {
        run_on(&Combined::new(members).with_aliases(None), TEXT)
    }

    /// What `combined` finds in `text`, as rows; checks that it is flat and
    /// sorted.
    fn run_on(combined: &Combined, text: &str) -> Vec<(String, Label, String)> {
        let found = combined.extract(&Document::new("t", text));
        assert!(nerbench_core::overlaps(&found).is_empty(), "output is flat");
        let mut sorted = found.clone();
        nerbench_core::sort_entities(&mut sorted);
        assert_eq!(found, sorted, "output is sorted");
        found
            .into_iter()
            .map(|e| (e.text, e.label, e.source.to_string()))
            .collect()
    }

    fn row(text: &str, label: Label, source: &str) -> (String, Label, String) {
        (text.to_string(), label, source.to_string())
    }

    /// Entities over `names` found in `text` in turn, each after the last.
    fn found_in(text: &str, names: &[(&str, Label)]) -> Vec<Entity> {
        names
            .iter()
            .scan(0, |from, (name, label)| {
                let start = *from + text[*from..].find(name).unwrap();
                *from = start + name.len();
                let span = Span::within(text, start, *from).unwrap();
                Some(Entity::new(text, span, label.clone(), "m"))
            })
            .collect()
    }

    /// The texts of `entities`.
    fn texts(entities: Vec<Entity>) -> Vec<String> {
        entities.into_iter().map(|e| e.text).collect()
    }

    #[test]
    fn an_organisation_and_the_region_after_it_are_one_office() {
        let text = "DPRD Kota Surabaya, KPU\u{a0}Provinsi Jawa Barat, PBB, Kota Bogor, \
                    Kota Depok KPU, UNESCO Kotor, Kejati Sumut, DPRD DKI Jakarta, \
                    Kemlu Rusia, BPBD Garut, Kemenkes RI.";
        // The entity `s` found after byte `from`.
        let at = |s: &str, from: usize, label: Label| {
            let start = from + text[from..].find(s).unwrap();
            Entity::new(
                text,
                Span::within(text, start, start + s.len()).unwrap(),
                label,
                "m",
            )
        };
        let entities = vec![
            at("DPRD", 0, Label::Org),
            at("Kota Surabaya", 0, Label::Loc),
            at("KPU", 0, Label::Org),
            at("Provinsi Jawa Barat", 0, Label::Loc),
            at("PBB", 0, Label::Org),
            at("Kota Bogor", 0, Label::Loc),
            at("Kota Depok", 0, Label::Loc),
            at("KPU", 30, Label::Org),
            at("UNESCO", 0, Label::Org),
            at("Kotor", 0, Label::Loc),
            at("Kejati", 0, Label::Org),
            at("Sumut", 0, Label::Loc),
            at("DPRD", 100, Label::Org),
            at("DKI Jakarta", 0, Label::Loc),
            at("Kemlu", 0, Label::Org),
            at("Rusia", 0, Label::Loc),
            at("BPBD", 0, Label::Org),
            at("Garut", 0, Label::Loc),
            at("Kemenkes", 0, Label::Org),
            at("RI", 0, Label::Loc),
        ];
        let found = RegionalOffices::builtin().apply(text, entities);
        let texts: Vec<(&str, &Label)> =
            found.iter().map(|e| (e.text.as_str(), &e.label)).collect();
        assert_eq!(
            texts,
            [
                // Only spaces (NO-BREAK SPACE too) between body and region.
                ("DPRD Kota Surabaya", &Label::Org),
                ("KPU\u{a0}Provinsi Jawa Barat", &Label::Org),
                // A comma between: two names.
                ("PBB", &Label::Org),
                ("Kota Bogor", &Label::Loc),
                // A region before an organisation, and a place that only
                // starts like a level ("Kotor", in Montenegro), are left alone.
                ("Kota Depok", &Label::Loc),
                ("KPU", &Label::Org),
                ("UNESCO", &Label::Org),
                ("Kotor", &Label::Loc),
                // A province by name, its short form too.
                ("Kejati Sumut", &Label::Org),
                ("DPRD DKI Jakarta", &Label::Org),
                // A country is no region of an office.
                ("Kemlu", &Label::Org),
                ("Rusia", &Label::Loc),
                // A regency by its bare name.
                ("BPBD Garut", &Label::Org),
                // The republic itself, a level that is the whole place.
                ("Kemenkes RI", &Label::Org),
            ]
        );
        assert!(found.iter().all(|e| &*e.source == "m"));
        // Without offices, the combination leaves the two apart.
        let members = vec![Fixed::boxed(
            "m",
            vec![("DPRD", Label::Org), ("Kota Surabaya", Label::Loc)],
        )];
        let doc = Document::new("d", "DPRD Kota Surabaya");
        let apart = Combined::new(members).with_offices(None).extract(&doc);
        assert_eq!(apart.len(), 2);
    }

    #[test]
    fn initials_after_a_cue_word_are_no_place() {
        let text = "Pria berinisial AS dan wanita dengan inisial\u{a0}RI ditangkap; \
                    Xberinisial AS, berinisial Jakarta, berinisial AS.";
        let all = |label: Label| -> Vec<Entity> {
            found_in(
                text,
                &["AS", "RI", "AS", "Jakarta", "AS"].map(|n| (n, label.clone())),
            )
        };
        let kept: Vec<usize> = Initials::builtin()
            .apply(text, all(Label::Loc))
            .iter()
            .map(|e| e.span.start())
            .collect();
        // Initials after a whole cue word go (NO-BREAK SPACE counts as a
        // space), the last one too; after "Xberinisial", which is no cue,
        // and a name that is no initials ("Jakarta") stay.
        let starts: Vec<usize> = all(Label::Loc).iter().map(|e| e.span.start()).collect();
        assert_eq!(kept, [starts[2], starts[3]]);
        // A person's initials found as PER stay.
        assert_eq!(Initials::builtin().apply(text, all(Label::Per)).len(), 5);
    }

    #[test]
    fn a_point_of_the_compass_after_a_place_is_taken_in() {
        let text = "Bekasi Timur, Sumba Barat Daya, Bogor Baratnya, Garut\nUtara, \
                    Depok utara, Bandung\u{a0}Barat, KPK Timur, Medan Timur Raya, \
                    Jepara Utara.";
        let entities = found_in(
            text,
            &[
                ("Bekasi", Label::Loc),
                ("Sumba", Label::Loc),
                ("Bogor", Label::Loc),
                ("Garut", Label::Loc),
                ("Depok", Label::Loc),
                ("Bandung", Label::Loc),
                ("KPK", Label::Org),
                ("Medan", Label::Loc),
                ("Timur", Label::Per),
                ("Jepara", Label::Loc),
                ("Utara", Label::Loc),
            ],
        );
        let found = texts(CompassPoints::builtin().apply(text, entities));
        // The longest point wins ("Barat Daya"); a word that only begins
        // with a point, a point on the next line or in lowercase, one after
        // an organisation, and one that another entity holds stay out,
        // unless that entity is a place that is the point itself (a list's
        // "Utara").
        assert_eq!(
            found,
            [
                "Bekasi Timur",
                "Sumba Barat Daya",
                "Bogor",
                "Garut",
                "Depok",
                "Bandung\u{a0}Barat",
                "KPK",
                "Medan",
                "Timur",
                "Jepara Utara"
            ]
        );
    }

    #[test]
    fn a_legal_form_right_before_an_organisation_is_taken_in() {
        let text =
            "PT Pertamina, APT Bulog, PT\u{a0}Timah, PTAntam, PT Jakarta, CV Maju, PT  Inti.";
        let entities = found_in(
            text,
            &[
                ("Pertamina", Label::Org),
                ("Bulog", Label::Org),
                ("Timah", Label::Org),
                ("Antam", Label::Org),
                ("Jakarta", Label::Loc),
                ("CV", Label::Per),
                ("Maju", Label::Org),
                ("Inti", Label::Org),
            ],
        );
        let found = texts(LegalForms::builtin().apply(text, entities));
        // A form inside a word ("APT"), glued to the name ("PTAntam"), before
        // a place, or already part of another entity ("CV") stays out.
        assert_eq!(
            found,
            [
                "PT Pertamina",
                "Bulog",
                "PT\u{a0}Timah",
                "Antam",
                "Jakarta",
                "CV",
                "Maju",
                "PT  Inti"
            ]
        );
    }

    #[test]
    fn an_acronym_after_an_organisation_is_its_short_name() {
        let text = "Palang Merah Indonesia (PMI) dan Badan Pusat Statistik (BPS) \
                    serta Bank Indonesia\u{a0}(BI) tiba; Bulog (Persero) dan PBB (AS) tidak.";
        let fixed = Fixed::boxed(
            "list",
            vec![
                ("Palang Merah Indonesia", Label::Org),
                ("Badan Pusat Statistik", Label::Org),
                ("BPS", Label::Org),
                ("Bank Indonesia", Label::Org),
                ("Bulog", Label::Org),
                ("PBB", Label::Org),
                ("AS", Label::Loc),
            ],
        );
        let found = run_on(&Combined::new(vec![fixed]).with_aliases(None), text);
        let short: Vec<_> = found
            .iter()
            .filter(|(_, label, _)| *label == Label::Org)
            .map(|(name, _, source)| (name.as_str(), source.as_str()))
            .collect();
        assert_eq!(
            short,
            [
                ("Palang Merah Indonesia", "list"),
                ("PMI", "list"),
                ("Badan Pusat Statistik", "list"),
                ("BPS", "list"),
                ("Bank Indonesia", "list"),
                ("BI", "list"),
                ("Bulog", "list"),
                ("PBB", "list"),
            ]
        );
    }

    #[test]
    fn initials_before_an_age_are_no_place() {
        let text =
            "Pelaku, AS (32), dan RI\u{a0}(45 tahun) ditangkap; AS (2024), PBB (UN) dan AS (1234).";
        let names = ["AS", "RI", "AS", "PBB", "AS"].map(|name| (name, Label::Loc));
        let kept = texts(Initials::builtin().apply(text, found_in(text, &names)));
        // A year or a long number in parentheses is no age, an acronym's
        // expansion neither.
        assert_eq!(kept, ["AS", "PBB", "AS"]);
    }

    #[test]
    fn longest_span_wins_whatever_the_priority() {
        let found = run(vec![
            Fixed::boxed("first", vec![("Rakyat", Label::Org), ("Papua", Label::Loc)]),
            Fixed::boxed(
                "second",
                vec![
                    ("Dewan Perwakilan Rakyat", Label::Org),
                    ("Papua Barat", Label::Loc),
                ],
            ),
        ]);
        assert_eq!(
            found,
            [
                row("Dewan Perwakilan Rakyat", Label::Org, "second"),
                row("Papua Barat", Label::Loc, "second"),
            ]
        );
    }

    #[test]
    fn equal_lengths_go_to_the_earlier_member_and_disjoint_spans_stay() {
        let found = run(vec![
            Fixed::boxed("first", vec![("Papua Barat", Label::Loc)]),
            Fixed::boxed(
                "second",
                vec![("Papua Barat", Label::Org), ("Bandung", Label::Loc)],
            ),
        ]);
        assert_eq!(
            found,
            [
                row("Papua Barat", Label::Loc, "first"),
                row("Bandung", Label::Loc, "second"),
            ]
        );
    }

    #[test]
    fn chains_of_overlaps_resolve_greedily() {
        // "Rakyat bertemu di" (17) overlaps both "Dewan Perwakilan Rakyat"
        // (23) and "di Papua Barat" (14); the longest is kept, then "di Papua
        // Barat", which no longer overlaps anything kept; the middle one goes.
        let found = run(vec![
            // LOC, not ORG: two partly overlapping ORGs would be joined.
            Fixed::boxed("a", vec![("Rakyat bertemu di", Label::Loc)]),
            Fixed::boxed("b", vec![("Dewan Perwakilan Rakyat", Label::Org)]),
            Fixed::boxed("c", vec![("di Papua Barat", Label::Loc)]),
        ]);
        assert_eq!(
            found,
            [
                row("Dewan Perwakilan Rakyat", Label::Org, "b"),
                row("di Papua Barat", Label::Loc, "c"),
            ]
        );
    }

    #[test]
    fn partly_overlapping_organisations_of_two_members_are_joined() {
        let text =
            "Dekan Fakultas Hukum Universitas Gadjah Mada Andi Saputra hadir di Bank Indonesia.";
        let combined = Combined::new(vec![
            Fixed::boxed(
                "r",
                vec![
                    ("Fakultas Hukum Universitas", Label::Org),
                    ("Gadjah Mada Andi Saputra", Label::Per),
                    ("Bank Indonesia", Label::Org),
                ],
            ),
            Fixed::boxed(
                "g",
                vec![
                    ("Universitas Gadjah Mada", Label::Org),
                    // Held inside another member's ORG: not joined, and the
                    // longer one wins the merge as before.
                    ("Indonesia", Label::Org),
                ],
            ),
        ]);
        let found = run_on(&combined, text);
        assert_eq!(
            found,
            [
                row("Fakultas Hukum Universitas Gadjah Mada", Label::Org, "r"),
                row("Andi Saputra", Label::Per, "r"),
                row("Bank Indonesia", Label::Org, "r"),
            ]
        );
    }

    #[test]
    fn labels_are_the_union_and_sources_are_kept() {
        let combined = Combined::new(vec![
            Fixed::boxed("g", vec![("Bandung", Label::Loc)]),
            Fixed::boxed("r", vec![("Rakyat", Label::Org), ("Dewan", Label::Per)]),
        ]);
        assert_eq!(combined.labels(), [Label::Per, Label::Org, Label::Loc]);
        assert_eq!(combined.member_names(), ["g", "r"]);
        let sources: Vec<String> = combined
            .extract(&Document::new("t", TEXT))
            .iter()
            .map(|e| format!("{}:{}", e.text, e.source))
            .collect();
        assert_eq!(sources, ["Dewan:r", "Rakyat:r", "Bandung:g"]);
    }

    #[test]
    fn names_start_after_a_qualifier_another_member_knows() {
        let text =
            "Wali Kota Surabaya Eri Cahyadi dan Ketua Umum Partai Golkar Bahlil Lahadalia hadir.";
        let combined = Combined::new(vec![
            Fixed::boxed(
                "list",
                vec![("Surabaya", Label::Loc), ("Partai Golkar", Label::Org)],
            ),
            Fixed::boxed(
                "rules",
                vec![
                    ("Surabaya Eri Cahyadi", Label::Per),
                    ("Golkar Bahlil Lahadalia", Label::Per),
                ],
            ),
        ])
        .with_aliases(None);
        let found = run_on(&combined, text);
        assert_eq!(
            found,
            [
                row("Surabaya", Label::Loc, "list"),
                row("Eri Cahyadi", Label::Per, "rules"),
                row("Partai Golkar", Label::Org, "list"),
                row("Bahlil Lahadalia", Label::Per, "rules"),
            ]
        );
        // A qualifier from the same member, or a PER one, cuts nothing.
        let same = Combined::new(vec![Fixed::boxed(
            "rules",
            vec![("Surabaya", Label::Loc), ("Eri Cahyadi", Label::Per)],
        )]);
        assert_eq!(same.extract(&Document::new("t", text)).len(), 2);
    }

    #[test]
    fn an_organisation_cut_inside_a_region_takes_the_region_in() {
        let text = "Kepala Dinas Kesehatan DKI Jakarta Budi Santoso dan Kantor Berita Asia \
                    Tenggara hadir.";
        let combined = Combined::new(vec![
            Fixed::boxed(
                "list",
                vec![("DKI Jakarta", Label::Loc), ("Asia Tenggara", Label::Loc)],
            ),
            Fixed::boxed(
                "rules",
                vec![
                    ("Dinas Kesehatan DKI", Label::Org),
                    ("Jakarta Budi Santoso", Label::Per),
                    ("Kantor Berita Asia", Label::Org),
                ],
            ),
        ])
        .with_aliases(None);
        assert_eq!(
            run_on(&combined, text),
            [
                row("Dinas Kesehatan DKI Jakarta", Label::Org, "rules"),
                row("Budi Santoso", Label::Per, "rules"),
                // A place that is no region of an office widens nothing
                // (and the longer ORG wins the merge, as before).
                row("Kantor Berita Asia", Label::Org, "rules"),
            ]
        );
    }

    #[test]
    fn an_organisation_that_runs_on_into_a_known_name_ends_before_it() {
        let text = "Calon dari Partai Demokrat Kamala Harris dan Kementerian Luar Negeri Rusia \
                    berbicara; Kader Fraksi Partai X Budi Santoso hadir. Partai Republik \
                    Donald Trump menang; Yayasan Joko Susilo tutup.";
        let combined = Combined::new(vec![
            Fixed::boxed(
                "list",
                vec![
                    ("Partai Demokrat", Label::Org),
                    ("Kamala Harris", Label::Per),
                    ("Kementerian Luar Negeri", Label::Org),
                    ("Rusia", Label::Loc),
                    ("Partai X", Label::Org),
                    ("Budi Santoso", Label::Per),
                    ("Donald Trump", Label::Per),
                    ("Joko Susilo", Label::Per),
                ],
            ),
            Fixed::boxed(
                "rules",
                vec![
                    ("Partai Demokrat Kamala Harris", Label::Org),
                    ("Kementerian Luar Negeri Rusia", Label::Org),
                    ("Fraksi Partai X Budi Santoso", Label::Org),
                    ("Partai Republik Donald Trump", Label::Org),
                    ("Yayasan Joko Susilo", Label::Org),
                ],
            ),
        ])
        .with_aliases(None);
        assert_eq!(
            run_on(&combined, text),
            [
                row("Partai Demokrat", Label::Org, "list"),
                row("Kamala Harris", Label::Per, "list"),
                // Ends with a place, not a name: the longest name stays.
                row("Kementerian Luar Negeri Rusia", Label::Org, "rules"),
                // The rule's longer start is kept.
                row("Fraksi Partai X", Label::Org, "rules"),
                row("Budi Santoso", Label::Per, "list"),
                // No listed party: the words before the person stay.
                row("Partai Republik", Label::Org, "rules"),
                row("Donald Trump", Label::Per, "list"),
                // One word would be left: named after the person.
                row("Yayasan Joko Susilo", Label::Org, "rules"),
            ]
        );
        // A split by a member of lower priority changes nothing.
        let reversed = Combined::new(vec![
            Fixed::boxed("rules", vec![("Partai Demokrat Kamala Harris", Label::Org)]),
            Fixed::boxed(
                "list",
                vec![
                    ("Partai Demokrat", Label::Org),
                    ("Kamala Harris", Label::Per),
                ],
            ),
        ])
        .with_aliases(None);
        assert_eq!(
            run_on(&reversed, text),
            [row("Partai Demokrat Kamala Harris", Label::Org, "rules")]
        );
        // Without the ORG inside, a rule's ORG ending with a known name
        // stays whole (the name may be the organisation's namesake).
        let namesake = Combined::new(vec![
            Fixed::boxed("list", vec![("Budi Santoso", Label::Per)]),
            Fixed::boxed("rules", vec![("Yayasan Budi Santoso", Label::Org)]),
        ])
        .with_aliases(None);
        assert_eq!(
            run_on(&namesake, "Yayasan Budi Santoso memberi beasiswa."),
            [row("Yayasan Budi Santoso", Label::Org, "rules")]
        );
    }

    /// A member with a document-level pass of its own: `extract` adds what
    /// the pass would, `extract_local` does not.
    struct Spreading(Box<dyn Extractor>, &'static str);

    impl Extractor for Spreading {
        fn name(&self) -> &str {
            self.0.name()
        }
        fn labels(&self) -> &[Label] {
            self.0.labels()
        }
        fn extract(&self, doc: &Document) -> Vec<Entity> {
            let start = doc.text.rfind(self.1).expect("test text present");
            let span = Span::within(&doc.text, start, start + self.1.len()).unwrap();
            let mut found = self.extract_local(doc);
            found.push(Entity::new(&doc.text, span, Label::Per, self.name()));
            nerbench_core::sort_entities(&mut found);
            found
        }
        fn extract_local(&self, doc: &Document) -> Vec<Entity> {
            self.0.extract(doc)
        }
    }

    #[test]
    fn members_own_passes_are_left_to_the_merge() {
        // The rules take "Korea Utara" for a person and their own pass makes
        // the later "Utara" one too; the list knows the place, wins the
        // merge, and the merged names spread nothing.
        let text = "Korea Utara menembakkan rudal. Utara mengklaim berhasil.";
        let rules = Spreading(
            Fixed::boxed("rules", vec![("Korea Utara", Label::Per)]),
            "Utara",
        );
        assert_eq!(rules.extract(&Document::new("t", text)).len(), 2);
        let combined = Combined::new(vec![
            Fixed::boxed("list", vec![("Korea Utara", Label::Loc)]),
            Box::new(rules),
        ]);
        let found = run_on(&combined, text);
        assert_eq!(found, [row("Korea Utara", Label::Loc, "list")]);
    }

    #[test]
    fn aliases_spread_over_merged_names() {
        let text = "Macron tiba. Presiden Emmanuel Macron berkata.";
        let combined = Combined::new(vec![Fixed::boxed(
            "names",
            vec![("Emmanuel Macron", Label::Per)],
        )]);
        let found: Vec<(String, String)> = combined
            .extract(&Document::new("t", text))
            .into_iter()
            .map(|e| (e.text, e.source.to_string()))
            .collect();
        assert_eq!(
            found,
            [
                ("Macron".to_string(), "names".to_string()),
                ("Emmanuel Macron".to_string(), "names".to_string())
            ]
        );
    }
    #[test]
    fn homographs_are_dropped_only_between_capitalised_words_of_a_headline() {
        let homographs = HeadlineHomographs::new(["Palu"], ["kota"]);
        let kept = |text: &str| {
            let start = text.find("Palu").unwrap();
            let span = Span::within(text, start, start + 4).unwrap();
            let palu = Entity::new(text, span, Label::Loc, "t");
            !homographs.apply(text, vec![palu]).is_empty()
        };
        assert!(!kept("DPR Ketok Palu RUU TNI\n\nIsi."));
        // The place: at the end of the line, after a cue or a comma, or in
        // running text.
        assert!(kept("Gempa Guncang Palu\n\nIsi."));
        assert!(kept("Warga Kota Palu Mengungsi\n\nIsi."));
        assert!(kept("Hujan Deras, Palu Banjir Lagi\n\nIsi."));
        assert!(kept(
            "Gempa mengguncang kota itu, dan warga Palu Barat mengungsi."
        ));
    }
}
